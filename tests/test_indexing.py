"""The grams an article is indexed by: its distinct characters and character pairs, none
across a line break, whatever its spaces and line breaks."""

from __future__ import annotations

import random
from itertools import pairwise

from brief.catalog.indexing import _grams


def _expected(values: list[str]) -> set[str]:
    joined = "\n".join(values)
    grams = set(joined) | {a + b for a, b in pairwise(joined)}
    return {g for g in grams if "\n" not in g}


def _decoded(grams: tuple[str, str]) -> set[str]:
    pairs, singles = grams
    return {pairs[k : k + 2] for k in range(0, len(pairs), 2)} | set(singles)


def test_grams_are_the_characters_and_pairs() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        values = [
            "".join(rng.choice("ab \nتو") for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(0, 3))
        ]
        assert _decoded(_grams(values)) == _expected(values), values


def test_words_seen_before_give_the_same_grams() -> None:
    text = "تونس  عاصمة تونس\nو تونس "
    first = _decoded(_grams([text]))
    assert _decoded(_grams([text])) == first == _expected([text])
