"""The command palette with a query field that shows Arabic as it reads.

Textual's CommandPalette composes a CommandInput (an Input) and finds it again by that type;
BidiCommandPalette lets it compose everything as it does and puts a BidiCommandInput, which is
both a BidiInput and a CommandInput, where the CommandInput was yielded. Nothing of Textual's
is copied: the palette's search, keys and messages are its own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.command import CommandInput, CommandPalette

from brief.tui.widgets.bidi_input import BidiInput


class BidiCommandInput(CommandInput, BidiInput):
    """The palette's input: a CommandInput (Textual's styles and queries follow a widget's
    first base) drawn and edited as a BidiInput (CommandInput overrides nothing of Input)."""


class BidiCommandPalette(CommandPalette):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, CommandInput) and not isinstance(widget, BidiInput):
                yield BidiCommandInput(placeholder=widget.placeholder, select_on_focus=False)
            else:
                yield widget
