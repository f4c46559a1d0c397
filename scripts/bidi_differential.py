"""brief's bidi layout against ICU (PyICU) and GNU FriBidi, row by row.

Every text is laid out by brief.text.bidi at a width; each row's visual order (the logical indices
it shows, left to right, after rules L1 and L2: brief's L3, marks after their base, undone;
invisible controls left out) is compared with the order ICU gives for the same line of the same
paragraph, and with the order from FriBidi's levels for the paragraph; so are the paragraphs
(rule P1: ICU splits them itself) and their directions. Two kinds of text:

- real: every paragraph of the articles in the given folders (default: seeds/) at every width
  from 12 to 120;
- hand-made: random strings over an alphabet of the hard cases (Arabic, Hebrew, Latin, both
  kinds of digits, brackets, harakat, every explicit control, tabs, U+2029 and the other
  paragraph separators, unassigned code points in right-to-left blocks), at random widths.

    python -m scripts.bidi_differential [--random N] [--seed S] [FOLDER...]   (from the root)

Needs PyICU (`apt-get install libicu-dev pkg-config && pip install pyicu`) and `fribidi`
(libfribidi-bin). FriBidi 1.0.8 is of an older Unicode than brief's: a mismatch on a character
it does not know is counted apart.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import icu
import unicodedata2

from brief.text.bidi import layout_rows, split_paragraphs
from brief.text.bidi.levels import REMOVED_BY_X9
from tests.bidi_reference import fribidi_levels, line_order

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = range(12, 121)
ALPHABET = (
    list("abcXYZ אבג ابتسلمة 019٠١٢ ()[]«» .,:;!?-+/%$# ")
    + ["\u064e", "\u0651", "\u0301"]  # harakat, a Latin accent
    + [chr(c) for c in range(0x202A, 0x202F)]  # LRE RLE PDF LRO RLO
    + [chr(c) for c in range(0x2066, 0x206A)]  # LRI RLI FSI PDI
    + ["\u200e", "\u200f", "\u061c", "\u200d", "\t", "\u2029", "\x1c", "\x85"]
    + ["\u05ff", "\u07bf", "\U00010d3f", "\ufdc8", "\u20cf"]  # unassigned, R/AL/ET defaults
)
BASES = {"auto": icu.Bidi.DEFAULT_LTR, "ltr": 0, "rtl": 1}


def hidden(char: str) -> bool:
    return unicodedata2.category(char) == "Cf"


def visible(text: str, order: Sequence[int]) -> tuple[int, ...]:
    return tuple(i for i in order if not hidden(text[i]))


def brief_rows(
    text: str, width: int, base: str
) -> list[tuple[int, str, bool, list[int], tuple[int, ...]]]:
    """(paragraph offset, paragraph, right to left?, the row's indices in the paragraph, its
    visual order in the text) of every row."""
    result = []
    for (offset, line), (analysed, rows) in zip(
        split_paragraphs(text), layout_rows(text, width, base), strict=True
    ):
        for row in rows:
            if row.glyphs:
                # brief keeps marks after their base (L3); the references stop at L2.
                order = [
                    offset + i
                    for glyph in row.glyphs
                    for i in (glyph.origins[::-1] if glyph.level % 2 else glyph.origins)
                ]
                result.append((offset, line, analysed.rtl, row.indices(), visible(text, order)))
    return result


class Icu:
    """ICU's paragraphs of one text (rule P1), and the lines of each (indices in code points)."""

    def __init__(self, text: str, base: str) -> None:
        self.text = text
        self.base = BASES[base]
        whole = icu.Bidi()
        whole.setPara(icu.UnicodeString(text), self.base)
        units = _utf16_offsets(text)
        point = {unit: k for k, unit in enumerate(units)}
        self.paragraphs = {}  # offset -> (end, right to left?)
        for k in range(whole.countParagraphs()):
            start, limit, level = whole.getParagraphByIndex(k)
            self.paragraphs[point[start]] = (point[limit], bool(level % 2))

    def paragraph_rtl(self, start: int) -> bool | None:
        return self.paragraphs[start][1] if start in self.paragraphs else None

    def order(self, offset: int, line: str, indices: list[int]) -> tuple[int, ...]:
        """The visual order of the row holding `indices` (paragraph offsets) of `line`, ICU
        laying out the paragraph on its own (its levels differ when another paragraph comes
        before one that starts with an override: an ICU defect)."""
        paragraph = icu.Bidi()
        paragraph.setPara(icu.UnicodeString(line), self.base)
        units = _utf16_offsets(line)
        point = {unit: k for k, unit in enumerate(units)}
        first, last = indices[0], indices[-1] + 1
        row = paragraph.setLine(units[first], units[last])
        shown = set(indices)
        order = [point[units[first] + u] for u in row.getVisualMap() if units[first] + u in point]
        return tuple(offset + i for i in visible(line, order) if i in shown)


