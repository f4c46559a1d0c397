"""Text laid out through the display boundary at the widget's own width, and again at each new
width: a right-to-left paragraph is broken and reordered once, never wrapped again after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from brief.tui.display import shown


@dataclass(frozen=True, slots=True)
class Hanging:
    """A paragraph with a head in a column of its own (a key), its body beside it: the body's
    rows after the first start under the first."""

    head: Text
    body: Text
    indent: int

    @property
    def plain(self) -> str:
        return f"{self.head.plain} {self.body.plain}"


Paragraph = Text | Hanging


def _laid(paragraph: Paragraph, width: int, rows: int | None) -> Text:
    if isinstance(paragraph, Text):
        return shown(paragraph, width, rows) if paragraph.plain else Text("")
    head = paragraph.head.copy()
    head.pad_right(paragraph.indent - head.cell_len)
    body = shown(paragraph.body, max(width - paragraph.indent, 10), rows).split("\n")
    margin = Text(" " * paragraph.indent)
    return Text("\n").join(
        Text.assemble(head if k == 0 else margin, row) for k, row in enumerate(body)
    )


class LaidOutText(Widget):
    """Paragraphs (styled Text, or Hanging), each in at most `rows` rows."""

    DEFAULT_CSS = "LaidOutText { height: auto; }"

    def __init__(
        self,
        paragraphs: Sequence[Paragraph] = (),
        rows: int | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.paragraphs = list(paragraphs)
        self.rows = rows
        self._laid: tuple[int, Text] | None = None  # (width, the paragraphs laid out at it)

    def update(self, paragraphs: Sequence[Paragraph]) -> None:
        self.paragraphs = list(paragraphs)
        self._laid = None
        self.refresh(layout=True)

    def laid_out(self, width: int) -> Text:
        if self._laid is None or self._laid[0] != width:
            laid = Text("\n").join(_laid(p, width, self.rows) for p in self.paragraphs)
            self._laid = (width, laid)
        return self._laid[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.laid_out(width).plain.split("\n")) if self.paragraphs else 0

    def render(self) -> Text:
        return self.laid_out(self.content_size.width)

    @property
    def plain(self) -> str:
        """The paragraphs as given, in logical order (for tests and copying)."""
        return "\n".join(p.plain for p in self.paragraphs)
