"""visual_line, laid out without glyph objects (brief.text.bidi.visual), gives the characters
of a paragraph laid out at an unbounded width, in the same order, for any text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from brief.text.bidi import layout_rows, visual_line

ROOT = Path(__file__).parent.parent
# Letters of each direction, digits of both kinds, separators and terminators, brackets and
# mirrored glyphs, marks, tabs and controls, and every bidi control (X9 removes some).
POOL = list(
    "abc ABC 123 ،؛ ()[]{}«»<>-+/.,:%$#\t\r\x01\x7f\x85\u200c\u200d\u200e\u200f\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u064b\u064e\u0651\u0670\u0300"
    "ابتثجحخدذرسشصضطظعغفقكلمنهوي٠١٢٣ אבג\u06f1\u00ad\u2029\ufeff"
)


# Right-to-left text with no left-to-right letter (the fast path): Arabic letters and spaces,
# digits of both kinds, separators, terminators, brackets and other neutrals, marks.
RIGHT_TO_LEFT = [
    *"ابتثجحخدذرسشصضطظعغفقكلمنهوي  " * 3,
    *"0123456789٠١٢٣٤٥٦٧٨٩,.:/+-%$#()«»!؟\"'،؛٪٫٬[]{}<>\u064b\u0651\u0670\u06f1",
    *"a\u200f\tא",  # and a few that are left to the rules
]


def _through_paragraphs(text: str, base: str) -> str:
    return "".join(row.text for _, rows in layout_rows(text, 10**9, base) for row in rows)


@pytest.mark.parametrize("base", ["auto", "rtl", "ltr"])
@pytest.mark.parametrize(
    ("pool", "count", "longest"), [(POOL, 4000, 24), (RIGHT_TO_LEFT, 6000, 20)], ids=["any", "rtl"]
)
def test_visual_line_orders_as_the_paragraphs_do(
    base: str, pool: list[str], count: int, longest: int
) -> None:
    rng = random.Random(17)
    for _ in range(count):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, longest)))
        assert visual_line(text, base) == _through_paragraphs(text, base), repr(text)


def test_visual_line_of_every_seed_line() -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            for base in ("auto", "rtl", "ltr"):
                assert visual_line(line, base) == _through_paragraphs(line, base)


def test_a_bad_base_is_refused() -> None:
    with pytest.raises(ValueError, match="base must be one of"):
        visual_line("abc", "up")
