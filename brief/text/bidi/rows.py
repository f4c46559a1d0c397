"""A paragraph's display rows (layout.Paragraph.rows): glyph indices in visual order with
their levels, and a `Glyph` object made only for a row asked for its glyphs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from brief.text.bidi._ucd import category
from brief.text.bidi.simple import SimpleParagraph, visual_runs
from brief.text.boundary import BIDI_CONTROLS, visible_char


class Paragraph(Protocol):
    """What a row reads of its paragraph (layout.Paragraph): its direction, and per glyph
    what it shows, its cells, first and last index, and the indices of the glyphs that
    cover more than their start."""

    rtl: bool
    _texts: list[str]
    _mirrored: dict[int, str]
    _cells: list[int]
    _starts: list[int]
    _ends: list[int]
    _covers: dict[int, tuple[int, ...]]

    def glyph(self, k: int, level: int | None = None) -> Glyph: ...


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


def logical_char(char: str, reveal: bool = False) -> str:
    """What a row in logical order shows for `char`: controls as pictures, invisible format
    controls as nothing, or with `reveal` bidi controls as their marker (¦RLO¦)."""
    marker = BIDI_CONTROLS.get(char) if reveal else None
    if marker is not None:
        return marker
    return "" if is_hidden(char) else visible_char(char)


def is_hidden(char: str) -> bool:
    """Invisible format controls (bidi controls, joiners) and carriage returns are not shown."""
    return char == "\r" or category(char) == "Cf"


class Row:
    """One display row of a paragraph: its glyphs (indices into the paragraph's) in visual
    order from left to right, each with its level on the row."""

    __slots__ = ("__dict__", "_levels", "_order", "_paragraph", "rtl")

    def __init__(self, paragraph: Paragraph, order: list[int], levels: list[int]) -> None:
        self._paragraph = paragraph
        self._order = order
        self._levels = levels
        self.rtl = paragraph.rtl

    @cached_property
    def glyphs(self) -> tuple[Glyph, ...]:
        glyph = self._paragraph.glyph
        return tuple(glyph(k, level) for k, level in zip(self._order, self._levels, strict=True))

    @cached_property
    def text(self) -> str:
        paragraph = self._paragraph
        texts, mirrored = paragraph._texts, paragraph._mirrored
        if not mirrored:
            return "".join([texts[k] for k in self._order])
        return "".join(
            [
                mirrored.get(k, texts[k]) if level % 2 else texts[k]
                for k, level in zip(self._order, self._levels, strict=True)
            ]
        )

    @property
    def cells(self) -> int:
        cells = self._paragraph._cells
        return sum([cells[k] for k in self._order])

    @property
    def start(self) -> int:
        """The lowest paragraph index the row shows (0 for an empty row)."""
        starts = self._paragraph._starts
        return min((starts[k] for k in self._order), default=0)

    @property
    def end(self) -> int:
        """The highest paragraph index the row shows (-1 for an empty row)."""
        ends = self._paragraph._ends
        return max((ends[k] for k in self._order), default=-1)

    def padding(self, width: int) -> int:
        """Cells of padding on the left: right-to-left rows are right-aligned."""
        return max(0, width - self.cells) if self.rtl else 0

    def display(self, width: int) -> str:
        """The row as written to a terminal `width` cells wide."""
        return " " * self.padding(width) + self.text

    def indices(self) -> list[int]:
        """The paragraph indices the row shows, in logical order."""
        paragraph = self._paragraph
        starts, covers = paragraph._starts, paragraph._covers
        found = [starts[k] for k in self._order if k not in covers]
        for k in self._order:
            if k in covers:
                found += covers[k]
        found.sort()
        return found

    def logical(self, paragraph_text: str, reveal: bool = False) -> str:
        """The row's characters in logical order, for a terminal that reorders by itself."""
        return "".join(logical_char(paragraph_text[i], reveal) for i in self.indices())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.glyphs, self.rtl) == (other.glyphs, other.rtl)

    def __hash__(self) -> int:
        return hash((self.glyphs, self.rtl))

    def __repr__(self) -> str:
        return f"Row(glyphs={self.glyphs!r}, rtl={self.rtl!r})"


class SimpleRow(Row):
    """A row of a simple paragraph (brief.text.bidi.simple) from `start` to `end`: its text,
    cells and indices from the string operations; its glyph indices and levels, and the
    paragraph's glyph lists, made only when asked (for its glyphs)."""

    __slots__ = ("_end", "_simple", "_start")

    def __init__(self, paragraph: Paragraph, simple: SimpleParagraph, start: int, end: int):
        self._paragraph = paragraph
        self._simple = simple
        self._start = start
        self._end = end
        self.rtl = paragraph.rtl

    def __getattr__(self, name: str) -> list[int]:
        if name not in ("_order", "_levels"):
            raise AttributeError(name)
        self._order, self._levels = self._visual()
        return getattr(self, name)  # type: ignore[no-any-return]

    def _visual(self) -> tuple[list[int], list[int]]:
        """The glyph indices in visual order and their levels: a glyph is a character with
        the marks after it, so glyph indices count the characters that are not marks."""
        simple, start = self._simple, self._start
        codes = simple.letters
        marked = simple.flipped is not simple.text
        first = start - codes.count(b"M", 0, start) if marked else start
        order: list[int] = []
        levels: list[int] = []
        for run_start, run_end, level in visual_runs(simple.row_levels(start, self._end)):
            a, b = start + run_start, start + run_end
            glyph = first + run_start - (codes.count(b"M", start, a) if marked else 0)
            glyphs = range(glyph, glyph + b - a - (codes.count(b"M", a, b) if marked else 0))
            order.extend(reversed(glyphs) if level == 1 else glyphs)
            levels.extend([level] * len(glyphs))
        return order, levels

    @cached_property
    def text(self) -> str:
        return self._simple.shown(self._start, self._end)

    @property
    def cells(self) -> int:
        return self._end - self._start - self._simple.letters.count(b"M", self._start, self._end)

    @property
    def start(self) -> int:
        return self._start if self._end > self._start else 0

    @property
    def end(self) -> int:
        return self._end - 1 if self._end > self._start else -1

    def indices(self) -> list[int]:
        # Every character of the row: each mark is covered by its letter's glyph.
        return list(range(self._start, self._end))
