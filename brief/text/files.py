"""Where text enters brief and is saved: a corpus's files read safely, what their bytes are
when they are not UTF-8 text, and files written atomically.

A corpus is shared (a git repository from colleagues), so its files are untrusted too: only
regular files are read, opened without blocking (a FIFO named x.txt is never waited on) and
checked once open; a symbolic link that loops or leads nowhere is refused, and so is one that
leads out of the corpus folder, unless the user's own settings allow it: a corpus could carry a
link to ~/.ssh/id_rsa into a brief that is sent out.

refusal(path, root)       why the corpus does not read a file (None: it does)
name_refusal(stem)        why a file's name cannot name an article (a newline, ESC…)
read_corpus_file(path)    a regular file's bytes, read without blocking, within a size limit
read_regular_file(path)   the same for a file named anywhere (what brief import is given)
encoding_of(raw)          what bytes that are not UTF-8 are: UTF-16, binary, Windows-1256…
write_atomic(path, data)  a file written whole or not at all, keeping its mode and owner
remove_stale_temporaries  what saves that were killed left behind
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from brief.text.boundary import BIDI_CONTROLS

_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}
# What a name that can be an id does not hold: controls, bidi controls, lone surrogates.
_UNNAMEABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{''.join(BIDI_CONTROLS)}]")
_TEMPORARY = ".tmp"
# A save's temporary file: .NAME.PID-TOKEN.tmp (mkstemp's .NAME.XXXXXXXX.tmp before).
_STALE = re.compile(r"\.(?P<name>.+)\.(?:(?P<pid>\d+)-[0-9a-f]{8}|[a-z0-9_]{8})\.tmp")
_outside_links: list[Callable[[], bool]] = [lambda: False]
_allowed: list[bool] = []  # the answer, once asked


def allow_outside_links(ask: Callable[[], bool]) -> None:
    """How to learn whether links that lead out of the corpus are followed: asked once, and
    only when such a link is met (reading the settings costs a start that needs none)."""
    _outside_links[0] = ask
    _allowed.clear()


def set_outside_links(allowed: bool) -> None:
    """The answer itself (a worker process is told what its parent was)."""
    allow_outside_links(lambda: allowed)


def outside_links_allowed() -> bool:
    if not _allowed:
        _allowed.append(bool(_outside_links[0]()))
    return _allowed[0]


def name_refusal(stem: str) -> str | None:
    """Why a file's name cannot name an article (None: it can). An id is held as UTF-8
    (Python gives a name that is not with surrogates in it), named on lines and typed on
    command lines, so it holds no control character (a newline, ESC) or bidi control."""
    if _UNNAMEABLE.search(stem) is None:
        return None
    try:
        stem.encode()
    except UnicodeEncodeError:
        return "its name is not UTF-8; rename it"
    return "its name holds control characters; rename it"


def kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def refusal(path: Path, root: Path, entry: os.DirEntry[str] | None = None) -> str | None:
    """Why the corpus at `root` does not read `path` (None: it does). `entry`, from a listing,
    spares a system call for the common case of a regular file."""
    outside = folder_refusal(path.parent, root)
    if outside is not None:
        return outside
    if entry is not None and entry.is_file(follow_symlinks=False):
        return None
    try:
        mode = entry.stat(follow_symlinks=False).st_mode if entry else os.lstat(path).st_mode
    except FileNotFoundError:  # nothing to refuse: reading it says it is not there
        return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    if not stat.S_ISLNK(mode):
        return f"{kind(mode)}, not a file"
    try:
        target_mode = os.stat(path).st_mode
    except FileNotFoundError:
        return f"a symbolic link to {os.readlink(path)}, which does not exist"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops"
        return f"a symbolic link that cannot be followed ({error.strerror or error})"
    target = path.resolve()
    if not stat.S_ISREG(target_mode):
        return f"a symbolic link to {kind(target_mode)}, not a file"
    if not target.is_relative_to(root.resolve()) and not outside_links_allowed():
        return (
            f"a symbolic link to {target}, outside the corpus (follow_outside_links = true in "
            "your config.toml reads it)"
        )
    return None


def folder_refusal(folder: Path, root: Path) -> str | None:
    """Why the corpus does not read the files of `folder` (its seeds/ or annotations/): it is
    a link out of the corpus, unless the user allows it. Asked once per folder."""
    if _within(str(folder), str(root)) or outside_links_allowed():
        return None
    return (
        f"in {folder}, a symbolic link to {_resolved(str(folder))}, outside the corpus "
        "(follow_outside_links = true in your config.toml reads it)"
    )


@lru_cache(maxsize=64)
def _within(folder: str, root: str) -> bool:
    """Asked for every file read: comparing resolved paths costs more than the read."""
    return _resolved(folder).is_relative_to(_resolved(root))


@lru_cache(maxsize=64)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def check_writable_within(path: Path, root: Path) -> None:
    """Refuse (OSError) to write `path` when its folder is a link out of the corpus at `root`
    (an annotations/ that a shared corpus points at a folder of the user's), unless allowed."""
    folder = path.parent.resolve()
    if not folder.is_relative_to(root.resolve()) and not outside_links_allowed():
        reason = f"{path.parent} leads out of the corpus, to {folder}; nothing written there"
        raise OSError(errno.EPERM, reason, str(path))


def read_corpus_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a file of a corpus (ROOT/seeds/ or ROOT/annotations/). OSError
    says why it cannot be read: refused (a FIFO, a link out of the corpus…) or over `limit`."""
    return read_corpus_file_status(path, limit)[1]


def read_corpus_file_status(path: Path, limit: int) -> tuple[os.stat_result, bytes]:
    """read_corpus_file, and the file's status as it was opened (its mtime and size)."""
    refused = refusal(path, path.parent.parent)
    if refused is not None:
        raise OSError(errno.EPERM, refused, str(path))
    return _read_regular(path, limit)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file within `limit` (a file a user names, as
    `brief import` takes them); OSError says why not."""
    return _read_regular(path, limit)[1]


def _read_regular(path: Path, limit: int) -> tuple[os.stat_result, bytes]:
    # Opened without blocking, and checked once open: a file swapped for a FIFO meanwhile.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EPERM, f"{kind(status.st_mode)}, not a file", str(path))
        if status.st_size > limit:
            size = f"{status.st_size / 1e6:.1f} MB"
            mib = round(limit / 2**20, 2)  # as given: 0.5, not 0
            raise OSError(errno.EFBIG, f"{size}, over the {mib:g} MiB limit", str(path))
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return status, handle.read()
    finally:
        os.close(descriptor)


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 (little-endian)", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 (big-endian)", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 (little-endian)", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 (big-endian)", "UTF-16"),
)


def _reads_as(head: bytes, codec: str) -> bool:
    """Does `head` read as text in `codec` (what is cut at its end aside)?"""
    width = 4 if "32" in codec else 2
    sample = head[: len(head) // width * width].decode(codec, errors="replace")
    shown = sum(char.isprintable() or char.isspace() for char in sample)
    return bool(sample) and shown * 20 >= len(sample) * 19 and "\ufffd" not in sample


def encoding_of(raw: bytes) -> str | None:
    """What `raw`, which is not UTF-8, is, for a message: another Unicode encoding (by its byte
    order mark, or the NULs of UTF-16), binary data, or Windows-1256 Arabic; None when it is
    none of them (the caller says where its first byte that is not UTF-8 stands)."""
    head = raw[:4096]
    for mark, codec, name, iconv in _BOMS:
        if head.startswith(mark) and _reads_as(head[len(mark) :], codec):
            return f"{name} text, not UTF-8: convert it (iconv -f {iconv} -t UTF-8)"
    # UTF-16 without a mark: the NULs of its ASCII characters (spaces, digits) all on one side.
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) >= 4 and min(odd, even) * 20 < max(odd, even):
        order = "little" if odd > even else "big"
        if _reads_as(head, f"utf-16-{order[0]}e"):
            iconv = f"UTF-16{order[0].upper()}E"
            return (
                f"UTF-16 ({order}-endian) text, not UTF-8: convert it (iconv -f {iconv} -t UTF-8)"
            )
    if b"\x00" in head:
        return "a binary file (NUL bytes), not UTF-8 text"
    sample = head.decode("cp1256", errors="replace")
    letters = sum("\u0621" <= char <= "\u064a" for char in sample)
    if letters >= 8 and letters >= 2 * len(sample.split()):
        return "Windows-1256 (Arabic) text, not UTF-8: convert it (iconv -f CP1256 -t UTF-8)"
    return None


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) so that `path` holds the old or the new content whole,
    whatever happens: a temporary file beside it, fsync'ed, renamed over it. The file keeps
    its mode and, where this process may, its owner; a new file gets the mode the umask gives.
    Temporary files a killed save left behind are removed first."""
    remove_stale_temporaries(path.parent, path.name)
    temporary = path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{_TEMPORARY}"
    # 0o666 as for any new file: the kernel applies the umask (mkstemp's 0600 would not).
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        try:
            existing = os.stat(path)
        except FileNotFoundError:
            existing = None
        if existing is not None:
            os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))
            with contextlib.suppress(PermissionError):  # another's file: its group, if ours
                os.fchown(descriptor, existing.st_uid, existing.st_gid)
        with os.fdopen(descriptor, "wb", closefd=False) as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.close(descriptor)
        descriptor = -1
        os.replace(temporary, path)
    except BaseException:
        if descriptor != -1:
            os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)


def remove_stale_temporaries(folder: Path, name: str = "") -> list[Path]:
    """Remove the temporary files of saves that were killed (of `name`, or of any file in
    `folder`): those of a process that is gone, and old ones of unknown origin. A save under
    way in another process keeps its own."""
    removed: list[Path] = []
    try:
        # Names only, and only the hidden .tmp ones looked at: a folder of 100,000 annotations
        # is read at the reader's start, on its event loop.
        names = [n for n in os.listdir(folder) if n[:1] == "." and n.endswith(".tmp")]
    except OSError:
        return removed
    for entry_name in names:
        found = _STALE.fullmatch(entry_name)
        if found is None or (name and found["name"] != name):
            continue
        pid = found["pid"]
        path = os.path.join(folder, entry_name)
        try:
            if pid is not None:
                alive = _running(int(pid))
            else:  # mkstemp's names, before saves named their process
                alive = time.time() - os.lstat(path).st_mtime < 600
            if not alive:
                os.unlink(path)
                removed.append(Path(path))
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True
