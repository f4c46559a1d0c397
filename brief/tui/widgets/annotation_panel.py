"""The annotations pane: who, where, the events each with its decisions, when, the other
decisions, the discrepancies (warnings) and the notes of the article shown, in English or
Arabic, each item laid out at the pane's real width."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from brief.article.model import Article
from brief.text.boundary import bidi_control_count
from brief.tui.display import counted, shown
from brief.tui.editing import kinds_said
from brief.tui.messages import (
    AddItem,
    DeleteItem,
    EditArticleFields,
    EditItem,
    Notice,
    OpenInEditor,
)
from brief.tui.widgets.choices import LaidOutChoices

if TYPE_CHECKING:  # the annotations' models (pydantic) load with the first article's items
    from brief.annotations.items import PanelItem
    from brief.annotations.model import Annotation

DIM = Style(dim=True)
WARN = Style(color="red", bold=True)
PROBLEMS_SHOWN = 3  # of an annotation file that does not load; brief validate has all
NOTE = Style(italic=True, dim=True)
NOTHING_SELECTED = "No item selected: j/k choose one, a adds one"
NO_ITEMS = "No annotations yet: a adds one, e opens the file in $EDITOR"


class AnnotationPanel(LaidOutChoices):
    """The highlighted item's evidence is shown in the article; edits are asked of the app.
    Events are each followed by the decisions taken at them (↳); a discrepancy is a warning."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip=f"a {kinds_said()} item"),
        Binding("enter", "edit", "Edit", tooltip="the highlighted item"),
        Binding("x,delete", "delete", "Delete", tooltip="the highlighted item (y confirms)"),
        Binding(
            "s", "article_fields", "Fields", tooltip="the article's title, summary, status and tags"
        ),
        Binding("e", "editor", "Editor", tooltip="the annotation file in $VISUAL / $EDITOR"),
    ]

    highlight_first = False  # nothing is selected until the analyst moves: x then says so

    class ItemHighlighted(Message):
        """An item was highlighted (None: a heading or nothing): its evidence is to be shown."""

        def __init__(self, item: PanelItem | None) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: dict[str, PanelItem] = {}
        self._shown: tuple[Article | None, Annotation | None, str] = (None, None, "en")
        self._problems: tuple[str, ...] = ()
        self._told: str | None = None  # the item whose evidence was last asked for
        self._reading = False  # the article's annotations are about to be shown

    def show(
        self,
        article: Article | None,
        annotation: Annotation | None,
        language: str,
        problems: Sequence[str] = (),
        *,
        reading: bool = False,
    ) -> None:
        """The article's items; `problems`: why its annotation file does not load, if it does
        not (conflict markers git left, say), said instead of "No annotations"."""
        self._shown = (article, annotation, language)
        self._problems = tuple(problems)
        self._reading = reading
        self._told = None
        self.highlighted = None
        self.lay_out()

    def reading(self, article: Article, language: str) -> None:
        """The article's annotations are read after this frame (the reader's first screen)."""
        self.show(article, None, language, reading=True)

    @property
    def item(self) -> PanelItem | None:
        option = self.highlighted_option
        return self.items.get(option.id) if option is not None and option.id else None

    def options_at(self, width: int) -> list[Option]:
        article, annotation, language = self._shown
        options: list[Option] = []
        self.items = {}
        if article is not None:
            controls = bidi_control_count(article.text)
            if controls:
                warning = (
                    f"⚠ {counted(controls, 'invisible bidi control')} in this article, "
                    "shown as ¦RLO¦-style markers: the text may not read as it is stored."
                )
                options.append(Option(shown(warning, width, style=WARN), disabled=True))
        if annotation is None and self._problems:
            heading = "⚠ This article's annotation file does not load:"
            options.append(Option(Text(heading, style=WARN), disabled=True))
            for problem in self._problems[:PROBLEMS_SHOWN]:
                options.append(Option(shown(problem, width, rows=4, style=WARN), disabled=True))
            more = len(self._problems) - PROBLEMS_SHOWN
            hint = (
                f"and {more} more; " if more > 0 else ""
            ) + "brief validate shows each; e opens the file in $EDITOR"
            options.append(Option(Text(hint, style=DIM), disabled=True))
            return options
        if annotation is None and self._reading:
            options.append(Option(Text("Reading the annotations…", style=DIM), disabled=True))
            return options
        from brief.annotations.items import PANEL_TITLES, panel_items

        items = panel_items(annotation, language) if annotation is not None else []
        if not items:  # no file yet, or a draft with nothing in it
            message = NO_ITEMS if article else "No article open."
            options.append(Option(shown(message, width, style=DIM), disabled=True))
            return options
        titles = PANEL_TITLES[language]
        heading = ""
        for item in items:
            if item.heading != heading:
                heading = item.heading
                title = shown(titles[heading], width, style=Style(bold=True, underline=True))
                options.append(Option(title, disabled=True))
            options.append(self._option(item, width))
        return options

    def _option(self, item: PanelItem, width: int) -> Option:
        """An item's lines: its label (a discrepancy's as a warning), detail, note, quotes; the
        article's notes, not an item, cannot be chosen."""
        if item.section is None:
            return Option(shown(item.label, width, rows=12, style=DIM), disabled=True)
        self.items[item.key] = item
        prompt = [shown(item.label, width, style=WARN if item.warning else Style(bold=True))]
        if item.detail:
            prompt.append(shown(item.detail, width, rows=3, style=DIM))
        if item.note:
            prompt.append(shown(item.note, width, rows=4, style=NOTE))
        prompt.append(Text(counted(len(item.quotes), "quote"), style=DIM))
        return Option(Text("\n").join(prompt), id=item.key)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        item = self.item
        key = item.key if item else None
        if key != self._told:  # laid out again at a new width: the same item, nothing new
            self._told = key
            self.post_message(self.ItemHighlighted(item))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def action_add(self) -> None:
        self.post_message(AddItem())

    def action_edit(self) -> None:
        item = self.item
        self.post_message(EditItem(item) if item else Notice(NOTHING_SELECTED))

    def action_delete(self) -> None:
        item = self.item
        self.post_message(DeleteItem(item) if item else Notice(NOTHING_SELECTED))

    def action_article_fields(self) -> None:
        self.post_message(EditArticleFields())

    def action_editor(self) -> None:
        self.post_message(OpenInEditor())
