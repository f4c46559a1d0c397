"""The brief's formats, chosen by name or by the output file's suffix."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # brief export's options name the formats without loading the document
    from brief.export.document import Document

FORMATS = ("md", "html", "docx")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def format_for(named: str | None, output: str | None) -> str:
    """--format when given, else what -o's suffix says, else Markdown."""
    if named:
        return named
    if output:
        return SUFFIXES.get(Path(output).suffix.lower(), "md")
    return "md"


def render(doc: Document, fmt: str) -> str | bytes:
    """The document in `fmt`: text for md and html, bytes for docx."""
    if fmt == "html":
        from brief.export.html import render_html

        return render_html(doc)
    if fmt == "docx":
        from brief.export.docx import render_docx

        return render_docx(doc)
    from brief.export.markdown import render_markdown

    return render_markdown(doc)
