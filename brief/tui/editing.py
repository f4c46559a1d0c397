"""Annotation editing in the reader: forms, the analyst's editor, undo and recovery.

Every form that is saved is written at once (validated, atomic, refused if the file changed on
disk); what cannot be written is kept as a recovery file that the next start offers back, so
quitting never loses an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SuspendNotSupported

from brief.annotations.editor import EditSession, Outcome
from brief.annotations.model import FORM_SECTIONS
from brief.annotations.store import (
    AnnotationFile,
    ConflictError,
    EditError,
    keep_for_recovery,
    recovered,
    recovery_path,
    write_atomic,
)
from brief.annotations.validate import annotation_path, check_text
from brief.article.model import short_id
from brief.tui.forms import ArticleForm, Confirm, ItemForm
from brief.tui.panes import AnnotationPanel
from brief.tui.screens import ChooseSection

if TYPE_CHECKING:
    from brief.tui.app import BriefApp

Mutation = Callable[[AnnotationFile], None]


def handle_edit(app: BriefApp, event: AnnotationPanel.Edit) -> None:
    """Carry out an edit the annotation panel asked for."""
    article_id = app.current
    if article_id is None or app.corpus is None:
        return
    article = app.corpus.article(article_id)
    item = event.item
    if event.action == "editor":
        edit_in_editor(app, EditSession.start(app.corpus_root, article_id, article.title))
    elif event.action == "article":
        document = AnnotationFile.open(app.corpus_root, article_id, article.title)
        plain = {
            k: _plain(document.document.get(k)) for k in ("status", "title", "summary", "tags")
        }

        def set_fields(data: dict[str, Any] | None) -> None:
            if data is None:
                return
            # Only what the analyst changed is written, so a concurrent change elsewhere stays.
            changed = {k: data.get(k) for k in plain if (data.get(k) or None) != (plain[k] or None)}

            def apply(doc: AnnotationFile) -> None:
                for key, value in changed.items():
                    doc.set_field(key, value)

            save_edit(app, document, apply, "article fields")

        app.push_screen(ArticleForm(plain), set_fields)
    elif event.action == "add" or item is None:
        app.push_screen(ChooseSection(), lambda section: _add_to(app, section))
    elif event.action == "edit" and item.section not in FORM_SECTIONS:
        # Events and discrepancies have no form yet: the file's own editor edits them.
        app.notify(f"{item.heading}: press e to edit this item in $EDITOR")
    elif event.action == "edit":
        section, index = item.key.split(":")
        _open_item_form(app, section, int(index))
    elif event.action == "delete":
        section, index = item.key.split(":")

        document = _open(app)

        def delete(yes: bool | None) -> None:
            if yes:
                save_edit(
                    app, document, lambda doc: doc.delete_item(section, int(index)), "deleted"
                )

        app.push_screen(Confirm(f"Delete this {section} item?\n{item.label}"), delete)


def _known_ids(app: BriefApp) -> list[str]:
    return sorted(app.corpus_index.entities) if app.corpus_index else []


def _add_to(app: BriefApp, section: str | None) -> None:
    if section is None or app.corpus is None or app.current is None:
        return
    article = app.corpus.article(app.current)
    document = _open(app)

    def add(data: dict[str, Any] | None) -> None:
        if data is None:
            return

        def apply(doc: AnnotationFile) -> None:
            doc.add_item(section, data)

        save_edit(app, document, apply, f"{section} added")

    form = ItemForm(section, article.text, None, _known_ids(app), quote_for_evidence(app))
    app.push_screen(form, add)


def _open_item_form(app: BriefApp, section: str, index: int) -> None:
    if app.corpus is None or app.current is None:
        return
    annotation = app.corpus.annotation(app.current)
    if annotation is None:
        return
    item = getattr(annotation, section)[index].model_dump(exclude_none=True)
    article = app.corpus.article(app.current)
    document = _open(app)

    def replace(data: dict[str, Any] | None) -> None:
        if data is not None:
            save_edit(app, document, lambda doc: doc.replace_item(section, index, data), "saved")

    quote = quote_for_evidence(app)
    app.push_screen(ItemForm(section, article.text, item, _known_ids(app), quote), replace)


def quote_for_evidence(app: BriefApp) -> str | None:
    """The exact source text of the mouse selection, else of the current search match."""
    if app.corpus is None or app.current is None:
        return None
    text = app.corpus.article(app.current).text
    if app.selection is not None:
        return text[app.selection[0] : app.selection[1]]
    if app.hits and app.hit_index >= 0:
        start, end = app.hits[app.hit_index]
        return text[start:end]
    return None


def _open(app: BriefApp) -> AnnotationFile:
    """The current article's file as it is now: an edit begun now is checked against it."""
    assert app.corpus is not None and app.current is not None
    title = app.corpus.article(app.current).title
    return AnnotationFile.open(app.corpus_root, app.current, title)


