"""layout and Paragraph.rows over a simple paragraph (brief.text.bidi.simple: string
operations) give the rows of the general path (levels.py's rules, layout.Paragraph's glyphs,
line breaking and reordering), at any width and for any text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from brief.text.bidi import layout, layout_rows
from brief.text.bidi.layout import Paragraph, Row

ROOT = Path(__file__).parent.parent
# What a simple paragraph may hold, several times over for the letters and spaces: letters of
# each direction, digits of both kinds, separators, terminators, brackets and mirrored
# glyphs, other neutrals, marks, other whitespace; and a few that are not simple.
SIMPLE = [
    *"abc ABC ابتثجحخدذرسش אבג   " * 3,
    *"0123456789٠١٢٣٤٥٦٧٨٩۱۲,.:/+-%$#()«»[]{}<>!؟\"'،؛٪٫٬\u00a0\u2009\u2212\u2264\u0600",
    *"\u064b\u064e\u0651\u0670\u0300\u20dd" * 2,
    *"\t\u200f\u2067\x01世",
]
ANY = list(
    "abc ABC 123 ،؛ ()[]{}«»<>-+/.,:%$#\t\r\x01\x7f\x85\u200c\u200d\u200e\u200f\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u064b\u064e\u0651\u0670\u0300"
    "ابتثجحخدذرسشصضطظعغفقكلمنهوي٠١٢٣ אבג\u06f1\u00ad\ufeff世"
)


def _through_rows(text: str, width: int, base: str) -> list[str]:
    return [row.display(width) for _, rows in layout_rows(text, width, base) for row in rows]


def _general(text: str, base: str) -> Paragraph:
    """`text` analysed for the general path, simple or not."""
    general = Paragraph(text, base)
    general._simple = None
    return general


def _described(row: Row, width: int) -> tuple[object, ...]:
    return (
        row._order,
        row._levels,
        row.text,
        row.cells,
        row.start,
        row.end,
        row.indices(),
        row.glyphs,
        row.rtl,
        row.display(width),
    )


def _same_rows(text: str, width: int, base: str) -> bool:
    """Paragraph.rows over each paragraph of `text` gives the general path's rows."""
    return all(
        _rows_alike(Paragraph(line, base), _general(line, base), width) for line in text.split("\n")
    )


def _rows_alike(fast: Paragraph, general: Paragraph, width: int) -> bool:
    return [_described(r, width) for r in fast.rows(width)] == [
        _described(r, width) for r in general.rows(width)
    ]


def test_every_seed_at_every_width() -> None:
    simple = 0
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        simple += sum(Paragraph(line)._simple is not None for line in text.split("\n"))
        for base in ("auto", "rtl", "ltr"):
            # Each paragraph analysed once a side, its rows asked at every width (as on resize).
            pairs = [(Paragraph(line, base), _general(line, base)) for line in text.split("\n")]
            # Every width for the paragraphs' own direction; every fifth for a forced one.
            for width in range(12, 121, 1 if base == "auto" else 5):
                assert layout(text, width, base) == _through_rows(text, width, base), (
                    path.name,
                    base,
                    width,
                )
                for fast, general in pairs:
                    assert _rows_alike(fast, general, width), (path.name, base, width)
    assert simple > 50  # the seeds are laid out by the simple path


@pytest.mark.parametrize("base", ["auto", "rtl", "ltr"])
@pytest.mark.parametrize(
    ("pool", "count", "least"), [(SIMPLE, 3000, 300), (ANY, 1500, 0)], ids=["simple", "any"]
)
def test_random_text_of_every_class(base: str, pool: list[str], count: int, least: int) -> None:
    rng = random.Random(17)
    simple = 0
    for _ in range(count):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        width = rng.randint(2, 30)
        simple += Paragraph(text, base)._simple is not None
        assert layout(text, width, base) == _through_rows(text, width, base), (text, width)
        assert _same_rows(text, width, base), (text, width)
    assert simple >= least
