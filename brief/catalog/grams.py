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
    db: sqlite3.Connection, articles: list[tuple[int, tuple[tuple[str, str], ...]]]
) -> None:
    """Set the bits of these articles (rowid, and each column's pairs and characters, as
    indexing's _grams gives them) in the rows of their grams: one read and one write of
    each row the batch touches."""
    added: defaultdict[GramKey, int] = defaultdict(int)
    for rowid, columns in articles:
        chunk, bit = divmod(rowid, CHUNK_BITS)
        mask = 1 << bit
        for col, (pairs, singles) in enumerate(columns):
            for k in range(0, len(pairs), 2):
                added[pairs[k : k + 2], col, chunk] |= mask
            for single in singles:
                added[single, col, chunk] |= mask
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
