"""Bidirectional layout for the terminal: the one implementation every view uses.

layout(text, width)       -> display rows as strings, in visual order
layout_text(text, width)  -> the same as rich Text, styles kept on their logical characters
layout_rows(text, width)  -> the rows with each glyph's logical origin (selection, tests)
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

from brief.text.bidi.layout import BASES, Paragraph, paragraph
from brief.text.bidi.levels import bidi_class
from brief.text.bidi.rows import Glyph, Row, logical_char
from brief.text.bidi.visual import visual_text

# Every character of Bidi_Class B; CR LF is one separator. Written so that re knows the
# characters a match starts with and skips to them: about twice as fast over Arabic text.
_PARAGRAPH_SEPARATOR = re.compile("\r\n?|[\n\x1c-\x1e\x85\u2029]")
RLM, LRM = "\u200f", "\u200e"

__all__ = [
    "BASES",
    "Glyph",
    "Paragraph",
    "Row",
    "for_bidi_terminal",
    "is_rtl_text",
    "layout",
    "layout_rows",
    "layout_text",
    "logical_rows",
    "split_paragraphs",
    "styles_by_index",
    "visual_line",
]


def layout_rows(
    text: str,
    width: int,
    base: str = "auto",
    shape: bool = False,
    reveal: bool = False,
    cached: bool = True,
) -> list[tuple[Paragraph, list[Row]]]:
    """Each paragraph of `text` (see `split_paragraphs`) with its rows at `width` cells;
    `reveal` shows invisible bidi controls as markers (¦RLO¦); `cached`: the analysis is kept
    for the next width (not for the pieces of a paragraph of megabytes, read once)."""
    result = []
    analyse = paragraph if cached else Paragraph
    for _, line in split_paragraphs(text):
        analysed = analyse(line, base, shape, reveal)
        result.append((analysed, analysed.rows(width)))
    return result


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """UAX #9 P1: the paragraphs of `text`, each with its offset in it. Every character of
    Bidi_Class B ends one (LF, CR, CR LF as one, U+2029, U+001C-U+001E, U+0085); separators
    are not part of the paragraph they end, and show as the break they are."""
    result = []
    start = 0
    for match in _PARAGRAPH_SEPARATOR.finditer(text):
        result.append((start, text[start : match.start()]))
        start = match.end()
    result.append((start, text[start:]))
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
    return "".join(visual_text(line, BASES[base]) for _, line in split_paragraphs(text))


def layout(text: str, width: int, base: str = "auto", shape: bool = False) -> list[str]:
    """Display rows of `text` in visual order, left to right as written to the terminal.

    No row is wider than `width` cells; rows of a right-to-left paragraph are padded on the left
    to exactly `width` cells, left-to-right rows are not padded.
    """
    return [
        row
        for _, line in split_paragraphs(text)
        for row in paragraph(line, base, shape).display(width)
    ]


def layout_text(
    text: Text,
    width: int,
    base: str = "auto",
    shape: bool = False,
    reveal: bool = False,
    cached: bool = True,
) -> list[Text]:
    """`layout` for rich Text: each character keeps the style of the logical character it
    shows (`cached` as for `layout_rows`)."""
    result = []
    analyse = paragraph if cached else Paragraph
    for offset, line in split_paragraphs(text.plain):
        analysed = analyse(line, base, shape, reveal)
        styles = styles_by_index(text, offset, len(line))
        styled_at = [i for i, style in enumerate(styles) if style is not None]
        for row in analysed.rows(width):
            padding = " " * row.padding(width)
            if not styled_at or row.end < styled_at[0] or row.start > styled_at[-1]:
                # No character of the row has a style of its own: no glyph objects.
                result.append(Text(padding + row.text, style=text.style, end=""))
                continue
            styled = Text(padding, style=text.style, end="")
            for glyph in row.glyphs:
                # A ligature shows two letters in one character: the first one's style holds.
                for char, origin in zip(glyph.text, glyph.origins, strict=True):
                    styled.append(char, styles[origin])
            result.append(styled)
    return result


def logical_rows(
    text: Text, width: int, base: str = "auto", reveal: bool = False, cached: bool = True
) -> list[tuple[Text, bool]]:
    """The rows `layout_text` breaks `text` into, each in logical order and with whether its
    paragraph is right to left: for a terminal that reorders by itself, or a pipe. Styles stay
    on their characters; controls show as in `layout`, bidi controls as markers with `reveal`."""
    result = []
    analyse = paragraph if cached else Paragraph
    for offset, line in split_paragraphs(text.plain):
        analysed = analyse(line, base, False, reveal)
        styles = styles_by_index(text, offset, len(line))
        for row in analysed.rows(width):
            styled = Text(style=text.style, end="")
            for i in row.indices():
                styled.append(logical_char(line[i], reveal), styles[i])
            result.append((styled, analysed.rtl))
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


def for_bidi_terminal(row: Text, rtl: bool) -> Text:
    """A row in logical order as a terminal that reorders by itself is sent it: with a mark
    (RLM, or LRM) before its first strong letter when that letter is of the other direction, for
    terminals that take each row's direction from its first strong letter (mlterm, VTE's
    autodetection). The mark goes at least one cell in, since VTE drops a zero-width character
    that starts a row; mlterm gives it a cell of its own, which the layout keeps free."""
    plain = row.plain
    first = next((k for k, char in enumerate(plain) if bidi_class(char) in ("L", "R", "AL")), None)
    if first is None or (bidi_class(plain[first]) != "L") == rtl:
        return row
    pad = " " if first == 0 else ""
    return Text.assemble(row[:first], pad, RLM if rtl else LRM, row[first:], style=row.style)
