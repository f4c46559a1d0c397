"""Simple paragraphs laid out by string operations: levels and rows made with `translate` and
`re` over a string of one letter per character, in C, instead of character by character in
Python (`levels.py` and `layout.Paragraph`, which give the same rows and handle the rest).

A paragraph is simple when it holds no explicit formatting (so X1-X10 leave one isolating run
sequence at the paragraph's level, and its levels are 0, 1 or 2), no control, tab, invisible
or wide character, no mark but a combining one (NSM, no cell), and starts with neither a
space nor a mark. Each glyph is then a character with the marks after it, at its level, and
one cell wide, so a row is a slice of the paragraph.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len

from brief.text.bidi._tables import CLOSING, MIRROR, OPENING
from brief.text.bidi._ucd import category
from brief.text.bidi.levels import bidi_class, bracket_pairs
from brief.text.boundary import visible_char

# One letter per Bidi_Class the simple path knows: A is AL, E EN, N AN, S ES, C CS, T ET, O ON
# (B an ON that is a bracket or mirrored), W the space (the only break), w other whitespace.
# M a combining mark; x anything that is left to layout.Paragraph.
_LETTERS = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "E",
    "AN": "N",
    "ES": "S",
    "CS": "C",
    "ET": "T",
    "ON": "O",
    "WS": "w",
}


def _letter(char: str) -> str:
    if char == " ":
        return "W"
    kind = category(char)
    if kind == "Cf" or visible_char(char) != char:  # hidden, or shown as another (a control)
        return "x"
    cls = bidi_class(char)
    if kind in ("Mn", "Me"):
        return "M" if cls == "NSM" and cell_len(char) == 0 else "x"
    if cell_len(char) != 1:
        return "x"
    if cls == "ON" and (char in MIRROR or char in OPENING or char in CLOSING):
        return "B"
    return _LETTERS.get(cls, "x")


class _Letters(dict[int, str]):
    """Each code point's letter, remembered (up to a bound: a hostile text may hold any)."""

    def __missing__(self, code: int) -> str:
        found = _letter(chr(code))
        if len(self) < 1 << 16:
            self[code] = found
        return found


_BY_CODE_POINT = _Letters()
# The characters of most Arabic news as a one-byte charmap codec, which encodes in C five to
# ten times faster than str.translate looks each character up in a dict: ASCII, the Arabic
# letters, marks, digits and punctuation, and some typography. A paragraph with any other
# character is lettered through the dict above.
_COMMON = "\x00" + "".join(
    map(
        chr,
        [
            *range(0x20, 0x7F),
            *(0xA0, 0xAB, 0xB0, 0xBB, 0xC0, 0xC7, 0xC8, 0xC9, 0xE0, 0xE2, 0xE7, 0xE8, 0xE9),
            *(0xEA, 0xEB, 0xEE, 0xEF, 0xF4, 0xF9, 0xFB, 0xFC, 0x152, 0x153),
            *(0x60C, 0x61B, 0x61F, *range(0x621, 0x66E), 0x670, 0x671, 0x67E, 0x686, 0x698),
            *(0x6A9, 0x6AF, 0x6CC, 0x6D4, *range(0x6F0, 0x6FA)),
            *(0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC),
        ],
    )
)
_COMMON_CODEC = codecs.charmap_build(_COMMON)
_COMMON_LETTERS = "".join(_letter(char) if char != "\x00" else "x" for char in _COMMON).encode()
_COMMON_LETTERS += b"x" * (256 - len(_COMMON_LETTERS))


def letters(text: str) -> bytes:
    """One letter per character of `text` (see _LETTERS)."""
    try:
        encoded = codecs.charmap_encode(text, "strict", _COMMON_CODEC)[0]
    except UnicodeEncodeError:
        return text.translate(_BY_CODE_POINT).encode("ascii")
    return encoded.translate(_COMMON_LETTERS)


