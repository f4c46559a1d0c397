"""A one-line text field that shows what is typed as it reads: Arabic right to left.

Textual's Input shows its value in logical order, so Arabic typed into it reads backwards on
every terminal that does not reorder by itself. BidiInput is an Input (same constructor, value,
messages and bindings) that draws the value through brief.text.bidi and moves its caret by the
editing model of brief.text.bidi.caret; only the drawing and the caret's moves are its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar, Literal

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.suggester import Suggester
from textual.validation import Validator
from textual.widgets import Input
from textual.widgets.input import Selection

from brief.text.bidi import BASES
from brief.text.bidi.caret import (
    CaretLayout,
    CaretRow,
    History,
    Slot,
    Snapshot,
    caret_layout,
    one_line,
)


def checked_base(base: str) -> str:
    """A paragraph direction brief.text.bidi knows: auto (from the first strong letter), ltr,
    rtl."""
    if base not in BASES:
        raise ValueError(f"base must be one of {', '.join(BASES)}, not {base!r}")
    return base


def draw_row(
    row: CaretRow,
    width: int,
    first: int,
    pad: int,
    style_of: Callable[[int], Style | None],
    caret: tuple[Slot, Style] | None = None,
) -> list[Segment]:
    """`width` cells of a laid-out row from its column `first`, after `pad` blank ones, each
    in the style of its cluster; the caret's cells (or another slot's) take `caret`'s style."""
    cells = row.cells(width, first, pad)
    styles = [None if cluster is None else style_of(cluster) for _, cluster in cells]
    if caret is not None:
        slot, style = caret
        for column in range(pad + slot.x - first, pad + slot.x - first + slot.cells):
            if 0 <= column < width:
                below = styles[column]
                styles[column] = below + style if below else style
    segments: list[Segment] = []
    k = 0
    while k < width:
        end = k + 1
        while end < width and styles[end] == styles[k]:
            end += 1
        segments.append(Segment("".join(text for text, _ in cells[k:end]), styles[k]))
        k = end
    return segments


