"""Small dialogs: a yes/no question, a kept edit offered back, and which kind of item to add.
Each opens on its first control, answers from the keyboard alone and says which keys it
takes."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from brief.tui.widgets.choices import Choices
from brief.tui.widgets.footer import KeyFooter
from brief.tui.widgets.laid_out import LaidOutText

BOLD = Style(bold=True)
HINT = Style(dim=True)


class DialogBox(VerticalScroll, can_focus=False):
    """A dialog's frame: it scrolls to the focused control, and is not a stop for Tab."""


class Confirm(ModalScreen[bool]):
    """A yes/no question, with details below it (problems, a diff): y or n, Enter for the
    answer it shows as the default, Esc for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(
        self,
        question: str,
        details: str = "",
        yes: str = "Yes",
        no: str = "No",
        default: bool = True,
    ) -> None:
        super().__init__()
        self.question, self.details, self.yes, self.no = question, details, yes, no
        self.default = default

    def compose(self) -> ComposeResult:
        default = self.yes if self.default else self.no
        hint = f"y: {self.yes} · n: {self.no} · Enter: {default} · Esc: {self.no}"
        with DialogBox(id="form-box"):
            yield LaidOutText([Text(self.question, style=BOLD)], id="form-title")
            if self.details:
                yield LaidOutText([Text(line) for line in self.details.split("\n")], id="details")
            yield Static(Text(hint, style=HINT), id="confirm-keys")
            with Horizontal(id="form-buttons"):
                yield Button(self.yes, variant="primary" if self.default else "default", id="yes")
                yield Button(self.no, variant="default" if self.default else "primary", id="no")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no").focus()  # Enter answers it

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


KeptChoice = Literal["restore", "keep", "drop"]


class OfferKept(ModalScreen[KeptChoice]):
    """An edit kept from an earlier session, offered back: r (or y) restores it, k (or n, Esc)
    keeps it for later, d drops it; the details say what restoring it changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,y", "answer('restore')", "Restore"),
        Binding("k,n,escape", "answer('keep')", "Keep for later"),
        Binding("d", "answer('drop')", "Drop"),
    ]

    def __init__(self, question: str, details: str, restore: str = "Restore") -> None:
        super().__init__()
        self.question, self.details, self.restore = question, details, restore

    def compose(self) -> ComposeResult:
        hint = f"r: {self.restore} · k: Keep for later · d: Drop · Enter: {self.restore}"
        with DialogBox(id="form-box"):
            yield LaidOutText([Text(self.question, style=BOLD)], id="form-title")
            yield LaidOutText([Text(line) for line in self.details.split("\n")], id="details")
            yield Static(Text(hint, style=HINT), id="confirm-keys")
            with Horizontal(id="form-buttons"):
                yield Button(self.restore, variant="primary", id="restore")
                yield Button("Keep for later", id="keep")
                yield Button("Drop", variant="error", id="drop")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#restore").focus()  # Enter restores

    def action_answer(self, choice: KeptChoice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice: KeptChoice = "drop" if event.button.id == "drop" else "keep"
        self.dismiss("restore" if event.button.id == "restore" else choice)


class ChooseSection(ModalScreen[str | None]):
    """Which kind of item to add: arrows (or j/k) and Enter; Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, kinds: list[tuple[str, str]]) -> None:
        super().__init__()
        self.kinds = kinds

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-box"):
            yield Label("Add which kind of item?", id="choose-title")
            options = [Option(label, id=section) for section, label in self.kinds]
            choices = Choices(*options, id="sections")
            choices.highlighted = 0
            yield choices
            yield Static(Text("↑↓ or j/k choose · Enter adds · Esc cancels", style=HINT))
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id))
