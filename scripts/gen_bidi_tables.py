"""Generate brief/text/bidi/_tables.py from the Unicode Character Database.

The engine reads bidi classes and general categories from unicodedata2, pinned to one Unicode
version; the rest comes from the UCD files of that same version (Debian package unicode-data):
the mirrored glyph (L4, BidiMirroring.txt), the bracket pairs (N0, BidiBrackets.txt), and the
classes of unassigned code points (DerivedBidiClass.txt's @missing defaults: R in Hebrew and
other right-to-left blocks, AL in Arabic ones, ET in Currency Symbols, BN for noncharacters and
default ignorables), which unicodedata gives as "".

    python scripts/gen_bidi_tables.py [/usr/share/unicode] > brief/text/bidi/_tables.py
    ruff format brief/text/bidi/_tables.py

The script refuses UCD files of another version than unicodedata2's.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import unicodedata2

# The @missing lines of DerivedBidiClass-15.0.0.txt (the block defaults of unassigned code
# points), which Debian's unicode-data does not ship: used when the UCD folder lacks
# extracted/DerivedBidiClass.txt. Checked against ICU 72 for every unassigned code point.
MISSING_15_0 = """
0590..05FF; Right_To_Left
0600..07BF; Arabic_Letter
07C0..085F; Right_To_Left
0860..08FF; Arabic_Letter
20A0..20CF; European_Terminator
FB1D..FB4F; Right_To_Left
FB50..FDCF; Arabic_Letter
FDF0..FDFF; Arabic_Letter
FE70..FEFF; Arabic_Letter
10800..10CFF; Right_To_Left
10D00..10D3F; Arabic_Letter
10D40..10EBF; Right_To_Left
10EC0..10EFF; Arabic_Letter
10F00..10F2F; Right_To_Left
10F30..10F6F; Arabic_Letter
10F70..10FFF; Right_To_Left
1E800..1EC6F; Right_To_Left
1EC70..1ECBF; Arabic_Letter
1ECC0..1ECFF; Right_To_Left
1ED00..1ED4F; Arabic_Letter
1ED50..1EDFF; Right_To_Left
1EE00..1EEFF; Arabic_Letter
1EF00..1EFFF; Right_To_Left
"""
SHORT_NAMES = {
    "Right_To_Left": "R",
    "Arabic_Letter": "AL",
    "European_Terminator": "ET",
    "Boundary_Neutral": "BN",
    "Left_To_Right": "L",
}


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = line.split("#", 1)[0].strip()
        if data:
            rows.append([field.strip() for field in data.split(";")])
    return rows


def _span(field: str) -> tuple[int, int]:
    first, _, last = field.partition("..")
    return int(first, 16), int(last or first, 16)


def _version(path: Path) -> str:
    found = re.search(r"-(\d+\.\d+\.\d+)\.txt", path.read_text(encoding="utf-8")[:200])
    if not found:
        sys.exit(f"{path}: no version on its first line")
    return found.group(1)


def _missing_defaults(ucd: Path, version: str) -> list[tuple[int, int, str]]:
    """The block defaults of unassigned code points, other than L, in the file's order."""
    derived = ucd / "extracted" / "DerivedBidiClass.txt"
    if derived.exists():
        if _version(derived) != version:
            sys.exit(f"{derived} is not Unicode {version}")
        lines = [
            line.split("@missing:", 1)[1]
            for line in derived.read_text(encoding="utf-8").splitlines()
            if "@missing:" in line
        ]
    elif version == "15.0.0":
        lines = MISSING_15_0.strip().splitlines()
    else:
        sys.exit(f"Unicode {version}: give a UCD folder with extracted/DerivedBidiClass.txt")
    defaults = []
    for line in lines:
        span, name = (field.strip() for field in line.split(";"))
        first, last = _span(span)
        if SHORT_NAMES[name] != "L":
            defaults.append((first, last, SHORT_NAMES[name]))
    return defaults


def _unassigned_defaults(ucd: Path, version: str) -> list[tuple[int, int, str]]:
    """Runs of unassigned code points with a default class other than L. Assigned code points
    inside a run do not break it: the engine looks defaults up only for unassigned ones."""
    boundary_neutral = [
        _span(span)
        for span, prop in _rows(ucd / "DerivedCoreProperties.txt") + _rows(ucd / "PropList.txt")
        if prop in ("Default_Ignorable_Code_Point", "Noncharacter_Code_Point")
    ]
    blocks = _missing_defaults(ucd, version)
    default = ["L"] * 0x110000
    for first, last, cls in blocks:
        default[first : last + 1] = [cls] * (last - first + 1)
    for first, last in boundary_neutral:
        default[first : last + 1] = ["BN"] * (last - first + 1)
    runs: list[tuple[int, int, str]] = []
    current = (0, 0, "L")
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000 or unicodedata2.bidirectional(chr(code)):
            continue  # assigned: its class is unicodedata's
        cls = default[code]
        if cls == current[2]:
            current = (current[0], code, cls)
            continue
        if current[2] != "L":
            runs.append(current)
        current = (code, code, cls)
    if current[2] != "L":
        runs.append(current)
    return runs


def main() -> None:
    ucd = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode")
    version = _version(ucd / "BidiBrackets.txt")
    if version != unicodedata2.unidata_version or _version(ucd / "BidiMirroring.txt") != version:
        sys.exit(
            f"{ucd} is Unicode {version}, unicodedata2 is {unicodedata2.unidata_version}: "
            "use the same version for both"
        )
    mirrors = {int(a, 16): int(b, 16) for a, b in _rows(ucd / "BidiMirroring.txt")}
    brackets = {int(a, 16): (int(b, 16), kind) for a, b, kind in _rows(ucd / "BidiBrackets.txt")}
    out = [
        '"""Bidi tables generated by scripts/gen_bidi_tables.py: do not edit."""',
        "",
        "# The one statement of the Unicode version: unicodedata2 is checked against it.",
        f"UNICODE_VERSION = {version!r}",
        "",
        "# Bidi_Mirroring_Glyph: the character shown for each mirrored one at an odd level (L4).",
        "MIRROR: dict[str, str] = {",
    ]
    out += [f"    {chr(a)!a}: {chr(b)!a}," for a, b in sorted(mirrors.items())]
    out += [
        "}",
        "",
        "# Bidi_Paired_Bracket for opening brackets: opening -> its closing bracket (N0).",
        "OPENING: dict[str, str] = {",
    ]
    out += [
        f"    {chr(a)!a}: {chr(b)!a}," for a, (b, kind) in sorted(brackets.items()) if kind == "o"
    ]
    out += ["}", "", "CLOSING: frozenset[str] = frozenset(", "    ["]
    out += [f"        {chr(a)!a}," for a, (_, kind) in sorted(brackets.items()) if kind == "c"]
    out += [
        "    ]",
        ")",
        "",
        "# Bidi_Class of unassigned code points where not L (DerivedBidiClass): first, last, class",
        "UNASSIGNED: tuple[tuple[int, int, str], ...] = (",
    ]
    out += [f"    (0x{a:04X}, 0x{b:04X}, {c!r})," for a, b, c in _unassigned_defaults(ucd, version)]
    out += [")", ""]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
