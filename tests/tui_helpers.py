"""Shared set-up for the reader's tests: a corpus folder and a way to wait for it to load."""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList

from brief.catalog.watch import WatchError
from brief.tui.app import BriefApp
from brief.tui.keeper import Watching

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
ARTICLE = "000_99551782ef0ee64d"  # the article make_corpus gives an annotation file
ANNOTATION_000 = """\
# yaml-language-server: $schema=schema.json
schema: 1
article: 000_99551782ef0ee64d
status: curated
title: {ar: "الكويت: ضرورة تعزيز التعاون العربي", en: "Kuwait urges Arab cooperation"}
who:
  - id: hamad-al-mahmoud
    name: {ar: "حمد المحمود", en: "Hamad Al-Mahmoud"}
    kind: person
    role: {en: "Assistant Director of Cybercrime, Kuwait"}
    evidence: ["العقيد حمد المحمود، ضرورة تعزيز التعاون المشترك"]
where:
  - id: tunis
    name: {ar: "تونس", en: "Tunis"}
    evidence: ["لمجلس وزراء الداخلية العرب بتونس"]
decisions:
  - what: {en: "Practical recommendations to come", ar: "توصيات عملية"}
    kind: announcement
    status: announced
    by: [hamad-al-mahmoud]
    evidence: ["المؤتمر ستنبثق عنه توصيات عملية"]
tags: [cybercrime]
"""


def make_corpus(folder: Path, with_annotation: bool = True) -> Path:
    """A corpus of the five seeds; one annotation file, so the tests do not depend on the
    curated ones."""
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "annotations").mkdir()
    if with_annotation:
        (folder / "annotations" / f"{ARTICLE}.yaml").write_text(ANNOTATION_000, encoding="utf-8")
    return folder


def make_curated(folder: Path) -> Path:
    """The seeds with their curated annotations: Arabic in every section of the panel."""
    make_corpus(folder, with_annotation=False)
    for path in (ROOT / "annotations").glob("*.yaml"):
        shutil.copy(path, folder / "annotations" / path.name)
    return folder


async def loaded(pilot: Pilot[None]) -> BriefApp:
    """Wait for the corpus to be in step with the files (the reader's watcher keeps running)."""
    app = pilot.app
    assert isinstance(app, BriefApp)
    # Generous: a loaded machine, or two readers syncing one catalog, each waiting for the
    # other's write lock (SQLite's busy timeout), can take many seconds.
    deadline = time.monotonic() + 60
    while not app.loaded and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    await pilot.pause()
    assert app.loaded and app.corpus is not None
    return app


async def looked(pilot: Pilot[None]) -> None:
    """Wait for a look at the files (ctrl+r) to be done and shown."""
    app = pilot.app
    looks = [w for w in app.workers if w.group == "look"]
    if looks:  # none: wait_for_complete would wait for every worker, the watcher too
        await app.workers.wait_for_complete(looks)
    await pilot.pause()


def cannot_watch(root: Path, catalog: Path) -> Watching:
    """The watcher of a reader that cannot watch the files (not Linux): it looks at them
    instead. `BriefApp(corpus, watcher=cannot_watch)`."""
    raise WatchError("watching a corpus needs Linux (inotify)")


def keys(text: str) -> list[str]:
    """The key presses that type `text` (Arabic letters included), as a person types it."""
    return ["space" if char == " " else "enter" if char == "\n" else char for char in text]


def screen_rows(app: BriefApp) -> list[str]:
    """The rows the top screen draws, as plain text (what a terminal would show of it)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def prompts(options: OptionList) -> list[str]:
    """What each option of a list shows, as plain text (its lines as laid out)."""
    return [str(options.get_option_at_index(k).prompt) for k in range(options.option_count)]


def screen_text(app: BriefApp) -> str:
    """The rows the top screen draws, as one text."""
    return "\n".join(screen_rows(app))


def saved(corpus: Path, article: str = ARTICLE) -> str:
    """An article's annotation file as it is on disk."""
    return (corpus / "annotations" / f"{article}.yaml").read_text(encoding="utf-8")


def status(app: BriefApp) -> str:
    return str(app.screen.query_one("#status").render())


CHARACTERS = {"tab": "\t", "enter": "\r", "space": " ", "escape": "\x1b"}


async def typed_at_once(pilot: Pilot[None], *keys: str) -> None:
    """Keys as a fast typist's terminal sends them: all read before the first is handled
    (`pilot.press` waits for each key to be handled before it sends the next)."""
    app = pilot.app
    assert app._driver is not None
    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
