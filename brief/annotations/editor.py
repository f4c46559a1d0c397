"""Editing an annotation file in the analyst's own editor, as `kubectl edit` does.

The file is opened in $VISUAL or $EDITOR as a copy; on return the copy is validated. A valid
edit is saved atomically (unless the file changed on disk meanwhile); an invalid one is never
saved, and the analyst chooses to re-open it, with the problems noted at its top, or to
discard it, in which case the text is kept (brief.annotations.recovery): it is never dropped.
Nor is an edit that cannot be saved (a read-only folder, a full disk) or that changed on disk
meanwhile: it is kept, and the editor's own copy stays until it is.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from brief.annotations import recovery
from brief.annotations.load import Problem
from brief.annotations.recovery import KeptEdit
from brief.annotations.store import (
    AnnotationFile,
    ConflictError,
    on_disk,
    unified_diff,
    write_atomic,
)
from brief.annotations.validate import annotation_path, check_text
from brief.text.files import check_writable_within

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
    """One article's file going through the editor until it is saved, unchanged or kept."""

    corpus: Path
    article_id: str
    original: str | None  # the file as it was when the session started (None: no file yet)
    buffer: str  # what the editor is given next; first the file (or a new one's template)
    starting: str = ""  # the text first given to the editor
    edited: str = ""
    problems: list[Problem] = field(default_factory=list)
    restored: KeptEdit | None = None  # the kept edit the session started from
    written: bytes | None = None  # what the editor wrote, when it is not UTF-8
    copy: Path | None = None  # the editor's copy, removed once the edit is saved or kept

    @property
    def path(self) -> Path:
        return annotation_path(self.corpus, self.article_id)

    @classmethod
    def start(
        cls, corpus: Path, article_id: str, title: str = "", restored: KeptEdit | None = None
    ) -> EditSession:
        """A session on the file; `restored`: the editor is given that kept edit instead."""
        document = AnnotationFile.open(corpus, article_id, title)
        text = document.render()
        buffer = restored.text() if restored is not None else text
        return cls(corpus, article_id, document.loaded_text, buffer, text, restored=restored)

    def run_editor(self) -> None:
        """Open the buffer in the editor (a copy named like the file, for its syntax colours).
        The copy stays until the edit is saved or kept: whatever happens, it is somewhere."""
        self.forget_copy()
        self.copy = Path(tempfile.mkdtemp(prefix="brief-edit-")) / self.path.name
        self.copy.write_text(self.buffer, encoding="utf-8")
        subprocess.run([*editor_command(), str(self.copy)], check=False)
        raw = self.copy.read_bytes() if self.copy.exists() else self.buffer.encode()
        try:
            self.edited, self.written = without_notes(raw.decode("utf-8")), None
        except UnicodeDecodeError:
            self.edited, self.written = without_notes(raw.decode("utf-8", "replace")), raw

    def finish(self) -> Outcome:
        """Save a valid edit; note an invalid one's problems for the next round. A file
        changed on disk meanwhile is ConflictError, one that cannot be written OSError: the
        caller keeps the edit (`keep`)."""
        if self.written is not None:
            self.problems = [_not_utf8(self.path, self.written)]
            self.buffer = with_notes(self.edited, self.problems)
            return Outcome.INVALID
        if self.edited == (
            self.original if self.original is not None else without_notes(self.buffer)
        ):
            self.done()
            return Outcome.UNCHANGED
        self.problems = [
            p for p in check_text(self.corpus, self.path, self.edited) if not p.warning
        ]
        if self.problems:
            self.buffer = with_notes(self.edited, self.problems)
            return Outcome.INVALID
        now = on_disk(self.path)
        if now != self.original:
            raise ConflictError(self.path, unified_diff(self.original or "", now or ""))
        check_writable_within(self.path, self.corpus)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, self.edited)
        self.done()
        return Outcome.SAVED

    def keep(self) -> Path:
        """Keep the edit where the next session offers it back (the editor's bytes as written
        when they are not UTF-8); where it is. If nowhere can be written, the editor's copy
        is left where it is, and that is said instead."""
        content = self.written if self.written is not None else self.edited
        try:
            kept = recovery.keep(self.corpus, self.article_id, content)
        except OSError:
            if self.copy is None:
                raise
            self.copy.write_bytes(content if isinstance(content, bytes) else content.encode())
            return self.copy
        self.forget_copy()
        return kept

    def done(self) -> None:
        """The edit is where it belongs: its copy and the kept edit it came from go."""
        if self.restored is not None:
            self.restored.drop()
            self.restored = None
        self.forget_copy()

    def forget_copy(self) -> None:
        if self.copy is not None:
            shutil.rmtree(self.copy.parent, ignore_errors=True)
            self.copy = None


def _not_utf8(path: Path, raw: bytes) -> Problem:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line, column = before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1
        return Problem(
            path, line, column,
            f"the editor saved a byte that is not UTF-8 (0x{raw[error.start]:02x}): save the "
            "file as UTF-8 (shown here as U+FFFD)",
        )  # fmt: skip
    raise ValueError("the bytes are UTF-8")


def writable(folder: Path) -> str | None:
    """Why a file cannot be saved in `folder` (None: it can), found by writing one there: a
    read-only folder, a read-only file system or a full disk (root ignores the mode bits)."""
    try:
        check_writable_within(folder / "probe", folder.parent)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(prefix=".brief-probe-", dir=folder) as probe:
            probe.write(b"\0" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        return error.strerror or str(error)
    return None
