"""Where the caret of a text field stands in bidirectional text: the editing model, no toolkit.

A field keeps its text in logical order and shows it as brief.text.bidi lays it out; this
module maps between the two for one paragraph, unwrapped (a one-line field) or wrapped at a width.

- A caret position is a logical index, 0..len(text), between two characters.
- A cluster is what one caret step goes over: one glyph of the layout (a letter with its
  harakat, a lam-alef ligature when shaping, a revealed control such as ¦RLO¦) together with
  any invisible glyph after it (a joiner, a lone mark). The caret stops only at cluster starts
  and at the end (`stops`): never between a letter and its marks, nor inside a ligature.
- A slot is where a caret position is drawn: the cells of the cluster that starts there, as a
  terminal draws its block cursor on the character after the caret; the end of the text has a
  slot of its own, one cell past the text in the paragraph's direction (left of Arabic).
- Left and Right move to the slot beside the caret on screen, whatever the direction of the
  text under it, as Emacs does with `visual-order-cursor-movement`: walking Left from one end of
  a row to the other stops once on every caret position, and at a boundary between an Arabic
  run and a Latin or digit run the caret simply follows the cells. Across wrapped rows the caret
  goes on in reading order (the next row of right-to-left text is reached by Left).
- Edits are logical: text goes in at the caret, Backspace takes the character before it (a
  haraka on its own, as it was typed), Delete the cluster after it.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from brief.text.bidi._ucd import category
from brief.text.bidi.layout import Paragraph
from brief.text.bidi.rows import Glyph, Row

UNWRAPPED = 10**9  # the width a one-line field is laid out at: never broken
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` for a one-line field: each line break (CRLF, LF, CR, U+2028…) becomes a space."""
    return _LINE_BREAKS.sub(" ", text)


def is_word_char(char: str) -> bool:
    """Letters, digits, the marks on them (harakat) and the joiners inside words."""
    return char.isalnum() or char == "_" or category(char) in ("Mn", "Mc", "Cf")


@dataclass(frozen=True, slots=True)
class Slot:
    """Where the caret at position `start` is drawn: `cells` cells from column `x` of `row`."""

    row: int
    x: int
    cells: int
    start: int
    end: int  # one past the cluster's last character; `start` for the end of the text


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    """A glyph as drawn: its column, and the caret position of the cluster it belongs to."""

    x: int
    text: str
    cells: int
    cluster: int


@dataclass(frozen=True, slots=True)
class CaretRow:
    """One row of a paragraph laid out for editing."""

    glyphs: tuple[PlacedGlyph, ...]  # left to right
    slots: tuple[Slot, ...]  # left to right

    def cells(self, width: int, first: int = 0, pad: int = 0) -> list[tuple[str, int | None]]:
        """`width` cells of the row from its column `first`, after `pad` blank ones: what each
        shows (a mark rides on the cell before it, a wide glyph's second cell is "") and the
        caret position of its cluster, None for a blank. A glyph cut by an edge is left blank."""
        texts = [" "] * width
        clusters: list[int | None] = [None] * width
        for glyph in self.glyphs:
            column = pad + glyph.x - first
            if not glyph.cells:  # a mark, or nothing (a joiner)
                base = column - 1
                while base > 0 and not texts[base]:
                    base -= 1
                if 0 <= base < width and base < column:
                    texts[base] += glyph.text
            elif column >= 0 and column + glyph.cells <= width:
                texts[column] = glyph.text
                for k in range(glyph.cells):
                    clusters[column + k] = glyph.cluster
                    if k:
                        texts[column + k] = ""
        return list(zip(texts, clusters, strict=True))


