"""The catalog: one SQLite file per corpus that answers queries without reading the articles.

Each article has a row (what the list shows) and its folded text and annotation fields in two
full-text tables: FTS5 trigrams answer terms of three or more characters, a table of each
value's distinct characters and character pairs answers shorter ones, both exactly. The catalog
is built once and kept in step with the files: a file whose size and mtime changed is hashed,
and re-read only when its bytes did.

The full-text tables are contentless (the text is not stored twice), and SQLite 3.40 cannot
delete from them without the old text, so a changed article gets a new rowid and its old one is
left behind: queries only count rowids that still have a row in `articles`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from brief.catalog.indexing import Indexed, index_article
from brief.catalog.matching import Matching
from brief.catalog.stamps import Scan, stamps_of
from brief.errors import BriefError

VERSION = "2"
FILE_NAME = ".brief-index.sqlite"
PARALLEL_FROM = 2000  # articles to index before it pays to start worker processes
BATCH = 500  # articles per transaction, and per progress report
CHANGES_KEPT = 20000

COLUMNS = ("text", "notes", "who", "place", "decision", "status", "tag")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles(
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    article_stamp TEXT NOT NULL, article_hash TEXT NOT NULL,
    annotation_stamp TEXT NOT NULL, annotation_hash TEXT NOT NULL,
    error TEXT, published TEXT, title TEXT, title_visual TEXT, outlet TEXT,
    paragraphs INTEGER, status TEXT, items INTEGER, problems INTEGER,
    annotation_json TEXT  -- the valid annotation, for reading many at once (export, entities)
);
-- Covering indexes: the list in id order (brief list reads no other column), and the stamps
-- compared at every start.
DROP INDEX IF EXISTS readable;
CREATE INDEX IF NOT EXISTS listing ON articles(id, published, title_visual) WHERE error IS NULL;
CREATE INDEX IF NOT EXISTS stamps ON articles(id, article_stamp, annotation_stamp);
CREATE TABLE IF NOT EXISTS dates(article INTEGER NOT NULL, low TEXT, high TEXT);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article);
-- Each article added, changed or removed, in order: how a reader learns what another process
-- (a watcher, another reader) changed. Only the last CHANGES_KEPT are kept.
CREATE TABLE IF NOT EXISTS changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS trigrams USING fts5(
    {", ".join(COLUMNS)}, content='', tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(
    {", ".join(COLUMNS)}, content='', detail=column, tokenize='ascii');
"""


class CatalogError(BriefError):
    """The catalog cannot be opened or written, said in one line."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What the article list shows of one article."""

    id: str
    title: str
    title_visual: str
    published: str | None
    outlet: str | None
    paragraphs: int
    status: str | None  # None: no annotation file
    items: int
    problems: int


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    ids: set[str] = field(default_factory=set)  # the articles added, updated or removed

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


Progress = Callable[[int, int], None]


class SyncStopped(Exception):
    """Raised by a progress callback to stop a sync; what it stored so far stays."""


def catalog_path(root: Path) -> Path:
    """In the corpus; in the user's cache when the corpus folder cannot be written."""
    if os.access(root, os.W_OK):
        return root / FILE_NAME
    digest = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "brief"
    cache.mkdir(parents=True, exist_ok=True)
    return cache / f"{digest}.sqlite"


