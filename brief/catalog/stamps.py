"""The stamps of a corpus's files (mtime and size), taken fast, and their hashes: how the catalog
knows which files changed without reading them."""

from __future__ import annotations

import hashlib
import marshal
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from stat import S_ISREG

from brief.text.boundary import visible
from brief.text.files import folder_refusal, name_refusal, read_corpus_file, refusal

Stamps = dict[str, tuple[str | None, str]]  # id -> article "mtime:size" (None: gone), annotation's
HASHED_UP_TO = 64 * 1024 * 1024  # bytes: as large as an article may be
PARALLEL_SCAN_FROM = 20000  # files to stamp before it pays to fork processes for it
SLICES = 2  # of each folder's listing, stamped by as many worker processes when forked


@dataclass(frozen=True)
class Scan:
    """The stamps of a corpus's files. A full scan is also digested: equal digests, no file
    changed, and its stamps need not even be read back from the workers that took them."""

    digest: str = ""  # "" for a scan of some files
    # "stem/stamp" entries (no file name holds "/" or NUL) joined by NUL, a slice of a
    # folder's listing each: the articles', then the annotations'.
    slices: tuple[str, ...] = ()
    taken: Stamps | None = None  # or the stamps themselves, for a scan of some files
    # Files left out, each as "path: why" a terminal can show: names that cannot be ids, and
    # what is not a file of the corpus (a FIFO, a link that loops or leads out of it…).
    skipped: tuple[str, ...] = ()
    names: str = ""  # the articles' folder's stamp before it was listed (names_stamp)

    @cached_property
    def stamps(self) -> Stamps:
        if self.taken is not None:
            return self.taken
        folders: list[dict[str, str]] = [{}, {}]
        for k, text in enumerate(self.slices):
            entries = (entry.rpartition("/") for entry in text.split("\0") if entry)
            folders[k // SLICES].update((stem, stamp) for stem, _, stamp in entries)
        articles, annotations = folders
        return {i: (stamp, annotations.get(i, "")) for i, stamp in articles.items()}

    def entries(self) -> tuple[set[str], set[str]]:
        """A full scan's "stem/stamp" entries: the articles' files', the annotations'. Sets of
        them are compared whole, in C, where a dict of stamps by id costs a step per file."""
        folders: tuple[set[str], set[str]] = (set(), set())
        for k, text in enumerate(self.slices):
            if text:
                folders[k // SLICES].update(text.split("\0"))
        return folders


def stamps_of(root: Path, only: Iterable[str] | None) -> Scan:
    """The stamps of these articles' files (default: of every file)."""
    seeds, notes = root / "seeds", root / "annotations"
    if only is not None:
        wanted = [i for i in only if storable(i)]
        taken = {i: (stamp(seeds / f"{i}.txt"), stamp(notes / f"{i}.yaml") or "") for i in wanted}
        return Scan(taken=taken)  # a file the corpus does not read has no stamp: it is gone
    return start_scan(root)()


def start_scan(root: Path) -> Callable[[], Scan]:
    """Begin taking the stamp of every file; the function returned waits for them.

    A stat costs microseconds, but a large corpus has hundreds of thousands of files: they are
    stat'ed by forked worker processes, one per slice, while the caller goes on (and lists the
    next folder), when this process has no other thread (forking a threaded one is unsafe).
    Each slice of a listing is stamped and digested alike either way, so both ways give the
    same digest."""
    folders = [(root / "seeds", ".txt"), (root / "annotations", ".yaml")]
    skipped: list[str] = []
    names = names_stamp(root)
    articles = _listing(*folders[0], skipped)
    if len(articles) * 2 < PARALLEL_SCAN_FROM or threading.active_count() > 1:
        listings = [articles, _listing(*folders[1], skipped)]
        parts = [
            _stat_all(folder, suffix, names[k::SLICES])
            for (folder, suffix), names in zip(folders, listings, strict=True)
            for k in range(SLICES)
        ]
        return lambda: _joined(folders, parts, skipped, names)
    workers = [_forked(*folders[0], articles[k::SLICES]) for k in range(SLICES)]
    annotations = _listing(*folders[1], skipped)  # while the articles are stat'ed
    workers += [_forked(*folders[1], annotations[k::SLICES]) for k in range(SLICES)]
    return lambda: _joined(folders, [result() for result in workers], skipped, names)


def _forked(
    folder: Path, suffix: str, names: list[str]
) -> Callable[[], tuple[str, bytes, list[str]]]:
    """_stat_all in a forked process, its result sent back through a pipe (marshal's); the
    function returned waits for it. A bare fork: a pool's machinery (its imports, threads and
    queues) costs more than four forks. A worker that fails leaves its slice to be stamped
    here, where its error is raised as usual."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: it writes its result and exits, running nothing of the parent's
        status = 1
        try:
            os.close(read)
            with open(write, "wb") as out:
                out.write(marshal.dumps(_stat_all(folder, suffix, names)))
            status = 0
        finally:
            os._exit(status)
    os.close(write)

    def result() -> tuple[str, bytes, list[str]]:
        with open(read, "rb") as sent:
            data = sent.read()
        _, status = os.waitpid(pid, 0)
        if status != 0:
            return _stat_all(folder, suffix, names)
        text, digest, odd = marshal.loads(data)
        return text, digest, odd

    return result


def storable(stem: str) -> bool:
    """Whether a file's name can be an article's id (brief.text.files.name_refusal)."""
    return name_refusal(stem) is None


def _listing(folder: Path, suffix: str, skipped: list[str]) -> list[str]:
    """A folder's names, for _stat_all to keep those with the suffix; those that cannot be ids
    go to `skipped`, as lines a terminal can show. Names only, as listdir gives them, with no
    step per name here: what is not a regular file is found by its stat."""
    outside = folder_refusal(folder, folder.parent)
    if outside is not None:  # none of its files is read: said once
        skipped.append(visible(f"{folder}/: {outside.removeprefix(f'in {folder}, ')}", keep=""))
        return []
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    if storable("/".join(names)):  # all at once: a call per name costs more
        return names
    kept = []
    for name in names:
        reason = name_refusal(name.removesuffix(suffix))
        if reason is None:
            kept.append(name)
        elif name.endswith(suffix):
            skipped.append(_skipped_line(folder, name, reason))
    return kept


def _skipped_line(folder: Path, name: str, reason: str) -> str:
    shown = os.fsencode(folder / name).decode(errors="backslashreplace")
    return visible(f"{shown}: {reason}", keep="")


def _stat_all(folder: Path, suffix: str, names: list[str]) -> tuple[str, bytes, list[str]]:
    """The stamps of the files of these names with the suffix, as one string (cheap to send
    back from a worker), and its digest; and the stems whose file is not a regular one (a
    link, a FIFO…), for _joined."""
    entries = []
    odd = []
    cut = len(suffix)
    try:
        fd = os.open(folder, os.O_RDONLY)
    except FileNotFoundError:  # removed since it was listed
        return "", b"", []
    try:
        for name in names:
            if not name.endswith(suffix):
                continue
            try:
                stat = os.lstat(name, dir_fd=fd)
            except OSError:  # deleted, or swapped for what cannot be read, since it was listed
                continue
            if S_ISREG(stat.st_mode):
                entries.append(f"{name[:-cut]}/{_format(stat)}")
            else:
                odd.append(name[:-cut])
    finally:
        os.close(fd)
    text = "\0".join(entries)
    return text, hashlib.blake2b(text.encode(), digest_size=16).digest(), odd


def _joined(
    folders: list[tuple[Path, str]],
    parts: list[tuple[str, bytes, list[str]]],
    skipped: list[str],
    names: str,
) -> Scan:
    """Slices of the articles' listing, then of the annotations', as one scan; the files
    skipped count in its digest, so that one more or less is a change. What is not a regular
    file is read when the corpus reads it (a link to a file in it), else skipped."""
    slices: list[tuple[str, bytes]] = []
    for k, (text, sliced, odd) in enumerate(parts):
        folder, suffix = folders[k // SLICES]
        kept = []
        for stem in odd:
            reason = refusal(folder / f"{stem}{suffix}", folder.parent)
            found = stamp(folder / f"{stem}{suffix}") if reason is None else None
            if found is not None:
                kept.append(f"{stem}/{found}")
            elif reason is not None:
                skipped.append(_skipped_line(folder, f"{stem}{suffix}", reason))
        if kept:
            text = "\0".join([text, *kept] if text else kept)
            sliced = hashlib.blake2b(text.encode(), digest_size=16).digest()
        slices.append((text, sliced))
    skipped = sorted(skipped)
    digests = b"".join(d for _, d in slices) + "\0".join(skipped).encode(errors="replace")
    digest = hashlib.blake2b(digests, digest_size=16).hexdigest()
    return Scan(digest, tuple(text for text, _ in slices), skipped=tuple(skipped), names=names)


def names_stamp(root: Path) -> str:
    """The articles' folder's stamp: it moves whenever a name in it is added, removed or
    renamed (its mtime), or the folder is replaced (its device and inode)."""
    try:
        stat = os.stat(root / "seeds")
    except OSError:
        return ""
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_mtime_ns}"


def stamp(path: Path) -> str | None:
    """The stamp of a file of the corpus (ROOT/seeds/ or ROOT/annotations/); None when it is
    not there, or not a file the corpus reads."""
    if refusal(path, path.parent.parent) is not None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return _format(stat)


def _format(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def content_hash(data: bytes) -> str:
    """The hash the catalog keeps of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_hash(path: Path) -> str:
    try:
        raw = read_corpus_file(path, HASHED_UP_TO)
    except OSError:
        return ""
    return content_hash(raw)
