"""The stamps of a corpus's files (mtime and size), taken fast, and their hashes: how the catalog
knows which files changed without reading them."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple

Stamps = dict[str, tuple[str | None, str]]  # id -> article "mtime:size" (None: gone), annotation's
PARALLEL_SCAN_FROM = 20000  # files to stamp before it pays to fork processes for it
SLICES = 2  # of each folder's listing, stamped by as many worker processes when forked


class Scan(NamedTuple):
    stamps: Stamps
    # Of every stamp, in listing order: equal when no file changed (a folder listed in another
    # order only costs a full comparison). "" for a scan of some files.
    digest: str


def stamps_of(root: Path, only: Iterable[str] | None) -> Scan:
    """The stamps of these articles' files (default: of every file)."""
    seeds, notes = root / "seeds", root / "annotations"
    if only is not None:
        wanted = list(only)
        stamps = {i: (stamp(seeds / f"{i}.txt"), stamp(notes / f"{i}.yaml") or "") for i in wanted}
        return Scan(stamps, "")
    return start_scan(root)()


def start_scan(root: Path) -> Callable[[], Scan]:
    """Begin taking the stamp of every file; the function returned waits for them.

    A stat costs microseconds, but a large corpus has hundreds of thousands of files: they are
    stat'ed by forked worker processes, while the caller goes on, when this process has no
    other thread (forking a threaded one is unsafe). Each slice of a listing is stamped and
    digested alike either way, so both ways give the same digest."""
    folders = [(root / "seeds", ".txt"), (root / "annotations", ".yaml")]
    jobs = [
        (folder, suffix, names[k::SLICES])
        for folder, suffix in folders
        for names in [_listing(folder, suffix)]
        for k in range(SLICES)
    ]
    if sum(len(names) for *_, names in jobs) < PARALLEL_SCAN_FROM or threading.active_count() > 1:
        parts = [_stat_all(*job) for job in jobs]
        return lambda: _joined(parts)
    pool = ProcessPoolExecutor(SLICES, mp_context=get_context("fork"))
    futures = [pool.submit(_stat_all, *job) for job in jobs]

    def wait() -> Scan:
        with pool:
            return _joined([future.result() for future in futures])

    return wait


def _listing(folder: Path, suffix: str) -> list[str]:
    try:
        return [name[: -len(suffix)] for name in os.listdir(folder) if name.endswith(suffix)]
    except FileNotFoundError:
        return []


def _stat_all(folder: Path, suffix: str, stems: list[str]) -> tuple[dict[str, str], bytes]:
    """The stamps of these files, and their digest."""
    out: dict[str, str] = {}
    try:
        fd = os.open(folder, os.O_RDONLY)
    except FileNotFoundError:  # removed since it was listed
        return out, b""
    try:
        for stem in stems:
            try:
                stat = os.stat(stem + suffix, dir_fd=fd)
            except FileNotFoundError:  # deleted since it was listed
                continue
            out[stem] = _format(stat)
    finally:
        os.close(fd)
    text = "\n".join(map(" ".join, out.items()))
    return out, hashlib.blake2b(text.encode(), digest_size=16).digest()


def _joined(parts: list[tuple[dict[str, str], bytes]]) -> Scan:
    """Slices of the articles' listing, then of the annotations', as one scan."""
    articles: dict[str, str] = {}
    annotations: dict[str, str] = {}
    for k, (found, _) in enumerate(parts):
        (articles if k < SLICES else annotations).update(found)
    stamps: Stamps = {i: (stamp, annotations.get(i, "")) for i, stamp in articles.items()}
    digest = hashlib.blake2b(b"".join(d for _, d in parts), digest_size=16).hexdigest()
    return Scan(stamps, digest)


def stamp(path: Path) -> str | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _format(stat)


def _format(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def file_hash(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""
