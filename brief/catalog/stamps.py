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
from brief.text.files import (
    folder_refusal,
    name_refusal,
    read_corpus_file_status,
    refusal,
)

Stamped = tuple[str, bytes, list[str], bytes, bytes]  # a slice's _stat_all
Stamps = dict[str, tuple[str | None, str]]  # id -> article "mtime:size" (None: gone), annotation's
FOLDERS = {"seeds": ".txt", "annotations": ".yaml"}  # the corpus's folders, their files' suffix
HASHED_UP_TO = 64 * 1024 * 1024  # bytes: as large as an article may be
PARALLEL_SCAN_FROM = 20000  # files to stamp before it pays to fork processes for it
SLICES = 2  # of each folder's listing, stamped by as many worker processes when forked
BLOCK = 256  # names of a slice digested together: a block that did not change is not looked at
BLOCK_DIGEST = 8  # bytes


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
    # Each slice's names in turn, and a digest per BLOCK of them: with the same names listed as
    # at the last full sync, only the files of the blocks whose digest moved need be looked at.
    listed: tuple[list[str], ...] = ()
    blocks: tuple[bytes, ...] = ()
    listing: str = ""  # the digest of those names, in that order
    root: Path | None = None  # the corpus, for a full scan

    def block_digests(self) -> str:
        """The blocks' digests as the catalog keeps them, with the listing they are of."""
        return f"{self.listing} {','.join(d.hex() for d in self.blocks)}"

    def moved_since(self, kept: str | None) -> set[str] | None:
        """The stems in the blocks whose digest moved since `kept` (block_digests of an earlier
        scan); None when the two cannot be compared (names came or went, or none kept)."""
        listing, _, digests = (kept or "").partition(" ")
        if not self.blocks or listing != self.listing:
            return None
        try:
            before = [bytes.fromhex(d) for d in digests.split(",")]
        except ValueError:  # not as a sync left it
            return None
        if [len(d) for d in before] != [len(d) for d in self.blocks]:
            return None
        stems: set[str] = set()
        for k, (was, now) in enumerate(zip(before, self.blocks, strict=True)):
            suffix = list(FOLDERS.values())[k // SLICES]
            for at in range(0, len(now), BLOCK_DIGEST):
                if was[at : at + BLOCK_DIGEST] != now[at : at + BLOCK_DIGEST]:
                    first = at // BLOCK_DIGEST * BLOCK
                    block = self.listed[k][first : first + BLOCK]
                    stems.update(n.removesuffix(suffix) for n in block if n.endswith(suffix))
        return stems

    def restamped(self, stems: set[str]) -> Stamps:
        """The stamps of these stems' files, taken again (a stat each, fewer than reading back
        the slices they are in): a file changed since is seen as it is now."""
        assert self.root is not None
        taken = stamps_of(self.root, sorted(stems)).taken
        assert taken is not None
        return taken

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
    folders = [(root / name, suffix) for name, suffix in FOLDERS.items()]
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
        return lambda: _joined(folders, parts, skipped, names, listings)
    workers = [_forked(*folders[0], articles[k::SLICES]) for k in range(SLICES)]
    annotations = _listing(*folders[1], skipped)  # while the articles are stat'ed
    workers += [_forked(*folders[1], annotations[k::SLICES]) for k in range(SLICES)]
    listings = [articles, annotations]
    return lambda: _joined(folders, [result() for result in workers], skipped, names, listings)


def _forked(folder: Path, suffix: str, names: list[str]) -> Callable[[], Stamped]:
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

    def result() -> Stamped:
        with open(read, "rb") as sent:
            data = sent.read()
        _, status = os.waitpid(pid, 0)
        if status != 0:
            return _stat_all(folder, suffix, names)
        text, digest, odd, blocks, listed = marshal.loads(data)
        return text, digest, odd, blocks, listed

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


def _stat_all(folder: Path, suffix: str, names: list[str]) -> Stamped:
    """The stamps of the files of these names with the suffix, as one string (cheap to send
    back from a worker), and its digest; the stems whose file is not a regular one (a link, a
    FIFO…), for _joined; a digest of each BLOCK of names' entries and one of the names
    (Scan.moved_since)."""
    entries: list[str] = []
    odd: list[str] = []
    texts: list[str] = []  # each block's entries
    blocks: list[bytes] = []
    cut = len(suffix)
    try:
        fd = os.open(folder, os.O_RDONLY)
    except FileNotFoundError:  # removed since it was listed
        return "", b"", [], b"", b""
    try:
        for first in range(0, len(names), BLOCK):
            start, odd_before = len(entries), len(odd)
            for name in names[first : first + BLOCK]:
                if not name.endswith(suffix):
                    continue
                try:
                    stat = os.lstat(name, dir_fd=fd)
                except OSError:  # deleted, or swapped for what cannot be read, since listed
                    continue
                if S_ISREG(stat.st_mode):
                    entries.append(f"{name[:-cut]}/{_format(stat)}")
                else:
                    odd.append(name[:-cut])
            # A block with a link in it: its target's stamp is taken later (_joined), so it is
            # always looked at (a digest no other scan gives).
            texts.append("\0".join(entries[start:]))
            blocks.append(
                os.urandom(BLOCK_DIGEST)
                if len(odd) > odd_before
                else hashlib.blake2b(texts[-1].encode(), digest_size=BLOCK_DIGEST).digest()
            )
    finally:
        os.close(fd)
    text = "\0".join(block for block in texts if block)  # as the entries joined
    listed = "\0".join(names).encode(errors="surrogateescape")
    return (
        text,
        hashlib.blake2b(text.encode(), digest_size=16).digest(),
        odd,
        b"".join(blocks),
        hashlib.blake2b(listed, digest_size=16).digest(),
    )


def _joined(
    folders: list[tuple[Path, str]],
    parts: list[Stamped],
    skipped: list[str],
    names: str,
    listings: list[list[str]],
) -> Scan:
    """Slices of the articles' listing, then of the annotations', as one scan; the files
    skipped count in its digest, so that one more or less is a change. What is not a regular
    file is read when the corpus reads it (a link to a file in it), else skipped."""
    slices: list[tuple[str, bytes]] = []
    for k, (text, sliced, odd, _, _) in enumerate(parts):
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
    return Scan(
        digest,
        tuple(text for text, _ in slices),
        skipped=tuple(skipped),
        names=names,
        listed=tuple(names[k::SLICES] for names in listings for k in range(SLICES)),
        blocks=tuple(part[3] for part in parts),
        listing=hashlib.blake2b(b"".join(part[4] for part in parts), digest_size=16).hexdigest(),
        root=folders[0][0].parent,
    )


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


def read_stamped(path: Path) -> tuple[str, bytes | None]:
    """The stamp and the bytes of a file of the corpus, read at once: the stamp as the file
    was opened (if it changes while read, its stamp moves past the one kept, and it is read
    again). A file that is there but cannot be read has its own stamp and no bytes; "" is the
    stamp of no file the corpus reads."""
    try:
        status, raw = read_corpus_file_status(path, HASHED_UP_TO)
    except FileNotFoundError:
        return "", None
    except OSError:
        return stamp(path) or "", None
    return _format(status), raw


def _format(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def content_hash(data: bytes) -> str:
    """The hash the catalog keeps of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
