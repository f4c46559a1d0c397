"""The article list: a virtual list (Line API) that lays out only the entries on screen, so a
corpus of tens of thousands of articles lists at once."""

from __future__ import annotations

from dataclasses import dataclass

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

from brief.annotations.model import Annotation
from brief.article import Article
from brief.tui.panes import DIM, WARN, laid_out

ENTRY_HEIGHT = 3  # id, date and status; then two rows of title
HIGHLIGHT = Style(reverse=True)


@dataclass(frozen=True, slots=True)
class ListEntry:
    article: Article
    annotation: Annotation | None
    problems: int  # annotation problems: the article is marked when it has any


def _prompt(entry: ListEntry, width: int) -> tuple[Text, ...]:
    article, annotation = entry.article, entry.annotation
    date = (article.meta.published or "")[:10] or "no date"
    status = "no annotations"
    if annotation is not None:
        status = f"{annotation.status} · {len(annotation.items())} items"
    mark = Text(" ✗ invalid", style=WARN) if entry.problems else Text("")
    first = Text.assemble((article.id[:3], "bold"), " ", date, "  ", (status, DIM), mark)
    first.truncate(width)
    title = laid_out(article.title, width, rows=ENTRY_HEIGHT - 1).split("\n")
    return (first, *title, *([Text("")] * (ENTRY_HEIGHT - 1 - len(title))))


class ArticleList(ScrollView, can_focus=True):
    """Articles: id, date, annotation status and item count, then the title."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("home", "move(-1000000000)", "First", show=False),
        Binding("end", "move(1000000000)", "Last", show=False),
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
        self.entries: list[ListEntry] = []
        self._prompts: dict[tuple[int, int], tuple[Text, ...]] = {}  # (entry, width): rows

    @property
    def count(self) -> int:
        return len(self.entries)

    def show(self, entries: list[ListEntry], keep: str | None = None) -> None:
        ids = [entry.article.id for entry in entries]
        self.entries = entries
        self._prompts.clear()
        self.virtual_size = Size(self._width, len(entries) * ENTRY_HEIGHT)
        self.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh()

    def select_id(self, article_id: str) -> None:
        for k, entry in enumerate(self.entries):
            if entry.article.id == article_id:
                self.highlighted = k
                return

    @property
    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 20)

    def watch_highlighted(self, index: int) -> None:
        if self.entries:
            top = index * ENTRY_HEIGHT
            self.scroll_to_region(
                self.virtual_region.__class__(0, top, self._width, ENTRY_HEIGHT), animate=False
            )
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.entries:
            self.highlighted = max(0, min(len(self.entries) - 1, self.highlighted + step))

    def action_select(self) -> None:
        if self.entries:
            self.post_message(self.Selected(self.entries[self.highlighted].article.id))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // ENTRY_HEIGHT
        if 0 <= index < len(self.entries):
            self.highlighted = index
            self.action_select()

    def on_resize(self) -> None:
        self.virtual_size = Size(self._width, len(self.entries) * ENTRY_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row_index = y + int(self.scroll_offset.y)
        index, line = divmod(row_index, ENTRY_HEIGHT)
        if index >= len(self.entries):
            return Strip.blank(width, self.rich_style)
        rows = self._prompts.get((index, width))
        if rows is None:
            rows = self._prompts[(index, width)] = _prompt(self.entries[index], width)
        row = rows[line]
        style = self.rich_style + HIGHLIGHT if index == self.highlighted else self.rich_style
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in row.render(self.app.console, end="")
        ]
        return Strip(segments).crop_extend(0, width, style)

    def visible_ids(self) -> list[str]:
        return [entry.article.id for entry in self.entries]
