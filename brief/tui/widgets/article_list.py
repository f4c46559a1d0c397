"""The article list: a virtual list (Line API) of catalog rowids that fetches and lays out only
the entries on screen, so a corpus of a hundred thousand articles lists at once."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.article.model import short_id
from brief.catalog.catalog import Summary
from brief.tui.display import counted, shown

ENTRY_HEIGHT = 3  # id, date and status; then two rows of title
HIGHLIGHT = Style(reverse=True)
DIM = Style(dim=True)
WARN = Style(color="red", bold=True)


Fetch = Callable[[list[int]], dict[int, Summary]]


def _prompt(entry: Summary, width: int) -> tuple[Text, ...]:
    date = (entry.published or "")[:10] or "no date"
    status = "no annotations"
    if entry.status is not None:
        status = f"{entry.status} · {counted(entry.items, 'item')}"
    mark = Text(" ✗ invalid", style=WARN) if entry.problems else Text("")
    first = Text.assemble((short_id(entry.id), "bold"), " ", date, "  ", (status, DIM), mark)
    first.truncate(width)
    title = shown(entry.title, width, rows=ENTRY_HEIGHT - 1).split("\n")
    return (first, *title, *([Text("")] * (ENTRY_HEIGHT - 1 - len(title))))


class ArticleList(ScrollView, can_focus=True):
    """Articles: id, date, annotation status and item count, then the title."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("g,home", "move(-1000000000)", "First", show=False),
        Binding("G,end", "move(1000000000)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    highlighted: reactive[int] = reactive(0)

    class Selected(Message):
        """An article was chosen (Enter or a click)."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rowids: list[int] = []
        self.fetch: Fetch = lambda rowids: {}
        self._summaries: dict[int, Summary] = {}
        self._prompts: dict[tuple[int, int], tuple[Text, ...]] = {}  # (rowid, width): rows

    @property
    def count(self) -> int:
        return len(self.rowids)

    def show(self, rowids: list[int], keep: int | None = None, changed: bool = False) -> None:
        """List these articles (catalog rowids); `changed`: their rows may have changed."""
        self.rowids = rowids
        if changed:
            self._summaries.clear()
            self._prompts.clear()
        self.virtual_size = Size(self._width, len(rowids) * ENTRY_HEIGHT)
        self.highlighted = self._position(keep)
        self.refresh()

    def select(self, rowid: int) -> None:
        self.highlighted = self._position(rowid)

    def _position(self, rowid: int | None) -> int:
        try:
            return self.rowids.index(rowid) if rowid is not None else 0
        except ValueError:
            return 0

    @property
    def page_size(self) -> int:
        """Entries on screen, and one more at each end."""
        return self.scrollable_content_region.height // ENTRY_HEIGHT + 2

    def summary(self, index: int) -> Summary | None:
        """The entry at `index`, fetched with the rest of the screen when it is not known."""
        rowid = self.rowids[index]
        if rowid not in self._summaries:
            wanted = [
                r for r in self.rowids[index : index + self.page_size] if r not in self._summaries
            ]
            if len(self._summaries) > 5000:
                self._summaries.clear()
            self._summaries.update(self.fetch(wanted))
        return self._summaries.get(rowid)

    @property
    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 20)

    def watch_highlighted(self, index: int) -> None:
        if self.rowids:
            top = index * ENTRY_HEIGHT
            self.scroll_to_region(
                self.virtual_region.__class__(0, top, self._width, ENTRY_HEIGHT), animate=False
            )
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.rowids:
            self.highlighted = max(0, min(len(self.rowids) - 1, self.highlighted + step))

    def action_select(self) -> None:
        summary = self.summary(self.highlighted) if self.rowids else None
        if summary is not None:
            self.post_message(self.Selected(summary.id))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // ENTRY_HEIGHT
        if 0 <= index < len(self.rowids):
            self.highlighted = index
            self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self._width, len(self.rowids) * ENTRY_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row_index = y + int(self.scroll_offset.y)
        index, line = divmod(row_index, ENTRY_HEIGHT)
        summary = self.summary(index) if index < len(self.rowids) else None
        base = self.visual_style.rich_style  # kept by Textual; rich_style walks the ancestors
        if summary is None:
            return Strip.blank(width, base)
        key = (self.rowids[index], width)
        rows = self._prompts.get(key)
        if rows is None:
            if len(self._prompts) > 5000:
                self._prompts.clear()
            rows = self._prompts[key] = _prompt(summary, width)
        row = rows[line]
        style = base + HIGHLIGHT if index == self.highlighted else base
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in row.render(self.app.console, end="")
        ]
        return Strip(segments).crop_extend(0, width, style)
