"""Edits that could not be saved, kept until the analyst restores, keeps or drops them: nothing
typed is ever lost.

An edit is kept in `.brief-recovery/` in the corpus, or, where the corpus cannot be written (a
read-only folder, a full disk), in the user's state folder (platformdirs: ~/.local/state/brief/
on Linux), in a folder of its own per corpus. Each is a file of its own, named by its article
and the time it was kept, so that two kept edits never overwrite each other; `brief edit ID`
and the reader offer every kept edit of an article back.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_path

from brief.text.files import write_atomic

RECOVERY_DIR = ".brief-recovery"
_STAMP = "%Y%m%dT%H%M%S"
# ID.yaml (kept by an earlier brief), or ID.YYYYmmddTHHMMSS.yaml and ID.…-2.yaml after it.
_KEPT = re.compile(r"(?P<id>.+?)(?:\.(?P<at>\d{8}T\d{6})(?:-\d+)?)?\.yaml")


@dataclass(frozen=True, slots=True)
class KeptEdit:
    """One edit kept: its file and its article."""

    path: Path
    article_id: str

    @property
    def kept_at(self) -> str:
        """When it was kept, for a question: 2025-12-01 18:10."""
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.path.stat().st_mtime))

    def raw(self) -> bytes:
        return self.path.read_bytes()

    def text(self) -> str:
        """As text; bytes that are not UTF-8 (an editor's) as U+FFFD, the file left as is."""
        return self.raw().decode("utf-8", errors="replace")

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)


def folders(corpus: Path) -> list[Path]:
    """Where edits of this corpus are kept: in it (unless its folder there is a symbolic
    link, which a shared corpus could point anywhere), then in the user's state folder."""
    digest = hashlib.blake2b(str(corpus.resolve()).encode(), digest_size=8).hexdigest()
    state = user_state_path("brief") / "recovery" / digest
    inside = corpus / RECOVERY_DIR
    return [state] if os.path.islink(inside) else [inside, state]


def keep(corpus: Path, article_id: str, content: str | bytes) -> Path:
    """Keep an edit that could not be saved (bytes as the editor wrote them); where it is.
    OSError only when neither the corpus nor the state folder can be written."""
    failure: OSError | None = None
    for folder in folders(corpus):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = _new_name(folder, article_id)
            write_atomic(path, content)
        except OSError as error:
            failure = failure or error
            continue
        return path
    assert failure is not None
    raise failure


def _new_name(folder: Path, article_id: str) -> Path:
    """A name no kept edit has: the article and the time, and a number after a second edit
    within the same second."""
    stem = f"{article_id}.{time.strftime(_STAMP)}"
    path, n = folder / f"{stem}.yaml", 1
    while os.path.lexists(path):
        n += 1
        path = folder / f"{stem}-{n}.yaml"
    return path


def kept_edits(corpus: Path, article_id: str | None = None) -> list[KeptEdit]:
    """Every kept edit (of one article), oldest first."""
    found = []
    for folder in folders(corpus):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            match = _KEPT.fullmatch(name)
            if match and (article_id is None or match["id"] == article_id):
                found.append(KeptEdit(folder / name, match["id"]))
    return sorted(found, key=lambda kept: (_mtime(kept.path), kept.path.name))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
