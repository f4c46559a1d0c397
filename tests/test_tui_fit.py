"""Panes that fit the terminal: text laid out once at the width it is shown at, the help that
scrolls, a footer whose labels are whole at 80x24, and status lines that do not outstay what
they were about."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widget import Widget

from brief.tui.app import BriefApp
from brief.tui.display import shown
from tests.tui_helpers import keys, loaded, make_corpus, make_curated, screen_rows, status

ROLE = "Assistant Director of Cybercrime, Kuwait"  # 40 cells: one row of a 46-column pane


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def _text_width(widget: Widget) -> int:
    """The cells an option list gives its options' text."""
    padding = widget.get_component_styles("option-list--option").padding.width
    return widget.scrollable_content_region.width - padding


def _rows_of(app: BriefApp, widget: Widget) -> list[str]:
    """What the screen shows inside `widget`'s content region."""
    region = widget.content_region
    rows = screen_rows(app)[region.y : region.bottom]
    return [row[region.x : region.right].strip() for row in rows]


@pytest.mark.parametrize("size", [(120, 40), (160, 48), (200, 60)])
async def test_the_annotations_pane_wraps_at_its_width_when_it_opens(
    corpus: Path, size: tuple[int, int]
) -> None:
    for _ in range(3):  # it was a race: the width read before the layout, some launches
        app = BriefApp(corpus)
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            assert ROLE in screen_rows(app)[3]


async def test_the_annotations_pane_wraps_at_its_width_once_shown_on_a_narrow_terminal(
    corpus: Path,
) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("tab")  # hidden until now: laid out at its width when it shows
        assert any(ROLE in row for row in screen_rows(app))
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert any(ROLE in row for row in screen_rows(app))


async def test_the_help_scrolls_and_says_how_to_close_it(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        first = screen_rows(app)
        assert any("Esc" in row and "closes" in row for row in first)
        await pilot.press("j")
        assert screen_rows(app) != first
        await pilot.press("G")
        assert any("-tunis" in row for row in screen_rows(app))  # the last line of the help
        await pilot.press("g")
        assert screen_rows(app) == first
        await pilot.press("pagedown")
        assert screen_rows(app) != first


async def test_at_80x24_the_footer_says_how_to_reach_the_panes_and_cuts_no_label(
    corpus: Path,
) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for focus in ("reader", "annotations", "articles"):
            await pilot.press(*(["tab"] if focus != "reader" else []))
            footer = screen_rows(app)[-1]
            assert "tab Panes" in footer and "? Help" in footer, footer
            keys_shown = list(app.screen.query("FooterKey"))
            assert keys_shown
            for key in keys_shown:
                assert key.region.right <= 80, f"{key.description!r} cut: {footer}"
                assert key.description in footer, footer
        assert "Translate" not in footer


async def test_filtering_on_a_narrow_terminal_shows_the_list(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert not app.query_one("#articles").display
        await pilot.press("f", *keys("who:mahmoud"))
        assert app.query_one("#articles").display
        assert any(row.startswith("│ 000 2025-10-01") for row in screen_rows(app))


@pytest.mark.parametrize("width", [80, 100, 160])
async def test_the_timeline_wraps_once_at_its_width(tmp_path: Path, width: int) -> None:
    app = BriefApp(make_curated(tmp_path / "corpus"))
    async with app.run_test(size=(width, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("T")
        timeline = app.screen.query_one("#timeline")
        index = app.corpus_index
        assert index is not None
        longest = max((e.what.en or "" for e in index.timeline), key=len)
        expected = shown(longest, _text_width(timeline), rows=2).plain.split("\n")
        assert len(expected) >= 1
        rows = _rows_of(app, timeline)
        for row in expected:
            assert row.strip() in rows, (row, rows)


@pytest.mark.parametrize("width", [80, 100, 160])
async def test_the_export_preview_wraps_once_at_its_width(tmp_path: Path, width: int) -> None:
    app = BriefApp(make_curated(tmp_path / "corpus"))
    async with app.run_test(size=(width, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("o")
        preview = app.screen.query_one("#export-preview")
        brief = app.screen.brief  # type: ignore[attr-defined]
        line = next(line for line in brief.split("\n") if len(line) > 200)
        width = preview.scrollable_content_region.width
        expected = shown(line, width, rows=3).plain.split("\n")
        rows = _rows_of(app, preview)
        for row in expected:
            assert row.strip() in rows, (row, rows)


async def test_status_lines_go_with_what_they_were_about(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *keys("المحمود"), "enter")
        assert status(app).startswith("match 1 of 4")
        await pilot.press("p")  # another article
        assert not status(app).startswith("match")
        await pilot.press("f", *keys("who:mahmoud"), "enter", "e")  # read for what is shown
        await pilot.pause()
        await pilot.press("escape")
        assert "Reading the annotations" not in status(app)


async def test_one_article_is_one_article(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *keys("filter hamad"))
        await pilot.pause(0.5)
        rows = "\n".join(screen_rows(app))
        assert "1 article" in rows and "1 articles" not in rows
        await pilot.press("escape", "f", *keys("who:mahmoud"), "enter", "o")
        rows = "\n".join(screen_rows(app))
        assert "Export 1 article to" in rows


def test_cells_are_counted_as_the_terminal_does() -> None:
    assert cell_len("سنوت") == 4  # the widths above assume one cell a letter
