"""Queries answered from the catalog's trigrams, grams and dates: the queries a `Catalog` holds.

Each term's rowids are read once (a filter is retyped a letter at a time) and kept; a trigram
term that matches most of a large corpus can be read a screen at a time (`first_matching`), the
rest in a thread (`read_terms`), so a keystroke costs what the screen shows. A one- or
two-character term is read whole: a bitmap per column and chunk, decoded in C loops.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import filterfalse
from pathlib import Path

from brief.catalog.grams import gram_rowids
from brief.catalog.query import IDS_SHOWN, Query, Term, named_article, wanted_bounds
from brief.catalog.tables import COLUMNS, day_number, meta

TERMS_CACHED = 32
FEW = 2000  # matches put in id order by the index on ids (more: by the list of all)
TermKey = tuple[str | None, str, int]  # field, value, and the catalog's generation

# Query fields and the columns holding them; free terms search the text and the annotations
# (notes: what no field holds; status is not free text).
FIELD_COLUMNS = {
    None: "{text notes who place decision tag}",
    "who": "who",
    "where": "place",
    "decision": "decision",
    "status": "status",
    "tag": "tag",
}
# The same columns by their place in COLUMNS, for the grams table.
_COLUMN_NUMBERS = {
    field: [COLUMNS.index(name) for name in names.strip("{}").split()]
    for field, names in FIELD_COLUMNS.items()
}
_GLOB_SPECIAL = re.compile(r"([*?\[])")  # in an id: prefix, matched as themselves


class Matching:
    """The catalog's queries, and what they keep of the catalog to answer the next at once:
    forgotten when the catalog changes, by its sync (`forget`) or another connection's."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        # Terms' rowids, for the terms typed so far (a filter is retyped a letter at a time).
        self._terms: dict[TermKey, list[int]] = {}
        self._generation = 0
        self._order: list[int] | None = None
        self._position: dict[int, int] | None = None
        self._in_order: int | None = None  # rowids up to this one are in id order
        self._dead: set[int] = set()  # rowids up to that one no article has now
        # A second connection for reading terms in a thread (read_terms), so the reader's
        # keystrokes, on the first, do not wait for it.
        self._background: sqlite3.Connection | None = None
        self._background_lock = threading.Lock()
        self._stopped = False  # stop_reading was called since read_terms began
        self._terms_lock = threading.Lock()
        self._version: int | None = None  # SQLite's count of other connections' commits

    @property
    def order(self) -> list[int]:
        """Rowids of the readable articles, in id order."""
        self._in_step()
        return self._ordered()

    def forget(self) -> None:
        """The catalog changed: read it again when asked."""
        self._order = None
        self._position = None
        self._in_order = None
        self._dead = set()
        self._generation += 1

    def _in_step(self) -> None:
        """Forget what was kept if another connection (a watcher, another brief, a thread's
        sync) committed since the last look: SQLite counts their commits, not this one's."""
        (version,) = self.db.execute("PRAGMA data_version").fetchone()
        if version != self._version:
            self._version = version
            self.forget()

    def _ordered(self) -> list[int]:
        if self._order is None:
            # From two covering indexes, the ids' (stamps) less the unreadable ones': the
            # rows themselves are not read.
            (found,) = self.db.execute(
                "SELECT json_group_array(rowid) FROM (SELECT rowid FROM articles INDEXED BY "
                "stamps WHERE rowid NOT IN (SELECT rowid FROM articles INDEXED BY unreadable "
                "WHERE error IS NOT NULL) ORDER BY id)"
            ).fetchone()
            self._order = json.loads(found)
        return self._order

    def matching(self, query: Query, ordered: bool = True) -> list[int]:
        """Rowids of the articles the query matches, in id order; not `ordered`, ascending,
        and with stale rowids among them (no article has them now), for a caller that reads
        the articles' rows in id order anyway (`brief list`'s lines)."""
        self._in_step()
        return self._matching(query, ordered)

    def _matching(self, query: Query, ordered: bool = True) -> list[int]:
        read = self._read(query.terms)
        if read is None:
            return []
        wanted, excluded = read
        if not wanted:
            return [r for r in self._ordered() if r not in excluded]
        rows = wanted[0] if len(wanted) == 1 else sorted(set(wanted[0]).intersection(*wanted[1:]))
        if excluded:
            rows = list(filterfalse(excluded.__contains__, rows))
        return self._in_id_order(rows) if ordered else rows

    def _read(self, terms: Iterable[Term]) -> tuple[list[list[int]], set[int]] | None:
        """The rowids each wanted term matches (the id: terms' together: any of them), and
        those the excluded terms match; None when an excluded term matches every article."""
        wanted: list[list[int]] = []
        named: set[int] = set()
        excluded: set[int] = set()
        for term in terms:
            rows = self._term(term)
            if rows is None:  # matches every article
                if term.negated:
                    return None
            elif term.negated:
                excluded.update(rows)
            elif term.field == "id":
                named.update(rows)
            else:
                wanted.append(rows)
        if named:
            wanted.append(sorted(named))
        return wanted, excluded

    def _in_id_order(self, rows: list[int]) -> list[int]:
        """Matching rowids (ascending, stale ones too) as the articles' list, in id order.

        A build from empty stores the articles in id order, so up to the meta "in_order"
        rowid, rowid order is id order: those need only lose the stale rowids. Articles stored
        since (added or changed) have higher rowids and are put in place one by one; a pass
        over every article is cheaper only when there are many of them. A few rowids, while
        the list of all is not read (`brief list`), are put in order by the index on ids."""
        if len(rows) <= FEW and self._order is None:
            (found,) = self.db.execute(
                "SELECT json_group_array(rowid) FROM (SELECT rowid FROM articles WHERE rowid IN "
                "(SELECT value FROM json_each(?)) AND error IS NULL ORDER BY id)",
                (json.dumps(rows),),
            ).fetchone()
            few: list[int] = json.loads(found)
            return few
        order = self._ordered()
        in_order = self._settled()
        cut = bisect_right(rows, in_order)
        placed = (
            rows[:cut] if not self._dead else list(filterfalse(self._dead.__contains__, rows[:cut]))
        )
        if cut == len(rows):
            return placed
        position = self.position
        later = [r for r in rows[cut:] if r in position]
        if len(later) * 16 > len(order):
            wanted = set(rows)
            return [r for r in order if r in wanted]
        for rowid in later:
            placed.insert(bisect_left(placed, position[rowid], key=position.__getitem__), rowid)
        return placed

    def _settled(self) -> int:
        """The last rowid stored in id order (and the stale rowids up to it, in `_dead`)."""
        if self._in_order is None:
            order = self._ordered()
            below = int(meta(self.db, "in_order") or 0)
            if len(order) == below and max(order, default=0) <= below:
                self._dead = set()  # each of those rowids is an article's: the usual case
            else:
                self._dead = set(range(1, below + 1)).difference(order)
            self._in_order = below
        return self._in_order

    def first_matching(self, query: Query, limit: int) -> tuple[list[int], bool]:
        """The first `limit` or more rowids `matching` gives, and whether they are all of them.

        A term read anew costs as many matches as it has: a common one, a hundred thousand.
        When the query has one such term (the one being typed), it is read here in growing
        chunks, in rowid order, which is id order up to the "in_order" rowid, until the
        screen is filled: the rest can be read by `read_terms`, in a thread."""
        self._in_step()
        unread = [t for t in query.terms if self._key(t) not in self._terms and _reads(t)]
        if len(unread) != 1 or unread[0].negated or not _from_trigrams(unread[0]):
            return self._matching(query), True
        (term,) = unread
        others = self._read(t for t in query.terms if t is not term)
        if others is None:
            return [], True
        wanted = [set(rows) for rows in others[0]]
        excluded = others[1]
        in_order = self._settled()
        if not in_order:  # no rowid is in id order (a first build under way): no head to read
            return self._matching(query), True

        def kept(rows: list[int]) -> list[int]:
            return [
                r
                for r in rows
                if r not in excluded and r not in self._dead and all(r in w for w in wanted)
            ]

        match = _trigram_match(term)
        sql = (
            "SELECT json_group_array(rowid) FROM (SELECT rowid FROM trigrams WHERE trigrams "
            "MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?)"
        )
        read: list[int] = []
        head: list[int] = []
        chunk = max(limit, 64)
        while True:
            after = read[-1] if read else 0
            (found,) = self.db.execute(sql, (match, after, in_order, chunk)).fetchone()
            chunk_rows: list[int] = json.loads(found)
            read += chunk_rows
            head += kept(chunk_rows)
            if len(chunk_rows) < chunk or len(head) >= max(limit, 1):
                break
            chunk *= 4
        (found,) = self.db.execute(
            "SELECT json_group_array(rowid) FROM trigrams WHERE trigrams MATCH ? AND rowid > ?",
            (match, in_order),
        ).fetchone()
        later: list[int] = json.loads(found)
        if len(chunk_rows) < chunk:  # read to the end: the term is known, and so is the list
            self._keep(self._key(term), read + later)
            return self._matching(query), True
        placed = self._in_id_order(head + kept(later))
        return placed[: placed.index(head[-1]) + 1], False

    def read_terms(self, query: Query) -> bool:
        """Read and keep what the query's terms match (for a thread, on a connection of its
        own); False when `stop_reading` interrupted it."""
        with self._background_lock:
            if self._background is None:
                self._background = sqlite3.connect(self.path, check_same_thread=False)
            self._stopped = False
            try:
                for term in query.terms:
                    if term.field != "id":  # one look in the index, and refused there
                        self._term(term, self._background)
            except sqlite3.OperationalError:
                if self._stopped:  # the error says where it stopped, not that it was stopped
                    return False
                raise
        return True

    def close(self) -> None:
        if self._background is not None:
            self._background.close()

    def stop_reading(self) -> None:
        """Interrupt `read_terms` (from another thread): its terms are no longer wanted."""
        self._stopped = True
        if self._background is not None:
            self._background.interrupt()

    @property
    def position(self) -> dict[int, int]:
        """Each readable article's place in id order, by rowid."""
        if self._position is None:
            self._position = {rowid: k for k, rowid in enumerate(self._ordered())}
        return self._position

    def _key(self, term: Term) -> TermKey:
        return (term.field, term.value, self._generation)

    def _keep(self, key: TermKey, rows: list[int]) -> None:
        with self._terms_lock:  # read_terms adds from its thread
            if len(self._terms) >= TERMS_CACHED:
                self._terms.pop(next(iter(self._terms)), None)
            self._terms[key] = rows

    def _term(self, term: Term, db: sqlite3.Connection | None = None) -> list[int] | None:
        """The rowids a term matches (stale ones too), ascending, or None for all of them."""
        key = self._key(term)
        cached = self._terms.get(key)  # one look: read_terms's thread may drop it meanwhile
        if cached is not None:
            return cached
        if not _reads(term):
            return None
        if term.field == "id":
            named = [self._named(term, db or self.db)]
            self._keep(key, named)
            return named
        if term.field == "when":
            low, high = wanted_bounds(term.value)
            sql = (
                "SELECT json_group_array(article) FROM (SELECT DISTINCT article FROM dates "
                "WHERE low <= ? AND high >= ? ORDER BY article)"
            )
            arguments: tuple[object, ...] = (day_number(high), day_number(low))
        elif _from_trigrams(term):
            sql = "SELECT json_group_array(rowid) FROM trigrams WHERE trigrams MATCH ?"
            arguments = (_trigram_match(term),)
        else:  # read whole at once: a bitmap per column and chunk
            held = gram_rowids(db or self.db, term.value, _COLUMN_NUMBERS[term.field])
            self._keep(key, held)
            return held
        # One JSON array, not a row per article: a hundred thousand rows cost far more.
        (found,) = (db or self.db).execute(sql, arguments).fetchone()
        rows: list[int] = json.loads(found)  # full-text tables give rowids ascending
        self._keep(key, rows)
        return rows

    def _named(self, term: Term, db: sqlite3.Connection) -> int:
        """The rowid of the article an id: term names (its id, or the one id that starts with
        it), read from the index on ids; a QueryError when none or several do."""
        pattern = _GLOB_SPECIAL.sub(r"[\1]", term.value) + "*"  # the ids starting with it
        sql = "FROM articles WHERE error IS NULL AND id GLOB ?"
        rows = db.execute(f"SELECT rowid, id {sql} ORDER BY id LIMIT ?", (pattern, IDS_SHOWN + 1))
        starting: dict[str, int] = {article_id: rowid for rowid, article_id in rows}
        count = len(starting)
        if count > IDS_SHOWN and term.value not in starting:  # ambiguous: say how many
            (count,) = db.execute(f"SELECT count(*) {sql}", (pattern,)).fetchone()
        return starting[named_article(term, list(starting), count)]


def _reads(term: Term) -> bool:
    """Whether the term is read from the catalog (an empty value matches every article)."""
    return term.field in ("when", "id") or bool(term.value)


def _from_trigrams(term: Term) -> bool:
    """Whether the trigram table answers the term (else: dates, ids, or the grams table)."""
    return term.field not in ("when", "id") and len(term.value) >= 3


def _trigram_match(term: Term) -> str:
    return f"{FIELD_COLUMNS[term.field]} : " + '"' + term.value.replace('"', '""') + '"'
