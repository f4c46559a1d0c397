"""An article as terminal lines for `brief show`: the reader's rows, rendered through the
output boundary (brief.text.boundary.Terminal), their styles as SGR.

Plain Python (rich styles, no UI toolkit), so the command starts fast.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from brief.article.layout import DocumentLayout
from brief.article.model import Article
from brief.terminal import LTR_PATH, RTL_PATH
from brief.text.bidi import styles_by_index
from brief.text.boundary import Rendered, Terminal


def render_article(
    article: Article,
    width: int,
    *,
    base: str = "auto",
    shape: bool = False,
    color: bool = False,
    bidi: str = "app",
) -> tuple[Rendered, int]:
    """Every row of the article, header first, as text for the terminal, and how many rows.
    In terminal mode each block starts with its paragraph direction (ECMA-48 SCP), for VTE.
    The blocks are laid out one at a time and not kept: an article of megabytes costs little
    more than its text."""
    document = DocumentLayout(
        article, width, shape=shape, base=base, bidi=bidi, directed=True, reveal=True,
        styled=color,
    )  # fmt: skip
    out = Terminal.buffer()
    count = 0
    for index, rows in document.blocks_laid_out():
        if bidi == "terminal" and rows:
            out.control(RTL_PATH if document.block_rtl(index) else LTR_PATH)
        for row in rows:
            if color:
                out.styled(style_runs(row), marks=bidi == "terminal")
            else:
                out.row(row.plain)
            out.write("\n")
        count += len(rows)
    return out.rendered(), count


def style_runs(row: Text) -> list[tuple[Style, str]]:
    """The row as runs of one style each."""
    base = Style.parse(row.style) if isinstance(row.style, str) else row.style
    styles = [base + (style or Style()) for style in styles_by_index(row, 0, len(row.plain))]
    runs: list[tuple[Style, str]] = []
    k = 0
    while k < len(styles):
        end = k
        while end < len(styles) and styles[end] == styles[k]:
            end += 1
        runs.append((styles[k], row.plain[k:end]))
        k = end
    return runs
