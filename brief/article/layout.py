"""An article laid out for a scrolling pane, lazily: only the blocks on screen are laid out.

A block's row count is estimated from its length until it is laid out, so a very long article
opens at once; the scroll range settles as the reader moves through it. Highlights (evidence
quotes, search hits) are spans of the article's text, drawn on the same logical characters after
bidi reordering.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from brief.article.blocks import Block, BlockKind, article_blocks
from brief.article.model import Article, controls_pictured
from brief.text.bidi import (
    BASES,
    Row,
    for_bidi_terminal,
    layout_rows,
    layout_text,
    logical_rows,
    split_paragraphs,
)
from brief.text.bidi.layout import paragraph as analyse

# "app": visual rows; "terminal": logical rows with their direction, for a terminal that
# reorders by itself; "logical": plain logical order (pipes, files). See brief.terminal.
BIDI_MODES = ("app", "terminal", "logical")
EXACT_UP_TO = 200_000  # characters: articles up to this are laid out whole at once
GUTTER = 5  # "¶12 " beside the first row of a paragraph
BLOCK_STYLES = {
    BlockKind.TITLE: Style(bold=True),
    BlockKind.FIELD: Style(dim=True),
    BlockKind.RULE: Style(dim=True),
    BlockKind.BOILERPLATE: Style(dim=True, italic=True),
    BlockKind.FOLDED: Style(dim=True, italic=True),
}
NUMBER_STYLE = Style(dim=True)


@dataclass(frozen=True, slots=True)
class Highlight:
    start: int  # offsets in Article.text
    end: int
    style: Style


@dataclass
class DocumentLayout:
    """The rows of an article at one width, computed block by block as they are needed."""

    article: Article
    width: int
    expanded: frozenset[int] = frozenset()
    shape: bool = False
    base: str = "auto"  # forces the direction of the article's paragraphs
    bidi: str = "app"  # one of BIDI_MODES
    # In terminal mode: the terminal is told each block's direction (brief show's SCP), so it
    # lays a right-to-left row out from the right.
    directed: bool = False
    reveal: bool = False  # show invisible bidi controls as markers (¦RLO¦)
    styled: bool = True  # False: rows for plain text (brief show without colour), made faster
    highlights: tuple[Highlight, ...] = ()
    blocks: list[Block] = field(init=False)
    _rows: dict[int, list[Text]] = field(init=False, default_factory=dict)
    _counts: list[int] = field(init=False)
    _starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        if self.base not in BASES:
            raise ValueError(f"base must be one of {', '.join(BASES)}, not {self.base!r}")
        if self.bidi not in BIDI_MODES:
            raise ValueError(f"bidi must be one of {', '.join(BIDI_MODES)}, not {self.bidi!r}")
        self.article = controls_pictured(self.article)  # the reader's and brief show's alike
        self.blocks = [
            b
            for b in article_blocks(self.article, self.expanded)
            if not (b.paragraphs and b.paragraphs[0].number == self.article.title_paragraph)
        ]
        self._counts = [self._estimate(block) for block in self.blocks]
        self._recount()
        if len(self.article.text) <= EXACT_UP_TO:
            self.lay_out_all()

    def lay_out_all(self) -> None:
        """Exact rows for every block (the scroll range stops moving)."""
        self.block_top(len(self.blocks))

    @property
    def height(self) -> int:
        return self._starts[-1]

    def _text_width(self, block: Block) -> int:
        return self.width - GUTTER if block.kind in _NUMBERED else self.width

    def _estimate(self, block: Block) -> int:
        # One blank row before each paragraph; rows of text estimated from its length.
        blank = 1 if _spaced(block) else 0
        return blank + max(1, -(-len(block.text) // max(self._text_width(block), 1)))

    def _recount(self) -> None:
        self._starts = [0]
        for count in self._counts:
            self._starts.append(self._starts[-1] + count)

    def block_at(self, y: int) -> int:
        """Index of the block holding row `y`."""
        return max(0, bisect.bisect_right(self._starts, y) - 1)

    def block_top(self, index: int) -> int:
        """Row where block `index` starts, laying out the blocks before it exactly."""
        for k in range(index):
            self.rows_of(k)
        return self._starts[index]

    def rows_of(self, index: int) -> list[Text]:
        rows = self._rows.get(index)
        if rows is None:
            rows = self._lay_out(self.blocks[index])
            self._rows[index] = rows
            if len(rows) != self._counts[index]:
                self._counts[index] = len(rows)
                self._recount()
        return rows

    def row(self, y: int) -> Text:
        """Row `y` of the document (an empty row past the end)."""
        if y < 0 or y >= self.height:
            return Text("")
        index = self.block_at(y)
        rows = self.rows_of(index)
        offset = y - self._starts[index]
        if offset >= len(rows):  # the estimate above this row changed: read again
            return self.row(y)
        return rows[offset]

    def blocks_laid_out(self) -> Iterator[tuple[int, list[Text]]]:
        """Each block's rows in order, laid out one at a time and not kept (`brief show`: an
        article of megabytes costs a block's rows at a time)."""
        for index, block in enumerate(self.blocks):
            kept = self._rows.get(index)
            yield index, kept if kept is not None else self._lay_out(block)

    def _lay_out(self, block: Block) -> list[Text]:
        if block.kind is BlockKind.RULE:
            return [Text("─" * self.width, style=NUMBER_STYLE)]
        rows: list[Text] = [Text("")] if _spaced(block) else []
        text = Text(block.text, style=BLOCK_STYLES.get(block.kind) or "")
        if block.kind in _NUMBERED:
            begins = block.paragraphs[0].start + block.offset  # where its text is in the article
            for hl in self.highlights:
                start = max(hl.start - begins, 0)
                end = min(hl.end - begins, len(block.text))
                if start < end:
                    text.stylize(hl.style, start, end)
        lay_out = self._visual_rows if self.bidi == "app" else self._logical_rows
        return rows + lay_out(block, text, self._base(block))

    def _visual_rows(self, block: Block, text: Text, base: str) -> list[Text]:
        if block.label:
            # The value keeps its own direction beside its left-to-right label.
            label = Text(block.label, style=NUMBER_STYLE)
            laid = layout_text(
                text, max(self.width - label.cell_len, 2), base, self.shape, self.reveal
            )
            indent = Text(" " * label.cell_len)
            # Each row starts right after the label: no right-alignment inside a field.
            laid = [row[len(row.plain) - len(row.plain.lstrip(" ")) :] for row in laid]
            return [Text.assemble(label if k == 0 else indent, row) for k, row in enumerate(laid)]
        if block.kind not in _NUMBERED:
            return layout_text(text, self.width, base, self.shape, self.reveal)
        # A right-to-left paragraph starts at the right: its number stands there.
        rtl = self._rtl(block.text, base)
        rows = []
        for k, row in enumerate(self._visual(text, self.width - GUTTER, base, block.first)):
            number = block.paragraphs[0].number if k == 0 and block.first else None
            label = Text(f"¶{number}" if number else "", style=NUMBER_STYLE)
            label.align("right" if rtl else "left", GUTTER - 1)
            rows.append(Text.assemble(row, " ", label) if rtl else Text.assemble(label, " ", row))
        return rows

    def _rtl(self, text: str, base: str) -> bool:
        return base == "rtl" or (
            base == "auto" and analyse(text, base, self.shape, self.reveal).rtl
        )

    def _visual(self, text: Text, width: int, base: str, cached: bool) -> list[Text]:
        """Visual rows of a paragraph's text (`cached`: its analysis kept, but for the pieces
        of a long one); without styles, plain rows, made without a style per glyph."""
        if self.styled or text.spans:
            return layout_text(text, width, base, self.shape, self.reveal, cached)
        [(_, laid)] = layout_rows(text.plain, width, base, self.shape, self.reveal, cached)
        return [Text(row.display(width), style=text.style) for row in laid]

    def _logical(self, text: Text, width: int, base: str, cached: bool) -> list[tuple[Text, bool]]:
        """`logical_rows` of a paragraph's text; without styles, plain rows, made without a
        style per glyph."""
        if self.styled or text.spans:
            return logical_rows(text, width, base, self.reveal, cached)
        laid = layout_rows(text.plain, width, base, False, self.reveal, cached)
        return [
            (Text(row.logical(analysed.text, self.reveal), style=text.style), analysed.rtl)
            for analysed, rows in laid
            for row in rows
        ]

    def _logical_rows(self, block: Block, text: Text, base: str) -> list[Text]:
        """Rows in logical order: our line breaks, the terminal's (or the reader's) bidi."""
        directed = for_bidi_terminal if self.bidi == "terminal" else _undirected
        # A cell for the mark a terminal-mode row may carry, which mlterm counts as a column.
        width = self.width - 1 if self.bidi == "terminal" else self.width
        if block.label:
            label = Text(block.label, style=NUMBER_STYLE)
            laid = logical_rows(text, max(width - label.cell_len, 2), base, self.reveal)
            indent = Text(" " * label.cell_len)
            return [
                directed(Text.assemble(label if k == 0 else indent, row), False)
                for k, (row, _) in enumerate(laid)
            ]
        if block.kind not in _NUMBERED:
            laid = logical_rows(text, width, base, self.reveal)
            return [directed(row, rtl) for row, rtl in laid]
        number = block.paragraphs[0].number
        rows = []
        laid = self._logical(text, width - GUTTER, base, block.first)
        for k, (row, rtl) in enumerate(laid):
            # A terminal that lays a right-to-left row out from the right shows "6¶" in
            # logical order as ¶6: the number stands on the reading side.
            from_the_right = rtl and self.directed and self.bidi == "terminal"
            name = f"{number}¶" if from_the_right else f"¶{number}"
            label = Text(name if k == 0 and block.first else "", style=NUMBER_STYLE)
            label.align("left", GUTTER - 1)
            rows.append(directed(Text.assemble(label, " ", row), rtl))
        return rows

    def block_rtl(self, index: int) -> bool:
        """Is block `index` a right-to-left paragraph? (Its first one, where it holds several.)"""
        block = self.blocks[index]
        if block.label or block.kind is BlockKind.RULE:
            return False
        return self._rtl(split_paragraphs(block.text)[0][1], self._base(block))

    def _base(self, block: Block) -> str:
        return block.base if self.base == "auto" or block.kind not in _NUMBERED else self.base

    def paragraph_row(self, number: int) -> int | None:
        """The first row of paragraph `number` (expanding nothing), or None if folded."""
        for index, block in enumerate(self.blocks):
            if block.kind in _NUMBERED and block.paragraphs[0].number == number:
                return self.block_top(index) + (1 if _spaced(block) else 0)
        return None

    def row_of_offset(self, offset: int) -> int | None:
        """The row showing the character at `offset` of Article.text, if it is shown."""
        for index, block in enumerate(self.blocks):
            if block.kind not in _NUMBERED:
                continue
            begins = block.paragraphs[0].start + block.offset
            if begins <= offset < begins + len(block.text):
                top = self.block_top(index) + (1 if _spaced(block) else 0)
                local = offset - begins
                for k, (start, row) in enumerate(self._text_rows(block)):
                    if any(local - start in g.covers for g in row.glyphs):
                        return top + k
                return top
        return None

    def offset_at(self, y: int, x: int) -> int | None:
        """The offset in Article.text of the character drawn at row `y`, cell `x`, if any: where
        a mouse selection starts or ends."""
        index = self.block_at(y)
        if index >= len(self.blocks) or self.blocks[index].kind not in _NUMBERED:
            return None
        block = self.blocks[index]
        row_number = y - self.block_top(index) - (1 if _spaced(block) else 0)
        laid = self._text_rows(block)
        if not 0 <= row_number < len(laid):
            return None
        start, row = laid[row_number]
        rtl = self.bidi == "app" and self._rtl(block.text, self._base(block))
        cell = x - (0 if rtl else GUTTER) - row.padding(self.width - GUTTER)
        for glyph in row.glyphs:
            if 0 <= cell < max(glyph.cells, 1):
                return block.paragraphs[0].start + block.offset + start + glyph.start
            cell -= glyph.cells
        return None

    def _text_rows(self, block: Block) -> list[tuple[int, Row]]:
        """The rows of a numbered block's text, each with the offset of its paragraph in it."""
        base = self._base(block)
        width = self.width - GUTTER
        laid = layout_rows(block.text, width, base, self.shape, self.reveal)
        return [
            (start, row)
            for (start, _), (_, rows) in zip(split_paragraphs(block.text), laid, strict=True)
            for row in rows
        ]


def _undirected(row: Text, rtl: bool) -> Text:
    return row


_NUMBERED = (BlockKind.PARAGRAPH, BlockKind.BOILERPLATE)
_SPACED = (BlockKind.PARAGRAPH, BlockKind.BOILERPLATE, BlockKind.FOLDED)


def _spaced(block: Block) -> bool:
    """A blank row before it: a paragraph's first block, or a folded run's."""
    return block.kind in _SPACED and block.first
