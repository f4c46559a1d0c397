"""The reader's document layout is lazy: a very long article lays out only what is shown."""

from __future__ import annotations

from pathlib import Path

from brief.article.layout import EXACT_UP_TO, GUTTER, DocumentLayout
from brief.article.model import read_article
from brief.text.bidi import layout

SEEDS = Path(__file__).parent.parent / "seeds"


def test_a_long_article_lays_out_only_the_rows_asked_for(tmp_path: Path) -> None:
    lines = (SEEDS / "003_4c77df3cdd400cf5.txt").read_text("utf-8").split("\n")
    body = [f"{lines[k % len(lines)]} ({k})" for k in range(600)]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(["عنوان طويل", *body]), encoding="utf-8")
    article = read_article(path)
    assert len(article.text) > EXACT_UP_TO
    document = DocumentLayout(article, 100)
    first_screen = [document.row(y).plain for y in range(40)]
    assert len(document._rows) < 20  # blocks laid out so far, of some 600
    # And those rows are the bidi layout's: the first paragraph beside its number.
    paragraph = article.paragraphs[article.title_paragraph]  # the first after the title
    rows = layout(paragraph.text, 100 - GUTTER)
    assert f"{rows[0]}   ¶{paragraph.number}" in first_screen
    # Asking for a row far down lays out what is needed and no more.
    document.row(document.height - 1)
    assert len(document._rows) < 40
