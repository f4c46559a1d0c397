"""Export what the filter shows: where to write (the file's suffix picks Markdown, HTML or Word),
and a preview of the brief laid out at its real width. Enter (or ctrl+s) writes, Esc cancels."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from brief.tui.display import counted
from brief.tui.widgets.fields import TextField, text_field
from brief.tui.widgets.footer import KeyFooter
from brief.tui.widgets.laid_out import LaidOutText

PREVIEW_LINES = 400


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "write", "Write"),
    ]

    def __init__(self, brief: str, count: int, default: Path) -> None:
        super().__init__()
        self.brief = brief
        self.count = count
        self.default = default

    def compose(self) -> ComposeResult:
        lines = [Text(line) for line in self.brief.split("\n")[:PREVIEW_LINES]]
        with Vertical(id="export-box"):
            yield Label(
                f"Export {counted(self.count, 'article')} to a brief: .md Markdown, .html HTML, "
                ".docx Word (Enter or ctrl+s writes, Tab to the preview, Esc cancels)",
                id="export-title",
            )
            yield text_field(str(self.default), id="export-path")
            with VerticalScroll(id="export-preview"):
                yield LaidOutText(lines, rows=3)
        yield KeyFooter()

    def action_write(self) -> None:
        typed = self.query_one("#export-path", TextField).value.strip()
        if not typed:
            self.notify("Type the file to write the brief to", severity="warning")
            return
        self.dismiss(Path(typed).expanduser())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()
