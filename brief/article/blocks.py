"""What an article looks like on screen, before any layout: the blocks every view draws.

The CLI (`brief show`) and the reader draw the same blocks, each through brief.text.bidi, so they
show an article the same way: a header, then the paragraphs, boilerplate marked and runs of
duplicates folded to one line that says what it folded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from brief.article.model import Article, Paragraph
from brief.text.bidi.layout import paragraph as analyse

PIECE = 4096  # characters: a longer paragraph is laid out in pieces of about this size
# Where a piece ends, best first: a sentence's end, a clause's, a space (each with its space).
_BREAKS = ((". ", "؟ ", "? ", "! ", "۔ "), ("، ", "؛ ", "; ", ", "), (" ",))


class BlockKind(Enum):
    TITLE = "title"
    FIELD = "field"  # a metadata line of the header
    RULE = "rule"  # the line under the header
    PARAGRAPH = "paragraph"
    BOILERPLATE = "boilerplate"
    FOLDED = "folded"  # duplicates folded to one line


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    base: str = "auto"  # paragraph direction for the layout
    paragraphs: tuple[Paragraph, ...] = ()  # the paragraphs this block shows or folds
    label: str = ""  # a field's name, laid out apart from its value
    offset: int = 0  # where `text` starts in its paragraph: a piece of a long one

    @property
    def first(self) -> bool:
        """The first block of its paragraph: the one its number and the space above go with."""
        return self.offset == 0


def header_fields(article: Article) -> list[tuple[str, str]]:
    """The header's (label, value) pairs: only what the article states."""
    meta = article.meta
    fields = [
        ("Outlet", meta.outlet),
        ("Published", meta.published.replace("T", " ") if meta.published else None),
        ("Author", meta.author),
        ("Agency", meta.agency),
        ("Dateline", meta.dateline),
    ]
    fields.append(("Source", f"{article.id} · {len(article.paragraphs)} paragraphs"))
    return [(label, value) for label, value in fields if value]


def fold_label(folded: tuple[Paragraph, ...]) -> str:
    """'⋯ 3 paragraphs folded: ¶3–¶5 repeat ¶2' (numbers are the ones analysts cite)."""
    originals = sorted({p.duplicate_of for p in folded if p.duplicate_of is not None})
    count = len(folded)
    noun = "paragraph" if count == 1 else "paragraphs"
    verb = "repeats" if count == 1 else "repeat"
    folded_numbers = _numbers([p.number for p in folded])
    return f"⋯ {count} {noun} folded: {folded_numbers} {verb} {_numbers(originals)}"


def _numbers(numbers: list[int]) -> str:
    """¶2, ¶4–¶7: consecutive numbers as ranges."""
    ranges: list[list[int]] = []
    for number in numbers:
        if ranges and number == ranges[-1][-1] + 1:
            ranges[-1].append(number)
        else:
            ranges.append([number])
    return ", ".join(f"¶{r[0]}" if len(r) == 1 else f"¶{r[0]}–¶{r[-1]}" for r in ranges)


def article_blocks(article: Article, expanded: frozenset[int] = frozenset()) -> list[Block]:
    """The blocks of `article`; a run of duplicates whose first number is in `expanded` is
    shown in full instead of folded."""
    blocks = [Block(BlockKind.TITLE, article.title)]
    blocks += [
        Block(BlockKind.FIELD, value, label=f"{label}: ") for label, value in header_fields(article)
    ]
    blocks.append(Block(BlockKind.RULE, ""))
    run: list[Paragraph] = []
    for paragraph in [*article.paragraphs, None]:
        if paragraph is not None and paragraph.duplicate_of is not None:
            run.append(paragraph)
            continue
        if run:
            if run[0].number in expanded:
                blocks += [block for p in run for block in _paragraph_block(p)]
            else:
                blocks.append(Block(BlockKind.FOLDED, fold_label(tuple(run)), "ltr", tuple(run)))
            run = []
        if paragraph is not None:
            blocks += _paragraph_block(paragraph)
    return blocks


def _paragraph_block(paragraph: Paragraph) -> list[Block]:
    """A paragraph's block; a long one's pieces, so that its first screen is laid out at once
    (a page flattened to one line of megabytes): each piece ends at a sentence's end where one
    is near, and all take the direction of the paragraph's start."""
    kind = BlockKind.BOILERPLATE if paragraph.boilerplate else BlockKind.PARAGRAPH
    text = paragraph.text
    if len(text) <= PIECE:
        return [Block(kind, text, "auto", (paragraph,))]
    base = "rtl" if analyse(text[:PIECE]).rtl else "ltr"
    blocks, start = [], 0
    while start < len(text):
        end = _piece_end(text, start)
        blocks.append(Block(kind, text[start:end], base, (paragraph,), offset=start))
        start = end
    return blocks


def _piece_end(text: str, start: int) -> int:
    """Where a piece that starts at `start` ends: after the last sentence end within PIECE
    characters (in its second half), else a clause's, else a space, else PIECE characters on."""
    end = start + PIECE
    if end >= len(text):
        return len(text)
    window = text[start + PIECE // 2 : end]
    for marks in _BREAKS:
        found = max(window.rfind(mark) for mark in marks)
        if found != -1:
            return start + PIECE // 2 + found + len(marks[0])
    return end
