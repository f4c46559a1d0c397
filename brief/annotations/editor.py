"""Editing an annotation file in the analyst's own editor, as `kubectl edit` does.

The file is opened in $VISUAL or $EDITOR as a copy; on return the copy is validated. A valid
edit is saved atomically (unless the file changed on disk meanwhile); an invalid one is never
saved, and the analyst chooses to re-open it, with the problems noted at its top, or to
discard it, in which case the text is kept as a recovery file: it is never dropped.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from brief.annotations.load import Problem
from brief.annotations.store import (
    AnnotationFile,
    ConflictError,
    keep_for_recovery,
    unified_diff,
    write_atomic,
)
from brief.annotations.validate import annotation_path, check_text

NOTE = "# brief: "


class Outcome(Enum):
    SAVED = "saved"
    UNCHANGED = "unchanged"
    INVALID = "invalid"


def editor_command() -> list[str]:
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def with_notes(text: str, problems: list[Problem]) -> str:
    """The text with its problems noted at the top, their lines counted as the editor shows."""
    header = [
        f"{NOTE}NOT SAVED: fix what is listed here and save, or quit without saving to discard.",
        f"{NOTE}These lines are removed when the file is read back.",
    ]
    shift = len(header) + len(problems)
    header += [f"{NOTE}line {p.line + shift}:{p.column}: {p.message}" for p in problems]
    return "\n".join(header) + "\n" + text


def without_notes(text: str) -> str:
    lines = text.split("\n")
    while lines and lines[0].startswith(NOTE):
        lines.pop(0)
    return "\n".join(lines)


@dataclass
class EditSession:
    """One article's file going through the editor until it is saved, unchanged or discarded."""

    corpus: Path
    article_id: str
    original: str | None  # the file as it was when the session started (None: no file yet)
    buffer: str  # what the editor is given next; first the file (or a new one's template)
    starting: str = ""  # the text first given to the editor
    edited: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return annotation_path(self.corpus, self.article_id)

    @classmethod
    def start(cls, corpus: Path, article_id: str, title: str = "") -> EditSession:
        document = AnnotationFile.open(corpus, article_id, title)
        text = document.render()
        return cls(corpus, article_id, document.loaded_text, text, starting=text)

    def run_editor(self) -> None:
        """Open the buffer in the editor (a copy named like the file, for its syntax colours)."""
        with tempfile.TemporaryDirectory(prefix="brief-edit-") as folder:
            copy = Path(folder) / self.path.name
            copy.write_text(self.buffer, encoding="utf-8")
            subprocess.run([*editor_command(), str(copy)], check=False)
            self.edited = without_notes(copy.read_text(encoding="utf-8"))

    def finish(self) -> Outcome:
        """Save a valid edit; note an invalid one's problems for the next round."""
        if self.edited == (
            self.original if self.original is not None else without_notes(self.buffer)
        ):
            return Outcome.UNCHANGED
        self.problems = [
            p for p in check_text(self.corpus, self.path, self.edited) if not p.warning
        ]
        if self.problems:
            self.buffer = with_notes(self.edited, self.problems)
            return Outcome.INVALID
        on_disk = self.path.read_text(encoding="utf-8") if self.path.exists() else None
        if on_disk != self.original:
            keep_for_recovery(self.corpus, self.article_id, self.edited)
            raise ConflictError(self.path, unified_diff(self.original or "", on_disk or ""))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, self.edited)
        return Outcome.SAVED

    def discard(self) -> Path:
        """Give up on the edit; the text is kept where the next start offers it back."""
        return keep_for_recovery(self.corpus, self.article_id, self.edited)
