"""Editing annotations in the reader, each path asserting the file's content after save."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Input, Select, TextArea

from brief.tui.app import BriefApp
from brief.tui.article_list import ArticleList
from brief.tui.forms import ArticleForm, Confirm, ItemForm
from brief.tui.panes import AnnotationPanel
from tests.tui_helpers import ANNOTATION_000, loaded, make_corpus, without_watcher

ARTICLE = "000_99551782ef0ee64d"
SIZE = (160, 48)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def saved(corpus: Path, article: str = ARTICLE) -> str:
    return (corpus / "annotations" / f"{article}.yaml").read_text(encoding="utf-8")


async def _panel(pilot) -> AnnotationPanel:  # type: ignore[no-untyped-def]
    panel = pilot.app.query_one(AnnotationPanel)
    panel.focus()
    await pilot.pause()
    return panel


def _keys(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


def _fill(form: ItemForm | ArticleForm, **fields: str) -> None:
    for key, value in fields.items():
        widget = form.query_one(f"#field-{key}")
        if isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, TextArea):
            widget.text = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


async def test_add_a_who_item_with_the_search_hit_as_evidence(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *_keys("والرائد أحمد المطر"), "enter")
        await _panel(pilot)
        await pilot.press("a")
        await pilot.press("enter")  # "Who"
        form = app.screen
        assert isinstance(form, ItemForm)
        # The quote is the exact logical-order source text of the match.
        assert form.query_one("#field-evidence", TextArea).text == "والرائد أحمد المطر"
        _fill(form, **{"id": "ahmed-al-matar", "name-en": "Ahmed Al-Matar", "kind": "person"})
        _fill(form, **{"name-ar": "أحمد المطر", "role-en": "Major"})
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert (
        saved(corpus)
        .split("where:")[0]
        .endswith(  # in the style the file's items have: names and lists in flow style
            "  - id: ahmed-al-matar\n"
            '    name: {ar: "أحمد المطر", en: "Ahmed Al-Matar"}\n'
            "    kind: person\n"
            '    role: {en: "Major"}\n'
            '    evidence: ["والرائد أحمد المطر"]\n'
        )
    )


async def test_the_form_refuses_a_quote_not_in_the_article(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _panel(pilot)
        await pilot.press("a", "down", "enter")  # "Where"
        form = app.screen
        assert isinstance(form, ItemForm)
        _fill(form, **{"id": "cairo", "name-en": "Cairo", "evidence": "القاهرة"})
        await pilot.pause()
        problems = str(form.query_one("#form-problems").render())
        assert "evidence not in the article: القاهرة" in problems
        assert form.query_one("#save").disabled
        await pilot.press("ctrl+s")
        assert app.screen is form  # not saved, still open
        await pilot.press("escape")
    assert saved(corpus) == ANNOTATION_000


async def test_edit_then_undo(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await _panel(pilot)
        panel.highlighted = 1  # Hamad Al-Mahmoud
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#field-id", Input).value == "hamad-al-mahmoud"
        _fill(form, **{"role-en": "Colonel, Assistant Director of Cybercrime"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(corpus) == ANNOTATION_000.replace(
            '    role: {en: "Assistant Director of Cybercrime, Kuwait"}\n',
            '    role: {en: "Colonel, Assistant Director of Cybercrime"}\n',
        )
        await pilot.press("u")
        await pilot.pause()
    assert saved(corpus) == ANNOTATION_000


async def test_delete_an_item(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        panel = await _panel(pilot)
        panel.highlighted = 3  # Tunis, after the "Where" heading
        await pilot.press("x")
        assert isinstance(app.screen, Confirm)
        await pilot.click("#yes")
        await pilot.pause()
    assert "where:" not in saved(corpus)
    assert "tunis" not in saved(corpus)


async def test_article_fields_create_a_file_for_an_unannotated_article(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")  # 001 has no annotations in this corpus
        await _panel(pilot)
        await pilot.press("s")
        form = app.screen
        assert isinstance(form, ArticleForm)
        _fill(form, **{"title-en": "Second conference opens in Tunis", "tags": "cybercrime, tunis"})
        form.query_one("#status", Select).value = "curated"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved(corpus, "001_26d5d24b852057da") == (
        "# yaml-language-server: $schema=schema.json\n"
        "schema: 2\n"
        "article: 001_26d5d24b852057da\n"
        "status: curated\n"
        "title:\n"
        '  ar: "انطلاق المؤتمر الثاني لمواجهة جرائم تقنية المعلومات في تونس"\n'
        '  en: "Second conference opens in Tunis"\n'
        "tags:\n"
        "  - cybercrime\n"
        "  - tunis\n"
    )


async def test_a_change_on_disk_is_shown_and_the_edit_applied_again(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await _panel(pilot)
        await pilot.press("s")
        form = app.screen
        assert isinstance(form, ArticleForm)
        form.query_one("#status", Select).value = "reviewed"
        # Meanwhile another editor changes the file.
        theirs = ANNOTATION_000.replace("tags: [cybercrime]", "tags: [cybercrime, kuwait]")
        (corpus / "annotations" / f"{ARTICLE}.yaml").write_text(theirs, encoding="utf-8")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(corpus) == theirs  # not overwritten
        confirm = app.screen
        assert isinstance(confirm, Confirm)
        assert "+tags: [cybercrime, kuwait]" in confirm.details
        await pilot.click("#yes")  # apply the edit again, to the new version
        await pilot.pause()
    assert "status: reviewed" in saved(corpus)
    assert "kuwait" in saved(corpus)


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
        await _panel(pilot)
        await pilot.press("e")
        await pilot.pause()
    assert saved(corpus) == ANNOTATION_000.replace("status: curated", "status: reviewed")


async def test_kept_edits_are_offered_back_at_start(corpus: Path) -> None:
    kept = corpus / ".brief-recovery" / f"{ARTICLE}.yaml"
    kept.parent.mkdir()
    kept.write_text(ANNOTATION_000.replace("status: curated", "status: reviewed"), "utf-8")
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.click("#yes")
        await pilot.pause()
    assert "status: reviewed" in saved(corpus)
    assert not kept.exists()


async def test_mouse_selection_gives_the_logical_source_text(corpus: Path) -> None:
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
        assert app.selection is not None
        from brief.tui import editing

        quote = editing.quote_for_evidence(app)
        assert quote is not None and quote.startswith("كتب ناصر")
        article = app.corpus.article(ARTICLE)  # type: ignore[union-attr]
        assert quote in article.text


async def test_export_what_the_filter_shows(corpus: Path) -> None:
    from brief.tui.screens import ExportScreen

    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.apply_filter("who:mahmoud")
        await pilot.pause()
        await pilot.press("escape")  # leave the filter bar
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.count == 1
        assert 'articles:\n- "000_99551782ef0ee64d"\n' in screen.brief
        target = corpus / "out.md"
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(app.query_one("#status").render()) == f"wrote {target} (1 article)"
    text = target.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Brief: who:mahmoud"\n')
    assert "### 000: Kuwait urges Arab cooperation" in text


async def test_a_save_shows_at_once_without_a_watcher(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list row follows the saved file even where the reader watches nothing."""
    without_watcher(monkeypatch)
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        articles = app.query_one(ArticleList)
        assert (summary := articles.summary(0)) is not None and summary.status == "curated"
        await _panel(pilot)
        await pilot.press("s")
        form = app.screen
        assert isinstance(form, ArticleForm)
        form.query_one("#status", Select).value = "draft"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (summary := articles.summary(0)) is not None and summary.status == "draft"
