"""The annotation panel, and laying out short Arabic labels for the reader's lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from brief.annotations.items import PANEL_TITLES, PanelItem, panel_items
from brief.annotations.model import Annotation
from brief.article.model import Article
from brief.text.bidi import layout_text
from brief.text.bidi.layout import paragraph
from brief.text.boundary import BIDI_CONTROLS

DIM = Style(dim=True)
WARN = Style(color="red", bold=True)
NOTE = Style(italic=True, dim=True)


PROBLEMS_SHOWN = 3  # of an annotation file that does not load; brief validate has all


def laid_out(text: str, width: int, rows: int | None = None, style: Style | None = None) -> Text:
    """`text` laid out through brief.text.bidi at `width`, at most `rows` rows (… marks a cut)."""
    laid = layout_text(Text(text, style=style or ""), max(width, 2), reveal=True)
    if rows is not None and len(laid) > rows:
        laid = laid[:rows]
        # The cut is at the row's logical end: its left in a right-to-left paragraph.
        last = laid[-1]
        if paragraph(text, reveal=True).rtl:
            body = last[len(last.plain) - len(last.plain.lstrip(" ")) :]
            if body.cell_len + 1 > width:
                body = body[1:]
            laid[-1] = Text("…") + body
            laid[-1].pad_left(width - laid[-1].cell_len)
        else:
            laid[-1] = last[: max(width - 1, 1)] + Text("…")
    return Text("\n").join(laid)


class AnnotationPanel(OptionList):
    """Who / Where / Events (each with its decisions) / When / Decisions / Discrepancies
    (warnings) / Notes of the current article; the highlighted item's evidence is shown in the
    reader. Edits are asked of the app (messages up)."""

    BINDINGS: ClassVar = [
        Binding("a", "edit('add')", "Add item"),
        Binding("enter", "edit('edit')", "Edit item"),
        Binding("x,delete", "edit('delete')", "Delete item"),
        Binding("s", "edit('article')", "Title/status"),
        Binding("e", "edit('editor')", "Open in $EDITOR"),
    ]

    class Edit(Message):
        """The analyst asked for an edit: add, edit, delete, article or editor."""

        def __init__(self, action: str, item: PanelItem | None) -> None:
            super().__init__()
            self.action = action
            self.item = item

    def action_edit(self, action: str) -> None:
        option = self.highlighted_option
        key = option.id if option is not None else None
        self.post_message(self.Edit(action, self.items.get(key) if key else None))

    class EvidenceSelected(Message):
        def __init__(self, item: PanelItem | None) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: dict[str, PanelItem] = {}

    def show(
        self,
        article: Article | None,
        annotation: Annotation | None,
        language: str,
        problems: Sequence[str] = (),
    ) -> None:
        """The article's items; `problems`: why its annotation file does not load, if it
        does not (a conflict git left, say), said instead of "No annotations"."""
        width = max(self.scrollable_content_region.width - 2, 20)
        options: list[Option] = []
        self.items = {}
        if article is not None:
            controls = sum(article.text.count(c) for c in BIDI_CONTROLS)
            if controls:
                warning = (
                    f"⚠ {controls} invisible bidi control{'s' * (controls != 1)} in this article, "
                    "shown as ¦RLO¦-style markers: the text may not read as it is stored."
                )
                options.append(Option(Text(warning, style=WARN), disabled=True))
        if annotation is None and problems:
            heading = "⚠ This article's annotation file does not load:"
            options.append(Option(Text(heading, style=WARN), disabled=True))
            for problem in problems[:PROBLEMS_SHOWN]:
                options.append(Option(laid_out(problem, width, rows=4, style=WARN), disabled=True))
            more = len(problems) - PROBLEMS_SHOWN
            hint = (
                f"and {more} more; " if more > 0 else ""
            ) + "brief validate shows each; e here opens the file in $EDITOR"
            options.append(Option(Text(hint, style=DIM), disabled=True))
        elif annotation is None:
            message = "No annotations for this article." if article else "No article open."
            options.append(Option(Text(message, style=DIM), disabled=True))
        else:
            titles = PANEL_TITLES[language]
            heading = ""
            for item in panel_items(annotation, language):
                if item.heading != heading:
                    heading = item.heading
                    options.append(
                        Option(Text(titles[heading], style="bold underline"), disabled=True)
                    )
                options.append(self._option(item, width))
        self.set_options(options)

    def _option(self, item: PanelItem, width: int) -> Option:
        """An item's lines: its label (a discrepancy's as a warning), detail, note, quotes;
        the notes, not an item, cannot be chosen."""
        if item.section is None:
            return Option(laid_out(item.label, width, rows=12, style=DIM), disabled=True)
        self.items[item.key] = item
        prompt = [laid_out(item.label, width, style=WARN if item.warning else Style(bold=True))]
        if item.detail:
            prompt.append(laid_out(item.detail, width, rows=3, style=DIM))
        if item.note:
            prompt.append(laid_out(item.note, width, rows=4, style=NOTE))
        quotes = len(item.quotes)
        prompt.append(Text(f"{quotes} quote{'s' * (quotes != 1)}", style=DIM))
        return Option(Text("\n").join(prompt), id=item.key)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        key = event.option.id
        self.post_message(self.EvidenceSelected(self.items.get(key) if key else None))
