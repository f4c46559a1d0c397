"""Lists of options, keyed as every list in the reader is (j/k, g/G, arrows, Home/End), and laid
out at their real width: their rows are laid out through brief.text.bidi once the list knows its
width and again on every resize, so nothing is wrapped twice."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Choices(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class LaidOutChoices(Choices):
    """Choices whose prompts depend on the width (`options_at`), laid out again when it changes."""

    DEFAULT_CSS = "LaidOutChoices { scrollbar-gutter: stable; }"
    highlight_first = True  # the first option is highlighted once laid out

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._laid_at = 0  # the width the options were laid out at (0: not yet)

    def options_at(self, width: int) -> list[Option]:
        """The options, their prompts laid out to fit `width` cells."""
        raise NotImplementedError

    @property
    def prompt_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding.width
        return self.scrollable_content_region.width - padding

    def lay_out(self) -> None:
        """Lay the options out again at the list's width (kept highlighted); before the first
        layout the width is not known, and the resize that follows lays them out."""
        width = self.prompt_width
        if width < 4:
            return
        highlighted = self.highlighted
        self._laid_at = width
        self.set_options(self.options_at(width))
        if highlighted is not None and self.option_count:
            self.highlighted = min(highlighted, self.option_count - 1)
        elif self.highlight_first:
            self.action_first()

    def on_resize(self) -> None:
        if self.prompt_width != self._laid_at:
            self.lay_out()