_SPACE_BEFORE_MARK = re.compile(rb"W(?=M)")  # a space carrying a mark is no break
_FIRST_STRONG = re.compile(rb"[LRA]")
# W1 as replacements: a mark after each type a mark may follow, and what it becomes.
_MARK_TAKES = [(bytes([t, ord("M")]), bytes([t, t])) for t in b"LRAENSCTOBWw"]
_MARKS_AFTER = re.compile(rb"(?<=(.))M+")
_AFTER_ARABIC_LETTER = re.compile(rb"A[^LR]*")
_BETWEEN_EUROPEAN = re.compile(rb"(?<=E)[SC](?=E)")
_BETWEEN_ARABIC = re.compile(rb"(?<=N)C(?=N)")
# Possessive and anchored at a run's start: linear on a run of any length.
_TERMINATORS = re.compile(rb"(?<!T)T++(?=E)|(?<=E)T++")
_AFTER_LEFT_TO_RIGHT = re.compile(rb"L[^R]*")
# N1: neutrals between two strong types of one direction (numbers count as R), the one that
# is not the embedding's (N2 gives the others the embedding's).
_BETWEEN_SAME = (
    re.compile(rb"(?<![REN])[REN]++(?:[WwOB]++[REN]++)+"),
    re.compile(rb"(?<!L)L++(?:[WwOB]++L++)+"),
)
_NEUTRALS_TO = (bytes.maketrans(b"WwOB", b"RRRR"), bytes.maketrans(b"WwOB", b"LLLL"))
_SEPARATORS_NEUTRAL = bytes.maketrans(b"SCT", b"OOO")  # W6
# I1-I2 from a resolved type to a level, neutrals at the embedding's (N2).
_LEVEL_OF = (
    bytes.maketrans(b"LRENWwOB", b"01220000"),
    bytes.maketrans(b"LRENWwOB", b"21221111"),
)
_DIRECTION = (b"L", b"R")
_STRONG_FOR_NEUTRALS = {
    ord("L"): ord("L"),
    ord("R"): ord("R"),
    ord("E"): ord("R"),
    ord("N"): ord("R"),
}
_NOT_SPACE = re.compile(rb"[^W]")
_SEGMENTS = re.compile(rb"0+|[12]+")
_RUNS = re.compile(rb"1+|2+")
_LEVEL_DIGIT = (b"0", b"1")
_MIRRORED = str.maketrans(MIRROR)
_M, _ZERO = ord("M"), ord("0")


@dataclass(frozen=True, slots=True)
class SimpleParagraph:
    """A simple paragraph's letters and levels (one byte per character, b"0" to b"2")."""

    text: str
    letters: bytes
    levels: bytes
    base_level: int
    # The text with each letter's marks before it, where it has marks: reversed, a run of it
    # shows them after their letter again (L3).
    flipped: str

    def rows(self, width: int) -> list[str]:
        """The rows at `width` cells as `layout.Row.display` writes them."""
        rows = []
        for start, end in self.bounds(width):
            shown = self.shown(start, end)
            if self.base_level:
                cells = end - start - self.letters.count(b"M", start, end)
                shown = " " * max(0, width - cells) + shown
            rows.append(shown)
        return rows

    def bounds(self, width: int) -> list[tuple[int, int]]:
        """Each row's start and end at `width` cells: greedy breaks at spaces (the spaces at
        a break dropped, a word wider than the row split between glyphs)."""
        codes, n = self.letters, len(self.text)
        marked = self.flipped is not self.text
        bounds = []
        start = 0
        while True:
            # The first index past `width` cells from `start` (marks take none).
            if marked:
                cells = _cells(width).match(codes, start)
                limit = n if cells is None else cells.end()
            else:
                limit = start + width
            if limit >= n:
                bounds.append((start, n))
                return bounds
            space = codes.rfind(b"W", start, limit + 1)
            if space < 0:  # a word wider than the row
                bounds.append((start, limit))
                start = limit
                continue
            word = _NOT_SPACE.search(codes, space)
            if word is None:  # only spaces after: as many stay as fit
                bounds.append((start, limit))
                return bounds
            bounds.append((start, start + len(codes[start:space].rstrip(b"W"))))
            start = word.start()

    def row_levels(self, start: int, end: int) -> bytes:
        """The levels of the row from `start` to `end`, whitespace at its end at the
        paragraph's level (L1)."""
        levels = self.levels[start:end]
        kept = len(self.letters[start:end].rstrip(b"Ww"))
        if kept < len(levels):
            levels = levels[:kept] + _LEVEL_DIGIT[self.base_level] * (len(levels) - kept)
        return levels

    def shown(self, start: int, end: int) -> str:
        """The row from `start` to `end` in visual order, unpadded (`layout.Row.text`)."""
        flipped = self.flipped[start:end]
        text = self.text[start:end] if self.flipped is not self.text else flipped
        codes = self.letters[start:end]
        return _reordered(text, flipped, codes, self.row_levels(start, end))


def _reordered(text: str, flipped: str, codes: bytes, levels: bytes) -> str:
    """L2-L4 on one row: each run at level 1 or 2 reversed, the runs at level 2 in it back in
    their order; mirrored glyphs at level 1, marks kept after their base (`flipped`)."""
    if b"2" not in levels:
        if b"1" not in levels:
            return text
        if b"0" not in levels:
            return _reversed(flipped, codes)
    pieces = []
    for start, end, level in visual_runs(levels):
        if level == 1:
            pieces.append(_reversed(flipped[start:end], codes[start:end]))
        else:
            pieces.append(text[start:end])
    return "".join(pieces)


def visual_runs(levels: bytes) -> list[tuple[int, int, int]]:
    """L2 on a row's levels (0 to 2): its runs of one level from left to right, each as its
    start, end and level; a run at level 1 shows reversed, the others in order."""
    runs = []
    for segment in _SEGMENTS.finditer(levels):
        start, end = segment.span()
        if levels[start] == _ZERO:
            runs.append((start, end, 0))
            continue
        for run in reversed(list(_RUNS.finditer(levels, start, end))):
            start, end = run.span()
            runs.append((start, end, levels[start] - _ZERO))
    return runs


