"""The reader's text fields, made in one place: the filter and search bar, every form field,
the export path. Swapping in brief's right-to-left field changes only these names."""

from __future__ import annotations

from textual.suggester import Suggester
from textual.widgets import Input, TextArea

from brief.tui.display import shown

TextField = Input  # one line
TextBox = TextArea  # several: the evidence quotes


def text_field(
    value: str = "",
    *,
    id: str,
    placeholder: str = "",
    suggester: Suggester | None = None,
    compact: bool = False,
) -> TextField:
    placeholder = shown(placeholder).plain
    return TextField(value, id=id, placeholder=placeholder, suggester=suggester, compact=compact)


def text_box(text: str = "", *, id: str) -> TextBox:
    return TextBox(text, id=id, soft_wrap=True, compact=True)
