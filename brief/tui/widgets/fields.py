"""The reader's text fields, made in one place: the filter and search bar, every form field,
the export path. They are brief's right-to-left fields: the value is kept in logical order and
shown as it reads, placeholder included (so nothing here lays text out before them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.suggester import Suggester

from brief.tui.widgets.bidi_input import BidiInput

if TYPE_CHECKING:
    from brief.tui.widgets.bidi_text_area import BidiTextArea

TextField = BidiInput  # one line


def __getattr__(name: str) -> type[BidiTextArea]:
    """TextBox, several lines (the evidence quotes): Textual's TextArea under it is imported
    when a form first asks for it, not with the reader's bar."""
    if name == "TextBox":
        from brief.tui.widgets.bidi_text_area import BidiTextArea

        return BidiTextArea
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def text_field(
    value: str = "",
    *,
    id: str,
    placeholder: str = "",
    suggester: Suggester | None = None,
    compact: bool = False,
) -> TextField:
    return TextField(value, placeholder, id=id, suggester=suggester, compact=compact)


def text_box(text: str = "", *, id: str) -> BidiTextArea:
    from brief.tui.widgets.bidi_text_area import BidiTextArea

    return BidiTextArea(text, id=id, compact=True)
