"""A multi-line text field that shows each line as it reads: evidence quotes and notes.

BidiTextArea is a TextArea (its document, edits, undo, selection, clipboard, bindings, `.text`
and `TextArea.Changed` are Textual's) whose rows are brief.text.bidi's: each line of the text is a
paragraph, laid out and wrapped by the bidi engine at the widget's width, and the caret moves on
those rows by the editing model of brief.text.bidi.caret. What a subclass replaces is the view: the
drawing, where the caret is drawn, and the moves (all public methods of TextArea).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.console import RenderableType
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import MouseEvent
from textual.geometry import Offset, Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Location

from brief.text.bidi.caret import CaretLayout, Slot, caret_layout
from brief.tui.widgets.bidi_input import checked_base, draw_row


@dataclass(frozen=True, slots=True)
class _Rows:
    """Every line of the text laid out at one width, and the screen row each starts on."""

    key: tuple[object, ...]
    layouts: tuple[CaretLayout, ...]
    first: tuple[int, ...]
    height: int

    def locate(self, y: int) -> tuple[int, int]:
        """(line, row within it) of screen row `y`."""
        line = bisect_right(self.first, y) - 1
        return line, y - self.first[line]


class BidiTextArea(TextArea):
    """TextArea that keeps its text in logical order and shows each line in visual order.

    Up and Down move by screen rows, Left and Right one cell on screen, Home and End to the
    logical start and end of the line; Enter inserts a line break.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+shift+z", "redo", "Redo", show=False),
    ]

    base: reactive[str] = reactive("auto")  # each line's direction: auto, ltr or rtl
    shape: reactive[bool] = reactive(False)

    def __init__(
        self,
        text: str = "",
        *,
        soft_wrap: bool = True,
        tab_behavior: Literal["focus", "indent"] = "focus",
        read_only: bool = False,
        show_cursor: bool = True,
        max_checkpoints: int = 50,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        tooltip: RenderableType | None = None,
        compact: bool = False,
        highlight_cursor_line: bool = True,
        placeholder: str | Content = "",
        base: str = "auto",
        shape: bool = False,
    ) -> None:
        if not soft_wrap:
            raise ValueError("BidiTextArea always wraps: each line is laid out at the width")
        self._rows_cache: _Rows | None = None  # TextArea moves the caret while it is built
        self._goal_x = 0  # the column Up and Down keep to
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior=tab_behavior,
            read_only=read_only,
            show_cursor=show_cursor,
            max_checkpoints=max_checkpoints,
            name=name,
            id=id,
            classes=classes,
            disabled=disabled,
            tooltip=tooltip,
            compact=compact,
            highlight_cursor_line=highlight_cursor_line,
            placeholder=placeholder,
        )
        self.match_cursor_bracket = False  # brackets are mirrored: the pair is not where it was
        self.base = base
        self.shape = shape

    def validate_base(self, base: str) -> str:
        return checked_base(base)

    def watch_base(self) -> None:
        self._relayout()

    def watch_shape(self) -> None:
        self._relayout()

    def _relayout(self) -> None:
        self.virtual_size = self.virtual_size  # the height is counted anew (validate below)
        self.refresh()

    # Rows.
    @property
    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 3)

    def _rows(self) -> _Rows:
        lines = tuple(self.document.lines)
        key = (self._width, self.base, self.shape, lines)
        cached = self._rows_cache
        if cached is not None and cached.key == key:
            return cached
        kept = {}  # an edit changes a line or two: the others are laid out already
        if cached is not None and cached.key[:3] == key[:3]:
            kept = {layout.text: layout for layout in cached.layouts}
        layouts = tuple(
            kept.get(line) or caret_layout(line, self._width, self.base, self.shape)
            for line in lines
        )
        first, y = [], 0
        for layout in layouts:
            first.append(y)
            y += len(layout.rows)
        self._rows_cache = _Rows(key, layouts, tuple(first), y)
        return self._rows_cache

    def validate_virtual_size(self, size: Size) -> Size:
        """As high as brief.text.bidi's rows (TextArea counts rows of its own wrapping)."""
        return Size(0, self._rows().height)

    def _caret(self) -> tuple[Slot, int]:
        """The caret's slot, and the screen row it is on."""
        rows = self._rows()
        line, column = self.cursor_location
        slot = rows.layouts[line].slot(column)
        return slot, rows.first[line] + slot.row

    # Drawing.
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        absolute = self.scroll_offset.y + y
        cursor = self.get_component_rich_style("text-area--cursor")
        if not self.text and self.placeholder:
            return self._render_placeholder(absolute, width, cursor)
        rows = self._rows()
        if absolute >= rows.height or width <= 0:
            return Strip.blank(width, self.visual_style.rich_style)
        line, local = rows.locate(absolute)
        layout = rows.layouts[line]
        low, high = self._selected_on(line, len(layout.text))
        selected = self.get_component_rich_style("text-area--selection")
        on_caret_line = self.highlight_cursor_line and line == self.cursor_location[0]
        line_style = (
            self.get_component_rich_style("text-area--cursor-line") if on_caret_line else None
        )

        def style_of(cluster: int) -> Style | None:
            return selected if low <= cluster < high else line_style

        overlay = None
        slot, caret_y = self._caret()
        if self._draw_cursor and caret_y == absolute:
            overlay = (slot, cursor)
        elif high > len(layout.text) and local == len(layout.rows) - 1:
            overlay = (layout.slot(len(layout.text)), selected)  # the line break is selected
        strip = Strip(draw_row(layout.rows[local], width, 0, 0, style_of, overlay))
        if line_style is not None:
            strip = strip.apply_style(line_style)
        return strip.apply_style(self.visual_style.rich_style)

    def _selected_on(self, line: int, length: int) -> tuple[int, int]:
        """The positions of `line` the selection covers, its line break as `length` + 1."""
        (top_line, top), (bottom_line, bottom) = sorted(self.selection)
        if self.selection.is_empty or not top_line <= line <= bottom_line:
            return 0, 0
        return (
            top if line == top_line else 0,
            bottom if line == bottom_line else length + 1,
        )

    def _render_placeholder(self, y: int, width: int, cursor: Style) -> Strip:
        placeholder = self.placeholder
        text = placeholder.plain if isinstance(placeholder, Content) else placeholder
        layout = caret_layout(text, max(width, 3), self.base, self.shape)
        if y >= len(layout.rows) or width <= 0:
            return Strip.blank(width, self.visual_style.rich_style)
        dim = self.get_component_rich_style("text-area--placeholder")
        start = layout.slot(0)
        overlay = (start, cursor) if self._draw_cursor and start.row == y else None
        segments = draw_row(layout.rows[y], width, 0, 0, lambda _: dim, overlay)
        return Strip(segments).apply_style(self.visual_style.rich_style)

    @property
    def cursor_screen_offset(self) -> Offset:
        slot, y = self._caret()
        region = self.content_region
        return Offset(region.x + slot.x, region.y + y - self.scroll_offset.y)

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        if self.read_only and not self.show_cursor:
            return Offset(0, 0)
        slot, y = self._caret()
        self._cursor_offset = (slot.x, y)  # the row TextArea redraws when the cursor blinks
        return self.scroll_to_region(
            Region(slot.x, y, width=1, height=1), animate=animate, force=True, center=center
        )

    def get_target_document_location(self, event: MouseEvent) -> Location:
        rows = self._rows()
        y = event.y + self.scroll_offset.y - self.gutter.top
        if y >= rows.height:
            return self.document.end
        line, local = rows.locate(max(y, 0))
        return line, rows.layouts[line].position_at(local, event.x - self.gutter.left)

    # Moving: on screen rows.
    def _across(self, line: int, forward: bool) -> Location:
        """Past the edge of a line: the start of the next one, or the end of the one before."""
        if forward:
            return (line + 1, 0) if line + 1 < self.document.line_count else self.cursor_location
        if line == 0:
            return self.cursor_location
        return line - 1, len(self.document[line - 1])

    def _step(self, step: Callable[[CaretLayout, int], int | None], rightwards: bool) -> Location:
        line, column = self.cursor_location
        layout = self._rows().layouts[line]
        target = step(layout, column)
        return (
            (line, target) if target is not None else self._across(line, rightwards != layout.rtl)
        )

    def get_cursor_left_location(self) -> Location:
        return self._step(CaretLayout.left, rightwards=False)

    def get_cursor_right_location(self) -> Location:
        return self._step(CaretLayout.right, rightwards=True)

    def get_cursor_word_left_location(self) -> Location:
        return self._step(CaretLayout.word_left, rightwards=False)

    def get_cursor_word_right_location(self) -> Location:
        return self._step(CaretLayout.word_right, rightwards=True)

    def _arrow(self, target: Callable[[], Location], rightwards: bool, select: bool) -> None:
        if not select and not self.selection.is_empty:
            forward = rightwards != self._rows().layouts[self.cursor_location[0]].rtl
            self.move_cursor(max(self.selection) if forward else min(self.selection))
        else:
            self.move_cursor(target(), select=select)

    def action_cursor_left(self, select: bool = False) -> None:
        self._arrow(self.get_cursor_left_location, False, select)

    def action_cursor_right(self, select: bool = False) -> None:
        self._arrow(self.get_cursor_right_location, True, select)

    def action_cursor_word_left(self, select: bool = False) -> None:
        self.move_cursor(self.get_cursor_word_left_location(), select=select)

    def action_cursor_word_right(self, select: bool = False) -> None:
        self.move_cursor(self.get_cursor_word_right_location(), select=select)

    def _vertical(self, rows_down: int) -> Location:
        rows = self._rows()
        _, y = self._caret()
        y += rows_down
        if y < 0:
            return 0, 0
        if y >= rows.height:
            return self.document.end
        line, local = rows.locate(y)
        return line, rows.layouts[line].position_at(local, self._goal_x)

    def get_cursor_up_location(self) -> Location:
        return self._vertical(-1)

    def get_cursor_down_location(self) -> Location:
        return self._vertical(1)

    def record_cursor_width(self) -> None:
        self._goal_x = self._caret()[0].x

    def _page(self, direction: int) -> None:
        height = self.content_size.height
        target = self._vertical(direction * height)
        self.scroll_relative(y=direction * height, animate=False)
        self.move_cursor(target, record_width=False)

    def action_cursor_page_up(self) -> None:
        self._page(-1)

    def action_cursor_page_down(self) -> None:
        self._page(1)

    def get_cursor_line_start_location(self, smart_home: bool = False) -> Location:
        return self.cursor_location[0], 0

    def get_cursor_line_end_location(self) -> Location:
        line = self.cursor_location[0]
        return line, len(self.document[line])

    # Deleting: logical.
    def _delete_to(self, target: Callable[[CaretLayout, int], int], before: bool) -> None:
        """Delete the selection, or from the caret to `target` on its line; at the line's
        start (`before`) or end, the line break."""
        if self.read_only:
            return
        start, end = self.selection
        if self.selection.is_empty:
            line, column = end
            layout = self._rows().layouts[line]
            if before:
                start = (line, target(layout, column)) if column else self._across(line, False)
            elif column < len(layout.text):
                start = line, target(layout, column)
            else:
                start = self._across(line, True)
        self.delete(start, end, maintain_selection_offset=False)

    def action_delete_left(self) -> None:
        """Backspace: the character before the caret (a haraka alone, as it was typed)."""
        self._delete_to(lambda _, column: column - 1, before=True)

    def action_delete_right(self) -> None:
        """Delete: the cluster after the caret, a letter with its harakat."""
        self._delete_to(CaretLayout.cluster_end, before=False)

    def action_delete_word_left(self) -> None:
        self._delete_to(CaretLayout.word_start_before, before=True)

    def action_delete_word_right(self) -> None:
        self._delete_to(CaretLayout.word_end_after, before=False)

    def action_delete_to_start_of_line(self) -> None:
        self._delete_to(lambda _, column: 0, before=True)
