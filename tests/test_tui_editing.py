"""Editing annotations in the reader, beyond the dialogs (tests/test_tui_dialogs.py): a refused
quote, the analyst's editor, evidence from a mouse selection, a save with no watcher."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from rich.cells import cell_len

from brief.tui.app import BriefApp
from brief.tui.widgets.article_list import ArticleList
from brief.tui.widgets.fields import TextBox
from tests.tui_helpers import (
    ANNOTATION_000,
    ARTICLE,
    cannot_watch,
    keys,
    loaded,
    make_corpus,
    saved,
    screen_rows,
)

SIZE = (160, 48)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


async def test_the_form_refuses_a_quote_not_in_the_article(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "down", "enter")  # "Where"
        await pilot.press(*keys("cairo"), "tab", "tab", *keys("Cairo"), "tab", "tab", "tab")
        await pilot.press(*keys("القاهرة"))
        form = app.screen
        await pilot.press("ctrl+s")
        assert app.screen is form  # not saved, still open
        rows = "\n".join(screen_rows(app))
        assert "Evidence: not in the article: ةرهاقلا" in rows  # as it reads
        await pilot.press("escape", "y")
    assert saved(corpus) == ANNOTATION_000


async def test_the_analysts_editor_round_trip(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            from pathlib import Path
            path = Path(sys.argv[1])
            path.write_text(path.read_text().replace("status: curated", "status: reviewed"))
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "e")
        await pilot.pause()
    assert saved(corpus) == ANNOTATION_000.replace("status: curated", "status: reviewed")


async def test_a_mouse_selection_is_the_evidence_of_an_item_added_with_a(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        reader = pilot.app.query_one("#reader")
        rows = reader.visible_rows()  # type: ignore[attr-defined]
        y = next(k for k, row in enumerate(rows) if row.endswith("¶6"))
        width = cell_len(rows[y]) - 5
        # Drag from the right end of the row (the paragraph's first word) leftwards.
        offset_y = y + 1  # the pane's border
        await pilot.mouse_down("#reader", offset=(2 + width - 1, offset_y))
        await pilot.mouse_up("#reader", offset=(2 + width - 9, offset_y))
        await pilot.pause()
        assert "characters selected" in str(app.screen.query_one("#status").render())
        await pilot.press("a", "enter")  # a who item, its evidence the selection
        quote = app.screen.query_one("#field-evidence", TextBox).text
        assert quote.startswith("كتب ناصر")  # the logical source text, first word first
        article = app.corpus.article(ARTICLE)  # type: ignore[union-attr]
        assert quote in article.text


async def test_a_save_shows_at_once_without_a_watcher(corpus: Path) -> None:
    """The list row follows the saved file even where the reader watches nothing."""
    app = BriefApp(corpus, watcher=cannot_watch)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        articles = app.query_one(ArticleList)
        assert (summary := articles.summary(0)) is not None and summary.status == "curated"
        await pilot.press("tab", "s", "enter", "up", "up", "enter", "ctrl+s")  # status: draft
        await pilot.pause()
        assert (summary := articles.summary(0)) is not None and summary.status == "draft"
        assert "000 2025-10-01  draft" in "\n".join(screen_rows(app))
