"""The grams an article is indexed by: its distinct characters and character pairs, none
across a line break, whatever its spaces and line breaks."""

from __future__ import annotations

import random
import zlib
from itertools import pairwise
from pathlib import Path

from brief.catalog.grams import CHUNK_BITS, gram_rowids, store_grams
from brief.catalog.indexing import _grams
from brief.catalog.tables import connect


def _expected(values: list[str]) -> set[str]:
    joined = "\n".join(values)
    grams = set(joined) | {a + b for a, b in pairwise(joined)}
    return {g for g in grams if "\n" not in g}


def test_grams_are_the_characters_and_pairs() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        values = [
            "".join(rng.choice("ab \nتو") for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(0, 3))
        ]
        assert _grams(values) == _expected(values), values


def test_words_seen_before_give_the_same_grams() -> None:
    text = "تونس  عاصمة تونس\nو تونس "
    first = _grams([text])
    assert _grams([text]) == first == _expected([text])


def test_runs_set_the_bits_of_the_articles_that_hold_each_gram(tmp_path: Path) -> None:
    """Runs with articles not stored in them (None) and rowids across a chunk's end: each
    gram's rowids are those of the stored articles that hold it."""
    db = connect(tmp_path / "catalog.sqlite")
    rng = random.Random(5)
    held: dict[str, set[int]] = {}
    next_rowid = CHUNK_BITS - 20
    for run in range(6):
        rowids: list[int | None] = []
        grams: dict[str, int] = {}
        for k in range(64 if not run else rng.randint(1, 64)):  # the first across a chunk
            if run and rng.random() < 0.2:  # stamps moved only: no rowid, no grams
                rowids.append(None)
                continue
            rowids.append(next_rowid)
            for gram in rng.sample(["a", "b", "ab", "تو", "و"], rng.randint(0, 5)):
                grams[gram] = grams.get(gram, 0) | 1 << k
                held.setdefault(gram, set()).add(next_rowid)
            next_rowid += 1 if not run else rng.choice([1, 1, 1, 2])  # one stored between
        with db:
            store_grams(db, [(rowids, (grams,))])
    for gram, expected in held.items():
        assert gram_rowids(db, gram, [0]) == sorted(expected), gram
    for (bits,) in db.execute("SELECT bits FROM grams"):  # each row within its chunk
        assert int.from_bytes(zlib.decompress(bits), "little") < 1 << CHUNK_BITS
