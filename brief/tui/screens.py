"""Dialogs: help, the entity index and the timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from brief.annotations.index import CorpusIndex
from brief.annotations.items import pick
from brief.annotations.model import FORM_SECTIONS, Section
from brief.article.model import short_id
from brief.catalog.query import __doc__ as QUERY_HELP
from brief.settings import DEFAULT_KEYS
from brief.tui.article_view import ArticleView
from brief.tui.panes import DIM, AnnotationPanel, laid_out

if TYPE_CHECKING:
    from brief.tui.app import BriefApp


Sections = list[tuple[str, list[tuple[str, str]]]]  # (title, [(keys, what they do)])


def help_sections(app: BriefApp) -> Sections:
    """Every binding with a description, under the keys the analyst's settings give it."""

    def keys_of(binding: Binding) -> str:
        keys = app.settings.key_for(binding.id) if binding.id in DEFAULT_KEYS else binding.key
        return " ".join(
            app.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")
        )

    groups = {
        "Everywhere": app.BINDINGS,
        "In the article": ArticleView.BINDINGS,
        "On the annotations panel": AnnotationPanel.BINDINGS,
    }
    sections = [
        (
            title,
            [
                (keys_of(binding), binding.description)
                for binding in bindings
                if isinstance(binding, Binding) and binding.description
            ],
        )
        for title, bindings in groups.items()
    ]
    sections[0][1].extend(
        [
            ("enter", "Open the highlighted article; apply the filter"),
            ("n N (after /)", "Next, previous match in the article"),
            ("ctrl+p", "Command palette: articles, entities, commands"),
        ]
    )
    return sections


class HelpScreen(ModalScreen[None]):
    """Every key, and the query language."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, sections: Sections) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        lines = Text()
        for title, keys in self.sections:
            lines.append(f"{title}\n", style="bold underline")
            for key, description in keys:
                lines.append(f"  {key:<22}", style="bold")
                lines.append(f"{description}\n")
            lines.append("\n")
        lines.append("Filter queries (f) and brief list QUERY\n", style="bold underline")
        query_help = (QUERY_HELP or "").split("\n\n")[1]
        lines.append(query_help.rstrip() + "\n")
        lines.append("\nPress Esc to close.", style="dim")
        with Vertical(id="help-box"):
            yield Label("brief: help", id="help-title")
            yield Static(lines, id="help-text")


class IndexScreen(ModalScreen[str | None]):
    """A list drawn from the corpus index; dismissed with what was chosen, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, index: CorpusIndex, language: str) -> None:
        super().__init__()
        self.index = index
        self.language = language

    @property
    def text_width(self) -> int:
        return max(self.app.size.width - 12, 30)


class EntitiesScreen(IndexScreen):
    """Every person, organization, place and event with the articles it appears in; Enter
    filters."""

    def compose(self) -> ComposeResult:
        width = self.text_width
        options = []
        for entry in sorted(self.index.entities.values(), key=lambda e: (e.section, e.id)):
            name = laid_out(pick(entry.name, self.language), width, rows=1, style=None)
            detail = Text(
                f"{entry.section} · {entry.kind or 'place'} · {entry.id} · "
                f"{len(entry.articles)} article{'s' * (len(entry.articles) != 1)}: "
                + ", ".join(short_id(a) for a in entry.articles),
                style=DIM,
            )
            options.append(Option(Text("\n").join([name, detail]), id=entry.id))
        with Vertical(id="entities-box"):
            yield Label(
                f"Entities ({len(options)}): Enter filters the list to one", id="entities-title"
            )
            yield OptionList(*options, id="entities")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.index.entities[str(event.option.id)]
        # An event has no field of its own: its id is searched as a phrase.
        self.dismiss(
            f'"{entry.id}"' if entry.section == "events" else f"{entry.section}:{entry.id}"
        )


class TimelineScreen(IndexScreen):
    """Every event across the corpus (and dated moments that name none), in order, with its
    certainty; Enter opens the first article that reports it."""

    def compose(self) -> ComposeResult:
        width = self.text_width
        options = []
        for k, entry in enumerate(self.index.timeline):
            head = Text.assemble(
                (entry.date or "undated", "bold"),
                f"  {entry.certainty}",
                ("  event" if entry.event else "", "bold"),
                (f"  {', '.join(short_id(a) for a in entry.articles)}", "dim"),
            )
            what = laid_out(pick(entry.what, self.language), width, rows=2)
            options.append(Option(Text("\n").join([head, what]), id=f"{k}:{entry.article}"))
        with Vertical(id="timeline-box"):
            yield Label(
                f"Timeline ({len(options)} events): Enter opens the article", id="timeline-title"
            )
            yield OptionList(*options, id="timeline")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id).split(":", 1)[1])


_ADDING: dict[Section, str] = {
    "who": "Who: a person, organization or group",
    "where": "Where: a place",
    "when": "When: a date",
    "decisions": "Decision: a decision, recommendation, proposal…",
}


class ChooseSection(ModalScreen[str | None]):
    """Which kind of item to add."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-box"):
            yield Label("Add which kind of item?", id="choose-title")
            yield OptionList(
                *(Option(_ADDING[section], id=section) for section in FORM_SECTIONS),
                id="sections",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id))


class ExportScreen(ModalScreen[tuple[Path, str] | None]):
    """Export what the filter shows: where to write, and a preview of the brief."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), Binding("ctrl+s", "write", "Write")]

    def __init__(self, brief: str, count: int, default: Path) -> None:
        super().__init__()
        self.brief = brief
        self.count = count
        self.default = default

    def compose(self) -> ComposeResult:
        width = max(self.app.size.width - 14, 30)
        preview = Text("\n").join(
            laid_out(line, width, rows=3) if line else Text("")
            for line in self.brief.split("\n")[:400]
        )
        with Vertical(id="export-box"):
            yield Label(
                f"Export {self.count} article{'s' * (self.count != 1)} to a Markdown brief "
                "(ctrl+s writes, Esc cancels)",
                id="export-title",
            )
            yield Input(str(self.default), id="export-path")
            with VerticalScroll(id="export-preview"):
                yield Static(preview)

    def action_write(self) -> None:
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        self.dismiss((path, self.brief))

    def on_input_submitted(self) -> None:
        self.action_write()
