"""Bidirectional text laid out in terminal rows.

A paragraph is analysed once (levels over the whole paragraph, glyphs, widths) and cached; laying
it out at a width then only breaks lines on the logical text and reorders each row (L1-L4).

The glyphs are kept as plain lists indexed by glyph (text, cells, level, first and last
paragraph index), and a row (rows.py) as the glyph indices in visual order with their levels:
a `Glyph` object is made only for a row asked for its glyphs (a selection, a highlight, the
caret). Most glyphs show one character and cover its index alone; only the others keep their
origins and covers as tuples. A simple paragraph (simple.py) makes none of these lists until a
row is asked for its glyphs.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from rich.cells import cell_len

from brief.text.bidi._tables import MIRROR
from brief.text.bidi._ucd import category
from brief.text.bidi.levels import MAX_DEPTH, REMOVED_BY_X9, line_levels, resolve
from brief.text.bidi.lines import Word, break_lines, words
from brief.text.bidi.rows import Glyph, Row, SimpleRow, is_hidden
from brief.text.bidi.shaping import shape
from brief.text.bidi.simple import analyse
from brief.text.boundary import BIDI_CONTROLS, visible_char

BASES = {"auto": None, "ltr": 0, "rtl": 1}
_TAB_OR_SPACE = (" ", "\t")
_SEPARATORS = frozenset({"S", "B"})
_MIRRORABLE = frozenset(MIRROR)
# What a simple paragraph makes only when asked (Paragraph.__getattr__).
_ANALYSIS = frozenset(
    {"resolved", "count", "_texts", "_starts", "_ends", "_levels", "_cells"}
    | {"_origins", "_covers", "_mirrored", "_riders"}
)


_SHOWN, _HIDDEN, _MARK = 0, 1, 2
_CHARS_KEPT = 1 << 16  # distinct characters remembered (a hostile text may hold any)


class _Chars(dict[str, tuple[int, str, int]]):
    """Each character's kind (shown; hidden: invisible format controls and carriage returns;
    a combining mark), the text a terminal cell is sent for it, and its cells."""

    def __missing__(self, char: str) -> tuple[int, str, int]:
        kind = _HIDDEN if is_hidden(char) else _MARK if category(char) in ("Mn", "Me") else _SHOWN
        shown = visible_char(char)  # a C1 control shows as its name (¦CSI¦)
        info = (kind, shown, cell_len(shown))
        if len(self) < _CHARS_KEPT:
            self[char] = info
        return info


_CHARS = _Chars()


class Paragraph:
    """One paragraph analysed for layout: what does not depend on the width."""

    def __init__(
        self, text: str, base: str = "auto", shape_letters: bool = False, reveal: bool = False
    ) -> None:
        if base not in BASES:
            raise ValueError(f"base must be one of {', '.join(BASES)}, not {base!r}")
        self.text = text
        self._base = base
        # A simple paragraph (brief.text.bidi.simple) is laid out by string operations; its
        # levels and glyph lists are made only if something asks for them (`__getattr__`).
        self._simple = None if shape_letters or reveal else analyse(text, BASES[base])
        if self._simple is not None:
            self.rtl = self._simple.base_level == 1
            return
        self._analyse(shape_letters, reveal)

    def __getattr__(self, name: str) -> object:
        if name not in _ANALYSIS or "_simple" not in self.__dict__:
            raise AttributeError(name)
        self._analyse(False, False)
        return getattr(self, name)

    def _analyse(self, shape_letters: bool, reveal: bool) -> None:
        self.resolved = resolve(self.text, BASES[self._base])
        self.rtl = self.resolved.base_level == 1
        # Per glyph: what it shows, where in the paragraph it starts and ends (its covers'
        # lowest and highest index), its level and cells; origins and covers only where
        # they are not the start alone (None), and the mirrored text where there is one.
        self._texts: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._levels: list[int] = []
        self._cells: list[int] = []
        self._origins: dict[int, tuple[int, ...]] = {}
        self._covers: dict[int, tuple[int, ...]] = {}
        self._mirrored: dict[int, str] = {}
        self._make_glyphs(shape_letters, reveal)
        self.count = len(self._texts)  # the glyphs; riders (below) come after them
        self._riders = {
            k: self._rider(k)
            for k in list(self._covers)
            if self._is_space(k) and len(self.covers(k)) > len(self.origins(k))
        }

    def _make_glyphs(self, shape_letters: bool, reveal: bool) -> None:
        """Logical-order glyphs: a base character with the marks that follow it (L3 keeps them
        after their base in any direction, since a terminal puts a mark on the cell before it),
        also across invisible controls between them.

        Invisible format controls show nothing; the isolates and marks among them (LRI, RLM…)
        still take part in reordering as empty glyphs, the ones rule X9 removes (ZWJ, RLE…)
        travel with the glyph before them. With `reveal`, bidi controls show as a marker such
        as ¦RLO¦, so text that reorders itself cannot hide it (Trojan Source).
        """
        text = self.text
        shaped = shape(text) if shape_letters else None
        if shaped is None and not reveal:
            infos = [_CHARS[char] for char in text]
            if all(info[0] == _SHOWN for info in infos):
                # The common case: nothing hidden, no mark, each character a glyph of its own.
                self._texts = [info[1] for info in infos]
                self._cells = [info[2] for info in infos]
                self._starts = list(range(len(text)))
                self._ends = list(self._starts)
                self._levels = list(self.resolved.levels)
                if not _MIRRORABLE.isdisjoint(self._texts):
                    for k, shown in enumerate(self._texts):
                        if shown in MIRROR:
                            self._mirrored[k] = MIRROR[shown]
                return
        levels = self.resolved.levels
        classes = self.resolved.classes
        base_level = self.resolved.base_level
        texts, origins = self._texts, self._origins
        chars = _CHARS
        shown_last = -1  # the last glyph that shows something, when only empty ones follow it
        shown_level = 0  # the level it is shown at (L1 puts a tab at the paragraph's)
        lowest_between = MAX_DEPTH + 2  # the lowest level of the empty glyphs after it
        for k in range(len(shaped) if shaped is not None else len(text)):
            if shaped is None:
                i = k
                char = text[i]
                atom: tuple[int, ...] | None = None  # (i,)
            else:
                char, atom = shaped[k]
                i = atom[0]
            level = levels[i]
            kind, shown, width = chars[char]
            marker = BIDI_CONTROLS.get(text[i]) if reveal else None
            if marker is not None:
                if classes[i] == "PDF":  # shown outside the embedding it closes, like its opener
                    level = next(
                        (
                            levels[j]
                            for j in range(i + 1, len(levels))
                            if classes[j] not in REMOVED_BY_X9
                        ),
                        base_level,
                    )
                shown, width = marker, cell_len(marker)
            elif kind == _HIDDEN if shaped is None else is_hidden(text[i]):
                if texts and classes[i] in REMOVED_BY_X9:
                    self._cover(len(texts) - 1, atom or (i,))
                else:
                    self._append("", i, atom, level, 0)
                    lowest_between = min(lowest_between, level)
                continue
            elif kind == _MARK and shown_last >= 0 and shown_level == level <= lowest_between:
                # Its base and it are in one run at its level, whatever hides between them:
                # reordering keeps them side by side.
                origins[shown_last] = (*self.origins(shown_last), i)
                texts[shown_last] += char
                self._cover(shown_last, atom or (i,))
                continue
            self._append(shown, i, atom, level, width)
            shown_last = len(texts) - 1
            if shown[:1] in MIRROR:
                self._mirrored[shown_last] = shown  # its mirrored text is made below
            shown_level = base_level if classes[i] in _SEPARATORS else level
            lowest_between = MAX_DEPTH + 2
        for k, shown in self._mirrored.items():
            self._mirrored[k] = MIRROR[shown[0]] + texts[k][1:]

    def _append(
        self, shown: str, i: int, atom: tuple[int, ...] | None, level: int, width: int
    ) -> None:
        k = len(self._texts)
        self._texts.append(shown)
        self._levels.append(level)
        self._cells.append(width)
        if atom is None or atom == (i,):
            self._starts.append(i)
            self._ends.append(i)
            return
        self._covers[k] = atom
        self._starts.append(min(atom))
        self._ends.append(max(atom))
        if i != min(atom):
            self._origins[k] = (i,) * len(shown)

    def _cover(self, k: int, more: tuple[int, ...]) -> None:
        """Glyph `k` covers these paragraph indices too."""
        if k not in self._origins:
            self._origins[k] = self.origins(k)  # kept, whatever its start becomes
        joined = self._covers[k] = self.covers(k) + more
        self._starts[k], self._ends[k] = min(joined), max(joined)

    def origins(self, k: int) -> tuple[int, ...]:
        """For each character of glyph `k`'s text, the paragraph index it shows."""
        found = self._origins.get(k)
        return found if found is not None else (self._starts[k],) * len(self._texts[k])

    def covers(self, k: int) -> tuple[int, ...]:
        """Every paragraph index glyph `k` shows (a ligature shows two letters)."""
        found = self._covers.get(k)
        return found if found is not None else (self._starts[k],)

    def glyph(self, k: int, level: int | None = None) -> Glyph:
        """Glyph `k` as an object, at its own level or at a row's (mirrored at an odd one)."""
        shown = self._texts[k]
        if level is None:
            level = self._levels[k]
        elif level % 2:
            shown = self._mirrored.get(k, shown)
        return Glyph(shown, self.origins(k), self.covers(k), level, self._cells[k])

    @cached_property
    def glyphs(self) -> tuple[Glyph, ...]:
        """The paragraph's glyphs in logical order."""
        return tuple(self.glyph(k) for k in range(self.count))

    @property
    def cells(self) -> int:
        """The cells of the whole paragraph on one row."""
        return sum(self._cells[: self.count])

    def _is_space(self, k: int) -> bool:
        return self._texts[k] in _TAB_OR_SPACE

    def _rider(self, space: int) -> int:
        """The invisible controls that ride on a space (RLE after it), as an empty glyph of
        their own: when the space is dropped at a break, they stay in some row."""
        origins = self.origins(space)
        riding = tuple(i for i in self.covers(space) if i not in origins)
        k = len(self._texts)
        self._texts.append("")
        self._levels.append(self._levels[space])
        self._cells.append(0)
        self._starts.append(min(riding))
        self._ends.append(max(riding))
        self._covers[k] = riding
        return k

    def rows(self, width: int) -> list[Row]:
        """The paragraph broken into rows of at most `width` cells, each in visual order."""
        if width < 2:
            raise ValueError(f"width must be at least 2 cells, not {width}")
        simple = self._simple
        if simple is not None:
            return [SimpleRow(self, simple, start, end) for start, end in simple.bounds(width)]
        return [self._reorder(line) for line in self._break_lines(width)]

    def display(self, width: int) -> list[str]:
        """Each row's `Row.display(width)`: what `layout` writes."""
        if width < 2:
            raise ValueError(f"width must be at least 2 cells, not {width}")
        if self._simple is not None:
            return self._simple.rows(width)
        return [row.display(width) for row in self.rows(width)]

    @cached_property
    def _words(self) -> list[Word]:
        return words(self._texts, self._cells, self.count)

    def _break_lines(self, width: int) -> list[list[int]]:
        return break_lines(self._words, self._cells, self._riders, width)

    def _reorder(self, line: list[int]) -> Row:
        """L1-L4 on one row: whitespace at its end to the paragraph level, runs reversed from
        the highest level down, mirrored glyphs at odd levels."""
        if not line:
            return Row(self, [], [])
        starts = self._starts
        start = starts[line[0]]
        ends = self._ends
        end = max(map(ends.__getitem__, line)) + 1
        levels = line_levels(self.resolved, start, end)
        order = list(line)
        glyph_levels = [levels[starts[k] - start] for k in line]
        highest = max(glyph_levels)
        lowest_odd = min(glyph_levels) | 1
        if highest == lowest_odd and min(glyph_levels) == highest:  # one odd level: reversed
            order.reverse()
            return Row(self, order, glyph_levels)
        for level in range(highest, lowest_odd - 1, -1):
            k = 0
            n = len(order)
            while k < n:
                if glyph_levels[k] >= level:
                    end_k = k + 1
                    while end_k < n and glyph_levels[end_k] >= level:
                        end_k += 1
                    order[k:end_k] = order[k:end_k][::-1]
                    glyph_levels[k:end_k] = glyph_levels[k:end_k][::-1]
                    k = end_k
                else:
                    k += 1
        return Row(self, order, glyph_levels)


@lru_cache(maxsize=8192)
def paragraph(
    text: str, base: str = "auto", shape_letters: bool = False, reveal: bool = False
) -> Paragraph:
    """The cached analysis of one paragraph: re-laying it out at a new width starts here."""
    return Paragraph(text, base, shape_letters, reveal)
