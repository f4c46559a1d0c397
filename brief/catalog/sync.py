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
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief.catalog.grams import store_grams
from brief.catalog.indexing import Indexed, Job, Run, index_run
from brief.catalog.stamps import Scan, Stamps
from brief.catalog.tables import COLUMNS, day_number, last_change, meta, rows, set_meta
from brief.text.files import outside_links_allowed, set_outside_links

if TYPE_CHECKING:
    from concurrent.futures import Future

PARALLEL_FROM = 2000  # articles to index before it pays to start worker processes
BATCH = 500  # articles per transaction, and per progress report
CHUNK = 64  # articles a worker process reads at a time
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


def plan(db: sqlite3.Connection, scan: Scan, whole: bool, blocks: str | None = None) -> Plan:
    """The sync the stamps on disk call for, against the stamps stored. `blocks`: the digests
    of the blocks of names the last full sync saw (Scan.block_digests), if it left them."""
    if whole and scan.taken is None:
        moved = scan.moved_since(blocks)
        if moved is None:
            return _plan_whole(db, scan)
        # The same names as then: only the files of the blocks that moved can have changed.
        return replace(_plan_some(db, scan.restamped(moved)), scan=scan, whole=True)
    return replace(_plan_some(db, scan.stamps), scan=scan, whole=whole)


def _plan_some(db: sqlite3.Connection, on_disk: Stamps) -> Plan:
    """The plan for the articles of these stamps (None: the article is gone)."""
    found = rows(db, "id, article_stamp, annotation_stamp", list(on_disk), by="id")
    stored = {row[0]: row[1:] for row in found}
    gone = [i for i in stored if on_disk[i][0] is None]
    changed = [
        i for i, stamps in on_disk.items() if stamps[0] is not None and stored.get(i) != stamps
    ]
    return Plan(Scan(taken=on_disk), False, set(stored), gone, changed, from_empty=False)


def _plan_whole(db: sqlite3.Connection, scan: Scan) -> Plan:
    """The plan for a scan of every file, from the entries ("stem/stamp") on disk and stored
    that are not on both sides: only their articles are looked at one by one."""
    articles, annotations = scan.entries()
    stored_articles, stored_annotations = (
        set(text.split("\n")) if text else set()
        for text in db.execute(
            "SELECT group_concat(id || '/' || article_stamp, char(10)), "
            "group_concat(CASE WHEN annotation_stamp != '' THEN id || '/' || annotation_stamp "
            "END, char(10)) FROM articles INDEXED BY stamps"
        ).fetchone()
    )
    new_articles = dict(entry.rpartition("/")[::2] for entry in articles - stored_articles)
    new_annotations = dict(entry.rpartition("/")[::2] for entry in annotations - stored_annotations)
    moved = (articles ^ stored_articles) | (annotations ^ stored_annotations)
    candidates = sorted({entry.rpartition("/")[0] for entry in moved})
    found = rows(db, "id, article_stamp, annotation_stamp", candidates, by="id")
    stored: dict[str, tuple[str, str]] = {row[0]: row[1:] for row in found}

    def on_disk(i: str) -> tuple[str | None, str]:
        """The stamps of an article's files on disk: new ones, else those stored if still
        there (a stem has one entry in each folder at most)."""
        article, annotation = stored.get(i, (None, ""))
        if i in new_articles:
            article = new_articles[i]
        elif f"{i}/{article}" not in articles:
            article = None
        if i in new_annotations:
            annotation = new_annotations[i]
        elif f"{i}/{annotation}" not in annotations:
            annotation = ""
        return article, annotation

    stamps = {i: on_disk(i) for i in candidates}
    gone = [i for i in stored if stamps[i][0] is None]
    # In id order; from empty, the articles are stored in it, so queries need not sort
    # (_in_id_order).
    changed = [i for i in candidates if stamps[i][0] is not None and stored.get(i) != stamps[i]]
    return Plan(scan, True, set(stored), gone, changed, from_empty=not stored_articles)