def _reversed(flipped: str, codes: bytes) -> str:
    if b"B" in codes:
        flipped = flipped.translate(_MIRRORED)
    return flipped[::-1]


def analyse(text: str, base_level: int | None) -> SimpleParagraph | None:
    """`text`'s letters and levels if it is simple (see the module), else None; `base_level`
    None detects it (P2-P3)."""
    codes = letters(text)
    if b"x" in codes or codes.startswith((b"W", b"M")):
        return None
    flipped = text
    if b"M" in codes:
        codes = _SPACE_BEFORE_MARK.sub(b"w", codes)
        flipped = _flipped(text, codes)
    if base_level is None:
        strong = _FIRST_STRONG.search(codes)
        base_level = 0 if strong is None or strong[0] == b"L" else 1
    return SimpleParagraph(text, codes, _levels(text, codes, base_level), base_level, flipped)


def _flipped(text: str, codes: bytes) -> str:
    """`text` with each run of marks in reverse before the character it follows."""
    marks = "".join(sorted(char for char in set(text) if _BY_CODE_POINT[ord(char)] == "M"))
    # Split: the text before the first letter with marks, then that letter, its marks, the
    # text up to the next one, and so on.
    parts = _mark_runs(marks).split(text)
    letters = parts[1::3]
    parts[1::3] = parts[2::3] if b"MM" not in codes else [run[::-1] for run in parts[2::3]]
    parts[2::3] = letters
    return "".join(parts)


@lru_cache(maxsize=256)
def _cells(width: int) -> re.Pattern[bytes]:
    """`width` glyphs from the start of one: `width` characters other than marks, each with
    the marks after it (linear on any text: possessive)."""
    return re.compile(rb"(?:M*+[^M]){%d}M*+" % width)


@lru_cache(maxsize=256)
def _mark_runs(marks: str) -> re.Pattern[str]:
    """A character followed by one or more of `marks`."""
    return re.compile(f"([^{re.escape(marks)}])([{re.escape(marks)}]+)", re.DOTALL)


def _levels(text: str, codes: bytes, base_level: int) -> bytes:
    """W1-W7, N0-N2 and I1-I2 over the one sequence, sos and eos as its first and last type."""
    edge = _DIRECTION[base_level]
    types = edge + codes + edge
    for _ in range(3) if b"M" in types else ():  # W1, runs of up to three marks
        for marked, taken in _MARK_TAKES:
            if marked in types:
                types = types.replace(marked, taken)
        if b"M" not in types:
            break
    if b"M" in types:  # and longer ones
        types = _MARKS_AFTER.sub(lambda m: m[1] * len(m[0]), types)
    if b"A" in types:
        if b"E" in types:  # W2
            types = _AFTER_ARABIC_LETTER.sub(lambda m: m[0].replace(b"E", b"N"), types)
        types = types.replace(b"A", b"R")  # W3
    if b"S" in types or b"C" in types:  # W4
        types = _BETWEEN_EUROPEAN.sub(b"E", types)
        types = _BETWEEN_ARABIC.sub(b"N", types)
    if b"T" in types:  # W5
        types = _TERMINATORS.sub(lambda m: b"E" * len(m[0]), types)
    types = types.translate(_SEPARATORS_NEUTRAL)  # W6
    if b"E" in types:  # W7
        types = _AFTER_LEFT_TO_RIGHT.sub(lambda m: m[0].replace(b"E", b"L"), types)
    if b"B" in codes:
        types = _paired_brackets(text, codes, bytearray(types), edge[0])
    strong = _BETWEEN_SAME[base_level]
    other = _NEUTRALS_TO[base_level]
    types = strong.sub(lambda m: m[0].translate(other), types)
    return types[1:-1].translate(_LEVEL_OF[base_level])


def _paired_brackets(text: str, codes: bytes, types: bytearray, embedding: int) -> bytes:
    """N0 (types[0] is sos: a character's type is at its index + 1)."""
    candidates = [found.start() for found in re.finditer(b"B", codes)]
    for open_k, close_k in bracket_pairs(candidates, ["ON"] * len(candidates), text):
        opening, closing = candidates[open_k] + 1, candidates[close_k] + 1
        inside = types[opening + 1 : closing]
        has_l = b"L" in inside
        has_r = b"R" in inside or b"E" in inside or b"N" in inside
        if not (has_l or has_r):
            continue
        if (has_l and embedding == ord("L")) or (has_r and embedding == ord("R")):
            new = embedding
        else:  # only the opposite direction inside: the preceding context's (sos at 0)
            before = max(types.rfind(letter, 0, opening) for letter in (b"L", b"R", b"E", b"N"))
            new = _STRONG_FOR_NEUTRALS[types[before]]
        for k in (opening, closing):
            types[k] = new
            k += 1
            while k <= len(codes) and codes[k - 1] == _M:  # marks after it, before W1
                types[k] = new
                k += 1
    return bytes(types)
