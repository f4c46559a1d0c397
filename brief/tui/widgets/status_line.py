"""The status line: one message at a time, shown through the display boundary, and cleared with
what it is about (a search's "match 1 of 4" goes when the search does)."""

from __future__ import annotations

from textual.widgets import Static

from brief.tui.display import shown


class StatusLine(Static):
    def __init__(self, message: str = "", *, id: str | None = None) -> None:
        super().__init__(shown(message), id=id)
        self.about = ""

    def say(self, message: str, about: str = "") -> None:
        self.about = about
        self.update(shown(message))

    def clear(self, *about: str) -> None:
        """Clear the line if it is about one of these."""
        if self.about in about:
            self.say("")