class CaretLayout:
    """One paragraph laid out for editing: its rows, and each caret position's slot.

    `width` None lays it out on one row as wide as it needs, plus the end slot; a width wraps
    it at one cell less than that (the cell the caret stands on after a full row, as Textual's
    TextArea keeps) and right-aligns right-to-left rows to the width.
    """

    def __init__(
        self, text: str, width: int | None = None, base: str = "auto", shape: bool = False
    ) -> None:
        if width is not None and width < 3:
            raise ValueError(f"width must be at least 3 cells, not {width}")
        # Not the engine's cached analysis: each keystroke's text would stay in that cache,
        # and the collector's full passes over it would stall a keystroke now and then.
        analysed = Paragraph(text, base, shape, True)
        self.text = text
        self.rtl = analysed.rtl
        rows = analysed.rows(UNWRAPPED if width is None else width - 1)
        self.width = rows[0].cells + 1 if width is None else width
        owner = _clusters(analysed.glyphs, len(text))
        starts = sorted(set(owner.values()) | {len(text)})
        ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
        hanging = _hanging(analysed.glyphs, rows)
        self.rows: tuple[CaretRow, ...] = tuple(
            self._row(r, row, hanging[r], owner, ends, last=r == len(rows) - 1)
            for r, row in enumerate(rows)
        )
        self.stops: tuple[int, ...] = tuple(starts)
        self._slot = {slot.start: slot for row in self.rows for slot in row.slots}
        # Every slot in reading order: rows top to bottom, each in the paragraph's direction.
        self._reading = tuple(
            slot for row in self.rows for slot in (row.slots[::-1] if self.rtl else row.slots)
        )
        self._order = {slot.start: k for k, slot in enumerate(self._reading)}

    def _row(
        self,
        r: int,
        row: Row,
        hanging: list[Glyph],
        owner: dict[int, int],
        ends: dict[int, int],
        last: bool,
    ) -> CaretRow:
        offset = self.width - row.cells if self.rtl else 0
        placed, slots, x = [], [], offset
        for glyph in row.glyphs:
            cluster = owner[glyph.start]
            placed.append(PlacedGlyph(x, glyph.text, glyph.cells, cluster))
            if glyph.cells:
                slots.append(Slot(r, x, glyph.cells, cluster, ends[cluster]))
            x += glyph.cells
        # Spaces dropped where the row breaks, then the end of the text: past the row's end.
        after = [(owner[g.start], ends[owner[g.start]]) for g in hanging]
        if last:
            after.append((len(self.text), len(self.text)))
        trailing = []
        for k, (start, end) in enumerate(after):
            column = offset + row.cells + k if not self.rtl else offset - 1 - k
            clamped = min(max(column, 0), self.width - 1)
            trailing.append(Slot(r, clamped, 1, start, end))
            if clamped == column and start < len(self.text):
                placed.append(PlacedGlyph(column, " ", 1, start))
        slots = trailing[::-1] + slots if self.rtl else slots + trailing
        placed.sort(key=lambda glyph: glyph.x)
        return CaretRow(tuple(placed), tuple(slots))

    # Logical to visual and back.
    def slot(self, position: int) -> Slot:
        """The slot the caret at `position` is drawn on (a position inside a cluster, as after
        typing a letter before a mark, is drawn on its cluster)."""
        k = bisect_right(self.stops, position) - 1
        return self._slot[self.stops[max(k, 0)]]

    def snap(self, position: int) -> int:
        """The caret stop at or before `position`."""
        return self.slot(position).start

    def ceil(self, position: int) -> int:
        """The caret stop at or after `position`."""
        k = bisect_right(self.stops, position - 1)
        return self.stops[min(k, len(self.stops) - 1)]

    def position_at(self, row: int, x: int) -> int:
        """The caret position of the slot at column `x` of `row`, or of the nearest one."""
        slots = self.rows[min(max(row, 0), len(self.rows) - 1)].slots
        for slot in slots:
            if slot.x <= x < slot.x + slot.cells:
                return slot.start
        nearest = min(slots, key=lambda s: min(abs(x - s.x), abs(x - (s.x + s.cells - 1))))
        return nearest.start

    # Moving.
    def left(self, position: int) -> int | None:
        """The position one slot to the left on screen; None at the paragraph's edge."""
        return self._step(position, 1 if self.rtl else -1)

    def right(self, position: int) -> int | None:
        return self._step(position, -1 if self.rtl else 1)

    def word_left(self, position: int) -> int | None:
        """The next word start (or either end) to the left on screen; None at the edge."""
        return self._word_step(position, 1 if self.rtl else -1)

    def word_right(self, position: int) -> int | None:
        return self._word_step(position, -1 if self.rtl else 1)

    def _step(self, position: int, step: int) -> int | None:
        k = self._order[self.snap(position)] + step
        return self._reading[k].start if 0 <= k < len(self._reading) else None

    def _word_step(self, position: int, step: int) -> int | None:
        k = self._order[self.snap(position)] + step
        if not 0 <= k < len(self._reading):
            return None
        while 0 < k < len(self._reading) - 1 and not self.is_word_stop(self._reading[k].start):
            k += step
        return self._reading[k].start

    def is_word_stop(self, position: int) -> bool:
        text = self.text
        if position in (0, len(text)):
            return True
        return is_word_char(text[position]) and not is_word_char(text[position - 1])

    # Deleting and selecting (logical).
    def word_start_before(self, position: int) -> int:
        """Where deleting a word before the caret stops: the start of the word it is in or
        after, the non-word characters between them included."""
        text, k = self.text, position
        while k > 0 and not is_word_char(text[k - 1]):
            k -= 1
        while k > 0 and is_word_char(text[k - 1]):
            k -= 1
        return self.snap(k)

    def word_end_after(self, position: int) -> int:
        """Where deleting a word after the caret stops: the end of the next word."""
        text, k = self.text, position
        while k < len(text) and not is_word_char(text[k]):
            k += 1
        while k < len(text) and is_word_char(text[k]):
            k += 1
        return self.ceil(k)

    def cluster_end(self, position: int) -> int:
        """Where deleting forward from `position` stops: the end of its cluster."""
        return self.slot(position).end


