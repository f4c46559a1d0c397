"""Bidirectional layout for the terminal: the one implementation every view uses.

layout(text, width)       -> display rows as strings, in visual order
layout_text(text, width)  -> the same as rich Text, styles kept on their logical characters
layout_rows(text, width)  -> the rows with each glyph's logical origin (selection, tests)
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from brief.text.bidi.layout import BASES, Glyph, Paragraph, Row, paragraph
from brief.text.bidi.levels import bidi_class
from brief.text.bidi.visual import visual_text

__all__ = [
    "BASES",
    "Glyph",
    "Paragraph",
    "Row",
    "is_rtl_text",
    "layout",
    "layout_rows",
    "layout_text",
    "styles_by_index",
    "visual_line",
]


def layout_rows(
    text: str, width: int, base: str = "auto", shape: bool = False, reveal: bool = False
) -> list[tuple[Paragraph, list[Row]]]:
    """Each paragraph of `text` ("\\n" separates them) with its rows at `width` cells;
    `reveal` shows invisible bidi controls as markers (¦RLO¦)."""
    result = []
    for line in text.split("\n"):
        analysed = paragraph(line, base, shape, reveal)
        result.append((analysed, analysed.rows(width)))
    return result


def is_rtl_text(text: str) -> bool:
    """Does `text` hold right-to-left letters (Arabic, Hebrew…)?"""
    return any(bidi_class(char) in ("R", "AL") for char in text)


def visual_line(text: str, base: str = "auto") -> str:
    """`text` as one unwrapped, unpadded row in visual order: a label or a list cell. Put it
    beside other text rather than inside it, so each keeps its own direction. One-shot: laid
    out without glyph objects or the paragraphs' cache (brief.text.bidi.visual)."""
    if base not in BASES:
        raise ValueError(f"base must be one of {', '.join(BASES)}, not {base!r}")
    return "".join(visual_text(line, BASES[base]) for line in text.split("\n"))


def layout(text: str, width: int, base: str = "auto", shape: bool = False) -> list[str]:
    """Display rows of `text` in visual order, left to right as written to the terminal.

    No row is wider than `width` cells; rows of a right-to-left paragraph are padded on the left
    to exactly `width` cells, left-to-right rows are not padded.
    """
    return [row.display(width) for _, rows in layout_rows(text, width, base, shape) for row in rows]


def layout_text(
    text: Text, width: int, base: str = "auto", shape: bool = False, reveal: bool = False
) -> list[Text]:
    """`layout` for rich Text: each character keeps the style of the logical character it shows."""
    result = []
    offset = 0
    for analysed, rows in layout_rows(text.plain, width, base, shape, reveal):
        styles = styles_by_index(text, offset, len(analysed.text))
        for row in rows:
            styled = Text(" " * row.padding(width), style=text.style, end="")
            for glyph in row.glyphs:
                # A ligature shows two letters in one character: the first one's style holds.
                for char, origin in zip(glyph.text, glyph.origins, strict=True):
                    styled.append(char, styles[origin])
            result.append(styled)
        offset += len(analysed.text) + 1
    return result


def styles_by_index(text: Text, offset: int, length: int) -> list[Style | None]:
    """The style of each character of text.plain[offset:offset+length], spans combined."""
    styles: list[Style | None] = [None] * length
    for span in text.spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, length)
        style = Style.parse(span.style) if isinstance(span.style, str) else span.style
        for i in range(start, end):
            current = styles[i]
            styles[i] = style if current is None else current + style
    return styles