def _utf16_offsets(text: str) -> list[int]:
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    return units


def fribidi_order(line: str, span: range, levels: list[int], base_level: int) -> tuple[int, ...]:
    """L1 at the row's end (FriBidi gave levels for the paragraph as one line), then L2."""
    row = [levels[i] for i in span]
    for k in range(len(row) - 1, -1, -1):
        cls = unicodedata2.bidirectional(line[span[k]])
        if cls not in ("WS", "LRI", "RLI", "FSI", "PDI") and cls not in REMOVED_BY_X9:
            break
        row[k] = base_level
    return visible(line, line_order(span, row))


def compare(texts: list[tuple[str, int, str]], name: str) -> None:
    rows = 0
    icu_off: Counter[str] = Counter()
    fribidi_off: Counter[str] = Counter()
    examples: Counter[str] = Counter()
    paragraphs = sorted(
        {(line, base) for text, _, base in texts for _, line in split_paragraphs(text)}
    )
    fribidi: dict[tuple[str, str], tuple[int, list[int]]] = {}
    if shutil.which("fribidi"):
        for base in BASES:
            lines = [line for line, b in paragraphs if b == base]
            if not lines:
                continue
            results = fribidi_levels(lines, base)
            fribidi.update({(line, base): r for line, r in zip(lines, results, strict=True)})

    def report(counter: Counter[str], kind: str, detail: str) -> None:
        counter[kind] += 1
        examples[kind] += 1
        if examples[kind] <= 3:
            print(f"  {kind}: {detail}")

    for text, width, base in texts:
        reference = Icu(text, base)
        starts = [offset for offset, _ in split_paragraphs(text)]
        if [start for start in starts if text[start:] or start == 0] != sorted(
            reference.paragraphs
        ):
            report(icu_off, "ICU: paragraphs", f"{text!a} {starts} {sorted(reference.paragraphs)}")
        for offset, line, rtl, indices, order in brief_rows(text, width, base):
            rows += 1
            where = f"{text!a} width {width} base {base} row {indices}"
            icu_rtl = reference.paragraph_rtl(offset)
            icu_order = reference.order(offset, line, indices)
            icu_agrees = icu_rtl == rtl and icu_order == order
            levels = fribidi.get((line, base))
            fribidi_agrees = None
            if levels is not None:
                span = range(indices[0], indices[-1] + 1)
                shown = set(indices)
                fribidi_order_ = tuple(
                    offset + i
                    for i in fribidi_order(line, span, levels[1], levels[0])
                    if i in shown
                )
                fribidi_agrees = bool(levels[0]) == rtl and fribidi_order_ == order
            if not icu_agrees:
                kind = "ICU: paragraph direction" if icu_rtl != rtl else "ICU: order"
                kind += ", FriBidi agrees with brief" if fribidi_agrees else ""
                report(icu_off, kind, f"{where}: ICU {icu_order}, brief {order}")
            if fribidi_agrees is False:
                # FriBidi 1.0.8 is of Unicode 12: it reads unassigned code points as L.
                unknown = any(unicodedata2.category(c) == "Cn" or ord(c) > 0x10000 for c in line)
                kind = "FriBidi" + (", unassigned code point" if unknown else "")
                kind += ", ICU agrees with brief" if icu_agrees else ", and ICU"
                report(fribidi_off, kind, f"{where}: FriBidi {fribidi_order_}, brief {order}")
    print(f"{name}: {rows} rows; ICU mismatches {sum(icu_off.values())} {dict(icu_off)}; ", end="")
    print(f"FriBidi mismatches {sum(fribidi_off.values())} {dict(fribidi_off)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--random", type=int, default=20_000, help="hand-made texts")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    real = [
        paragraph
        for folder in args.folders
        for path in sorted(folder.glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n")
        if paragraph
    ]
    compare([(p, width, "auto") for p in real for width in WIDTHS], "real text")
    rng = random.Random(args.seed)
    made = [
        (
            "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60))),
            rng.randint(4, 40),
            rng.choice(list(BASES)),
        )
        for _ in range(args.random)
    ]
    compare(made, "hand-made")


if __name__ == "__main__":
    sys.exit(main())