@lru_cache(maxsize=16)
def caret_layout(
    text: str, width: int | None = None, base: str = "auto", shape: bool = False
) -> CaretLayout:
    """The cached layout of one paragraph for editing: a keystroke reads it more than once.
    Few are kept: a field needs the one it shows (a text area keeps its lines' itself)."""
    return CaretLayout(text, width, base, shape)


def _clusters(glyphs: tuple[Glyph, ...], length: int) -> dict[int, int]:
    """The caret position of the cluster each character (by its index) belongs to: a visible
    glyph starts one, an invisible one joins the one before (the first, when it leads). Keyed
    by every index a glyph covers, since a row may show a part of one (a control that rode on
    a space dropped at a break)."""
    owner: dict[int, int] = {}
    current: int | None = None
    for glyph in glyphs:
        if glyph.cells:
            current = glyph.start if current is not None else 0
        for index in glyph.covers:
            owner[index] = current if current is not None else 0
    if current is None:  # nothing visible: the caret has only the end to stand at
        return dict.fromkeys(owner, length)
    return owner


def _hanging(glyphs: tuple[Glyph, ...], rows: list[Row]) -> list[list[Glyph]]:
    """For each row, the glyphs the line breaking dropped after it (spaces at the break)."""
    row_of = {}
    for r, row in enumerate(rows):
        for glyph in row.glyphs:
            row_of[glyph.start] = r
    hanging: list[list[Glyph]] = [[] for _ in rows]
    current = 0
    for glyph in glyphs:
        found = row_of.get(glyph.start)
        if found is None:
            hanging[current].append(glyph)
        else:
            current = found
    return hanging


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A field's text and selection (anchor, caret) at one moment."""

    text: str
    anchor: int
    caret: int


@dataclass(slots=True)
class _Batch:
    before: Snapshot
    after: Snapshot
    kind: str
    characters: int
    time: float


class History:
    """Undo and redo of a field's edits, in batches as Textual's TextArea makes them: one batch
    per typing run, which ends when the caret moved between two edits, when typing turns to
    deleting or back, when more than one character goes in at once (a paste: a batch of its
    own), after a pause of `pause` seconds, or at `max_characters` characters. The caret's
    moves are told by `checkpoint`, and noticed when the text or caret is not where the last
    edit left them."""

    def __init__(self, limit: int = 100, pause: float = 2.0, max_characters: int = 100) -> None:
        self._undo: deque[_Batch] = deque(maxlen=limit)
        self._redo: list[_Batch] = []
        self.pause = pause
        self.max_characters = max_characters
        self._closed = False

    def checkpoint(self) -> None:
        """The caret moved: the next edit starts a batch of its own."""
        self._closed = True

    def record(self, before: Snapshot, after: Snapshot, now: float | None = None) -> None:
        if before.text == after.text:
            return
        moment = time.monotonic() if now is None else now
        kind = _kind(before, after)
        last = self._undo[-1] if self._undo else None
        if (
            last is not None
            and not self._closed
            and kind != "other"
            and last.kind == kind
            and last.after == before
            and moment - last.time <= self.pause
            and last.characters < self.max_characters
        ):
            last.after, last.time = after, moment
            last.characters += 1
        else:
            self._undo.append(_Batch(before, after, kind, 1, moment))
        self._closed = False
        self._redo.clear()

    def undo(self) -> Snapshot | None:
        """The state before the last batch, which redo can bring back; None if none is left."""
        self._closed = True
        if not self._undo:
            return None
        batch = self._undo.pop()
        self._redo.append(batch)
        return batch.before

    def redo(self) -> Snapshot | None:
        if not self._redo:
            return None
        batch = self._redo.pop()
        self._undo.append(batch)
        return batch.after


def _kind(before: Snapshot, after: Snapshot) -> str:
    """ "insert" for one character typed at the caret, "delete" for characters taken out with
    nothing selected, else "other" (a paste, a replaced selection, a value set)."""
    old, new = before.text, after.text
    caret = before.caret
    if before.anchor != caret:
        return "other"
    if len(new) == len(old) + 1 and new[:caret] == old[:caret] and new[caret + 1 :] == old[caret:]:
        return "insert"
    if len(new) < len(old):
        cut = len(old) - len(new)
        for start in (caret - cut, caret):
            if start >= 0 and old[:start] + old[start + cut :] == new:
                return "delete"
    return "other"