def apply(
    db: sqlite3.Connection,
    root: Path,
    work: Plan,
    progress: Progress | None,
    committed: Callable[[], None],
    begun: int,
) -> SyncReport:
    """Do what was planned; `committed` is called after each commit. `begun`: the last change
    logged when this sync took the write lock to plan."""
    report = SyncReport(removed=len(work.gone), ids=set(work.gone))
    logged = len(work.gone)  # the changes this sync logs itself
    with db:
        _delete(db, work.gone)
        _log(db, work.gone)
    hashes: dict[Any, tuple[object, ...]] = {
        row[0]: (row[1].hex(), row[2].hex())
        for row in rows(db, "id, article_hash, annotation_hash", work.changed, by="id")
    }
    total = len(work.changed)
    if work.from_empty and total >= PARALLEL_FROM:
        _merge_later(db)
    done = 0
    for batch in _batches(_index(root, work.changed, hashes), BATCH):
        stored = _store(db, batch)
        for entry in stored:
            report.ids.add(entry.id)
            if entry.id in work.stored:
                report.updated += 1
            else:
                report.added += 1
        _log(db, [entry.id for entry in stored])
        logged += len(stored)
        db.commit()
        committed()
        done += sum(len(run.entries) for run in batch)
        if progress is not None:
            progress(done, total)
    # What this sync saw, unless another (a watcher's, the reader's) stored articles between
    # its batches: those are not in its stamps, so a later sync must not take them as a summary.
    if not db.in_transaction:  # the count and the writes below under one lock
        db.execute("BEGIN IMMEDIATE")
    alone = last_change(db) - begun == logged
    set_meta(db, "stamps", work.scan.digest if alone else "")
    set_meta(db, "blocks", work.scan.block_digests() if work.whole and alone else "")
    if work.whole:
        set_meta(db, "skipped", json.dumps(work.scan.skipped))
        set_meta(db, "names", work.scan.names)  # the names stored are the folder's, as of then
    if work.from_empty:
        (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
        set_meta(db, "in_order", str(last))
    db.commit()
    if meta(db, "merging"):  # this build's, or one stopped before its end
        _merge_now(db)
    committed()
    return report


def _merge_later(db: sqlite3.Connection) -> None:
    """A large build from empty: FTS5 merges its segments only when a level fills up
    (crisismerge), not after every batch, and once, fully, at the end (_merge_now)."""
    with db:
        set_meta(db, "merging", "1")
        db.execute("INSERT INTO trigrams(trigrams, rank) VALUES ('automerge', 0)")
        db.execute("INSERT INTO trigrams(trigrams, rank) VALUES ('crisismerge', 64)")


def _merge_now(db: sqlite3.Connection) -> None:
    """The full-text table merged into one segment, and the usual merging back; the pages
    its old segments held given back to the disk (a tenth of the catalog)."""
    with db:
        db.execute("INSERT INTO trigrams(trigrams) VALUES ('optimize')")
        db.execute("INSERT INTO trigrams(trigrams, rank) VALUES ('automerge', 4)")
        db.execute("INSERT INTO trigrams(trigrams, rank) VALUES ('crisismerge', 16)")
        db.execute("DELETE FROM meta WHERE key = 'merging'")
    db.executescript("PRAGMA incremental_vacuum")  # executescript: steps it to its end


def _batches(runs: Iterator[Run], size: int) -> Iterator[list[Run]]:
    """The runs, as batches of at least `size` articles (the last, of what is left)."""
    batch: list[Run] = []
    count = 0
    for run in runs:
        batch.append(run)
        count += len(run.entries)
        if count >= size:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


def _log(db: sqlite3.Connection, ids: list[str]) -> None:
    if not ids:
        return
    db.executemany("INSERT INTO changes(id) VALUES (?)", [(i,) for i in ids])
    db.execute(
        "DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?", (CHANGES_KEPT,)
    )


def _index(root: Path, ids: list[str], hashes: dict[Any, tuple[object, ...]]) -> Iterator[Run]:
    """The articles read and folded, in id order, a run of CHUNK at a time; in worker
    processes when there are many, one per core: reading costs them more than storing costs
    this process, which mostly waits."""
    jobs: list[Job] = [(root, i, hashes.get(i)) for i in ids]
    chunks = [jobs[k : k + CHUNK] for k in range(0, len(jobs), CHUNK)]
    if len(jobs) < PARALLEL_FROM:
        yield from map(index_run, chunks)
        return
    # Imported here: a sync of a few articles (a watcher's, an edit's) needs none.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

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
    # A few chunks ahead of what is stored, not all: what the workers send waits in memory.
    pending: deque[Future[Run]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(index_run, chunk))
            if len(pending) > 2 * workers + 2:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # a sync stopped half-way does not wait for the rest to be read
        pool.shutdown(wait=True, cancel_futures=True)


_ARTICLE_FIELDS = (
    "rowid, id, article_stamp, article_hash, annotation_stamp, annotation_hash, error, "
    "published, title, title_visual, outlet, paragraphs, status, items, problems, source_url"
)


def _store(db: sqlite3.Connection, runs: list[Run]) -> list[Indexed]:
    """Store a batch of articles, a statement per table; returns those whose bytes changed
    (the others only have their stamps moved). Each stored article gets a rowid above any
    used before (AUTOINCREMENT's), taken while this transaction holds the write lock."""
    batch = [entry for run in runs for entry in run.entries]
    unchanged = [(e.article_stamp, e.annotation_stamp, e.id) for e in batch if e.unchanged]
    changed = [e for e in batch if not e.unchanged]
    if not db.in_transaction:
        db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "UPDATE articles SET article_stamp = ?, annotation_stamp = ? WHERE id = ?", unchanged
    )
    if not changed:
        return []
    _delete(db, [e.id for e in changed])
    (last,) = db.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0), "
        "coalesce((SELECT max(rowid) FROM articles), 0))"
    ).fetchone()
    rowids = range(last + 1, last + 1 + len(changed))
    db.executemany(
        f"INSERT INTO articles({_ARTICLE_FIELDS}) VALUES ({','.join('?' * 16)})",
        [
            (
                rowid,
                e.id,
                e.article_stamp,
                bytes.fromhex(e.article_hash),
                e.annotation_stamp,
                bytes.fromhex(e.annotation_hash),
                e.error,
                *e.row,
            )
            for rowid, e in zip(rowids, changed, strict=True)
        ],
    )
    readable = [(rowid, e) for rowid, e in zip(rowids, changed, strict=True) if e.error is None]
    db.executemany(
        "INSERT INTO annotations(article, json) VALUES (?, ?)",
        [(rowid, e.annotation) for rowid, e in readable if e.annotation is not None],
    )
    marks = ",".join("?" * (len(COLUMNS) + 1))
    db.executemany(
        f"INSERT INTO trigrams(rowid, {', '.join(COLUMNS)}) VALUES ({marks})",
        [(rowid, *e.columns) for rowid, e in readable],
    )
    given = iter(rowids)
    store_grams(
        db,
        [([None if e.unchanged else next(given) for e in run.entries], run.grams) for run in runs],
    )
    db.executemany(  # a date given twice is kept once
        "INSERT OR IGNORE INTO dates(article, low, high) VALUES (?, ?, ?)",
        [
            (rowid, day_number(low), day_number(high))
            for rowid, e in readable
            for low, high in e.dates
        ],
    )
    return changed


def _delete(db: sqlite3.Connection, ids: list[str]) -> None:
    """By id, not by the rowid read before: another connection (the reader's watcher, or
    the reader itself after an edit) may have stored the article again since."""
    if not ids:
        return
    wanted = json.dumps(ids)
    for table, rowid in (("dates", "article"), ("annotations", "article")):
        db.execute(
            f"DELETE FROM {table} WHERE {rowid} IN (SELECT rowid FROM articles WHERE id IN "
            "(SELECT value FROM json_each(?)))",
            (wanted,),
        )
    db.execute("DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))", (wanted,))