class Catalog(Matching):
    """The catalog of one corpus: its rows, queries (`Matching`), and its sync with the files."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.root = root
        path = path or catalog_path(root)
        try:
            db = _connect(path)
        except sqlite3.DatabaseError as error:
            raise CatalogError(
                f"cannot open the catalog {path}: {error}; it is only an index of the "
                "files: delete it and brief builds it again"
            ) from error
        super().__init__(db, path)

    def close(self) -> None:
        super().close()
        self.db.close()

    # What the reader and the CLI ask.
    def ids(self, rowids: Iterable[int]) -> list[str]:
        wanted = list(rowids)
        found = dict(self._rows("rowid, id", wanted))
        return [found[r] for r in wanted if r in found]

    def rowid(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else int(row[0])

    def summaries(self, rowids: list[int]) -> dict[int, Summary]:
        fields = (
            "rowid, id, title, title_visual, published, outlet, paragraphs, status, items, problems"
        )
        return {row[0]: Summary(*row[1:]) for row in self._rows(fields, rowids)}

    def listing(self, rowids: list[int]) -> str:
        """`brief list`'s lines for these articles, in id order: id, date, and the title laid
        out on its own, so its direction does not mix with the columns'. Made by SQLite in one
        string from one index: a row object per article would cost more than the query."""
        date = "substr(coalesce(published, '-') || '          ', 1, 10)"  # padded to 10
        (text,) = self.db.execute(
            f"SELECT group_concat(id || '  ' || {date} || '  ' || title_visual, char(10)) "
            "FROM (SELECT id, published, title_visual FROM articles INDEXED BY listing "
            "WHERE error IS NULL AND rowid IN (SELECT value FROM json_each(?)) ORDER BY id)",
            (json.dumps(rowids),),
        ).fetchone()
        return f"{text}\n" if text else ""

    def titles(self, ids: list[str]) -> dict[str, str]:
        return dict(self._rows("id, title", ids, by="id"))

    def annotations_json(self, ids: list[str]) -> dict[str, str]:
        """The valid annotations of these articles, as JSON, by id."""
        rows = self._rows("id, annotation_json", ids, by="id")
        return {article_id: text for article_id, text in rows if text is not None}

    def skipped(self) -> list[str]:
        """Files the last full sync left out: their names cannot be ids (not UTF-8)."""
        found: list[str] = json.loads(self._meta("skipped") or "[]")
        return found

    def unreadable(self) -> dict[str, str]:
        rows = self.db.execute("SELECT id, error FROM articles WHERE error IS NOT NULL")
        return dict(rows.fetchall())

    def invalid_count(self) -> int:
        row = self.db.execute("SELECT count(*) FROM articles WHERE problems > 0").fetchone()
        return int(row[0])

    def last_change(self) -> int:
        """The number of the last change logged (0: none)."""
        return int(self.db.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])

    def changes_since(self, seq: int) -> tuple[int, set[str] | None]:
        """The last change's number, and the ids changed after change `seq` (None: too long
        ago to know, so any article may have changed)."""
        low, high, ids = self.db.execute(
            "SELECT (SELECT min(seq) FROM changes), (SELECT max(seq) FROM changes), "
            "(SELECT json_group_array(DISTINCT id) FROM changes WHERE seq > ?)",
            (seq,),
        ).fetchone()
        if high is None:
            return seq, set()
        return high, None if seq < low - 1 else set(json.loads(ids))

    def _rows(
        self, fields: str, keys: list[int] | list[str], by: str = "rowid"
    ) -> list[tuple[Any, ...]]:
        """Rows of these articles (by rowid or id), in the order given: one JSON array, one
        statement, however many."""
        columns = ", ".join(f"a.{name.strip()}" for name in fields.split(","))
        sql = (
            f"SELECT {columns} FROM json_each(?) AS j JOIN articles AS a ON a.{by} = j.value "
            "ORDER BY j.key"
        )
        return self.db.execute(sql, (json.dumps(keys),)).fetchall()

    # Keeping in step with the files.
    def sync(
        self,
        progress: Progress | None = None,
        only: Iterable[str] | None = None,
        scan: Scan | None = None,
    ) -> SyncReport:
        """Bring the catalog in step with the files (or just the articles in `only`);
        `scan`: the stamps start_scan took."""
        scan = scan or stamps_of(self.root, only)
        digest = scan.digest
        # The stamps of a whole corpus as the last full sync left it: equal, nothing changed.
        if digest and digest == self._meta("stamps"):
            return SyncReport()
        on_disk = scan.stamps
        self._set_meta("stamps", "")  # until this sync is done
        fields = "id, article_stamp, annotation_stamp"
        rows = (
            self.db.execute(f"SELECT {fields} FROM articles")
            if only is None
            else self._rows(fields, list(on_disk), by="id")
        )
        stored = {row[0]: row[1:] for row in rows}
        report = SyncReport()
        gone = [i for i in stored if on_disk.get(i, (None,))[0] is None]
        report.ids.update(gone)
        candidates = [
            i for i, stamps in on_disk.items() if stamps[0] is not None and stored.get(i) != stamps
        ]
        from_empty = only is None and not stored
        if from_empty:  # stored in id order, so that queries need not sort (_in_id_order)
            candidates.sort()
        with self.db:
            self._delete(gone)
            self._log(gone)
        report.removed = len(gone)
        hashes = {
            row[0]: row[1:]
            for row in self._rows("id, article_hash, annotation_hash", candidates, by="id")
        }
        total = len(candidates)
        logged: list[str] = []
        for done, entry in enumerate(self._index(candidates, hashes), 1):
            if entry.unchanged:
                self.db.execute(
                    "UPDATE articles SET article_stamp = ?, annotation_stamp = ? WHERE id = ?",
                    (entry.article_stamp, entry.annotation_stamp, entry.id),
                )
            else:
                self._store(entry)
                report.ids.add(entry.id)
                logged.append(entry.id)
                if entry.id in stored:
                    report.updated += 1
                else:
                    report.added += 1
            if done % BATCH == 0 or done == total:
                self._log(logged)
                logged.clear()
                self.db.commit()
                self.forget_order()
                if progress is not None:
                    progress(done, total)
        self._set_meta("stamps", digest)
        if only is None:
            self._set_meta("skipped", json.dumps(scan.skipped))
        if from_empty:
            (last,) = self.db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
            self._set_meta("in_order", str(last))
        self.db.commit()
        self.forget_order()
        return report

    def _log(self, ids: list[str]) -> None:
        if not ids:
            return
        self.db.executemany("INSERT INTO changes(id) VALUES (?)", [(i,) for i in ids])
        self.db.execute(
            "DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?", (CHANGES_KEPT,)
        )

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def _index(self, ids: list[str], hashes: dict[Any, tuple[object, ...]]) -> Iterator[Indexed]:
        """Each article read and folded, in worker processes when there are many."""
        jobs = [(self.root, i, hashes.get(i)) for i in ids]
        if len(jobs) < PARALLEL_FROM:
            for job in jobs:
                yield index_article(job)
            return
        # Forked when this process has no other thread; else spawned (the reader has threads,
        # and forking a threaded process is unsafe), which needs a guarded __main__.
        context = get_context("fork" if threading.active_count() == 1 else "spawn")
        workers = max(1, min(os.cpu_count() or 1, 8))
        pool = ProcessPoolExecutor(workers, mp_context=context)
        try:
            yield from pool.map(index_article, jobs, chunksize=64)
        finally:  # a sync stopped half-way does not wait for the rest to be read
            pool.shutdown(wait=True, cancel_futures=True)

    def _store(self, entry: Indexed) -> None:
        self._delete([entry.id])
        cursor = self.db.execute(
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
        self.db.execute(f"INSERT INTO trigrams(rowid, {', '.join(COLUMNS)}) VALUES ({marks})",
                        (rowid, *entry.columns))  # fmt: skip
        self.db.execute(f"INSERT INTO grams(rowid, {', '.join(COLUMNS)}) VALUES ({marks})",
                        (rowid, *entry.grams))  # fmt: skip
        self.db.executemany(
            "INSERT INTO dates(article, low, high) VALUES (?, ?, ?)",
            [(rowid, low, high) for low, high in entry.dates],
        )

    def _delete(self, ids: list[str]) -> None:
        """By id, not by the rowid read before: another connection (the reader's watcher, or
        the reader itself after an edit) may have stored the article again since."""
        for article_id in ids:
            row = self.db.execute(
                "DELETE FROM articles WHERE id = ? RETURNING rowid", (article_id,)
            ).fetchone()
            if row is not None:
                self.db.execute("DELETE FROM dates WHERE article = ?", row)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    version = None
    if db.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone():
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        version = row[0] if row else None
    if version not in (None, VERSION):
        # Made by another version of brief: it is only an index, so start again.
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return _connect(path)
    db.executescript(_SCHEMA)  # also adds what this version has and an older catalog lacks
    if version is None:
        db.execute("INSERT INTO meta(key, value) VALUES ('version', ?)", (VERSION,))
        db.commit()
    return db
