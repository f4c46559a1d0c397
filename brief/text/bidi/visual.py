"""One-shot text as one row in visual order (a title in `brief list`, a label, a message): the
same characters as laying it out with `layout.Paragraph` at an unbounded width, without its
glyph objects and without its cache, which one-shot text would only fill.

Each character is classed once (shown, hidden, a mark) and a row is a list of strings and a
list of levels: L1's levels, the glyphs' order by L2, mirrored at odd levels (L4)."""

from __future__ import annotations

import unicodedata

from brief.text.bidi._tables import MIRROR
from brief.text.bidi.levels import REMOVED_BY_X9, line_levels, resolve

_SHOWN, _HIDDEN, _MARK = 0, 1, 2


class _Kinds(dict[str, int]):
    """Each character's kind, as layout.Paragraph treats it: hidden (format controls and
    carriage returns show nothing), a combining mark (kept after its base), or shown."""

    def __missing__(self, char: str) -> int:
        category = unicodedata.category(char)
        kind = (
            _HIDDEN
            if char == "\r" or category == "Cf"
            else _MARK
            if category in ("Mn", "Me")
            else _SHOWN
        )
        self[char] = kind
        return kind


class _Visible(dict[str, str]):
    """The character a terminal is sent for each one (layout.visible_char)."""

    def __missing__(self, char: str) -> str:
        from brief.text.bidi.layout import visible_char

        self[char] = shown = visible_char(char)
        return shown


_KINDS = _Kinds()
_VISIBLE = _Visible()


def visual_text(line: str, base_level: int | None) -> str:
    """One paragraph (no line break in it) as one row in visual order, unpadded; `base_level`
    None detects it (P2-P3)."""
    if not line:
        return ""
    if base_level != 1 and line.isascii() and line.isprintable():
        # Left-to-right letters, digits and neutrals at level 0: the order is the text's.
        return line
    resolved = resolve(line, base_level)
    raw = resolved.levels
    classes = resolved.classes
    kinds = _KINDS
    # Glyphs as layout.Paragraph makes them: a base character with the marks after it at its
    # level; a hidden character an empty glyph, or part of the glyph before it if X9 removes it.
    texts: list[str] = []
    starts: list[int] = []
    pending: str | None = None
    pending_level = 0
    for i, char in enumerate(line):
        kind = kinds[char]
        if kind == _HIDDEN:
            if pending is not None and classes[i] in REMOVED_BY_X9:
                continue
            pending = ""
        elif kind == _MARK and pending and pending_level == raw[i]:
            texts[-1] += char
            continue
        else:
            pending = _VISIBLE[char]
        texts.append(pending)
        starts.append(i)
        pending_level = raw[i]
    levels = line_levels(resolved, 0, len(line))
    glyph_levels = [levels[i] for i in starts]
    for k, level in enumerate(glyph_levels):
        if level % 2 and texts[k]:
            text = texts[k]
            texts[k] = MIRROR.get(text[0], text[0]) + text[1:]
    return "".join(reordered(texts, glyph_levels))


def reordered(items: list[str], levels: list[int]) -> list[str]:
    """L2: from the highest level down to the lowest odd one, each run at that level or
    higher reversed."""
    highest = max(levels)
    lowest_odd = min(levels) | 1
    if highest < lowest_odd:
        return items
    order = list(range(len(items)))
    for level in range(highest, lowest_odd - 1, -1):
        k = 0
        n = len(order)
        while k < n:
            if levels[order[k]] >= level:
                end = k + 1
                while end < n and levels[order[end]] >= level:
                    end += 1
                order[k:end] = order[k:end][::-1]
                k = end
            else:
                k += 1
    return [items[k] for k in order]