def _plain(value: Any) -> Any:
    """Round-trip YAML values as plain dicts and lists, to compare with a form's."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def save_edit(app: BriefApp, document: AnnotationFile, mutate: Mutation, done: str) -> None:
    """Apply `mutate` to `document` (the file as it was when the edit began) and save it; if
    the file changed on disk since, show what changed and offer to apply the edit again."""
    article_id = document.article_id
    before = document.loaded_text
    mutate(document)
    try:
        text = document.save()
    except ConflictError as conflict:
        kept = keep_for_recovery(app.corpus_root, article_id, document.render())
        reload_annotation(app, article_id)

        def again(yes: bool | None) -> None:
            if yes:
                kept.unlink(missing_ok=True)
                save_edit(app, _open(app), mutate, done)
            else:
                app.notify(f"Your edit is kept in {kept}", title="Not saved")

        question = f"{conflict}. Apply your edit again to the new version?"
        app.push_screen(Confirm(question, conflict.diff, "Apply again", "Keep for later"), again)
        return
    except EditError as error:
        kept = keep_for_recovery(app.corpus_root, article_id, document.render())
        app.notify(f"{error}; the edit is kept in {kept}", title="Not saved", severity="error")
        return
    app.history.record(document.path, before, text)
    reload_annotation(app, article_id)
    app.selection = None
    app.show_status(f"{done}: {document.path.name} saved (u undoes)")


def reload_annotation(app: BriefApp, article_id: str) -> None:
    """Read one article's annotation file again into the catalog, the list and the panel."""
    if app.corpus is None or article_id not in app.corpus:
        return
    # The catalog re-indexes the article now, so the filter and the list see the edit at once;
    # the reader shows it as it shows any change in the catalog's log.
    app.corpus.refresh([article_id])
    app.keeper.catch_up(quiet=True)


def undo(app: BriefApp) -> None:
    try:
        path = app.history.undo()
    except ConflictError as conflict:
        app.notify(f"{conflict}: not undone", severity="error")
        return
    if path is None:
        app.show_status("nothing to undo")
        return
    reload_annotation(app, path.stem)
    app.show_status(f"undone: {path.name}")


def edit_in_editor(app: BriefApp, session: EditSession) -> None:
    """One round in $VISUAL/$EDITOR; an invalid result asks to re-open or discard."""
    try:
        with app.suspend():
            session.run_editor()
    except SuspendNotSupported:  # no terminal to hand over (tests): run it anyway
        session.run_editor()
    try:
        outcome = session.finish()
    except ConflictError as conflict:
        kept = session.discard()
        reload_annotation(app, session.article_id)
        app.notify(f"{conflict}; your edit is kept in {kept}", severity="error")
        return
    if outcome is Outcome.SAVED:
        app.history.record(session.path, session.original, session.edited)
        reload_annotation(app, session.article_id)
        app.show_status(f"{session.path.name} saved from the editor (u undoes)")
    elif outcome is Outcome.UNCHANGED:
        app.show_status("unchanged: nothing saved")
    else:
        details = "\n".join(f"line {p.line}:{p.column}: {p.message}" for p in session.problems)

        def choose(reopen: bool | None) -> None:
            if reopen:
                edit_in_editor(app, session)
            else:
                app.show_status(f"discarded; your text is kept in {session.discard()}")

        question = "The edit is not valid and was not saved."
        app.push_screen(Confirm(question, details, "Re-open the editor", "Discard"), choose)


def offer_recovery(app: BriefApp) -> None:
    """At start: edits kept from an earlier session are offered back."""
    kept = recovered(app.corpus_root)
    if not kept:
        return

    def restore(yes: bool | None) -> None:
        if not yes:
            app.show_status(f"{len(kept)} kept edit(s) left in {kept[0].parent}")
            return
        for path in kept:
            _restore(app, path)

    names = ", ".join(short_id(p.stem) for p in kept)
    question = f"Edits that could not be saved earlier were kept for: {names}. Restore them?"
    app.push_screen(Confirm(question, "", "Restore", "Later"), restore)


def _restore(app: BriefApp, kept: Path) -> None:
    article_id = kept.stem
    target = annotation_path(app.corpus_root, article_id)
    text = kept.read_text(encoding="utf-8")
    problems = [p for p in check_text(app.corpus_root, target, text) if not p.warning]
    if problems:
        app.notify(f"{kept.name} is not valid ({problems[0].message}); left in place")
        return
    before = target.read_text(encoding="utf-8") if target.exists() else None
    write_atomic(target, text)
    app.history.record(target, before, text)
    recovery_path(app.corpus_root, article_id).unlink(missing_ok=True)
    reload_annotation(app, article_id)
    app.show_status(f"restored {target.name} (u undoes)")
