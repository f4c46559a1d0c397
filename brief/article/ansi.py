"""An article as terminal lines for `brief show`: the reader's rows, written with ANSI SGR.

Plain Python (rich styles, no UI toolkit), so the command starts fast.
"""

from __future__ import annotations

from rich.color import ColorSystem
from rich.style import Style
from rich.text import Text

from brief.article.layout import DocumentLayout
from brief.article.model import Article
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
    """Every row of the article, header first, as lines for the terminal."""
    document = DocumentLayout(article, width, shape=shape, base=base, bidi=bidi, reveal=True)
    return [
        ansi(document.row(y)) if color else document.row(y).plain for y in range(document.height)
    ]


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
