"""An article as terminal lines for `brief show`: the reader's rows, written with ANSI SGR.

Plain Python (rich styles, no UI toolkit), so the command starts fast.
"""

from __future__ import annotations

from rich.color import ColorSystem
from rich.style import Style
from rich.text import Text

from brief.article.layout import DocumentLayout
from brief.article.model import Article
from brief.terminal import LTR_PATH, RTL_PATH
from brief.text.bidi import styles_by_index


def render_article(
    article: Article,
    width: int,
    *,
    base: str = "auto",
    shape: bool = False,
    color: bool = False,
    bidi: str = "app",
) -> list[str]:
    """Every row of the article, header first, as lines for the terminal. In terminal mode
    each block starts with its paragraph direction (ECMA-48 SCP), for VTE."""
    document = DocumentLayout(
        article, width, shape=shape, base=base, bidi=bidi, directed=True, reveal=True
    )
    lines = []
    for index in range(len(document.blocks)):
        rows = [ansi(row) if color else row.plain for row in document.rows_of(index)]
        if bidi == "terminal" and rows:
            rows[0] = (RTL_PATH if document.block_rtl(index) else LTR_PATH) + rows[0]
        lines += rows
    return lines


def ansi(row: Text) -> str:
    """A row with its styles as SGR sequences (16 colours: any terminal shows them)."""
    base = Style.parse(row.style) if isinstance(row.style, str) else row.style
    styles = [base + (style or Style()) for style in styles_by_index(row, 0, len(row.plain))]
    out: list[str] = []
    k = 0
    while k < len(styles):
        end = k
        while end < len(styles) and styles[end] == styles[k]:
            end += 1
        out.append(styles[k].render(row.plain[k:end], color_system=ColorSystem.STANDARD))
        k = end
    return "".join(out)
