"""Keeping the catalog in step with the files, in two steps. Planning compares the stamps on
disk with those stored: the articles whose files are gone, and those new or whose stamps moved.
Applying removes the first and hashes the second, reading and storing again only the articles
whose bytes changed, in batches (in worker processes when there are many), each batch logged
in `changes` and committed, so that other connections see the catalog fill as it goes."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from brief.catalog.indexing import Indexed, index_article
from brief.catalog.stamps import Scan
from brief.catalog.tables import COLUMNS, rows, set_meta
from brief.text.files import outside_links_allowed, set_outside_links

PARALLEL_FROM = 2000  # articles to index before it pays to start worker processes
BATCH = 500  # articles per transaction, and per progress report
CHANGES_KEPT = 20000

Progress = Callable[[int, int], None]


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    ids: set[str] = field(default_factory=set)  # the articles added, updated or removed

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


class SyncStopped(Exception):
    """Raised by a progress callback to stop a sync; what it stored so far stays."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What a sync has to do."""

    scan: Scan
    whole: bool  # every file was stamped, not only some articles'
    stored: set[str]  # the articles of the scan that the catalog holds
    gone: list[str]  # stored, and their article file is gone
    changed: list[str]  # new, or a stamp moved: hashed, and read again if their bytes did
    from_empty: bool  # nothing stored yet: the articles are stored in id order


def plan(db: sqlite3.Connection, scan: Scan, whole: bool) -> Plan:
    """The sync the stamps on disk call for, against the stamps stored."""
    on_disk = scan.stamps
    fields = "id, article_stamp, annotation_stamp"
    found = (
        db.execute(f"SELECT {fields} FROM articles")
        if whole
        else rows(db, fields, list(on_disk), by="id")
    )
    stored = {row[0]: row[1:] for row in found}
    gone = [i for i in stored if on_disk.get(i, (None,))[0] is None]
    changed = [
        i for i, stamps in on_disk.items() if stamps[0] is not None and stored.get(i) != stamps
    ]
    from_empty = whole and not stored
    if from_empty:  # stored in id order, so that queries need not sort (_in_id_order)
        changed.sort()
    return Plan(scan, whole, set(stored), gone, changed, from_empty)


def apply(
    db: sqlite3.Connection,
    root: Path,
    work: Plan,
    progress: Progress | None,
    committed: Callable[[], None],
) -> SyncReport:
    """Do what was planned; `committed` is called after each commit."""
    report = SyncReport(removed=len(work.gone), ids=set(work.gone))
    with db:
        _delete(db, work.gone)
        _log(db, work.gone)
    hashes = {
        row[0]: row[1:]
        for row in rows(db, "id, article_hash, annotation_hash", work.changed, by="id")
    }
    total = len(work.changed)
    logged: list[str] = []
    for done, entry in enumerate(_index(root, work.changed, hashes), 1):
        if entry.unchanged:
            db.execute(
                "UPDATE articles SET article_stamp = ?, annotation_stamp = ? WHERE id = ?",
                (entry.article_stamp, entry.annotation_stamp, entry.id),
            )
        else:
            _store(db, entry)
            report.ids.add(entry.id)
            logged.append(entry.id)
            if entry.id in work.stored:
                report.updated += 1
            else:
                report.added += 1
        if done % BATCH == 0 or done == total:
            _log(db, logged)
            logged.clear()
            db.commit()
            committed()
            if progress is not None:
                progress(done, total)
    set_meta(db, "stamps", work.scan.digest)
    if work.whole:
        set_meta(db, "skipped", json.dumps(work.scan.skipped))
    if work.from_empty:
        (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
        set_meta(db, "in_order", str(last))
    db.commit()
    committed()
    return report


def _log(db: sqlite3.Connection, ids: list[str]) -> None:
    if not ids:
        return
    db.executemany("INSERT INTO changes(id) VALUES (?)", [(i,) for i in ids])
    db.execute(
        "DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?", (CHANGES_KEPT,)
    )


def _index(root: Path, ids: list[str], hashes: dict[Any, tuple[object, ...]]) -> Iterator[Indexed]:
    """Each article read and folded, in worker processes when there are many."""
    jobs = [(root, i, hashes.get(i)) for i in ids]
    if len(jobs) < PARALLEL_FROM:
        for job in jobs:
            yield index_article(job)
        return
    # Forked when this process has no other thread; else spawned (the reader has threads,
    # and forking a threaded process is unsafe), which needs a guarded __main__.
    context = get_context("fork" if threading.active_count() == 1 else "spawn")
    workers = max(1, min(os.cpu_count() or 1, 8))
    # Workers are told whether links out of the corpus are followed (a spawned one cannot know).
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=set_outside_links,
        initargs=(outside_links_allowed(),),
    )
    try:
        yield from pool.map(index_article, jobs, chunksize=64)
    finally:  # a sync stopped half-way does not wait for the rest to be read
        pool.shutdown(wait=True, cancel_futures=True)


def _store(db: sqlite3.Connection, entry: Indexed) -> None:
    _delete(db, [entry.id])
    cursor = db.execute(
        "INSERT INTO articles(id, article_stamp, article_hash, annotation_stamp, "
        "annotation_hash, error, published, title, title_visual, outlet, paragraphs, status, "
        "items, problems, annotation_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            entry.id,
            entry.article_stamp,
            entry.article_hash,
            entry.annotation_stamp,
            entry.annotation_hash,
            entry.error,
            *entry.row,
        ),
    )
    rowid = cursor.lastrowid
    if entry.error is not None:
        return
    marks = ",".join("?" * (len(COLUMNS) + 1))
    db.execute(f"INSERT INTO trigrams(rowid, {', '.join(COLUMNS)}) VALUES ({marks})",
               (rowid, *entry.columns))  # fmt: skip
    db.execute(f"INSERT INTO grams(rowid, {', '.join(COLUMNS)}) VALUES ({marks})",
               (rowid, *entry.grams))  # fmt: skip
    db.executemany(
        "INSERT INTO dates(article, low, high) VALUES (?, ?, ?)",
        [(rowid, low, high) for low, high in entry.dates],
    )


def _delete(db: sqlite3.Connection, ids: list[str]) -> None:
    """By id, not by the rowid read before: another connection (the reader's watcher, or
    the reader itself after an edit) may have stored the article again since."""
    for article_id in ids:
        row = db.execute(
            "DELETE FROM articles WHERE id = ? RETURNING rowid", (article_id,)
        ).fetchone()
        if row is not None:
            db.execute("DELETE FROM dates WHERE article = ?", row)
