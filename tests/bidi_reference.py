"""Independent references for the bidi tests: the Unicode conformance file and GNU FriBidi."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from brief.text.bidi._tables import MIRROR

UNICODE_DIR = Path("/usr/share/unicode")
CHARACTER_TEST = UNICODE_DIR / "BidiCharacterTest.txt"
FRIBIDI = shutil.which("fribidi")
# Paragraph separators (B) and segment separators (S) are outside the layout's contract.
SEPARATOR_CLASSES = frozenset({"B", "S"})


@dataclass(frozen=True)
class CharacterCase:
    line: int
    text: str
    base: str  # "ltr" | "rtl" | "auto"
    rtl: bool  # the resolved paragraph direction
    levels: tuple[int | None, ...]  # None for characters removed by rule X9
    order: tuple[int, ...]  # visual order of logical indices, L1-L2 applied (not L3, L4)


def character_cases() -> list[CharacterCase]:
    cases = []
    with CHARACTER_TEST.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            points, direction, paragraph_level, levels, order = line.split(";")
            cases.append(
                CharacterCase(
                    number,
                    "".join(chr(int(p, 16)) for p in points.split()),
                    {"0": "ltr", "1": "rtl", "2": "auto"}[direction],
                    paragraph_level == "1",
                    tuple(None if lv == "x" else int(lv) for lv in levels.split()),
                    tuple(int(i) for i in order.split()),
                )
            )
    return cases


def apply_l3_l4(
    text: str, order: list[int], levels: Sequence[int | None] | Mapping[int, int]
) -> list[int]:
    """L3 on a visual order: combining marks at an odd level, which reversal put before their
    base, go back after it. (L4, mirroring, is applied when the order is turned into text.)"""
    result = list(order)
    k = 0
    while k < len(result):
        level = levels[result[k]]
        if level is not None and level % 2 and is_mark(text[result[k]]):
            end = k
            while end < len(result) and is_mark(text[result[end]]) and levels[result[end]] == level:
                end += 1
            if end < len(result) and levels[result[end]] == level:
                result[k : end + 1] = result[k : end + 1][::-1]
                k = end + 1
                continue
        k += 1
    return result


def is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def is_hidden(char: str) -> bool:
    """Format controls are invisible: a terminal row does not show them."""
    return unicodedata.category(char) == "Cf"


def mirrored(char: str, level: int | None) -> str:
    return MIRROR.get(char, char) if level is not None and level % 2 else char


def fribidi_levels(paragraphs: list[str], base: str) -> list[tuple[int, list[int]]]:
    """(paragraph level, embedding levels) of each paragraph from GNU FriBidi's command line."""
    assert FRIBIDI is not None
    flag = {"auto": "--wltr", "ltr": "--ltr", "rtl": "--rtl"}[base]
    result = subprocess.run(
        [FRIBIDI, "--levels", "--basedir", "--novisual", "--nobreak", flag],
        input="\n".join(paragraphs) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    return [
        (int(direction.endswith("R")), [int(level) for level in levels.split()])
        for direction, levels in zip(lines[::2], lines[1::2], strict=True)
    ]


def reorder_row(text: str, indices: list[int], levels: list[int], base_level: int) -> str:
    """L1-L4 from scratch for one row: the logical indices it holds, in logical order."""
    row_levels = [levels[i] for i in indices]
    k = len(indices) - 1
    while k >= 0 and unicodedata.bidirectional(text[indices[k]]) in ("WS", "LRI", "RLI", "PDI"):
        row_levels[k] = base_level
        k -= 1
    level_of = dict(zip(indices, row_levels, strict=True))
    visual = apply_l3_l4(text, line_order(indices, row_levels), level_of)
    return "".join(mirrored(text[i], level_of[i]) for i in visual)


def line_order(indices: Sequence[int], row_levels: Sequence[int]) -> list[int]:
    """L2: a line's logical indices in visual order, from their levels after L1."""
    order = list(range(len(indices)))
    for level in range(max(row_levels, default=0), (min(row_levels, default=0) | 1) - 1, -1):
        k = 0
        while k < len(order):
            if row_levels[order[k]] >= level:
                end = k
                while end < len(order) and row_levels[order[end]] >= level:
                    end += 1
                order[k:end] = order[k:end][::-1]
                k = end
            else:
                k += 1
    return [indices[k] for k in order]
