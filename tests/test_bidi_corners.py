"""The corners of UAX #9 found by fuzzing against ICU and FriBidi (scripts/bidi_differential.py),
each held to what the references give. Expected rows were checked against ICU 72 (and FriBidi
1.0.8 where it knows the characters); the one case where both differ from the standard (X6a) is
held to the Unicode C reference implementation, bidiref 13.0."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest
import unicodedata2

from brief.text.bidi import layout, layout_rows, split_paragraphs
from brief.text.bidi._tables import UNICODE_VERSION
from brief.text.bidi.levels import REMOVED_BY_X9, bidi_class, resolve

ROOT = Path(__file__).parent.parent
UCD = Path("/usr/share/unicode")


def test_p1_every_paragraph_separator_starts_a_paragraph() -> None:
    """U+2029, NEL, U+001C-U+001E, CR and LF each end a paragraph (CR LF as one); each
    paragraph finds its own direction, and no separator reaches a row."""
    assert split_paragraphs("a\u2029b\x85c\x1cd\r\ne\rf\ng") == [
        (0, "a"),
        (2, "b"),
        (4, "c"),
        (6, "d"),
        (9, "e"),
        (11, "f"),
        (13, "g"),
    ]
    rows = layout("abc\u2029ابت def", 20)
    assert rows == ["abc", "             def تبا"]  # ICU: two paragraphs, the second RTL
    assert layout("א\u2029abc", 20) == ["                   א", "abc"]
    assert layout("x\r\nא y", 20) == ["x", "                 y א"]
    [(first, _), (second, _)] = layout_rows("abc\u2029ابت", 20)
    assert (first.rtl, second.rtl) == (False, True)


def test_unassigned_code_points_take_their_blocks_default_class() -> None:
    """DerivedBidiClass: R in Hebrew and other right-to-left blocks, AL in Arabic ones, ET in
    Currency Symbols, BN for noncharacters and default ignorables, else L (ICU 72 agrees for all
    825,345 unassigned code points)."""
    expected = {
        "\u05ff": "R",
        "\u07bf": "AL",
        "\ufdc8": "AL",
        "\U00010d3f": "AL",
        "\U0001e8d7": "R",
        "\u20cf": "ET",
        "\ufdd0": "BN",
        "\U0010ffff": "BN",
        "\U000e0080": "BN",
        "\u0378": "L",
        "\U0003fffd": "L",
    }
    assert {char: bidi_class(char) for char in expected} == expected
    # An unassigned Hebrew code point makes its paragraph right to left (ICU: so does it).
    assert layout("\u05ff abc", 20) == ["               abc \u05ff"]


def test_a_mark_after_a_tab_keeps_its_own_level() -> None:
    """L1 puts a tab at the paragraph level; a mark after it is not carried there with it."""
    assert layout("a\t\u0301b", 20, "rtl") == ["                 \u0301b a"]  # ICU's order
    # At the same level, the mark stays after the tab, as after any base.
    [(_, [row])] = layout_rows("\t\u064e", 8, "rtl")
    assert [glyph.origins for glyph in row.glyphs] == [(0, 1)]


def test_a_mark_stays_on_its_letter_across_invisible_controls() -> None:
    """A harakah after an ALM (invisible) is drawn on the letter before it; across a control at
    a lower level, which splits the run, it is not (ICU's order either way)."""
    assert layout("س\u061c\u0651م", 8) == ["      مسّ"]
    assert layout("\u0661\u061c\u202a\u064e", 8, "ltr") == ["\u064e\u0661"]


def test_x6a_a_pdi_inside_an_override_takes_the_overrides_direction() -> None:
    """X6a (UBA 8.0 and later): a PDI, matched or not, inside an override becomes L or R, so it
    is no longer a neutral for N1. The C reference implementation (bidiref 13.0, which resets
    `bc` in X6a and tests the current `bc` in N1) gives the PDI level 2 here; ICU 72 and FriBidi
    1.0.8 keep UBA 6.3's neutral PDI and give 3, which puts the $ before the a."""
    text = "\u202ea\u202c\u202d\u2069\u202b$"
    resolved = resolve(text, 1)
    kept = [
        level
        for level, cls in zip(resolved.levels, resolved.classes, strict=True)
        if cls not in REMOVED_BY_X9
    ]
    assert kept == [3, 2, 3]
    assert layout(text, 8, "rtl") == ["      a$"]


def test_no_control_is_lost_at_a_break() -> None:
    """An RLE right after a space that a line break drops stays in the next row's covers, so a
    terminal that reorders by itself (--bidi terminal) still receives it."""
    text = "ab \u202bcd ef\u202c gh"
    for width in range(2, 12):
        [(_, rows)] = layout_rows(text, width)
        shown = {i for row in rows for i in row.indices()}
        assert {i for i, char in enumerate(text) if char != " "} <= shown, width


def test_the_unicode_version_is_stated_once_and_checked() -> None:
    assert unicodedata2.unidata_version == UNICODE_VERSION
    module = importlib.import_module("brief.text.bidi._ucd")
    real = unicodedata2.unidata_version
    try:
        unicodedata2.unidata_version = "99.0.0"
        with pytest.raises(ImportError, match="regenerate"):
            importlib.reload(module)
    finally:
        unicodedata2.unidata_version = real
        importlib.reload(module)


@pytest.mark.skipif(
    not (UCD / "BidiBrackets.txt").exists(), reason="needs /usr/share/unicode (unicode-data)"
)
def test_the_tables_are_what_the_generator_makes_of_the_ucd() -> None:
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_bidi_tables.py"), str(UCD)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    made: dict[str, object] = {}
    exec(generated, made)
    from brief.text.bidi import _tables

    for name in ("UNICODE_VERSION", "MIRROR", "OPENING", "CLOSING", "UNASSIGNED"):
        assert made[name] == getattr(_tables, name), name
