"""The analyst's edits to annotation files in one reader session, apart from its screens.

Every form that is saved is written at once (validated, atomic, refused if the file changed on
disk since the edit began); what cannot be written (invalid, changed meanwhile, a read-only
folder, a full disk) is kept (brief.annotations.recovery) and offered back, so quitting never
loses an edit. Each call says what happened; the app shows
it and reads the file again into the catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief.annotations import recovery
from brief.annotations.recovery import KeptEdit, kept_edits
from brief.annotations.vocabulary import SECTIONS
from brief.errors import BriefError
from brief.text.files import check_writable_within, remove_stale_temporaries, write_atomic

# The editing modules (ruamel.yaml, pydantic, the validator) are imported at the first edit:
# the reader's first screen does without them.
if TYPE_CHECKING:
    from brief.annotations.editor import EditSession
    from brief.annotations.store import AnnotationFile, EditHistory

Mutation = Callable[["AnnotationFile"], object]
ARTICLE_FIELDS = ("status", "title", "summary", "tags")
# How the known kinds of item are offered; a kind the model gains is offered by its name and
# docstring (brief.tui.screens.form_fields).
KIND_LABELS = {
    "who": "Who: a person, organization or group",
    "where": "Where: a place",
    "events": "Event: a conference, session, meeting…",
    "when": "When: a date",
    "decisions": "Decision: a decision, recommendation, proposal…",
    "discrepancies": "Discrepancy: where sources disagree",
}


def kinds_said() -> str:
    """The kinds of item an article has, as the help names them: 'who, where, … or
    discrepancy' (from the model, as the kind chooser offers them)."""
    names = [KIND_LABELS.get(s, s).split(":")[0].lower() for s in SECTIONS]
    return f"{', '.join(names[:-1])} or {names[-1]}"


@dataclass(frozen=True, slots=True)
class Saved:
    """The file was written (or, `changed` False, there was nothing to write)."""

    article_id: str
    status: str
    changed: bool = True


@dataclass(frozen=True, slots=True)
class NotSaved:
    """Nothing was written; `kept`: where the edit is kept, if anywhere."""

    message: str
    kept: Path | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """The file changed on disk since the edit began: `diff` says how; the edit is kept."""

    article_id: str
    message: str
    diff: str
    kept: Path


@dataclass(frozen=True, slots=True)
class Invalid:
    """The editor's text does not validate: its problems, one a line."""

    details: str


