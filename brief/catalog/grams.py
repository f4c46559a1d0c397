"""The catalog's index of one- and two-character terms, which trigrams cannot answer: for each
character and character pair of a column, which articles hold it, as bitmaps of rowids, one
row per chunk of CHUNK_BITS rowids, compressed. A few thousand grams cover a corpus, each held
by most articles: a bit per article costs far less than a full-text table's entry per article
and gram, and reading one is one look per column and chunk.

An article stored again gets a new rowid (AUTOINCREMENT's), so its bits are set anew and the
old rowid's are left, stale, as the full-text tables leave theirs: queries drop rowids no
article has."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import defaultdict
from itertools import compress

CHUNK_BITS = 4096  # rowids per row: an edit rewrites a few hundred rows of at most 512 bytes
_AS_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
GramKey = tuple[str, int, int]  # gram, column, chunk


def store_grams(
    db: sqlite3.Connection, runs: list[tuple[list[int | None], tuple[dict[str, int], ...]]]
) -> None:
    """Set the bits of runs of articles in the rows of their grams: each run's rowids (None
    for an article not stored) and, for each column, the grams its articles hold and which
    of them do (bit k: the k-th, indexing's Run). One read and one write of each row the
    runs touch, and a step per gram and run, not per gram and article."""
    added: defaultdict[GramKey, int] = defaultdict(int)
    for rowids, columns in runs:
        for first, count, rowid in _spans(rowids):
            chunk, bit = divmod(rowid, CHUNK_BITS)
            window = (1 << count) - 1
            for col, held in enumerate(columns):
                for gram, which in held.items():
                    if part := (which >> first) & window:
                        added[gram, col, chunk] |= part << bit
    if not added:
        return
    found = db.execute(
        "SELECT g.gram, g.col, g.chunk, g.bits FROM json_each(?) AS j JOIN grams AS g "
        "ON g.gram = j.value ->> 0 AND g.col = j.value ->> 1 AND g.chunk = j.value ->> 2",
        (json.dumps(list(added)),),
    )
    for gram, col, chunk, bits in found:
        added[gram, col, chunk] |= _unpacked(bits)
    db.executemany(
        "INSERT OR REPLACE INTO grams(gram, col, chunk, bits) VALUES (?, ?, ?, ?)",
        [(*key, _packed(bits)) for key, bits in added.items()],
    )


def _spans(rowids: list[int | None]) -> list[tuple[int, int, int]]:
    """The runs of consecutive rowids in one chunk, as (first place, how many, first rowid):
    a run's bits are shifted into its chunk's a span at a time. A build's run is one span,
    or two where it crosses a chunk."""
    spans: list[tuple[int, int, int]] = []
    for place, rowid in enumerate(rowids):
        if rowid is None:
            continue
        if spans:
            first, count, start = spans[-1]
            if first + count == place and start + count == rowid and rowid % CHUNK_BITS:
                spans[-1] = (first, count + 1, start)
                continue
        spans.append((place, 1, rowid))
    return spans


def gram_rowids(db: sqlite3.Connection, gram: str, columns: list[int]) -> list[int]:
    """The rowids (stale ones too) whose articles hold `gram` in any of these columns,
    ascending."""
    chunks: defaultdict[int, int] = defaultdict(int)
    found = db.execute(
        "SELECT chunk, bits FROM grams WHERE gram = ? AND col IN (SELECT value FROM json_each(?))",
        (gram, json.dumps(columns)),
    )
    for chunk, bits in found:
        chunks[chunk] |= _unpacked(bits)
    rowids: list[int] = []
    for chunk in sorted(chunks):
        flags = format(chunks[chunk], "b")[::-1].encode().translate(_AS_FLAGS)
        start = chunk * CHUNK_BITS
        rowids += compress(range(start, start + len(flags)), flags)
    return rowids


def _packed(bits: int) -> bytes:
    return zlib.compress(bits.to_bytes((bits.bit_length() + 7) // 8, "little"), 1)


def _unpacked(bits: bytes) -> int:
    return int.from_bytes(zlib.decompress(bits), "little")
