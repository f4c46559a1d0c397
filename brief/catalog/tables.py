"""The catalog's SQLite file: where it is kept, its tables, and the reads that the catalog's
rows, its queries and its sync share."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

VERSION = "7"
FILE_NAME = ".brief-index.sqlite"
BUSY_SECONDS = 5.0  # how long a connection waits for another's lock (SQLite's default)

COLUMNS = ("text", "notes", "who", "place", "decision", "status", "tag")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles(
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    article_stamp TEXT NOT NULL, article_hash TEXT NOT NULL,
    annotation_stamp TEXT NOT NULL, annotation_hash TEXT NOT NULL,
    error TEXT, published TEXT, title TEXT, outlet TEXT,
    listed TEXT,  -- brief list's line: id, date, and the title laid out on its own (listed_line)
    paragraphs INTEGER, status TEXT, items INTEGER, problems INTEGER,
    -- The valid annotation as JSON (zlib), for reading many at once (export, entities).
    annotation BLOB,
    source_url TEXT  -- where the article came from (its annotation's source.url): brief import
);
-- Covering indexes: the list in id order (brief list reads no other column), and the stamps
-- compared at every start.
DROP INDEX IF EXISTS readable;
CREATE INDEX IF NOT EXISTS listing ON articles(id, listed) WHERE error IS NULL;
CREATE INDEX IF NOT EXISTS stamps ON articles(id, article_stamp, annotation_stamp);
-- The articles that cannot be read, named by brief list and brief export at every run.
CREATE INDEX IF NOT EXISTS unreadable ON articles(id, error) WHERE error IS NOT NULL;
-- The articles whose annotation file does not load, also named at every run.
CREATE INDEX IF NOT EXISTS unloaded ON articles(id) WHERE annotation IS NULL AND problems > 0;
CREATE TABLE IF NOT EXISTS dates(article INTEGER NOT NULL, low TEXT, high TEXT);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article);
-- Each article added, changed or removed, in order: how a reader learns what another process
-- (a watcher, another reader) changed. Only the last CHANGES_KEPT are kept.
CREATE TABLE IF NOT EXISTS changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL);
-- Terms of three characters or more (no query uses a column's size: columnsize=0).
CREATE VIRTUAL TABLE IF NOT EXISTS trigrams USING fts5(
    {", ".join(COLUMNS)}, content='', columnsize=0, tokenize='trigram case_sensitive 1');
-- Terms of one or two characters (grams.py): for each character and character pair of a
-- column (col: its place in COLUMNS), bit k of the rowids from chunk * CHUNK_BITS says
-- whether that article holds it (zlib'd).
CREATE TABLE IF NOT EXISTS grams(
    gram TEXT NOT NULL, col INTEGER NOT NULL, chunk INTEGER NOT NULL, bits BLOB NOT NULL,
    PRIMARY KEY (gram, col, chunk)) WITHOUT ROWID;
"""


def listed_line(article_id: str, published: str | None, title_visual: str) -> str:
    """`brief list`'s line for an article: its id, its date in 10 columns (- for none), and its
    title laid out on its own, so its direction does not mix with the columns'."""
    return f"{article_id}  {(published or '-')[:10]:<10}  {title_visual}"


def title_of(listed: str, article_id: str) -> str:
    """The title laid out, from the line `listed_line` made."""
    return listed[len(article_id) + 14 :]


# The catalog's files: SQLite's journals beside it, and the watcher's lock.
_ITS_FILES = ("", "-wal", "-shm", "-journal", ".watch")


def catalog_path(root: Path) -> Path:
    """In the corpus; in the user's cache when the corpus folder cannot be written, or when
    one of the catalog's files there is a symbolic link (SQLite and the watcher would write
    through it: a shared corpus could point one at a file of the user's)."""
    linked = any(os.path.islink(root / f"{FILE_NAME}{suffix}") for suffix in _ITS_FILES)
    if os.access(root, os.W_OK) and not linked:
        return root / FILE_NAME
    digest = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    cache = user_cache_path("brief")  # ~/.cache/brief on Linux, as XDG_CACHE_HOME says
    cache.mkdir(parents=True, exist_ok=True)
    return cache / f"{digest}.sqlite"


def connect(path: Path) -> sqlite3.Connection:
    """The catalog's connection, the catalog made or upgraded first if it must be. Briefs that
    start at once wait for each other: switching a new file to WAL can be refused at once as
    locked (SQLite calls no busy handler for it), so that is tried again for as long as
    SQLite's own busy timeout waits."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            return _connect(path)
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_SECONDS)
    try:
        return _prepared(db, path)
    except BaseException:
        db.close()
        raise


def _prepared(db: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    # The pages a build frees (its merged full-text segments) given back to the disk at its end
    # (sync's _merge_now). It takes only in a new file, before WAL is set; then does nothing.
    db.execute("PRAGMA auto_vacuum=INCREMENTAL")
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
        return connect(path)
    db.executescript(_SCHEMA)  # also adds what this version has and an older catalog lacks
    if version is None:
        # Another brief may be making the catalog at the same moment (two readers started at
        # once): each statement of the schema, and this, holds whichever came first.
        db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('version', ?)", (VERSION,))
        db.commit()
    return db


def read_only(path: Path) -> sqlite3.Connection | None:
    """The catalog to read without writing anything, not even making one; None when there is
    none of this version."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        if meta(db, "version") == VERSION:
            return db
        db.close()
    except sqlite3.Error:
        pass
    return None


def rows(
    db: sqlite3.Connection, fields: str, keys: list[int] | list[str], by: str = "rowid"
) -> list[tuple[Any, ...]]:
    """Rows of these articles (by rowid or id), in the order given: one JSON array, one
    statement, however many."""
    columns = ", ".join(f"a.{name.strip()}" for name in fields.split(","))
    sql = (
        f"SELECT {columns} FROM json_each(?) AS j JOIN articles AS a ON a.{by} = j.value "
        "ORDER BY j.key"
    )
    return db.execute(sql, (json.dumps(keys),)).fetchall()


def meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
