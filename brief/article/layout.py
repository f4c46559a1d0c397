"""An article laid out for a scrolling pane, lazily: only the blocks on screen are laid out.

A block's row count is estimated from its length until it is laid out, so a very long article
opens at once; the scroll range settles as the reader moves through it. Highlights (evidence
quotes, search hits) are spans of the article's text, drawn on the same logical characters after
bidi reordering.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from brief.article.blocks import Block, BlockKind, article_blocks
from brief.article.model import Article
from brief.text.bidi import BASES, layout_rows, layout_text
from brief.text.bidi.layout import paragraph as analyse

BIDI_MODES = ("app", "terminal")
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
    bidi: str = "app"  # "terminal": logical order, for terminals that do bidi themselves
    reveal: bool = False  # show invisible bidi controls as markers (¦RLO¦)
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
        blank = 1 if block.kind in _SPACED else 0
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

    def _lay_out(self, block: Block) -> list[Text]:
        if block.kind is BlockKind.RULE:
            return [Text("─" * self.width, style=NUMBER_STYLE)]
        rows: list[Text] = [Text("")] if block.kind in _SPACED else []
        text = Text(block.text, style=BLOCK_STYLES.get(block.kind) or "")
        base = self._base(block)
        if block.label:
            # The value keeps its own direction beside its left-to-right label.
            label = Text(block.label, style=NUMBER_STYLE)
            laid = self._rows_of_text(text, max(self.width - label.cell_len, 2), base)
            indent = Text(" " * label.cell_len)
            # Each row starts right after the label: no right-alignment inside a field.
            laid = [row[len(row.plain) - len(row.plain.lstrip(" ")) :] for row in laid]
            return [Text.assemble(label if k == 0 else indent, row) for k, row in enumerate(laid)]
        if block.kind not in _NUMBERED:
            return rows + self._rows_of_text(text, self.width, base)
        paragraph = block.paragraphs[0]
        for hl in self.highlights:
            start = max(hl.start - paragraph.start, 0)
            end = min(hl.end - paragraph.start, len(paragraph.text))
            if start < end:
                text.stylize(hl.style, start, end)
        # A right-to-left paragraph starts at the right: its number stands there.
        rtl = self.bidi == "app" and analyse(block.text, base, self.shape, self.reveal).rtl
        for k, row in enumerate(self._rows_of_text(text, self.width - GUTTER, base)):
            label = Text(f"¶{paragraph.number}" if k == 0 else "", style=NUMBER_STYLE)
            label.align("right" if rtl else "left", GUTTER - 1)
            rows.append(Text.assemble(row, " ", label) if rtl else Text.assemble(label, " ", row))
        return rows

    def _rows_of_text(self, text: Text, width: int, base: str) -> list[Text]:
        if self.bidi == "terminal":
            # Logical order for a terminal that reorders by itself: our breaks, its bidi.
            [(_, laid)] = layout_rows(text.plain, width, base, False, self.reveal)
            return [Text(row.logical(text.plain, self.reveal), style=text.style) for row in laid]
        return layout_text(text, width, base, self.shape, self.reveal)

    def _base(self, block: Block) -> str:
        return block.base if self.base == "auto" or block.kind not in _NUMBERED else self.base

    def paragraph_row(self, number: int) -> int | None:
        """The first row of paragraph `number` (expanding nothing), or None if folded."""
        for index, block in enumerate(self.blocks):
            if block.kind in _NUMBERED and block.paragraphs[0].number == number:
                return self.block_top(index) + (1 if block.kind in _SPACED else 0)
        return None

    def row_of_offset(self, offset: int) -> int | None:
        """The row showing the character at `offset` of Article.text, if it is shown."""
        for index, block in enumerate(self.blocks):
            if block.kind not in _NUMBERED:
                continue
            paragraph = block.paragraphs[0]
            if paragraph.start <= offset < paragraph.start + len(paragraph.text):
                top = self.block_top(index) + (1 if block.kind in _SPACED else 0)
                local = offset - paragraph.start
                base = self._base(block)
                [(_, laid)] = layout_rows(
                    block.text, self.width - GUTTER, base, self.shape, self.reveal
                )
                for k, row in enumerate(laid):
                    if any(local in g.covers for g in row.glyphs):
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
        paragraph = block.paragraphs[0]
        row_number = y - self.block_top(index) - (1 if block.kind in _SPACED else 0)
        base = self._base(block)
        width = self.width - GUTTER
        [(analysed, laid)] = layout_rows(block.text, width, base, self.shape, self.reveal)
        if not 0 <= row_number < len(laid):
            return None
        row = laid[row_number]
        rtl = self.bidi == "app" and analysed.rtl
        cell = x - (0 if rtl else GUTTER) - row.padding(width)
        for glyph in row.glyphs:
            if 0 <= cell < max(glyph.cells, 1):
                return paragraph.start + glyph.start
            cell -= glyph.cells
        return None


_NUMBERED = (BlockKind.PARAGRAPH, BlockKind.BOILERPLATE)
_SPACED = (BlockKind.PARAGRAPH, BlockKind.BOILERPLATE, BlockKind.FOLDED)