class BidiInput(Input):
    """Input that keeps its value in logical order and shows it in visual order.

    Left and Right move the caret one cell on screen, Home and End to the logical start and
    end; deleting, pasting (one line: line breaks become spaces) and undo act on the logical
    text. The row scrolls to keep the caret in view, from the right for right-to-left text.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "Undo typing", show=False),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo typing", show=False),
        # As in TextArea (Input's own ctrl+backspace deletes the word after the caret).
        Binding("ctrl+w,ctrl+backspace,alt+backspace", "delete_left_word", show=False),
        Binding("alt+delete,ctrl+delete", "delete_right_word", show=False),
    ]

    base: reactive[str] = reactive("auto")  # the paragraph direction: auto, ltr or rtl
    shape: reactive[bool] = reactive(False)  # joined Arabic letters, for terminals that do not

    def __init__(
        self,
        value: str | None = None,
        placeholder: str = "",
        *,
        restrict: str | None = None,
        type: Literal["integer", "number", "text"] = "text",
        max_length: int = 0,
        suggester: Suggester | None = None,
        validators: Validator | Iterable[Validator] | None = None,
        validate_on: Iterable[Literal["blur", "changed", "submitted"]] | None = None,
        valid_empty: bool = False,
        select_on_focus: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        tooltip: RenderableType | None = None,
        compact: bool = False,
        base: str = "auto",
        shape: bool = False,
    ) -> None:
        # Input sets its value while it is built, and the watcher below reads these.
        self._history = History()
        self._scroll = 0  # columns scrolled, counted from the side the text starts on
        self._editing = False
        super().__init__(
            value,
            placeholder,
            restrict=restrict,
            type=type,
            max_length=max_length,
            suggester=suggester,
            validators=validators,
            validate_on=validate_on,
            valid_empty=valid_empty,
            select_on_focus=select_on_focus,
            name=name,
            id=id,
            classes=classes,
            disabled=disabled,
            tooltip=tooltip,
            compact=compact,
        )
        self.base = base
        self.shape = shape

    def validate_base(self, base: str) -> str:
        return checked_base(base)

    @property
    def bidi_layout(self) -> CaretLayout:
        """The value laid out for editing."""
        return caret_layout(self.value, None, self.base, self.shape)

    # Drawing.
    def _shown(self) -> tuple[CaretLayout, int]:
        """What the row shows (the value, or the suggestion that completes it) and where the
        value ends in it."""
        value, suggestion = self.value, self._suggestion
        if self.has_focus and len(suggestion) > len(value) and suggestion.startswith(value):
            shown = caret_layout(suggestion, None, self.base, self.shape)
            if len(value) in shown.stops:
                return shown, len(value)
        return self.bidi_layout, len(value)

    def _window(self, layout: CaretLayout, slot: Slot) -> tuple[int, int]:
        """(the row's first column shown, blank columns before it): the caret's slot always
        in view, the row right-aligned when it is right to left and fits."""
        width = self.scrollable_content_region.width
        if layout.width <= width:
            self._scroll = 0
            return 0, width - layout.width if layout.rtl else 0
        most = layout.width - width
        first = min(max(most - self._scroll if layout.rtl else self._scroll, 0), most)
        if slot.x < first:
            first = slot.x
        elif slot.x + slot.cells > first + width:
            first = slot.x + slot.cells - width
        self._scroll = most - first if layout.rtl else first
        return first, 0

    def _caret(self) -> tuple[CaretLayout, Slot, int, int]:
        """The layout drawn, the caret's slot in it, and the window on it."""
        if self.value:
            layout, _ = self._shown()
            slot = layout.slot(self.cursor_position)
        else:  # the caret stands where the placeholder starts
            layout = caret_layout(self.placeholder, None, self.base, self.shape)
            slot = layout.slot(0)
        first, pad = self._window(layout, slot)
        return layout, slot, first, pad

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y != 0 or width <= 0:
            return Strip.blank(self.size.width, self.visual_style.rich_style)
        layout, slot, first, pad = self._caret()
        focused = self.has_focus
        caret = None
        if focused and self._cursor_visible:
            caret = (slot, self.get_component_rich_style("input--cursor"))
        if not self.value:
            dim = self.get_component_rich_style("input--placeholder")
            segments = draw_row(layout.rows[0], width, first, pad, lambda _: dim, caret)
            return Strip(segments).apply_style(self.visual_style.rich_style)
        typed = len(self.value)
        low, high = sorted(self.selection)
        selected = self.get_component_rich_style("input--selection")
        suggested = self.get_component_rich_style("input--suggestion")

        def style_of(cluster: int) -> Style | None:
            if cluster >= typed:
                return suggested
            return selected if focused and low <= cluster < high else None

        segments = draw_row(layout.rows[0], width, first, pad, style_of, caret)
        return Strip(segments).apply_style(self.visual_style.rich_style)

    @property
    def cursor_screen_offset(self) -> Offset:
        """Where the terminal's own cursor goes (an input method draws there)."""
        _, slot, first, pad = self._caret()
        x, y, _, _ = self.content_region
        return Offset(x + pad + slot.x - first, y)

    @property
    def content_width(self) -> int:
        if not self.value:
            return caret_layout(self.placeholder, None, self.base, self.shape).width - 1
        return self.bidi_layout.width

    @property
    def max_scroll_x(self) -> int:
        """None: the field scrolls its row itself, from the side the text starts on."""
        return 0

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.content_width

    def _cell_offset_to_index(self, offset: int) -> int:
        """The caret position of the cell clicked, `offset` columns into the field."""
        if not self.value:
            return 0
        layout, typed = self._shown()
        first, pad = self._window(layout, layout.slot(self.cursor_position))
        return min(layout.position_at(0, offset - pad + first), typed)

    def watch_base(self) -> None:
        self.refresh()

    def watch_shape(self) -> None:
        self.refresh()

    # Moving the caret: on screen.
    def _go(self, target: int | None, select: bool) -> None:
        if target is None:
            return
        if select:
            self.selection = Selection(self.selection.start, target)
        else:
            self.cursor_position = target

    def _arrow(self, target: Callable[[int], int | None], forward: bool, select: bool) -> None:
        """An arrow key; `forward` when it points the way the text reads."""
        if not select and not self.selection.is_empty:
            low, high = sorted(self.selection)
            self.cursor_position = high if forward else low
        elif forward and not select and self.cursor_at_end and self._suggestion:
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self._go(target(self.cursor_position), select)

    def action_cursor_left(self, select: bool = False) -> None:
        layout = self.bidi_layout
        self._arrow(layout.left, layout.rtl, select)

    def action_cursor_right(self, select: bool = False) -> None:
        layout = self.bidi_layout
        self._arrow(layout.right, not layout.rtl, select)

    def action_cursor_left_word(self, select: bool = False) -> None:
        self._go(self.bidi_layout.word_left(self.cursor_position), select)

    def action_cursor_right_word(self, select: bool = False) -> None:
        self._go(self.bidi_layout.word_right(self.cursor_position), select)

    # Editing: logical.
    def _snapshot(self) -> Snapshot:
        anchor, caret = self.selection
        return Snapshot(self.value, anchor, caret)

    def replace(self, text: str, start: int, end: int) -> None:
        before = self._snapshot()
        self._editing = True
        try:
            super().replace(text, start, end)
        finally:
            self._editing = False
        self._history.record(before, self._snapshot())

    def watch_selection(self) -> None:
        if not self._editing:  # the caret moved: the next keystroke starts a new undo step
            self._history.checkpoint()

    def watch_value(self, old: str, new: str) -> None:
        """A value set from outside (not typed) is a step of its own for undo."""
        if self.is_mounted and not self._editing:
            self._history.record(Snapshot(old, len(old), len(old)), self._snapshot())

    def action_delete_right(self) -> None:
        """Delete the cluster after the caret: a letter with its harakat."""
        if self.selection.is_empty:
            self.delete(self.cursor_position, self.bidi_layout.cluster_end(self.cursor_position))
        else:
            self.delete_selection()

    def action_delete_left_word(self) -> None:
        if self.selection.is_empty:
            self.delete(
                self.bidi_layout.word_start_before(self.cursor_position), self.cursor_position
            )
        else:
            self.delete_selection()

    def action_delete_right_word(self) -> None:
        if self.selection.is_empty:
            self.delete(self.cursor_position, self.bidi_layout.word_end_after(self.cursor_position))
        else:
            self.delete_selection()

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler keeps only the first line
        event.stop()
        if event.text:
            self.replace(one_line(event.text), *self.selection)

    def action_paste(self) -> None:
        self.replace(one_line(self.app.clipboard), *self.selection)

    def _restore(self, snapshot: Snapshot | None) -> None:
        if snapshot is None:
            return
        self._editing = True
        try:
            self.value = snapshot.text
            self.selection = Selection(snapshot.anchor, snapshot.caret)
        finally:
            self._editing = False

    def action_undo(self) -> None:
        self._restore(self._history.undo())

    def action_redo(self) -> None:
        self._restore(self._history.redo())
