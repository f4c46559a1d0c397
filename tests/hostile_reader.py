"""The reader on a hostile corpus, as a person goes through it, in a process of its own (so that
tests/test_hostile.py can hold it to a limit of memory and time): every article one after the
other (n), its annotations, the help, the entity index, the timeline, the export's preview.
Whatever is on screen at each step is read as a terminal would be sent it; what it prints (JSON)
says which articles were seen and every row that held a control or a bidi control raw.

    python -m tests.hostile_reader CORPUS
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from brief.tui.app import BriefApp
from tests.hostile_inputs import RAW
from tests.tui_helpers import loaded, screen_rows


async def go_through(corpus: Path) -> dict[str, object]:
    app = BriefApp(corpus)
    seen: list[str] = []
    raw: list[str] = []

    def look(step: str) -> None:
        for row in screen_rows(app):
            if RAW.search(row):
                raw.append(f"{step}: {row!r}")

    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        look("start")
        status = str(app.screen.query_one("#status").render())
        for _ in range(len(app.visible_ids) + 1):
            if app.current is not None and app.current not in seen:
                seen.append(app.current)
                look(app.current)
                await pilot.press("tab", "tab", "down")  # the annotations, an item in them
                await pilot.pause()
                look(f"{app.current}, its annotations")
                await pilot.press("shift+tab", "shift+tab")
            await pilot.press("n")
            await pilot.pause()
        for key, step in (("question_mark", "help"), ("e", "entities"), ("T", "timeline")):
            await pilot.press(key)
            await pilot.pause()
            look(step)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        look("export")
        await pilot.press("escape")
        await pilot.pause()
    return {"seen": seen, "raw": raw, "status": status}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(go_through(Path(sys.argv[1]))), ensure_ascii=False))
