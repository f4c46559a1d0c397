"""The bar at the bottom: the corpus's filter or the article's search, typed. The bar owns its
mode and says what is typed (`Changed`) and when it is done (`Submitted`)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from brief.bidi import is_rtl_text
from brief.tui.display import shown
from brief.tui.widgets.fields import text_field

PLACEHOLDERS = {
    "filter": "Filter: who:koman where:تونس when:2025 -word …   (Enter: the list, Esc: close)",
    "search": "Search this article   (Enter: the article, n/N: next/previous, Esc: close)",
}


class BottomBar(Vertical):
    mode: reactive[str] = reactive("")  # "", "filter" or "search"

    class Changed(Message):
        def __init__(self, mode: str, text: str) -> None:
            super().__init__()
            self.mode = mode
            self.text = text

    class Submitted(Message):
        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filter = ""  # the filter's text while the bar searches

    def compose(self) -> ComposeResult:
        yield Static("", id="bar-preview")
        yield text_field(id="bar-input")

    def on_mount(self) -> None:
        self.display = False
        self.query_one("#bar-preview").display = False

    @property
    def text(self) -> str:
        return self.query_one("#bar-input", Input).value

    def open(self, mode: str, text: str | None = None, focus: bool = True) -> None:
        """Show the bar for `mode`; `text` replaces what it holds. The filter's text is kept
        between openings (it is what the list shows); a search starts anew."""
        field = self.query_one("#bar-input", Input)
        if mode != self.mode:
            if self.mode == "filter":
                self._filter = field.value
            with self.prevent(Input.Changed):
                field.value = self._filter if mode == "filter" else ""
        self.mode = mode
        field.placeholder = shown(PLACEHOLDERS[mode]).plain
        if text is not None:
            field.value = text  # posts Changed
        self.display = True
        if focus:
            field.focus()

    def close(self) -> None:
        """Hide the bar: a search ends, the filter stays as typed."""
        self.display = False
        self.query_one("#bar-preview").display = False
        if self.mode == "search":
            field = self.query_one("#bar-input", Input)
            with self.prevent(Input.Changed):
                field.value = self._filter
            self.mode = "filter"

    @on(Input.Changed, "#bar-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        # The field shows what is typed in logical order; Arabic is also shown as it reads.
        preview = self.query_one("#bar-preview", Static)
        preview.display = self.display and is_rtl_text(event.value)
        preview.update(Text.assemble(("reads: ", "dim"), shown(event.value)))
        if self.mode:
            self.post_message(self.Changed(self.mode, event.value))

    @on(Input.Submitted, "#bar-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self.mode))
