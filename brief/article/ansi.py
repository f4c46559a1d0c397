"""An article as terminal lines for `brief show`: the reader's rows, each with its styles as
runs, which the output boundary (brief.text.boundary.Terminal) writes as SGR.

Plain Python (rich styles, no UI toolkit), so the command starts fast.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.style import Style
from rich.text import Text

from brief.article.layout import DocumentLayout
from brief.article.model import Article
from brief.text.bidi import styles_by_index


def article_rows(
    article: Article, width: int, *, base: str = "auto", shape: bool = False, bidi: str = "app"
) -> Iterator[Text]:
    """Every row of the article, header first, as the reader lays it out."""
    document = DocumentLayout(article, width, shape=shape, base=base, bidi=bidi, reveal=True)
    y = 0
    while y < document.height:  # the height settles as long blocks are laid out
        yield document.row(y)
        y += 1


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
