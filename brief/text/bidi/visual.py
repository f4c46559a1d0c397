"""One-shot text as one row in visual order (a title in `brief list`, a label, a message): the
same characters as laying it out with `layout.Paragraph` at an unbounded width, without its
glyph objects and without its cache, which one-shot text would only fill.

Each character is classed once (shown, hidden, a mark) and a row is a list of strings and a
list of levels: L1's levels, the glyphs' order by L2, mirrored at odd levels (L4)."""

from __future__ import annotations

import re

from brief.text.bidi import _ucd
from brief.text.bidi._tables import MIRROR
from brief.text.bidi.levels import bidi_class, line_levels, resolve

_SHOWN, _HIDDEN, _MARK = 0, 1, 2
_BASES_BY_LEVEL = {None: "auto", 0: "ltr", 1: "rtl"}


class _Kinds(dict[str, int]):
    """Each character's kind, as layout.Paragraph treats it: hidden (format controls and
    carriage returns show nothing), a combining mark (kept after its base), or shown."""

    def __missing__(self, char: str) -> int:
        category = _ucd.category(char)
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
    """The character a terminal is sent for each one (the output boundary's visible_char)."""

    def __missing__(self, char: str) -> str:
        from brief.text.boundary import visible_char

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
    fast = _right_to_left(line, base_level)
    if fast is not None:
        return fast
    if "\t" in line or any(_KINDS[char] == _HIDDEN for char in line):
        # Rare in one-shot text: where a mark joins its letter across controls, or keeps its
        # own level after a tab, the paragraph's own glyphs decide (uncached).
        from brief.text.bidi.layout import Paragraph

        rows = Paragraph(line, _BASES_BY_LEVEL[base_level]).rows(10**9)
        return "".join(row.text for row in rows)
    resolved = resolve(line, base_level)
    raw = resolved.levels
    kinds = _KINDS
    # Glyphs as layout.Paragraph makes them (nothing hidden here): a base character with the
    # marks after it at its level.
    texts: list[str] = []
    starts: list[int] = []
    pending: str | None = None
    pending_level = 0
    for i, char in enumerate(line):
        if kinds[char] == _MARK and pending and pending_level == raw[i]:
            texts[-1] += char
            continue
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


class _Codes(dict[str, str]):
    """One letter per character for the right-to-left fast path: A Arabic letter, E and N
    European and Arabic digits, C S T common and European separators and terminators, O
    other neutrals, M marks, W the space; x anything else (left-to-right or Hebrew letters,
    controls, other spaces, explicit formatting), which the fast path leaves to the rules."""

    _KNOWN = {"AL": "A", "EN": "E", "AN": "N", "CS": "C", "ES": "S", "ET": "T", "ON": "O"}

    def __missing__(self, char: str) -> str:
        category = _ucd.category(char)
        bidi = bidi_class(char)
        if char == " ":
            code = "W"
        elif category[0] == "C":  # controls, format characters, unassigned…
            code = "x"
        elif bidi == "NSM":
            code = "M" if category in ("Mn", "Me") else "x"
        else:
            code = self._KNOWN.get(bidi, "x")
        self[char] = code
        return code


_CODES = _Codes()
_MIRRORED = str.maketrans(MIRROR)
_NUMBER_SEPARATOR = (re.compile(r"(?<=E)[CS](?=E)"), re.compile(r"(?<=N)C(?=N)"))
_TERMINATORS = re.compile("T+")
_RUNS = re.compile("([EN]+)|[^EN]+")
_GLYPH = re.compile("[^M]M*|M+")


def _right_to_left(line: str, base_level: int | None) -> str | None:
    """The visual row of a right-to-left paragraph that holds no left-to-right letter and no
    explicit formatting, or None for any other.

    Such a paragraph needs few of the rules. Its base level is 1 (its first strong character
    is an Arabic letter, or it is given), so every strong type and every number counts as R
    for N0-N2: brackets and other neutrals resolve to R. Digits are numbers after W1-W6, and
    separators and terminators W4 and W5 join to them; numbers are at level 2, all else at
    level 1. So the row is the glyphs in reverse, mirrored, each run of numbers kept in its
    own order."""
    if base_level == 0:
        return None
    codes = "".join(map(_CODES.__getitem__, line))
    if "x" in codes or (base_level is None and "A" not in codes):
        return None
    resolved = codes
    if "M" in codes:  # W1: a mark is of the type before it (R at the start: sos)
        resolved = re.sub("(?<=(.))M+", lambda m: m[1] * len(m[0]), resolved)
        resolved = re.sub("^M+", lambda m: "R" * len(m[0]), resolved)
    first = resolved.find("A")
    if first >= 0:  # W2: digits after an Arabic letter are Arabic numbers
        resolved = resolved[:first] + resolved[first:].replace("E", "N")
    for separator in _NUMBER_SEPARATOR:  # W4
        resolved = separator.sub(lambda m: m.string[m.start() - 1], resolved)
    if "T" in resolved:  # W5: terminators next to European numbers are European numbers
        resolved = _TERMINATORS.sub(_terminators, resolved)
    pieces = []
    for run in _RUNS.finditer(resolved):
        start, end = run.span()
        text = line[start:end]
        if run[1] is None:  # level 1: reversed glyph by glyph, mirrored
            glyphs = codes[start:end]
            text = text.translate(_MIRRORED)
            text = _reversed_glyphs(text, glyphs) if "M" in glyphs else text[::-1]
        pieces.append(text)
    return "".join(reversed(pieces))


def _terminators(run: re.Match[str]) -> str:
    resolved = run.string
    start, end = run.span()
    beside = (start > 0 and resolved[start - 1] == "E") or (
        end < len(resolved) and resolved[end] == "E"
    )
    return "E" * (end - start) if beside else run[0]


def _reversed_glyphs(text: str, codes: str) -> str:
    """`text` in reverse, glyph by glyph: each mark stays after the character it follows."""
    return "".join(text[g.start() : g.end()] for g in reversed(list(_GLYPH.finditer(codes))))
