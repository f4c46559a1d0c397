"""Differential test: every seed paragraph, row by row, against GNU FriBidi's levels."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.text.bidi import layout_rows
from tests.bidi_reference import FRIBIDI, fribidi_levels, is_hidden, reorder_row

SEEDS = Path(__file__).parent.parent / "seeds"
WIDTHS = (20, 33, 40, 61, 80, 120)

pytestmark = pytest.mark.skipif(FRIBIDI is None, reason="needs fribidi (libfribidi-bin)")


def _seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs += [line for line in path.read_text(encoding="utf-8").split("\n") if line]
    return paragraphs


def test_seed_paragraphs_match_fribidi_row_by_row() -> None:
    paragraphs = _seed_paragraphs()
    references = fribidi_levels(paragraphs, "auto")
    assert len(references) == len(paragraphs) == 59
    rows_checked = 0
    mismatches = []
    for text, (base_level, levels) in zip(paragraphs, references, strict=True):
        assert len(levels) == len(text)
        for width in WIDTHS:
            [(analysed, rows)] = layout_rows(text, width)
            assert analysed.rtl == (base_level == 1)
            for row in rows:
                indices = sorted(i for glyph in row.glyphs for i in glyph.covers)
                expected = "".join(
                    char
                    for char in reorder_row(text, indices, levels, base_level)
                    if not is_hidden(char)
                )
                rows_checked += 1
                if row.text != expected:
                    mismatches.append((width, text[:30], row.text, expected))
    print(f"FriBidi differential: {rows_checked - len(mismatches)} of {rows_checked} rows exact")
    assert mismatches == []
    assert rows_checked > 1000
