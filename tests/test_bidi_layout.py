"""brief.text.bidi.layout on cases an analyst meets, with exact expected rows."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bidi import get_display
from rich.cells import cell_len
from rich.text import Text

from brief.text.bidi import layout, layout_rows, layout_text
from brief.text.bidi.layout import paragraph

SEEDS = Path(__file__).parent.parent / "seeds"


def test_rtl_row_is_right_aligned_with_brackets_mirrored() -> None:
    # Logical "(" opens the bracket at the right of the Arabic: a terminal must show ")" there.
    assert layout("قال (مرحبا) اليوم", 20) == ["   مويلا (ابحرم) لاق"]


def test_digits_and_latin_keep_their_own_order_inside_arabic() -> None:
    assert layout("في عام 2025 زار Tunis City", 30) == ["    Tunis City راز 2025 ماع يف"]


def test_harakat_stay_after_their_base_letter() -> None:
    # مُحَمَّد: each mark follows its letter, so the terminal draws it on the right cell.
    [row] = layout("مُحَمَّد", 8)
    assert row == "    " + "د" + "م\u064e\u0651" + "ح\u064e" + "م\u064f"
    assert cell_len(row) == 8


def test_ltr_paragraph_is_not_padded_and_rtl_base_can_be_forced() -> None:
    assert layout("abc (def)", 20) == ["abc (def)"]
    assert layout("abc (def)", 12, base="rtl") == ["   abc (def)"]
    assert layout("abc", 12, base="ltr") == ["abc"]


def test_rows_come_in_logical_order_when_a_paragraph_wraps() -> None:
    # Wrap first, then reorder each row: the first words are on the first row, at its right.
    rows = layout("واحد اثنان ثلاثة أربعة خمسة", 12)
    assert rows == ["  نانثا دحاو", " ةعبرأ ةثالث", "        ةسمخ"]


def test_levels_are_resolved_over_the_whole_paragraph() -> None:
    # Alone, the second row would read as left-to-right (its first strong letter is Latin) and
    # its brackets would take the wrong direction; the paragraph says right-to-left.
    text = "ذهب إلى Paris (France) أمس"
    assert layout(text, 14) == [" Paris ىلإ بهذ", "  سمأ (France)"]


def test_paragraphs_are_laid_out_on_their_own() -> None:
    assert layout("سلام\nhello\n", 8) == ["    مالس", "hello", ""]


def test_a_word_wider_than_the_row_is_split() -> None:
    assert layout("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_controls_never_reach_the_terminal() -> None:
    [row] = layout("a\x1b[31mred\x07\x9b2J", 20)
    assert row == "a\u241b[31mred\u2407¦CSI¦2J"  # a C1 control has no picture: its name
    assert not any(unicodedata.category(c) == "Cc" for c in row)


def test_invisible_format_controls_are_not_shown() -> None:
    assert layout("a\u200fb\u2067c\u2069", 10) == ["abc"]


def test_shaping_joins_letters_and_lam_alef_takes_one_cell() -> None:
    [row] = layout("السلام", 6, shape=True)
    assert row == " \ufee1\ufefc\ufeb4\ufedf\ufe8d"
    assert cell_len(row) == 6
    assert len(row) == 6


def test_styles_stay_on_their_logical_characters_across_rows() -> None:
    text = Text("واحد اثنان ثلاثة")
    text.stylize("bold", 5, 13)  # "اثنان ثل": across the break after اثنان
    rows = layout_text(text, 11)
    assert [row.plain for row in rows] == [" نانثا دحاو", "      ةثالث"]
    assert [_styled(row, "bold") for row in rows] == ["نانثا", "لث"]


def test_styles_survive_shaping_on_the_right_letters() -> None:
    text = Text("سلام")
    text.stylize("red", 1, 4)  # lam, alef and meem: the ligature and the meem
    [row] = layout_text(text, 4, shape=True)
    assert _styled(row, "red") == "\ufee1\ufefc"
    assert row.plain == " \ufee1\ufefc\ufeb3"


def test_relayout_at_a_new_width_reuses_the_paragraph_analysis() -> None:
    text = "نص للاختبار " * 20
    first = paragraph(text)
    layout(text, 80)
    layout(text, 60)
    assert paragraph(text) is first


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="base must be one of auto, ltr, rtl"):
        layout("x", 10, base="up")
    with pytest.raises(ValueError, match="width must be at least 2"):
        layout("x", 1)


def test_order_agrees_with_python_bidi_on_every_seed_paragraph() -> None:
    """python-bidi (the Rust unicode-bidi crate) as a second reference for L1-L2: compare the
    visual order of source characters, marks aside (it leaves them before their base)."""
    compared = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            [(_, [row])] = layout_rows(line, 2000)
            ours = "".join(line[i] for glyph in row.glyphs for i in glyph.origins)
            theirs = get_display(line)
            assert _without_marks(ours) == _without_marks(theirs)
            compared += 1
    assert compared == 59


def _styled(row: Text, style: str) -> str:
    """The characters of a row that carry `style`, left to right."""
    return "".join(
        row.plain[i]
        for i in range(len(row.plain))
        if any(span.start <= i < span.end and style in str(span.style) for span in row.spans)
    )


def _without_marks(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Mn")
