"""The help: every key under the keys the analyst's settings give it, the dialogs' keys, and the
query language with its Arabic examples. It scrolls, and says on its first row how to close it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from brief.catalog.query import __doc__ as QUERY_HELP
from brief.settings import DEFAULT_KEYS, Settings
from brief.tui.screens.reader import ReaderScreen
from brief.tui.widgets.annotation_panel import AnnotationPanel
from brief.tui.widgets.article_view import ArticleView
from brief.tui.widgets.footer import KeyFooter
from brief.tui.widgets.laid_out import Hanging, LaidOutText, Paragraph

Sections = list[tuple[str, list[tuple[str, str]]]]  # (title, [(keys, what they do)])
HEADING = Style(bold=True, underline=True)
KEYS = Style(bold=True)
DIALOGS = [
    ("tab shift+tab", "The next, previous field or button"),
    ("enter", "Press the focused button; in a field, go to the next one"),
    ("space enter", "Open a menu; ↑↓ choose, Enter takes"),
    ("ctrl+s", "Save the form"),
    ("y n", "Answer a question (Enter: the answer it shows as the default)"),
    ("esc", "Cancel, close (a form you typed in asks first)"),
]


def help_sections(settings: Settings, key_display: Callable[[Binding], str]) -> Sections:
    """Every binding with a description, under the keys the analyst's settings give it."""

    def keys_of(binding: Binding) -> str:
        keys = settings.key_for(binding.id) if binding.id in DEFAULT_KEYS else binding.key
        return " ".join(
            key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")
        )

    groups = {
        "Everywhere": ReaderScreen.BINDINGS,
        "In the article": ArticleView.BINDINGS,
        "On the annotations pane": AnnotationPanel.BINDINGS,
    }
    sections = [
        (
            title,
            [
                (keys_of(binding), ": ".join(filter(None, (binding.description, binding.tooltip))))
                for binding in bindings
                if isinstance(binding, Binding) and binding.description
            ],
        )
        for title, bindings in groups.items()
    ]
    sections[0][1].extend(
        [
            ("j k g G ↑↓ PgUp PgDn", "Move in the list, the panes, the article"),
            ("enter", "Open the highlighted article; apply the filter"),
            ("n N (after /)", "Next, previous match in the article"),
            ("ctrl+p", "Command palette: articles, entities, commands"),
            ("ctrl+q", "Quit from anywhere"),
        ]
    )
    return sections


def _query_terms() -> list[Paragraph]:
    """The query language's table (brief.catalog.query's docstring): each term, then what it
    does and its examples beside it, wrapped under themselves."""
    lines = (QUERY_HELP or "").split("\n\n")[1].strip("\n").split("\n")
    terms: list[Paragraph] = []
    notes: list[str] = []  # the table's closing lines of prose: one paragraph under it
    for line in lines:
        columns = re.split(r"\s{2,}", line.strip())
        if len(columns) < 2:
            notes.append(line.strip())
            continue
        term, does, *examples = columns
        body = Text.assemble(does, "   ", ("  ".join(examples), KEYS))
        terms.append(Hanging(Text(f"  {term}"), body, 22))
    if notes:
        terms.append(Hanging(Text("  "), Text(" ".join(notes)), 2))
    return terms


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
        Binding("g", "scroll('home')", "Top", show=False),
        Binding("G", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, sections: Sections) -> None:
        super().__init__()
        self.sections = [*sections, ("In dialogs and forms", DIALOGS)]

    def compose(self) -> ComposeResult:
        paragraphs: list[Paragraph] = []
        for title, keys in self.sections:
            paragraphs.append(Text(title, style=HEADING))
            for key, description in keys:
                paragraphs.append(Hanging(Text(f"  {key}", style=KEYS), Text(description), 24))
            paragraphs.append(Text(""))
        paragraphs.append(Text("Filter queries (f) and brief list QUERY", style=HEADING))
        paragraphs += _query_terms()
        with Vertical(id="help-box"):
            yield Label(
                "brief: help   (Esc, q or ? closes · j/k, ↑↓, PgUp/PgDn, g/G scroll)",
                id="help-title",
            )
            with VerticalScroll(id="help-text"):
                yield LaidOutText(paragraphs)
        yield KeyFooter()

    def action_scroll(self, where: str) -> None:
        scroll = self.query_one("#help-text", VerticalScroll)
        {
            "down": scroll.scroll_down,
            "up": scroll.scroll_up,
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
        }[where](animate=False)
