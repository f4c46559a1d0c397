"""Every screen of the reader that shows Arabic, walked with keys: no row may show an Arabic
word in logical order, which a terminal that does no bidi of its own draws backwards.

The detector: the Arabic words of the seeds, the annotations and brief's own strings (three
letters or more, harakat left out, not palindromes, and not a word whose reverse is one too). In
visual order a word shows reversed; a row holding one of them as written is in logical order.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path

import pytest
from textual.pilot import Pilot

from brief.annotations.vocabulary import SECTION_TITLES
from brief.catalog.query import __doc__ as QUERY_HELP
from brief.tui.app import BriefApp
from tests.tui_helpers import ROOT, keys, loaded, make_curated, screen_rows

MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3]+")


@cache
def logical_words() -> frozenset[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "annotations").glob("*.yaml"))]
    texts += [QUERY_HELP or "", *SECTION_TITLES["ar"].values()]
    words = {w for t in texts for w in ARABIC_WORD.findall(MARKS.sub("", t)) if len(w) >= 3}
    return frozenset(w for w in words if w != w[::-1] and w[::-1] not in words)


def in_logical_order(rows: list[str]) -> list[tuple[str, str]]:
    """(word, row) for each row that shows a known Arabic word as written."""
    words = logical_words()
    found = []
    for row in rows:
        for word in ARABIC_WORD.findall(MARKS.sub("", row)):
            if word in words:
                found.append((word, row.strip()))
                break
    return found


@pytest.fixture
def curated(tmp_path: Path) -> Path:
    return make_curated(tmp_path / "corpus")


Walk = Callable[[Pilot[None]], Awaitable[None]]


async def _nothing(pilot: Pilot[None]) -> None:
    pass


async def _arabic_panel(pilot: Pilot[None]) -> None:
    await pilot.press("t")


async def _help(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


async def _help_end(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark", "G")


async def _entities(pilot: Pilot[None]) -> None:
    await pilot.press("t", "e")


async def _timeline(pilot: Pilot[None]) -> None:
    await pilot.press("t", "T")


async def _item_form(pilot: Pilot[None]) -> None:
    await pilot.press("tab", "j", "enter")


async def _article_form(pilot: Pilot[None]) -> None:
    await pilot.press("tab", "s")


async def _confirm(pilot: Pilot[None]) -> None:
    await pilot.press("t", "tab", "j", "x")


async def _export(pilot: Pilot[None]) -> None:
    await pilot.press("o")


async def _palette(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p", *keys("open"))
    await pilot.pause(0.5)


async def _filter_placeholder(pilot: Pilot[None]) -> None:
    await pilot.press("f")


async def _filter_typed(pilot: Pilot[None]) -> None:
    await pilot.press("f", *keys("تونس"))


async def _search_typed(pilot: Pilot[None]) -> None:
    await pilot.press("slash", *keys("المحمود"))


async def _palette_typed(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p", *keys("تونس"))
    await pilot.pause(0.5)


async def _toast(pilot: Pilot[None]) -> None:
    await pilot.press("o", "ctrl+u", *keys("/nonexistent/تونس.md"), "enter")
    for _ in range(100):  # a toast is drawn a moment after it is raised
        await pilot.pause(0.02)
        if pilot.app.screen.query("Toast"):
            break
    assert any("cannot write" in row for row in screen_rows(pilot.app))  # type: ignore[arg-type]


async def _status_error(pilot: Pilot[None]) -> None:
    await pilot.press("f", *keys("when:تونس"), "escape")


WALKS = [
    pytest.param(_nothing, id="main screen, English panel"),
    pytest.param(_arabic_panel, id="main screen, Arabic panel"),
    pytest.param(_help, id="help"),
    pytest.param(_help_end, id="help scrolled to its end"),
    pytest.param(_entities, id="entities"),
    pytest.param(_timeline, id="timeline"),
    pytest.param(_item_form, id="item form with Arabic values"),
    pytest.param(_article_form, id="article form with Arabic values"),
    pytest.param(_confirm, id="confirm"),
    pytest.param(_export, id="export preview"),
    pytest.param(_palette, id="palette with results"),
    pytest.param(_filter_placeholder, id="filter bar placeholder"),
    pytest.param(_filter_typed, id="filter bar with Arabic typed"),
    pytest.param(_search_typed, id="search bar with Arabic typed"),
    pytest.param(_palette_typed, id="palette with Arabic typed"),
    pytest.param(_toast, id="toast"),
    pytest.param(_status_error, id="status line"),
]


@pytest.mark.parametrize("walk", WALKS)
async def test_no_row_shows_arabic_in_logical_order(curated: Path, walk: Walk) -> None:
    app = BriefApp(curated)
    async with app.run_test(size=(160, 80), notifications=True) as pilot:
        await loaded(pilot)
        await walk(pilot)
        await pilot.pause()
        rows = screen_rows(app)
        assert any(ARABIC_WORD.search(row) for row in rows), "no Arabic on this screen"
        assert in_logical_order(rows) == []


def test_the_detector_tells_logical_from_visual_order() -> None:
    from brief.text.bidi import visual_line

    title = "ضرورة تعزيز التعاون العربي لمواجهة الجرائم الإلكترونية"
    assert in_logical_order([f"Title: {title}"]) != []
    assert in_logical_order([f"Title: {visual_line(title)}"]) == []
