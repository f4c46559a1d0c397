"""The reader after a merge git could not finish: an annotation file with conflict markers
says so in the panel, naming each marker's line, instead of "No annotations"; resolved outside
the reader, the items show again (ctrl+r looks at once)."""

from __future__ import annotations

from pathlib import Path

from brief.tui.app import BriefApp
from brief.tui.widgets.annotation_panel import AnnotationPanel
from tests.tui_helpers import ANNOTATION_000, loaded, looked, make_corpus, prompts

WIDE = (160, 48)
ARTICLE = "000_99551782ef0ee64d"


def _panel_text(app: BriefApp) -> list[str]:
    # Wrapped to the panel: its rows joined.
    return [" ".join(prompt.split()) for prompt in prompts(app.query_one(AnnotationPanel))]


async def test_conflict_markers_are_named_in_the_panel(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    path = corpus / "annotations" / f"{ARTICLE}.yaml"
    conflicted = ANNOTATION_000.replace(
        "status: curated\n",
        "<<<<<<< ours\nstatus: curated\n=======\nstatus: reviewed\n>>>>>>> theirs\n",
    )
    path.write_text(conflicted, encoding="utf-8")
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert app.reader.current == ARTICLE
        shown = _panel_text(app)
        assert shown[0] == "⚠ This article's annotation file does not load:"
        assert [line.split(":")[0] for line in shown[1:4]] == ["line 4", "line 6", "line 8"]
        assert shown[1] == (
            "line 4: unresolved merge conflict marker <<<<<<<: keep one side (or both) and "
            "remove the markers"
        )
        assert shown[4] == "brief validate shows each; e opens the file in $EDITOR"
        assert not [line for line in shown if line.startswith("No annotations")]
        # Resolved in an editor outside the reader: the items are back.
        path.write_text(ANNOTATION_000, encoding="utf-8")
        await pilot.press("ctrl+r")
        await looked(pilot)
        shown = _panel_text(app)
        assert shown[0] == "Who" and not any("does not load" in line for line in shown)
