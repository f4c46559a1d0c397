"""Greedy line breaking on a paragraph's glyphs in logical order (layout.Paragraph's lists):
at spaces and tabs, widths counted in terminal cells."""

from __future__ import annotations

_TAB_OR_SPACE = (" ", "\t")

# (start, end, end of the spaces after it, its cells, theirs), in glyph indices.
Word = tuple[int, int, int, int, int]


def words(texts: list[str], cells: list[int], count: int) -> list[Word]:
    """Each word of the first `count` glyphs; the first may be empty (leading spaces)."""
    found = []
    start = k = 0
    while True:
        word_cells = space_cells = 0
        while k < count and texts[k] not in _TAB_OR_SPACE:
            word_cells += cells[k]
            k += 1
        end = k
        while k < count and texts[k] in _TAB_OR_SPACE:
            space_cells += cells[k]
            k += 1
        found.append((start, end, k, word_cells, space_cells))
        if k >= count:
            return found
        start = k


def break_lines(
    words: list[Word], cells: list[int], riders: dict[int, int], width: int
) -> list[list[int]]:
    """Greedy line breaking on the logical text at spaces; a space run at a break is dropped
    (the invisible controls riding on it, `riders`, kept), a word wider than the row is split
    between glyphs."""
    lines: list[list[int]] = [[]]
    line = lines[0]
    used = 0
    spaces = range(0)
    spaces_cells = 0
    for start, end, spaces_end, word_cells, after in words:
        # A row that shows nothing yet (only marks or controls) is not left alone.
        if used and used + spaces_cells + word_cells > width:
            line = [riders[k] for k in spaces if k in riders]
            lines.append(line)
            used = 0
        else:
            used = _fold_spaces(spaces, line, used, width, cells, riders)
        if used + word_cells <= width:
            line.extend(range(start, end))
            used += word_cells
        else:
            for k in range(start, end):
                if used and used + cells[k] > width:
                    line = []
                    lines.append(line)
                    used = 0
                line.append(k)
                used += cells[k]
        spaces, spaces_cells = range(end, spaces_end), after
    _fold_spaces(spaces, line, used, width, cells, riders)  # the paragraph's last, as fit
    return lines


def _fold_spaces(
    spaces: range, line: list[int], used: int, width: int, cells: list[int], riders: dict[int, int]
) -> int:
    """Spaces before a word on its row, as many as fit (the others' riders kept)."""
    for k in spaces:
        if used + cells[k] <= width:
            line.append(k)
            used += cells[k]
        elif k in riders:
            line.append(riders[k])
    return used
