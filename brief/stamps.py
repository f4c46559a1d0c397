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

Stamps = dict[str, tuple[str | None, str]]  # id -> article "mtime:size" (None: gone), annotation's
PARALLEL_SCAN_FROM = 20000  # files to stamp before it pays to fork processes for it
SCAN_WORKERS = 2


def stamps_of(root: Path, only: Iterable[str] | None) -> Stamps:
    """id -> (the article's "mtime:size" or None when it is missing, the annotation's or "")."""
    seeds, notes = root / "seeds", root / "annotations"
    if only is not None:
        wanted = list(only)
        return {i: (stamp(seeds / f"{i}.txt"), stamp(notes / f"{i}.yaml") or "") for i in wanted}
    return start_scan(root)()


def start_scan(root: Path) -> Callable[[], Stamps]:
    """Begin taking the stamp of every file; the function returned waits for them.

    A stat costs microseconds, but a large corpus has hundreds of thousands of files: they are
    stat'ed by forked worker processes, while the caller goes on, when this process has no
    other thread (forking a threaded one is unsafe)."""
    folders = [(root / "seeds", ".txt"), (root / "annotations", ".yaml")]
    listed = [(folder, suffix, _listing(folder, suffix)) for folder, suffix in folders]
    if sum(len(names) for *_, names in listed) < PARALLEL_SCAN_FROM or threading.active_count() > 1:
        parts = [_stat_all(folder, suffix, names) for folder, suffix, names in listed]
        stamps = _joined(parts[0], parts[1])
        return lambda: stamps
    pool = ProcessPoolExecutor(SCAN_WORKERS, mp_context=get_context("fork"))
    futures = [
        [
            pool.submit(_stat_all, folder, suffix, names[k::SCAN_WORKERS])
            for k in range(SCAN_WORKERS)
        ]
        for folder, suffix, names in listed
    ]

    def wait() -> Stamps:
        with pool:
            articles, annotations = (_merged(f.result() for f in part) for part in futures)
        return _joined(articles, annotations)

    return wait


def stamps_digest(stamps: Stamps) -> str:
    """One digest of every stamp, whatever order the files were listed in."""
    return hashlib.blake2b(repr(sorted(stamps.items())).encode(), digest_size=16).hexdigest()


def _listing(folder: Path, suffix: str) -> list[str]:
    try:
        return [name[: -len(suffix)] for name in os.listdir(folder) if name.endswith(suffix)]
    except FileNotFoundError:
        return []


def _stat_all(folder: Path, suffix: str, stems: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        fd = os.open(folder, os.O_RDONLY)
    except FileNotFoundError:  # removed since it was listed
        return out
    try:
        for stem in stems:
            try:
                stat = os.stat(stem + suffix, dir_fd=fd)
            except FileNotFoundError:  # deleted since it was listed
                continue
            out[stem] = _format(stat)
    finally:
        os.close(fd)
    return out


def _merged(parts: Iterable[dict[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        out.update(part)
    return out


def _joined(articles: dict[str, str], annotations: dict[str, str]) -> Stamps:
    return {i: (stamp, annotations.get(i, "")) for i, stamp in articles.items()}


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
