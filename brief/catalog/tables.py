"""The catalog's SQLite file: where it is kept, its tables, and the reads that the catalog's
rows, its queries and its sync share."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
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
    -- The hashes as bytes (stamps.content_hash's hex, half the size); b'' for none.
    article_stamp TEXT NOT NULL, article_hash BLOB NOT NULL,
    annotation_stamp TEXT NOT NULL, annotation_hash BLOB NOT NULL,
    error TEXT, published TEXT, title TEXT, outlet TEXT,
    title_visual TEXT,  -- the title laid out on its own, for brief list's line (LISTED_LINE)
    paragraphs INTEGER, status TEXT, items INTEGER, problems INTEGER,
    source_url TEXT  -- where the article came from (its annotation's source.url): brief import
);
-- The valid annotations, as JSON (pack_annotation), for reading many at once (export,
-- entities): apart, so that the articles' rows are narrow, and brief list reads them by rowid.
CREATE TABLE IF NOT EXISTS annotations(article INTEGER PRIMARY KEY, json BLOB NOT NULL);
-- A covering index of the stamps compared at every start.
CREATE INDEX IF NOT EXISTS stamps ON articles(id, article_stamp, annotation_stamp);
-- The articles that cannot be read, named by brief list and brief export at every run.
CREATE INDEX IF NOT EXISTS unreadable ON articles(id, error) WHERE error IS NOT NULL;
-- The articles whose annotation file does not load (no status: a valid annotation has one),
-- also named at every run.
CREATE INDEX IF NOT EXISTS unloaded ON articles(id) WHERE status IS NULL AND problems > 0;
-- The articles whose annotation has any problem, counted on the reader's status line.
CREATE INDEX IF NOT EXISTS problematic ON articles(id) WHERE problems > 0;
-- Each date an article gives, as the first and last days it covers (day_number); keyed by
-- the article (its rowid), so an index for removing them is not needed.
CREATE TABLE IF NOT EXISTS dates(
    article INTEGER NOT NULL, low INTEGER NOT NULL, high INTEGER NOT NULL,
    PRIMARY KEY (article, low, high)) WITHOUT ROWID;
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


# `brief list`'s line for an article (a row of articles AS a), in SQL, given its title laid
# out or as written: its id, its date in 10 columns (- for none), and the title.
LISTED_LINE = (
    "a.id || '  ' || substr(coalesce(nullif(a.published, ''), '-') || '          ', 1, 10) || "
    "'  ' || a.{title}"
)
# What the annotations' JSON holds again and again (model_dump_json's keys, in its order),
# primed into each one's compression: a third smaller. Changing it calls for a new VERSION.
_ANNOTATION_WORDS = (
    b'"source":{"outlet":"","agency":"","author":"","dateline":"","published":"","url":'
    b'"https://","retrieved":"","reliability":""},"summary":{"ar":"","en":""},"notes":"",'
    b'"note":"","aliases":[""],"affiliation":[""],"role":{"ar":"","en":""},"ordinal":1,'
    b'"follows":[""],"where":[""],"articles":[""],{"schema_version":2,"article":"","status":'
    b'"draft","title":{"ar":"","en":""},"who":[{"id":"","name":{"ar":"","en":""},"kind":'
    b'"person","evidence":[""]}],"where":[{"id":"","name":{"ar":"","en":""},"kind":"city",'
    b'"evidence":[""]}],"events":[{"id":"","name":{"ar":"","en":""},"kind":"meeting","date":'
    b'"20","certainty":"approximate","participants":[""],"evidence":[""]}],"when":[{"date":'
    b'"20","certainty":"exact","what":{"ar":"","en":""},"event":"","evidence":[""]}],'
    b'"decisions":[{"what":{"ar":"","en":""},"kind":"recommendation","status":"recommended",'
    b'"by":[""],"event":"","evidence":[""]}],"discrepancies":[{"what":{"ar":"","en":""},'
    b'"about":[""],"evidence":[""]}],"tags":["'
)


def day_number(day: str) -> int:
    """A day (YYYY-MM-DD, as query.date_bounds gives) as the dates table keeps it: YYYYMMDD."""
    return int(day.replace("-", ""))


def pack_annotation(json_text: str) -> bytes:
    """An annotation's JSON as the catalog keeps it: raw deflate, primed with its keys."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=_ANNOTATION_WORDS)
    return packer.compress(json_text.encode()) + packer.flush()


def unpack_annotation(packed: bytes) -> str:
    unpacker = zlib.decompressobj(-15, zdict=_ANNOTATION_WORDS)
    return (unpacker.decompress(packed) + unpacker.flush()).decode()


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


def last_change(db: sqlite3.Connection) -> int:
    """The number of the last change logged (0: none)."""
    return int(db.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
