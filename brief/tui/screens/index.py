"""The corpus index on screen: the entities (who, where and events, across articles; Enter
filters the list to one) and the timeline (the events, each once with the articles that report
it, and dated moments that name no event, in order with their certainty; Enter opens the first
article). Names and events are laid out at the list's real width."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from brief.annotations.index import CorpusIndex
from brief.annotations.items import pick
from brief.article.model import short_id
from brief.tui.display import counted, shown
from brief.tui.widgets.choices import LaidOutChoices
from brief.tui.widgets.footer import KeyFooter

DIM = Style(dim=True)


class EntityList(LaidOutChoices):
    def __init__(self, index: CorpusIndex, language: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index, self.language = index, language

    def options_at(self, width: int) -> list[Option]:
        options = []
        for entry in sorted(self.index.entities.values(), key=lambda e: (e.section, e.id)):
            name = shown(pick(entry.name, self.language), width, rows=1)
            detail = shown(
                f"{entry.section} · {entry.kind or 'place'} · {entry.id} · "
                f"{counted(len(entry.articles), 'article')}: "
                + ", ".join(short_id(a) for a in entry.articles),
                width,
                style=DIM,
            )
            options.append(Option(Text("\n").join([name, detail]), id=entry.id))
        return options


class TimelineList(LaidOutChoices):
    def __init__(self, index: CorpusIndex, language: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index, self.language = index, language

    def options_at(self, width: int) -> list[Option]:
        options = []
        for k, entry in enumerate(self.index.timeline):
            head = Text.assemble(
                (entry.date or "undated", "bold"),
                f"  {entry.certainty}",
                ("  event" if entry.event else "", "bold"),
                (f"  {', '.join(short_id(a) for a in entry.articles)}", "dim"),
            )
            what = shown(pick(entry.what, self.language), width, rows=2)
            options.append(Option(Text("\n").join([head, what]), id=f"{k}:{entry.article}"))
        return options


class IndexScreen(ModalScreen[str | None]):
    """A list drawn from the corpus index; dismissed with what was chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, index: CorpusIndex, language: str) -> None:
        super().__init__()
        self.index = index
        self.language = language


class EntitiesScreen(IndexScreen):
    def compose(self) -> ComposeResult:
        count = len(self.index.entities)
        with Vertical(id="entities-box"):
            yield Label(
                f"Entities ({count}): Enter filters the list to one · Esc closes",
                id="entities-title",
            )
            yield EntityList(self.index, self.language, id="entities")
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.index.entities[str(event.option.id)].query)


class TimelineScreen(IndexScreen):
    def compose(self) -> ComposeResult:
        count = len(self.index.timeline)
        with Vertical(id="timeline-box"):
            yield Label(
                f"Timeline ({counted(count, 'event')}): Enter opens the article · Esc closes",
                id="timeline-title",
            )
            yield TimelineList(self.index, self.language, id="timeline")
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id).split(":", 1)[1])
