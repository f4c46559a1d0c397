"""Every dialog of the reader, typed into from the keyboard alone, as an analyst does: each test
presses keys only, and checks the annotation file on disk and what the screen shows."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from brief.tui.app import BriefApp
from tests.tui_helpers import (
    ANNOTATION_000,
    ARTICLE,
    keys,
    loaded,
    make_corpus,
    saved,
    screen_text,
    status,
)

SIZE = (160, 48)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


async def test_add_a_who_item_typed_with_the_search_hit_as_evidence(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *keys("والرائد أحمد المطر"), "enter")
        await pilot.press("tab", "a", "enter")  # the annotations pane; add; "Who"
        await pilot.press(*keys("ahmed-al-matar"), "tab", *keys("أحمد المطر"), "tab")
        await pilot.press(*keys("Ahmed Al-Matar"), "tab")
        await pilot.press("enter", "down", "enter")  # Kind: the menu opens; "person"
        await pilot.press("tab", "tab", *keys("Major"), "tab", "tab", "tab")  # to the quotes
        assert "✓ valid" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert status(app) == f"who added: {ARTICLE}.yaml saved (u undoes)"
    assert (
        saved(corpus)
        .split("where:")[0]
        .endswith(
            "  - id: ahmed-al-matar\n"
            '    name: {ar: "أحمد المطر", en: "Ahmed Al-Matar"}\n'
            "    kind: person\n"
            '    role: {en: "Major"}\n'
            '    evidence: ["والرائد أحمد المطر"]\n'
        )
    )


async def test_add_a_where_item_from_the_article_pane(corpus: Path) -> None:
    """The issue's own steps: arab-states, typed, its evidence typed into the quotes box."""
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "down", "enter")  # from the article pane: "Where"
        await pilot.press(*keys("arab-states"), "tab", *keys("الدول العربية"), "tab")
        await pilot.press(*keys("Arab states"), "tab")
        await pilot.press("enter", "down", "down", "down", "enter")  # Kind: "region"
        await pilot.press("tab", "tab", *keys("الدول العربية"))  # aliases left empty; evidence
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Arab states" in screen_text(app)  # the panel shows the new place
    assert saved(corpus).endswith(
        "  - id: arab-states\n"
        '    name: {ar: "الدول العربية", en: "Arab states"}\n'
        "    kind: region\n"
        '    evidence: ["الدول العربية"]\n'
        "decisions:\n"
        + ANNOTATION_000.split("decisions:\n")[1].replace("tags: [cybercrime]\n", "")
        + "tags: [cybercrime]\n"
    )


async def test_esc_on_a_form_with_typing_asks_before_it_discards(corpus: Path) -> None:
    """Nothing typed is lost unasked: Esc on a touched form asks; n keeps the typing."""
    from brief.tui.screens.dialogs import Confirm
    from brief.tui.screens.forms import ItemForm

    app = BriefApp(corpus)
    before = saved(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "down", "enter")  # "Where"
        await pilot.press("escape")  # nothing typed yet: closes at once
        assert not isinstance(app.screen, ItemForm)
        await pilot.press("a", "down", "enter", *keys("arab-states"), "escape")
        assert isinstance(app.screen, Confirm)
        assert "Discard what you typed in this form?" in screen_text(app)
        await pilot.press("enter")  # the default is to keep editing
        assert isinstance(app.screen, ItemForm)
        assert "arab-states" in screen_text(app)
        await pilot.press("escape", "n")
        assert isinstance(app.screen, ItemForm)
        await pilot.press("escape", "y")
        assert not isinstance(app.screen, (ItemForm, Confirm))
    assert saved(corpus) == before


async def test_add_a_when_item(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "down", "down", "down", "enter")  # "When", after "Event"
        await pilot.press(*keys("2025-10-01"), "tab")
        await pilot.press("enter", "down", "enter")  # Certainty: "stated"
        await pilot.press("tab", *keys("المؤتمر الثاني"), "tab", *keys("The second conference"))
        await pilot.press("tab", *keys("الأربعاء 1 أكتوبر 2025"), "ctrl+s")
        await pilot.pause()
        assert "2025-10-01 · stated" in screen_text(app)  # the pane shows the new date
        assert "The second conference" in screen_text(app)
    assert (
        "when:\n"
        "  - date: '2025-10-01'\n"
        "    certainty: stated\n"
        '    what: {ar: "المؤتمر الثاني", en: "The second conference"}\n'
        '    evidence: ["الأربعاء 1 أكتوبر 2025"]\n'
        "decisions:\n"
    ) in saved(corpus)


