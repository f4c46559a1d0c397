"""Properties of the layout over random mixes of scripts, digits, brackets, marks and spaces."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from brief.text.bidi import layout, layout_rows

ALPHABET = (
    "abcXYZ"  # Latin
    "אבגד"  # Hebrew
    "ابتسلمةى"  # Arabic
    "0123٠١٢٣"  # European and Arabic-Indic digits
    "()[]{}«»<>"  # brackets and guillemets
    ".,:;!?-+/%$#"  # punctuation, separators, terminators
    "\u064e\u0650\u0651\u0652"  # harakat
    "\u200f\u200e\u2067\u2069\u200d"  # RLM, LRM, RLI, PDI, ZWJ
    "    "  # spaces, often
)
texts = st.text(alphabet=ALPHABET, max_size=120)
widths = st.integers(min_value=2, max_value=60)
bases = st.sampled_from(["auto", "ltr", "rtl"])


@settings(max_examples=400, deadline=None)
@given(texts, widths, bases, st.booleans())
def test_no_row_is_wider_than_the_width(text: str, width: int, base: str, shape: bool) -> None:
    for row in layout(text, width, base, shape):
        assert cell_len(row) <= width


@settings(max_examples=400, deadline=None)
@given(texts, widths, bases, st.booleans())
def test_rows_tile_the_input(text: str, width: int, base: str, shape: bool) -> None:
    """Every character appears in exactly one row, once; only spaces at a break may go (the
    invisible controls riding on them stay)."""
    [(analysed, rows)] = layout_rows(text, width, base, shape)
    shown = Counter(i for row in rows for glyph in row.glyphs for i in glyph.covers)
    assert max(shown.values(), default=1) == 1
    dropped = set(range(len(text))) - set(shown)
    assert all(text[i] == " " for i in dropped)
    # Rows hold consecutive stretches of the logical text, in order.
    spans = [
        (min(g.start for g in row.glyphs), max(max(g.covers) for g in row.glyphs))
        for row in rows
        if row.glyphs
    ]
    assert spans == sorted(spans)
    assert all(end < next_start for (_, end), (next_start, _) in pairwise(spans))
    assert analysed.text == text


@settings(max_examples=300, deadline=None)
@given(texts, widths, bases)
def test_rtl_rows_are_right_aligned_and_ltr_rows_unpadded(text: str, width: int, base: str) -> None:
    [(analysed, rows)] = layout_rows(text, width, base)
    for row, shown in zip(rows, layout(text, width, base), strict=True):
        if analysed.rtl:
            assert cell_len(shown) == width
        else:
            assert shown == row.text
