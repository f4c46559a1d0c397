"""The reader's text fields, made in one place: the filter and search bar, every form field,
the export path. They are brief's right-to-left fields: the value is kept in logical order and
shown as it reads, placeholder included (so nothing here lays text out before them)."""

from __future__ import annotations

from textual.suggester import Suggester

from brief.tui.widgets.bidi_input import BidiInput
from brief.tui.widgets.bidi_text_area import BidiTextArea

TextField = BidiInput  # one line
TextBox = BidiTextArea  # several: the evidence quotes


def text_field(
    value: str = "",
    *,
    id: str,
    placeholder: str = "",
    suggester: Suggester | None = None,
    compact: bool = False,
) -> TextField:
    return TextField(value, placeholder, id=id, suggester=suggester, compact=compact)


def text_box(text: str = "", *, id: str) -> TextBox:
    return TextBox(text, id=id, compact=True)