async def test_add_a_decision_with_a_completed_id(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "end", "up", "enter")  # "Decision", before "Discrepancy"
        await pilot.press(*keys("تعزيز التعاون"), "tab", *keys("Strengthen cooperation"), "tab")
        await pilot.press("enter", "down", "down", "enter")  # Kind: "recommendation"
        await pilot.press("tab", "enter", "down", "down", "enter")  # Status: "recommended"
        await pilot.press("tab", *keys("hamad"), "right")  # by: completed from the known ids
        await pilot.press("tab", *keys("ضرورة تعزيز التعاون المشترك"), "ctrl+s")
        await pilot.pause()
        assert "Strengthen cooperation" in screen_text(app)
        assert "recommendation · recommended · Hamad" in screen_text(app)
    assert saved(corpus).endswith(
        '  - what: {ar: "تعزيز التعاون", en: "Strengthen cooperation"}\n'
        "    kind: recommendation\n"
        "    status: recommended\n"
        "    by: [hamad-al-mahmoud]\n"
        '    evidence: ["ضرورة تعزيز التعاون المشترك"]\n'
        "tags: [cybercrime]\n"
    )


async def test_edit_an_item_then_undo(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "j", "enter")  # the first item: Hamad Al-Mahmoud
        await pilot.press(*["tab"] * 5)  # Role, English: its text is selected when reached
        await pilot.press(*keys("Colonel, Kuwait"), "ctrl+s")
        await pilot.pause()
        assert saved(corpus) == ANNOTATION_000.replace(
            '    role: {en: "Assistant Director of Cybercrime, Kuwait"}\n',
            '    role: {en: "Colonel, Kuwait"}\n',
        )
        assert "Colonel, Kuwait" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert status(app) == f"undone: {ARTICLE}.yaml"
    assert saved(corpus) == ANNOTATION_000


async def test_delete_an_item_with_y(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "j", "j", "x")  # Tunis, past the "Where" heading
        assert "Delete this where item?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert status(app) == f"deleted: {ARTICLE}.yaml saved (u undoes)"
    assert "where:" not in saved(corpus)
    assert "tunis" not in saved(corpus)


async def test_a_delete_answered_n_or_enter_keeps_the_item(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "j", "j", "x", "n")
        await pilot.pause()
        assert "Delete this" not in screen_text(app)
        await pilot.press("x", "enter")  # the default the dialog shows: keep
        await pilot.pause()
        assert "Delete this" not in screen_text(app)
        await pilot.press("x", "escape")
        await pilot.pause()
        assert "Delete this" not in screen_text(app)
    assert saved(corpus) == ANNOTATION_000


