"""Arabic-aware folding for matching: what an analyst types should find how an outlet spelled it.

Harakat and tatweel are ignored, alef forms unified, ta marbuta/ha and alef maqsura/ya folded,
Arabic-Indic and Persian digits read as Latin ones, Latin case folded. Folding keeps a map back
to the original characters, so a match can be highlighted on the exact source text.
"""

from __future__ import annotations

import unicodedata

_MAP = {
    **dict.fromkeys("أإآٱ", "ا"),
    "ة": "ه",
    "ى": "ي",
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian (extended) digits
}
_TATWEEL = "\u0640"


def _dropped(char: str) -> bool:
    # Harakat and other marks, tatweel, and invisible format controls (RLM, ZWJ…).
    return char == _TATWEEL or unicodedata.category(char) in ("Mn", "Me", "Cf")


def fold_char(char: str) -> str:
    if _dropped(char):
        return ""
    mapped = _MAP.get(char)
    if mapped is not None:
        return mapped
    # Presentation forms (shaped letters) back to the letters they show, then case.
    if "\ufb50" <= char <= "\ufeff":
        return "".join(fold_char(c) for c in unicodedata.normalize("NFKC", char))
    return char.casefold()


def fold(text: str) -> str:
    return "".join(fold_char(char) for char in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index in `text` it comes from."""
    folded: list[str] = []
    origins: list[int] = []
    for i, char in enumerate(text):
        for out in fold_char(char):
            folded.append(out)
            origins.append(i)
    return "".join(folded), origins


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans [start, end) of `text` matching `needle` after folding both, left to right.

    A span ends after the marks that follow its last letter, so a highlight covers them too.
    """
    target = fold(needle)
    if not target:
        return []
    folded, origins = fold_with_map(text)
    spans = []
    start = folded.find(target)
    while start != -1:
        end = origins[start + len(target) - 1] + 1
        while end < len(text) and _dropped(text[end]) and text[end] != _TATWEEL:
            end += 1
        spans.append((origins[start], end))
        start = folded.find(target, start + len(target))
    return spans