class Curator:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._history: EditHistory | None = None

    @property
    def history(self) -> EditHistory:
        """The session's saves (made at the first)."""
        if self._history is None:
            from brief.annotations.store import EditHistory

            self._history = EditHistory()
        return self._history

    def tidy(self) -> None:
        """At start: what saves killed in an earlier session left behind goes."""
        remove_stale_temporaries(self.root / "annotations")

    def open(self, article_id: str, title: str) -> AnnotationFile:
        """The article's file as it is now: an edit begun now is checked against it."""
        from brief.annotations.store import AnnotationFile

        return AnnotationFile.open(self.root, article_id, title)

    @staticmethod
    def article_fields(document: AnnotationFile) -> dict[str, Any]:
        """The article's own fields as plain data, to fill its form with."""
        return {k: _plain(document.document.get(k)) for k in ARTICLE_FIELDS}

    @staticmethod
    def set_fields(before: dict[str, Any], after: dict[str, Any]) -> Mutation | None:
        """Only what the analyst changed, so a concurrent change to another field stays; None
        when nothing changed."""
        changed = {
            k: after.get(k) for k in ARTICLE_FIELDS if (after.get(k) or None) != (before[k] or None)
        }

        def apply(document: AnnotationFile) -> None:
            for key, value in changed.items():
                document.set_field(key, value)

        return apply if changed else None

    def save(
        self, document: AnnotationFile, mutate: Mutation, done: str
    ) -> Saved | Conflict | NotSaved:
        """Apply `mutate` to `document` (the file as it was when the edit began) and save it."""
        from brief.annotations.store import ConflictError, EditError

        article_id = document.article_id
        before = document.loaded_text
        mutate(document)
        try:
            text = document.save()
        except ConflictError as conflict:
            kept = recovery.keep(self.root, article_id, document.render())
            question = f"{conflict}. Apply your edit again to the new version?"
            return Conflict(article_id, question, conflict.diff, kept)
        except EditError as error:
            kept = recovery.keep(self.root, article_id, document.render())
            return NotSaved(f"{error}; the edit is kept in {kept}", kept)
        except OSError as error:  # a read-only folder, a full disk
            kept = recovery.keep(self.root, article_id, document.render())
            why = error.strerror or str(error)
            return NotSaved(f"cannot save {document.path.name}: {why}; the edit is kept in {kept}")
        self.history.record(document.path, before, text)
        return Saved(article_id, f"{done}: {document.path.name} saved (u undoes)")

    def undo(self) -> Saved | NotSaved:
        from brief.annotations.store import ConflictError

        try:
            path = self.history.undo()
        except ConflictError as conflict:
            return NotSaved(f"{conflict}: not undone")
        if path is None:
            return NotSaved("nothing to undo")
        return Saved(path.stem, f"undone: {path.name}")

    def finish_editing(self, session: EditSession) -> Saved | NotSaved | Invalid:
        """After a round in the editor: saved, unchanged, refused (kept) or invalid."""
        from brief.annotations.editor import Outcome
        from brief.annotations.store import ConflictError

        try:
            outcome = session.finish()
        except ConflictError as conflict:
            return NotSaved(f"{conflict}; your edit is kept in {session.keep()}")
        except OSError as error:  # a read-only folder, a full disk
            why = error.strerror or str(error)
            return NotSaved(
                f"cannot save {session.path.name}: {why}; your edit is kept in {session.keep()}"
            )
        if outcome is Outcome.SAVED:
            self.history.record(session.path, session.original, session.edited)
            status = f"{session.path.name} saved from the editor (u undoes)"
            return Saved(session.article_id, status)
        if outcome is Outcome.UNCHANGED:
            return Saved(session.article_id, "unchanged: nothing saved", changed=False)
        return Invalid(
            "\n".join(f"line {p.line}:{p.column}: {p.message}" for p in session.problems)
        )

    def kept(self, article_id: str | None = None) -> list[KeptEdit]:
        """Edits kept (of one article), oldest first, to offer back."""
        return kept_edits(self.root, article_id)

    def kept_diff(self, kept: KeptEdit) -> str:
        """What restoring a kept edit would change in the file as it is now."""
        from brief.annotations.store import on_disk, unified_diff
        from brief.annotations.validate import annotation_path

        target = annotation_path(self.root, kept.article_id)
        try:
            now = on_disk(target) or ""
        except (OSError, BriefError):  # unreadable now: the whole kept edit is the change
            now = ""
        return unified_diff(now, kept.text()) or "(the same as the file)"

    def restore(self, kept: KeptEdit) -> Saved | NotSaved:
        """The kept edit saved over the file as it is now (the analyst saw the difference);
        one that is not valid, or that cannot be written, stays kept."""
        from brief.annotations.store import on_disk
        from brief.annotations.validate import annotation_path, check_text

        article_id = kept.article_id
        target = annotation_path(self.root, article_id)
        text = kept.text()
        problems = [p for p in check_text(self.root, target, text) if not p.warning]
        if problems:
            return NotSaved(f"{kept.path.name} is not valid ({problems[0].message}); left in place")
        try:
            before = on_disk(target)
            check_writable_within(target, self.root)
            write_atomic(target, text)
        except (OSError, BriefError) as error:
            why = error.strerror or str(error) if isinstance(error, OSError) else str(error)
            return NotSaved(f"cannot restore {target.name}: {why}; left in {kept.path}")
        self.history.record(target, before, text)
        kept.drop()
        return Saved(article_id, f"restored {target.name} (u undoes)")


def _plain(value: Any) -> Any:
    """Round-trip YAML values as plain dicts and lists, to compare with a form's."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
