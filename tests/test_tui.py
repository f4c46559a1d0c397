"""The reader driven by keys as a person would, asserting what the screen shows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.text import Text

from brief.catalog import sync
from brief.text.bidi import layout
from brief.tui import keeping
from brief.tui.app import BriefApp
from brief.tui.article_list import ArticleList
from brief.tui.article_view import ArticleView
from brief.tui.panes import AnnotationPanel
from brief.tui.screens import EntitiesScreen, HelpScreen, TimelineScreen
from tests.tui_helpers import loaded, looked, make_corpus, without_watcher

WIDE = (160, 48)
SMALL = (80, 24)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path)


def _reader_rows(app: BriefApp) -> list[str]:
    return app.query_one(ArticleView).visible_rows()


def _status(app: BriefApp) -> str:
    return str(app.query_one("#status").render())


async def test_opens_on_the_first_article_with_everything_listed(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert app.current == "000_99551782ef0ee64d"
        articles = app.query_one(ArticleList)
        assert articles.count == 5
        assert _status(app) == "5 articles"
        rows = _reader_rows(app)
        width = app.query_one(ArticleView).text_width
        title = app.corpus.article("000_99551782ef0ee64d").title  # type: ignore[union-attr]
        assert rows[: len(layout(title, width))] == layout(title, width)
        assert all(panel.display for panel in app.query("#panes > *"))


async def test_next_and_previous_article(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        assert app.current == "001_26d5d24b852057da"
        await pilot.press("right_square_bracket")
        assert app.current == "002_d9a5e05a9b981f49"
        await pilot.press("p")
        assert app.current == "001_26d5d24b852057da"
        await pilot.press("left_square_bracket")
        assert app.current == "000_99551782ef0ee64d"
        title_001 = app.corpus.article("001_26d5d24b852057da").title  # type: ignore[union-attr]
        await pilot.press("n")
        width = app.query_one(ArticleView).text_width
        assert _reader_rows(app)[0] == layout(title_001, width)[0]


async def test_scrolling_keys(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        reader = app.query_one(ArticleView)
        await pilot.press("j", "j", "j")
        assert reader.scroll_offset.y == 3
        await pilot.press("k")
        assert reader.scroll_offset.y == 2
        await pilot.press("G")
        assert reader.scroll_offset.y == reader.max_scroll_y > 10
        await pilot.press("g")
        assert reader.scroll_offset.y == 0
        await pilot.press("space")
        assert reader.scroll_offset.y > 10


async def test_filter_updates_the_list_as_you_type_arabic_aware(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        # Seed 000 spells it الإلكترونية and الالكترونية; 004 الإلكترونية: all match.
        await pilot.press(*"الالكترونية")
        assert app.visible_ids == [
            "000_99551782ef0ee64d",
            "001_26d5d24b852057da",
            "002_d9a5e05a9b981f49",
            "004_0b6d1692144c6f75",
        ]
        assert _status(app) == "4 of 5 articles match"
        await pilot.press(*" -تونس")
        assert app.visible_ids == []
        assert _status(app) == "0 of 5 articles match"
        await pilot.press("escape")
        app.apply_filter("")
        await pilot.pause()
        assert len(app.visible_ids) == 5


async def test_filter_by_field_and_year(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        app.apply_filter("who:mahmoud")
        await pilot.pause()
        assert app.visible_ids == ["000_99551782ef0ee64d"]
        app.apply_filter("when:2020")
        await pilot.pause()
        assert app.visible_ids == ["004_0b6d1692144c6f75"]
        assert app.query_one(ArticleList).count == 1


async def test_search_highlights_hits_and_moves_between_them(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"المحمود", "enter")
        assert len(app.hits) == 4
        assert _status(app) == "match 1 of 4 · n/N: next/previous"
        await pilot.press("n")
        assert _status(app) == "match 2 of 4 · n/N: next/previous"
        await pilot.press("N", "N")
        assert _status(app) == "match 4 of 4 · n/N: next/previous"
        reader = app.query_one(ArticleView)
        assert reader.document is not None
        marked = _styled_text(reader, "on magenta")
        assert marked == "دومحملا"
        await pilot.press("escape")
        assert app.hits == []
        await pilot.press("n")  # no search any more: the next article
        assert app.current == "001_26d5d24b852057da"


def _styled_text(reader: ArticleView, style: str) -> str:
    """Characters on screen that carry `style`, in visual order."""
    assert reader.document is not None
    top = int(reader.scroll_offset.y)
    found = []
    for y in range(reader.scrollable_content_region.height):
        row: Text = reader.document.row(top + y)
        for span in row.spans:
            if style in str(span.style):
                found.append(row.plain[span.start : span.end])
    return "".join(found)


async def test_selecting_an_annotation_highlights_its_evidence(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        panel = app.query_one(AnnotationPanel)
        panel.focus()
        await pilot.pause()
        panel.highlighted = 1  # the first item after the "Who" heading
        await pilot.pause()
        reader = app.query_one(ArticleView)
        quote = "العقيد حمد المحمود، ضرورة تعزيز التعاون المشترك"
        shown = _styled_text(reader, "on yellow")
        # The highlight covers exactly the quoted characters, across rows, after reordering.
        assert sorted(shown.replace(" ", "")) == sorted(quote.replace(" ", ""))
        assert _status(app) == "1 evidence quote(s) highlighted"
        await pilot.press("escape")


async def test_translation_toggle_shows_arabic_panel(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        panel = app.query_one(AnnotationPanel)
        first = str(panel.get_option_at_index(0).prompt)
        assert "Who" in first
        await pilot.press("t")
        first = str(panel.get_option_at_index(0).prompt)
        assert "مَن" in first
        assert "نيسحملا" not in first


async def test_help_screen_lists_the_keys(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for expected in ("Quit", "Filter", "Search", "Next", "Translate", "who:", "ctrl+p"):
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_entity_index_filters_and_timeline_opens(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EntitiesScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.visible_ids == ["000_99551782ef0ee64d"]
        app.apply_filter("")
        await pilot.pause()
        await pilot.press("n")
        await pilot.press("T")
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("escape")


async def test_tab_shows_hidden_panes_on_a_small_terminal(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        assert not app.query_one("#articles").display
        assert not app.query_one("#annotations").display
        await pilot.press("tab")
        assert app.focused is app.query_one("#annotations")
        assert app.query_one("#annotations").display
        await pilot.press("tab")
        assert app.focused is app.query_one("#articles")
        assert not app.query_one("#annotations").display
        await pilot.press("enter")
        assert app.focused is app.query_one("#reader")


async def test_quit(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_keys_can_be_remapped_in_brief_toml(corpus: Path) -> None:
    (corpus / "brief.toml").write_text('[keys]\nfilter = "F"\n', encoding="utf-8")
    from brief.settings import load_settings

    app = BriefApp(corpus, load_settings(corpus, user_file=corpus / "none.toml"))
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        assert app.mode == ""
        await pilot.press("F")
        assert app.mode == "filter"
        assert app.query_one("#bar").display


async def test_command_palette_offers_commands_and_articles(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"timeline")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.press(*"open 004")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current == "004_0b6d1692144c6f75"


async def test_duplicates_fold_and_unfold(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("n", "n", "n")  # 003: its whole text repeats
        assert app.current == "003_4c77df3cdd400cf5"
        reader = app.query_one(ArticleView)
        assert reader.document is not None
        rows = [reader.document.row(y).plain for y in range(reader.document.height)]
        assert "⋯ 6 paragraphs folded: ¶8–¶13 repeat ¶2–¶7" in rows
        folded_height = reader.document.height
        await pilot.press("z")
        rows = [reader.document.row(y).plain for y in range(reader.document.height)]
        assert not any(row.startswith("⋯") for row in rows)
        assert reader.document.height > folded_height + 20
        await pilot.press("z")
        assert reader.document.height == folded_height


async def test_clicking_an_article_opens_it(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.click("#articles", offset=(5, 7))  # the third entry (three rows each)
        assert app.current == "002_d9a5e05a9b981f49"


async def test_bidi_controls_in_an_article_are_shown_and_warned_about(corpus: Path) -> None:
    (corpus / "seeds" / "000_99551782ef0ee64d.txt").write_text(
        "عنوان\nأمر \u202eمعكوس\u202c هنا \x1b[31mأحمر\n", encoding="utf-8"
    )
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        rows = " ".join(_reader_rows(app))
        assert "¦RLO¦" in rows and "¦PDF¦" in rows
        assert "\x1b" not in rows and "\u241b" in rows
        warning = str(app.query_one(AnnotationPanel).get_option_at_index(0).prompt)
        assert warning.startswith("⚠ 2 invisible bidi controls in this article")


async def test_arabic_typed_in_the_bar_is_also_shown_as_it_reads(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("f", *"تونس")
        preview = app.query_one("#bar-preview")
        assert preview.display
        assert str(preview.render()) == "reads: سنوت"
        await pilot.press("escape")
        assert not preview.display


async def test_a_file_changed_outside_shows_by_itself(corpus: Path) -> None:
    """The reader watches the files: an edit made elsewhere shows without a key pressed."""
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert app.keeper.watcher is not None
        await pilot.press("f", *"zebra", "enter")
        assert app.query_one(ArticleList).count == 0
        article = corpus / "seeds" / "002_d9a5e05a9b981f49.txt"
        article.write_text(article.read_text("utf-8") + "\nzebra crossing\n", "utf-8")
        for _ in range(300):
            await pilot.pause(0.01)
            if app.visible_ids:
                break
        assert app.visible_ids == ["002_d9a5e05a9b981f49"]
        assert _status(app) == "5 articles; 1 changed on disk"


async def test_a_file_changed_outside_shows_after_ctrl_r(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the reader cannot watch (not Linux), ctrl+r looks at every file at once."""
    without_watcher(monkeypatch)
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("f", *"zebra", "enter")
        assert app.query_one(ArticleList).count == 0
        article = corpus / "seeds" / "002_d9a5e05a9b981f49.txt"
        article.write_text(article.read_text("utf-8") + "\nzebra crossing\n", "utf-8")
        (corpus / "seeds" / "004_0b6d1692144c6f75.txt").unlink()
        await pilot.press("ctrl+r")
        await looked(pilot)
        assert app.visible_ids == ["002_d9a5e05a9b981f49"]
        assert _status(app) == "4 articles; 2 changed on disk"
        await pilot.press("escape", "n")
        assert app.current == "002_d9a5e05a9b981f49"
        assert "zebra crossing" in app.query_one(ArticleView).article.text  # type: ignore[union-attr]