async def test_the_article_form_creates_a_file_for_an_unannotated_article(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n", "tab", "s")  # 001 has no annotations in this corpus
        await pilot.press("enter", "down", "enter")  # Status: "curated"
        await pilot.press("tab", "tab", *keys("Second conference opens in Tunis"))
        await pilot.press("tab", "tab", "tab", *keys("cybercrime, tunis"), "ctrl+s")
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


async def test_a_form_is_saved_from_its_button_with_enter(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "s")
        await pilot.press("shift+tab", "shift+tab")  # back past Cancel, to Save
        await pilot.press("enter")
        await pilot.pause()
        assert "Article fields" not in screen_text(app)
        assert status(app).startswith("unchanged")
    assert saved(corpus) == ANNOTATION_000


async def test_a_change_on_disk_is_shown_and_the_edit_applied_again(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "s", "enter", "down", "enter")  # Status: "reviewed"
        # Meanwhile another analyst changes the file.
        theirs = ANNOTATION_000.replace("tags: [cybercrime]", "tags: [cybercrime, kuwait]")
        (corpus / "annotations" / f"{ARTICLE}.yaml").write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(corpus) == theirs  # not overwritten
        assert "+tags: [cybercrime, kuwait]" in screen_text(app)
        await pilot.press("y")  # apply the edit again, to the new version
        await pilot.pause()
    assert "status: reviewed" in saved(corpus)
    assert "kuwait" in saved(corpus)


def _editor(tmp_path: Path, *replacements: tuple[str, str]) -> str:
    """An $EDITOR that makes one replacement per run, in turn."""
    script = tmp_path / "editor.py"
    runs = tmp_path / "runs"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from pathlib import Path
            runs = Path({str(runs)!r})
            done = int(runs.read_text()) if runs.exists() else 0
            old, new = {list(replacements)!r}[done]
            runs.write_text(str(done + 1))
            path = Path(sys.argv[1])
            path.write_text(path.read_text().replace(old, new))
            """
        ),
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


async def test_an_invalid_edit_in_the_editor_is_reopened_with_y(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _editor(
        tmp_path, ("status: curated", "status: finished"), ("status: finished", "status: reviewed")
    )
    monkeypatch.setenv("VISUAL", editor)
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "e")
        await pilot.pause()
        assert "The edit is not valid and was not saved." in screen_text(app)
        assert saved(corpus) == ANNOTATION_000
        await pilot.press("y")  # re-open the editor
        await pilot.pause()
        assert status(app) == f"{ARTICLE}.yaml saved from the editor (u undoes)"
    assert saved(corpus) == ANNOTATION_000.replace("status: curated", "status: reviewed")


async def test_an_invalid_edit_in_the_editor_is_discarded_with_n_and_kept(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", _editor(tmp_path, ("status: curated", "status: finished")))
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "e")
        await pilot.pause()
        await pilot.press("n")  # discard
        await pilot.pause()
        [kept] = (corpus / ".brief-recovery").glob(f"{ARTICLE}.*.yaml")
        assert status(app) == f"discarded; your text is kept in {kept}"
    assert saved(corpus) == ANNOTATION_000
    assert "status: finished" in kept.read_text(encoding="utf-8")


def _kept(corpus: Path) -> Path:
    kept = corpus / ".brief-recovery" / f"{ARTICLE}.yaml"
    kept.parent.mkdir()
    kept.write_text(ANNOTATION_000.replace("status: curated", "status: reviewed"), "utf-8")
    return kept


async def test_kept_edits_are_restored_with_y(corpus: Path) -> None:
    kept = _kept(corpus)
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert "Restore it over the file as it is now?" in screen_text(app)
        assert "+status: reviewed" in screen_text(app)  # what restoring it changes
        await pilot.press("y")
        await pilot.pause()
        assert status(app) == f"restored {ARTICLE}.yaml (u undoes)"
    assert "status: reviewed" in saved(corpus)
    assert not kept.exists()


async def test_kept_edits_are_left_for_later_with_n(corpus: Path) -> None:
    kept = _kept(corpus)
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert status(app) == f"1 kept edit left in {kept.parent}"
    assert saved(corpus) == ANNOTATION_000
    assert kept.exists()


async def test_a_kept_edit_is_dropped_with_d(corpus: Path) -> None:
    kept = _kept(corpus)
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert status(app) == f"dropped {kept.name}"
    assert saved(corpus) == ANNOTATION_000
    assert not kept.exists()


async def test_kept_edits_are_offered_back_before_the_editor_opens(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left for later at the start, then restored into the editor when `e` opens it."""
    kept = _kept(corpus)
    given = tmp_path / "given.yaml"
    script = tmp_path / "editor.py"
    script.write_text(
        f"import shutil, sys; shutil.copy(sys.argv[1], {str(given)!r})", encoding="utf-8"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        await pilot.press("n")  # later
        await pilot.pause()
        await pilot.press("tab", "e")
        await pilot.pause()
        assert "Restore it into the editor?" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert status(app) == f"{ARTICLE}.yaml saved from the editor (u undoes)"
    assert "status: reviewed" in given.read_text(encoding="utf-8")  # the kept edit, given
    assert "status: reviewed" in saved(corpus)
    assert not kept.exists()  # saved: no longer kept


async def test_export_to_a_path_typed_in_the_preview(corpus: Path) -> None:
    target = corpus / "out.md"
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f", *keys("who:mahmoud"), "enter", "o")
        assert "Export 1 article to a brief: .md Markdown, .html HTML, .docx Word" in screen_text(
            app
        )
        await pilot.press("end", *["backspace"] * len("brief.md"), *keys("out.md"), "enter")
        await pilot.pause()
        assert status(app) == f"wrote {target} (1 article)"
    text = target.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Brief: who:mahmoud"\n')


async def test_two_readers_editing_one_article_end_in_the_conflict_flow(corpus: Path) -> None:
    """Two analysts' readers on one corpus, each with the article's form open: the second to
    save is shown what the first changed, and keeps its edit for later; nothing is lost."""
    first, second = BriefApp(corpus), BriefApp(corpus)
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as other:
        await loaded(one)
        await loaded(other)
        await one.press("tab", "s", "enter", "down", "enter")  # Status: "reviewed"
        await other.press("tab", "s", "enter", "up", "enter")  # Status: "draft"
        await other.press("ctrl+s")
        await other.pause()
        assert "status: draft" in saved(corpus)
        await one.press("ctrl+s")
        await one.pause()
        assert "changed on disk since it was read" in screen_text(first)
        assert "+status: draft" in screen_text(first)  # what the other reader changed
        await one.press("n")  # keep for later
        await one.pause()
        [kept] = (corpus / ".brief-recovery").glob(f"{ARTICLE}.*.yaml")
    assert "status: draft" in saved(corpus)  # the first save, not overwritten
    assert "status: reviewed" in kept.read_text(encoding="utf-8")  # the second, kept


async def test_a_save_the_disk_refuses_is_kept_and_said(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (the patched write): the form's edit is kept where it can be, and said."""
    import errno
    import os

    from brief.annotations import store

    def full(path: Path, data: str | bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(store, "write_atomic", full)
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "s", "enter", "down", "enter", "ctrl+s")  # Status: "reviewed"
        await pilot.pause()
        await pilot.pause()  # the toast's own mount
        [kept] = (corpus / ".brief-recovery").glob(f"{ARTICLE}.*.yaml")
        toast = screen_text(app)
        assert "cannot save 000_99551782ef0ee64d.yaml: No space left on" in toast
        assert "the edit is kept in" in toast
    assert saved(corpus) == ANNOTATION_000
    assert "status: reviewed" in kept.read_text(encoding="utf-8")
