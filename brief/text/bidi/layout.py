"""Bidirectional text laid out in terminal rows.

A paragraph is analysed once (levels over the whole paragraph, glyphs, widths) and cached; laying
it out at a width then only breaks lines on the logical text and reorders each row (L1-L4).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from rich.cells import cell_len

from brief.text.bidi._tables import MIRROR
from brief.text.bidi.levels import REMOVED_BY_X9, line_levels, resolve
from brief.text.bidi.shaping import shape
from brief.text.boundary import BIDI_CONTROLS, visible_char

BASES = {"auto": None, "ltr": 0, "rtl": 1}
_TAB_OR_SPACE = (" ", "\t")


@dataclass(frozen=True, slots=True)
class Glyph:
    """What fills one terminal cell or two: a character, its marks, and where they come from."""

    text: str
    origins: tuple[int, ...]  # for each character of `text`, the paragraph index it shows
    covers: tuple[int, ...]  # every paragraph index shown (a ligature shows two letters)
    level: int
    cells: int

    @property
    def start(self) -> int:
        return min(self.covers)


@dataclass(frozen=True, slots=True)
class Row:
    """One display row of a paragraph, its glyphs in visual order from left to right."""

    glyphs: tuple[Glyph, ...]
    rtl: bool

    @property
    def text(self) -> str:
        return "".join(glyph.text for glyph in self.glyphs)

    @property
    def cells(self) -> int:
        return sum(glyph.cells for glyph in self.glyphs)

    def padding(self, width: int) -> int:
        """Cells of padding on the left: right-to-left rows are right-aligned."""
        return max(0, width - self.cells) if self.rtl else 0

    def display(self, width: int) -> str:
        """The row as written to a terminal `width` cells wide."""
        return " " * self.padding(width) + self.text

    def logical(self, paragraph_text: str, reveal: bool = False) -> str:
        """The row's characters in logical order, for a terminal that reorders by itself;
        `reveal` shows bidi controls as markers, as the visual rows do (the terminal would
        obey them raw)."""
        indices = sorted(i for glyph in self.glyphs for i in glyph.covers)
        return "".join(
            BIDI_CONTROLS[char] if reveal and char in BIDI_CONTROLS else visible_char(char)
            for char in (paragraph_text[i] for i in indices)
            if (reveal and char in BIDI_CONTROLS) or not _is_hidden(char)
        )


def _is_hidden(char: str) -> bool:
    """Invisible format controls (bidi controls, joiners) and carriage returns are not shown."""
    return char == "\r" or unicodedata.category(char) == "Cf"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


class Paragraph:
    """One paragraph analysed for layout: what does not depend on the width."""

    def __init__(
        self, text: str, base: str = "auto", shape_letters: bool = False, reveal: bool = False
    ) -> None:
        if base not in BASES:
            raise ValueError(f"base must be one of {', '.join(BASES)}, not {base!r}")
        self.text = text
        self.resolved = resolve(text, BASES[base])
        self.rtl = self.resolved.base_level == 1
        self.glyphs = tuple(self._glyphs(shape_letters, reveal))

    def _glyphs(self, shape_letters: bool, reveal: bool) -> Iterator[Glyph]:
        """Logical-order glyphs: a base character with the marks that follow it (L3 keeps them
        after their base in any direction, since a terminal puts a mark on the cell before it).

        Invisible format controls show nothing; the isolates and marks among them (LRI, RLM…)
        still take part in reordering as empty glyphs, the ones rule X9 removes (ZWJ, RLE…)
        travel with the glyph before them. With `reveal`, bidi controls show as a marker such
        as ¦RLO¦, so text that reorders itself cannot hide it (Trojan Source).
        """
        shaped = shape(self.text) if shape_letters else None
        atoms = shaped or [(char, (i,)) for i, char in enumerate(self.text)]
        levels = self.resolved.levels
        classes = self.resolved.classes
        pending: Glyph | None = None
        for char, origins in atoms:
            i = origins[0]
            level = levels[i]
            marker = BIDI_CONTROLS.get(self.text[i]) if reveal else None
            if marker is not None:
                if pending:
                    yield pending
                if classes[i] == "PDF":  # shown outside the embedding it closes, like its opener
                    level = next(
                        (
                            levels[j]
                            for j in range(i + 1, len(levels))
                            if classes[j] not in REMOVED_BY_X9
                        ),
                        self.resolved.base_level,
                    )
                pending = Glyph(marker, (i,) * len(marker), origins, level, cell_len(marker))
                continue
            if _is_hidden(self.text[i]):
                if pending and classes[i] in REMOVED_BY_X9:
                    pending = replace(pending, covers=pending.covers + origins)
                    continue
                if pending:
                    yield pending
                pending = Glyph("", (), origins, level, 0)
                continue
            if pending and pending.text and _is_mark(char) and pending.level == level:
                pending = Glyph(
                    pending.text + char,
                    (*pending.origins, i),
                    pending.covers + origins,
                    level,
                    pending.cells,
                )
                continue
            if pending:
                yield pending
            shown = visible_char(char)  # a C1 control shows as two characters (␛[)
            pending = Glyph(shown, (i,) * len(shown), origins, level, cell_len(shown))
        if pending:
            yield pending

    def rows(self, width: int) -> list[Row]:
        """The paragraph broken into rows of at most `width` cells, each in visual order."""
        if width < 2:
            raise ValueError(f"width must be at least 2 cells, not {width}")
        return [self._reorder(line) for line in self._break_lines(width)]

    def _break_lines(self, width: int) -> list[list[Glyph]]:
        """Greedy line breaking on the logical text at spaces; a space run at a break is dropped,
        a word wider than the row is split between glyphs."""
        lines: list[list[Glyph]] = [[]]
        used = 0
        spaces: list[Glyph] = []
        for word, space_run in _words(self.glyphs):
            spaces_cells = sum(g.cells for g in spaces)
            word_cells = sum(g.cells for g in word)
            if lines[-1] and used + spaces_cells + word_cells > width:
                lines.append([])
                used = 0
                spaces = []
            else:
                for glyph in spaces:  # leading spaces fold to fit the row
                    if used + glyph.cells <= width:
                        lines[-1].append(glyph)
                        used += glyph.cells
            for glyph in word:
                if used + glyph.cells > width and lines[-1]:
                    lines.append([])
                    used = 0
                lines[-1].append(glyph)
                used += glyph.cells
            spaces = space_run
        for glyph in spaces:  # trailing spaces of the paragraph stay while they fit
            if used + glyph.cells <= width:
                lines[-1].append(glyph)
                used += glyph.cells
        return lines

    def _reorder(self, line: list[Glyph]) -> Row:
        """L1-L4 on one row: whitespace at its end to the paragraph level, runs reversed from
        the highest level down, mirrored glyphs at odd levels."""
        if not line:
            return Row((), self.rtl)
        start = line[0].start
        end = max(max(g.covers) for g in line) + 1
        levels = line_levels(self.resolved, start, end)
        glyphs = []
        for g in line:
            level = levels[g.start - start]
            text = _mirrored(g) if level % 2 else g.text
            glyphs.append(Glyph(text, g.origins, g.covers, level, g.cells))
        highest = max(g.level for g in glyphs)
        lowest_odd = min(g.level for g in glyphs) | 1
        for level in range(highest, lowest_odd - 1, -1):
            k = 0
            while k < len(glyphs):
                if glyphs[k].level >= level:
                    end_k = k
                    while end_k < len(glyphs) and glyphs[end_k].level >= level:
                        end_k += 1
                    glyphs[k:end_k] = glyphs[k:end_k][::-1]
                    k = end_k
                else:
                    k += 1
        return Row(tuple(glyphs), self.rtl)


def _mirrored(glyph: Glyph) -> str:
    if not glyph.text:
        return ""
    return MIRROR.get(glyph.text[0], glyph.text[0]) + glyph.text[1:]


def _words(glyphs: tuple[Glyph, ...]) -> Iterator[tuple[list[Glyph], list[Glyph]]]:
    """(word, the spaces after it) pairs; the first word may be empty (leading spaces)."""
    word: list[Glyph] = []
    spaces: list[Glyph] = []
    for glyph in glyphs:
        if glyph.text in _TAB_OR_SPACE:
            spaces.append(glyph)
        else:
            if spaces:
                yield word, spaces
                word, spaces = [], []
            word.append(glyph)
    yield word, spaces


@lru_cache(maxsize=8192)
def paragraph(
    text: str, base: str = "auto", shape_letters: bool = False, reveal: bool = False
) -> Paragraph:
    """The cached analysis of one paragraph: re-laying it out at a new width starts here."""
    return Paragraph(text, base, shape_letters, reveal)
