"""The reader pane: an article drawn row by row through brief.text.bidi (Textual's Line API), with
what is marked on it: the search's matches, the evidence of an annotation, a mouse selection.

Only the rows on screen are laid out, so a very long article opens at once; a resize lays the
visible rows out again from cached paragraph analyses.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.article.layout import DocumentLayout, Highlight
from brief.article.model import Article
from brief.settings import DEFAULT_KEYS
from brief.text.fold import find_all
from brief.tui.display import counted
from brief.tui.messages import AddItem

EVIDENCE_STYLE = Style(color="black", bgcolor="yellow")
SEARCH_STYLE = Style(color="black", bgcolor="cyan")
CURRENT_HIT_STYLE = Style(color="black", bgcolor="magenta", bold=True)
SELECTION_STYLE = Style(reverse=True)


class ArticleView(ScrollView, can_focus=True):
    """The article, its paragraphs numbered for citing, highlights on the quoted characters."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding(DEFAULT_KEYS["top"], "scroll_home", "Top", show=False, id="top"),
        Binding(DEFAULT_KEYS["bottom"], "scroll_end", "Bottom", show=False, id="bottom"),
        Binding(DEFAULT_KEYS["toggle_fold"], "toggle_fold", "Fold", id="toggle_fold",
                tooltip="unfold or fold repeated paragraphs"),
        Binding("a", "add_item", "Add", tooltip="an item to the article's annotations"),
    ]  # fmt: skip

    class Selected(Message):
        """Text was selected with the mouse: [start, end) of Article.text, in logical order."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    shape: reactive[bool] = reactive(False)
    bidi: reactive[str] = reactive("app")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.document: DocumentLayout | None = None
        self.highlights: tuple[Highlight, ...] = ()
        self.expanded: frozenset[int] = frozenset()
        self._drag_from: int | None = None
        self.hits: list[tuple[int, int]] = []  # the search's matches, [start, end) of the text
        self.hit = -1  # the current one
        self.evidence: list[tuple[int, int]] = []  # the highlighted item's quotes
        self.selection: tuple[int, int] | None = None  # dragged over with the mouse

    def show(self, article: Article | None) -> None:
        """Show `article` from its top, with nothing marked."""
        self.article = article
        self.hits, self.hit, self.evidence, self.selection = [], -1, [], None
        self.highlights = ()
        self.expanded = frozenset()
        self._relayout()
        self.scroll_to(y=0, animate=False)

    # What is marked: the search's matches, an item's evidence, a selection.
    def search(self, text: str) -> str:
        """Mark every match of `text` (one phrase, as in a pager: a match is then a ready quote)
        and go to the first; what the status line is to say."""
        article_text = self.article.text if self.article else ""
        self.hits = sorted(find_all(article_text, text)) if text.strip() else []
        if self.hits:
            return self.go_to_hit(0)
        self.hit = -1
        self._mark()
        return "no match in this article" if text.strip() else ""

    def go_to_hit(self, index: int) -> str:
        self.hit = index % len(self.hits)
        self._mark()
        self.scroll_to_offset(self.hits[self.hit][0])
        return f"match {self.hit + 1} of {len(self.hits)} · n/N: next/previous"

    def show_evidence(self, quotes: tuple[str, ...]) -> str:
        """Mark every place the quotes stand in the article and go to the first."""
        text = self.article.text if self.article else ""
        self.evidence = [span for quote in quotes for span in _exact(text, quote)]
        self._mark()
        if self.evidence:
            self.scroll_to_offset(min(self.evidence)[0])
            return f"{counted(len(self.evidence), 'evidence quote')} highlighted"
        return "Evidence quote not found in the article (brief validate)" if quotes else ""

    def unmark(self, search: bool = True) -> bool:
        """Clear the marks (and the search's, if `search`); False when there were none."""
        marked = bool(self.evidence or self.selection or (search and self.hits))
        self.evidence, self.selection = [], None
        if search:
            self.hits, self.hit = [], -1
        self._mark()
        return marked

    @property
    def quote(self) -> str | None:
        """The exact source text of the selection, else of the current match: evidence."""
        if self.article is None:
            return None
        if self.selection is not None:
            return self.article.text[self.selection[0] : self.selection[1]]
        if self.hits and self.hit >= 0:
            start, end = self.hits[self.hit]
            return self.article.text[start:end]
        return None

    def _mark(self) -> None:
        evidence = tuple(Highlight(start, end, EVIDENCE_STYLE) for start, end in self.evidence)
        hits = tuple(
            Highlight(start, end, CURRENT_HIT_STYLE if k == self.hit else SEARCH_STYLE)
            for k, (start, end) in enumerate(self.hits)
        )
        selected = (Highlight(*self.selection, SELECTION_STYLE),) if self.selection else ()
        self.highlights = evidence + hits + selected
        self._relayout()

    def action_add_item(self) -> None:
        self.post_message(AddItem())

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the row holding character `offset` of the article near the top."""
        if self.document is None:
            return
        row = self.document.row_of_offset(offset)
        if row is None:
            # The character is in a folded duplicate: unfold it first.
            self.expanded = self.expanded | {self._folded_run_of(offset)}
            self._relayout()
            row = self.document.row_of_offset(offset)
        if row is not None:
            self._sync_size()
            self.scroll_to(y=max(row - 2, 0), animate=False)

    def _folded_run_of(self, offset: int) -> int:
        assert self.document is not None
        for block in self.document.blocks:
            for paragraph in block.paragraphs:
                if paragraph.start <= offset <= paragraph.start + len(paragraph.text):
                    return block.paragraphs[0].number
        return -1

    def action_toggle_fold(self) -> None:
        """Unfold every folded run of duplicates, or fold them again."""
        if self.document is None:
            return
        runs = {b.paragraphs[0].number for b in self.document.blocks if b.kind.value == "folded"}
        self.expanded = frozenset() if self.expanded and not runs else self.expanded | runs
        self._relayout()

    def action_scroll_end(self) -> None:
        if self.document is not None:
            self.document.lay_out_all()
            self._sync_size()
        self.scroll_end(animate=False, immediate=True)

    def watch_shape(self) -> None:
        self._relayout()

    def watch_bidi(self) -> None:
        self._relayout()

    def on_resize(self) -> None:
        self._relayout()

    @property
    def text_width(self) -> int:
        return max(self.scrollable_content_region.width, 24)

    def _relayout(self) -> None:
        self.document = self._laid_out()
        self._sync_size()
        self.refresh()

    def _laid_out(self) -> DocumentLayout | None:
        """The article's rows at the view's width (laid out as they are asked for)."""
        if self.article is None:
            return None
        return DocumentLayout(
            self.article,
            self.text_width,
            self.expanded,
            shape=self.shape,
            bidi=self.bidi,
            highlights=self.highlights,
            reveal=True,
        )

    def _sync_size(self) -> None:
        height = self.document.height if self.document else 0
        size = Size(self.text_width, height)
        if self.virtual_size != size:
            self.virtual_size = size

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        # The style Textual keeps until the widget's styles change: rich_style walks the
        # ancestors' styles at each call, half the time of a line.
        base = self.visual_style.rich_style
        if self.document is None:
            return Strip.blank(width, base)
        if self.document.width != self.text_width:
            # Opened before the pane had its size (the first screen): its rows at this one,
            # not a frame at the old width before the resize lays it out again.
            self.document = self._laid_out()
            assert self.document is not None
        row = self.document.row(int(self.scroll_offset.y) + y)
        segments = [
            Segment(s.text, base + s.style if s.style else base)
            for s in row.render(self.app.console, end="")
        ]
        strip = Strip(segments).crop_extend(0, width, base)
        self.call_after_refresh(self._sync_size)  # estimates settle as rows are laid out
        return strip

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        content = event.get_content_offset(self)
        if self.document is None or content is None:
            return None
        return self.document.offset_at(content.y + int(self.scroll_offset.y), content.x)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._drag_from = self._offset_at(event)
        if self._drag_from is not None:
            self.capture_mouse()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.release_mouse()
        start, end = self._drag_from, self._offset_at(event)
        self._drag_from = None
        if start is None or end is None or start == end:
            return
        low, high = min(start, end), max(start, end)
        # Logical order: from the first character dragged over to the last, both included.
        self.selection = (low, high + 1)
        self._mark()
        self.post_message(self.Selected(low, high + 1))

    def visible_rows(self) -> list[str]:
        """The rows on screen as plain text (for tests and the terminal check)."""
        if self.document is None:
            return []
        top = int(self.scroll_offset.y)
        return [
            self.document.row(top + y).plain for y in range(self.scrollable_content_region.height)
        ]


def _exact(text: str, quote: str) -> list[tuple[int, int]]:
    """Every exact occurrence of an evidence quote in the article."""
    spans, start = [], text.find(quote)
    while start != -1 and quote:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + len(quote))
    return spans
