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

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from brief.catalog.matching import Matching
from brief.catalog.query import Query
from brief.catalog.stamps import Scan, stamps_of
from brief.catalog.sync import Progress, SyncReport, apply, plan
from brief.catalog.tables import (
    LISTED_LINE,
    catalog_path,
    connect,
    last_change,
    meta,
    rows,
    set_meta,
    unpack_annotation,
)
from brief.errors import BriefError


class CatalogError(BriefError):
    """The catalog cannot be opened or written, said in one line."""


class CatalogStale(CatalogError):
    """The catalog could not be brought in step with the files (locked by another process,
    a full disk, read-only), but it can still answer as it stands."""

    def __init__(self, cause: str, advice: str) -> None:
        super().__init__(f"{cause}; {advice}")
        self.cause = cause


def fault(path: Path, error: sqlite3.Error) -> CatalogError:
    """What went wrong with the catalog, in a line that says what would help: a catalog that
    is only locked or cannot be written is stale, not damaged, and deleting it cannot help."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return CatalogStale(
            f"the catalog {path} is locked by another process", "try again when it is done"
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in text or _full(path, name):
        return CatalogStale(
            f"cannot write the catalog {path}: the disk is full", "free some space and try again"
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or "readonly" in text:
        return CatalogStale(
            f"cannot write the catalog {path}: it is read-only", "let brief write it, or move it"
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return CatalogError(
            f"cannot open the catalog {path}: {text}; it is only an index of the files: "
            "delete it and brief builds it again"
        )
    if name.startswith("SQLITE_IOERR"):
        return CatalogStale(f"cannot write the catalog {path}: {text}", "try again")
    return CatalogError(f"cannot use the catalog {path}: {text}")


def _full(path: Path, name: str) -> bool:
    """An I/O error on a disk with no space left: SQLite does not always say it is full."""
    if not name.startswith("SQLITE_IOERR"):
        return False
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except OSError:
        return False


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


class Catalog:
    """The catalog of one corpus: its rows, its queries and its sync with the files. The
    queries keep what they read until the catalog changes: its sync tells them after each
    commit, and another connection's commits they notice themselves (SQLite's data_version),
    so no caller has to."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.root = root
        self.path = path or catalog_path(root)
        self.stale: CatalogStale | None = None  # why it cannot be written, if it cannot
        try:
            self.db = connect(self.path)
        except sqlite3.Error as error:
            self.db, self.stale = self._as_it_stands(fault(self.path, error), error)
        self.queries = Matching(self.db, self.path)

    def _as_it_stands(
        self, problem: CatalogError, error: sqlite3.Error
    ) -> tuple[sqlite3.Connection, CatalogStale]:
        """The catalog read as the file stands, with no lock, journal or write (SQLite's
        immutable mode), when it can be read but not written: a full disk leaves no room for
        the journal it opens with."""
        if not isinstance(problem, CatalogStale) or not self.path.is_file():
            raise problem from error
        uri = f"{self.path.resolve().as_uri()}?immutable=1"
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            db.execute("SELECT rowid FROM articles LIMIT 1").fetchall()
        except sqlite3.Error:  # begun, not built: nothing to answer from
            db.close()
            raise problem from error
        return db, problem

    def close(self) -> None:
        self.queries.close()
        self.db.close()

    # The queries (brief.catalog.matching).
    @property
    def order(self) -> list[int]:
        """Rowids of the readable articles, in id order."""
        return self.queries.order

    def matching(self, query: Query, ordered: bool = True) -> list[int]:
        """Rowids of the articles the query matches, in id order (not `ordered`: see
        Matching.matching)."""
        return self.queries.matching(query, ordered)

    def first_matching(self, query: Query, limit: int) -> tuple[list[int], bool]:
        """The first `limit` or more rowids `matching` gives, and whether they are all."""
        return self.queries.first_matching(query, limit)

    def read_terms(self, query: Query) -> bool:
        """Read and keep what the query's terms match, in a thread (False: stopped)."""
        return self.queries.read_terms(query)

    def stop_reading(self) -> None:
        """Interrupt `read_terms` (from another thread): its terms are no longer wanted."""
        self.queries.stop_reading()

    # What the reader and the CLI ask.
    def ids(self, rowids: Iterable[int]) -> list[str]:
        wanted = list(rowids)
        found = dict(rows(self.db, "rowid, id", wanted))
        return [found[r] for r in wanted if r in found]

    def rowid(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else int(row[0])

    def summaries(self, rowids: list[int]) -> dict[int, Summary]:
        fields = (
            "rowid, id, title, title_visual, published, outlet, paragraphs, status, items, problems"
        )
        return {row[0]: Summary(*row[1:]) for row in rows(self.db, fields, rowids)}

    def listing(self, rowids: list[int], logical: bool = False) -> str:
        """`brief list`'s lines for these articles, in id order whatever the rowids' order
        (stale rowids, which no article has now, are left out), with the title laid out on its
        own, so its direction does not mix with the columns', or with `logical` the title as
        written, for a pipe or a terminal that reorders by itself. Made by SQLite in one
        string: a row object per article would cost more than the query."""
        line = LISTED_LINE.format(title="title" if logical else "title_visual")
        (text,) = self.db.execute(
            f"SELECT group_concat(line, char(10)) FROM (SELECT {line} AS line FROM json_each(?) "
            "AS j JOIN articles AS a ON a.rowid = j.value WHERE a.error IS NULL ORDER BY a.id)",
            (json.dumps(rowids),),
        ).fetchone()
        return f"{text}\n" if text else ""

    def titles(self, ids: list[str]) -> dict[str, str]:
        return dict(rows(self.db, "id, title", ids, by="id"))

    def annotations_json(self, ids: list[str]) -> dict[str, str]:
        """The valid annotations of these articles, as JSON, by id."""
        found = self.db.execute(
            "SELECT a.id, n.json FROM json_each(?) AS j JOIN articles AS a ON a.id = j.value "
            "JOIN annotations AS n ON n.article = a.rowid",
            (json.dumps(ids),),
        )
        return {i: unpack_annotation(packed) for i, packed in found}

    def known_sources(self) -> tuple[dict[str, str], dict[str, str]]:
        """What the articles already are: ids by the hash of the article's bytes, and by the
        address its annotation gives as its source (source.url), for an import to skip."""
        found = self.db.execute("SELECT article_hash, id FROM articles")
        hashes = {article_hash.hex(): article_id for article_hash, article_id in found}
        urls = self.db.execute("SELECT source_url, id FROM articles WHERE source_url IS NOT NULL")
        return hashes, dict(urls)

    def skipped(self) -> list[str]:
        """Files the last full sync left out, as "path: why": names that cannot be ids, and
        what is not a file the corpus reads (a FIFO, a link out of the corpus…)."""
        found: list[str] = json.loads(meta(self.db, "skipped") or "[]")
        return found

    def unreadable(self) -> dict[str, str]:
        """Why each article that cannot be read cannot, by id."""
        found = self.db.execute(
            "SELECT id, error FROM articles INDEXED BY unreadable WHERE error IS NOT NULL"
        )
        return dict(found.fetchall())

    def unloaded(self) -> list[str]:
        """The ids of the articles whose annotation file does not load (its items are left
        out of every answer until it does)."""
        found = self.db.execute(
            "SELECT id FROM articles INDEXED BY unloaded WHERE status IS NULL AND problems > 0"
        )
        return [row[0] for row in found]

    def readable(self) -> bool:
        """Whether any article is readable: a look at one row, not the list of all."""
        row = self.db.execute("SELECT 1 FROM articles WHERE error IS NULL LIMIT 1").fetchone()
        return row is not None

    def invalid_count(self) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM articles INDEXED BY problematic WHERE problems > 0"
        ).fetchone()
        return int(row[0])

    def last_change(self) -> int:
        """The number of the last change logged (0: none)."""
        return last_change(self.db)

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

    def sync(
        self,
        progress: Progress | None = None,
        only: Iterable[str] | None = None,
        scan: Scan | None = None,
    ) -> SyncReport:
        """Bring the catalog in step with the files (or just the articles in `only`);
        `scan`: the stamps start_scan took."""
        if self.stale is not None:
            raise self.stale
        scan = scan or stamps_of(self.root, only)
        try:
            # The stamps of a whole corpus as the last full sync left it: equal, no change.
            if scan.digest and scan.digest == meta(self.db, "stamps"):
                if scan.names != meta(self.db, "names"):  # a file came and went: the same names
                    with self.db:
                        set_meta(self.db, "names", scan.names)
                return SyncReport()
            # Until this sync is done; the write also holds other writers off while it plans.
            set_meta(self.db, "stamps", "")
            # Left again only by a full sync that ends: one stopped half-way leaves none.
            blocks = meta(self.db, "blocks")
            set_meta(self.db, "blocks", "")
            work = plan(self.db, scan, whole=only is None, blocks=blocks)
            begun = self.last_change()  # under the write lock: no other sync is storing
            return apply(self.db, self.root, work, progress, self.queries.forget, begun)
        except sqlite3.Error as error:  # what was committed stays; the rest is undone
            self.db.rollback()
            raise fault(self.path, error) from error
