"""A page flattened to one line of megabytes: the article opens at once, with a title of its
first words; the line is laid out in pieces that end at sentences, each only when it is shown;
`brief show` writes it all a piece at a time. (benchmarks/hostile.py measures the 5 MB line.)"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from rich.cells import cell_len
from rich.style import Style

from brief.article.blocks import PIECE
from brief.article.layout import DocumentLayout, Highlight
from brief.article.model import read_article

ROOT = Path(__file__).parent.parent
WORDS = (ROOT / "seeds" / "001_26d5d24b852057da.txt").read_text("utf-8").split()


def one_line(path: Path, size: int) -> Path:
    """A single line of seed words, `size` bytes of UTF-8, a sentence's end every dozen words
    or so (benchmarks/hostile.py makes its 5 MB line with it)."""
    pick = random.Random(7)
    words: list[str] = []
    length = 0
    while length < size:
        word = pick.choice(WORDS) + ("." if pick.random() < 0.08 else "")
        words.append(word)
        length += len(word.encode()) + 1
    path.write_text(" ".join(words) + "\n", encoding="utf-8")
    return path


def test_a_page_without_headings_is_named_by_its_first_words(tmp_path: Path) -> None:
    article = read_article(one_line(tmp_path / "900_long.txt", 200_000))
    assert len(article.title) <= 121 and article.title.endswith("…")
    assert article.text.startswith(article.title[:-1])
    assert article.title_paragraph == 0  # the line is not taken for the title: it is ¶1
    assert [p.number for p in article.paragraphs] == [1]


def test_a_long_paragraph_is_laid_out_a_piece_at_a_time(tmp_path: Path) -> None:
    article = read_article(one_line(tmp_path / "900_long.txt", 1_000_000))
    document = DocumentLayout(article, 100, reveal=True)
    pieces = [b for b in document.blocks if b.paragraphs and b.paragraphs[0].number == 1]
    assert len(pieces) > len(article.text) // PIECE
    assert "".join(b.text for b in pieces) == article.paragraphs[0].text  # every character
    ends = (". ", "؟ ", "? ", "! ")
    assert all(b.text.endswith(ends) for b in pieces[:-1][:50])  # cut at sentences
    first_screen = [document.row(y).plain for y in range(40)]
    assert len(document._rows) <= 6  # the header and a piece or two, of some 140
    assert sum("¶1" in row for row in first_screen) == 1
    rows = [row.plain for _, laid in document.blocks_laid_out() for row in laid]
    assert sum("¶1" in row for row in rows) == 1  # the number beside the first piece only
    assert all(cell_len(row) <= 100 for row in rows)


def test_highlights_and_the_mouse_find_their_place_in_a_later_piece(tmp_path: Path) -> None:
    article = read_article(one_line(tmp_path / "900_long.txt", 300_000))
    paragraph = article.paragraphs[0]
    offset = paragraph.start + 100_000
    offset += article.text[offset:].index(" ") + 1  # a word's start, deep in the line
    word = article.text[offset : article.text.index(" ", offset)]
    marked = Style(reverse=True)
    document = DocumentLayout(
        article, 100, highlights=(Highlight(offset, offset + len(word), marked),)
    )
    y = document.row_of_offset(offset)
    assert y is not None
    row = document.row(y)
    assert word[::-1] in row.plain  # in visual order
    styled = "".join(row.plain[s.start : s.end] for s in row.spans if s.style == marked)
    assert styled == word[::-1]
    x = next(
        x for x in range(100) if (found := document.offset_at(y, x)) is not None and found == offset
    )
    assert document.offset_at(y, x) == offset


def test_brief_show_writes_a_long_line_whole(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    article = one_line(tmp_path / "seeds" / "900_long.txt", 300_000)
    result = subprocess.run(
        [sys.executable, "-m", "brief", "--corpus", str(tmp_path), "show", "900", "--width", "90"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = "".join(result.stdout.split())  # to a pipe, logical order: every word, in order
    assert "".join(article.read_text("utf-8").split()) in shown.replace("¶1", "")
