"""The reader's display boundary: every string it shows that may hold right-to-left text (text
from files, the query language's Arabic examples, placeholders, status lines, toasts, headings)
reaches the screen through `shown`, which lays it out through brief.text.bidi and shows control
characters and invisible bidi controls as visible marks, never raw. Styled text is made from a
string by `as_text`, which shows its controls first: Rich's Text drops BEL, BS, VT, FF and CR,
and a row would end at VT, FF or NEL.

The `bidi` setting picks the order. "app", the default, writes visual order, for terminals that
do no bidi of their own; "terminal" leaves the reordering to a terminal that does it (VTE,
Konsole, mlterm): rows are broken where brief breaks them and written in logical order. It is
one setting for the one terminal the process draws on, so it is set once, at the reader's start.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from brief.text.bidi import layout_text
from brief.text.bidi.layout import paragraph
from brief.text.boundary import BIDI_CONTROLS, visible

BIDI_MODES = ("app", "terminal")
_mode = "app"
# Left to the layout: newlines end rows, tabs take a cell, bidi controls it marks where they act.
_LAID_OUT = "\n\t" + "".join(BIDI_CONTROLS)


def use_bidi(mode: str) -> None:
    """Show every string from now on for a terminal of this kind ("app" or "terminal")."""
    global _mode
    if mode not in BIDI_MODES:
        raise ValueError(f"bidi must be one of {', '.join(BIDI_MODES)}, not {mode!r}")
    _mode = mode


def shown(
    text: str | Text, width: int | None = None, rows: int | None = None, style: Style | None = None
) -> Text:
    """`text` as the terminal is to show it: each line one row, or laid out at `width` cells
    (right-to-left paragraphs right-aligned), in at most `rows` rows (… marks the cut). Styled
    Text keeps its styles on the characters they were on (in "app" order)."""
    source = text if isinstance(text, Text) else as_text(text, style)
    laid: list[tuple[Text, bool, int]] = []  # each row, whether right-to-left, its width
    for line in source.split("\n", allow_blank=True):
        analysed = paragraph(line.plain, reveal=True)
        at = max(width, 2) if width is not None else _cells(line.plain)
        rtl = _mode == "app" and analysed.rtl
        if _mode == "terminal":
            broken = analysed.rows(at)
            logical = [Text(row.logical(line.plain, True), style=line.style) for row in broken]
            laid += [(row, rtl, at) for row in logical]
        else:
            laid += [(row, rtl, at) for row in layout_text(line, at, reveal=True)]
    if rows is not None and len(laid) > rows:
        laid = laid[:rows]
        last, rtl, at = laid[-1]
        laid[-1] = (_cut(last, at, rtl), rtl, at)
    return Text("\n").join(row for row, _, _ in laid)


def as_text(text: str, style: Style | str | None = None) -> Text:
    """`text` as styled text, every control in it shown (␇ for BEL), as `shown` shows it."""
    return Text(visible(text, keep=_LAID_OUT), style=style or "")


def _cells(line: str) -> int:
    """The cells `line` takes on one row (bidi controls shown as markers take more)."""
    return max(paragraph(line, reveal=True).cells, 2)


def _cut(last: Text, width: int, rtl: bool) -> Text:
    """The last row kept, marked as cut at its logical end: the left of a right-to-left row."""
    if not rtl:
        return last[: max(width - 1, 1)] + Text("…")
    body = last[len(last.plain) - len(last.plain.lstrip(" ")) :]
    if body.cell_len + 1 > width:
        body = body[1:]
    cut = Text("…") + body
    cut.pad_left(width - cut.cell_len)
    return cut


def counted(count: int, noun: str) -> str:
    """'1 article', '2 articles', '1,000 articles'."""
    return f"{count:,} {noun}{'s' * (count != 1)}"