async def test_a_reader_that_cannot_watch_says_so_and_looks_instead(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_inotify(*_: object, **__: object) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(keeping.Watcher, "run", no_inotify)
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert app.keeper.watcher is None
        assert _status(app) == (
            "5 articles; cannot watch the files ([Errno 24] Too many open files): "
            "looking at them every few seconds"
        )
        (corpus / "seeds" / "004_0b6d1692144c6f75.txt").unlink()
        await pilot.press("ctrl+r")
        await looked(pilot)
        assert len(app.visible_ids) == 4


async def test_a_file_named_in_no_utf8_is_left_out_and_said(corpus: Path) -> None:
    seed = corpus / "seeds" / "004_0b6d1692144c6f75.txt"
    os.rename(seed, os.fsencode(corpus / "seeds") + b"/\xfe.txt")
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert len(app.visible_ids) == 4
        assert _status(app) == (
            f"4 articles; 1 file(s) skipped: {corpus}/seeds/\\xfe.txt: its name is not UTF-8; "
            "rename it"
        )


async def test_a_large_first_build_runs_in_worker_processes(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spawned from the reader's thread while Textual holds stderr (fileno() is -1 then)."""
    monkeypatch.setattr(sync, "PARALLEL_FROM", 2)
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert len(app.visible_ids) == 5
        assert _status(app) == "5 articles"


async def test_panes_follow_the_terminal_as_it_is_resized(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)

        def shown() -> list[bool]:
            return [app.query_one(f"#{pane}").display for pane in ("articles", "annotations")]

        assert shown() == [True, True]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert shown() == [False, False]
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert shown() == [True, True]
