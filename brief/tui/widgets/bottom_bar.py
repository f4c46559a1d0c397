"""The bar at the bottom: the corpus's filter or the article's search, typed into a field that
shows Arabic as it reads. The bar owns its mode and says what is typed (`Changed`) and when it
is done (`Submitted`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input

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
        yield text_field(id="bar-input")

    def on_mount(self) -> None:
        self.display = False

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
        field.placeholder = PLACEHOLDERS[mode]  # laid out by the field
        if text is not None:
            field.value = text  # posts Changed
        self.display = True
        if focus:
            field.focus()

    def close(self) -> None:
        """Hide the bar: a search ends, the filter stays as typed."""
        self.display = False
        if self.mode == "search":
            field = self.query_one("#bar-input", Input)
            with self.prevent(Input.Changed):
                field.value = self._filter
            self.mode = "filter"

    @on(Input.Changed, "#bar-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.mode:
            self.post_message(self.Changed(self.mode, event.value))

    @on(Input.Submitted, "#bar-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self.mode))
