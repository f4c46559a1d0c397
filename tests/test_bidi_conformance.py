"""brief.text.bidi held to the Unicode conformance files (Debian package unicode-data)."""

from __future__ import annotations

from collections import Counter

import pytest
from rich.cells import cell_len

from brief.text.bidi import layout
from brief.text.bidi.levels import REMOVED_BY_X9, bidi_class, line_levels, resolve_classes
from tests.bidi_reference import (
    CHARACTER_TEST,
    SEPARATOR_CLASSES,
    UNICODE_DIR,
    apply_l3_l4,
    character_cases,
    is_hidden,
    mirrored,
)

pytestmark = pytest.mark.skipif(
    not CHARACTER_TEST.exists(), reason="needs /usr/share/unicode (Debian package unicode-data)"
)


def _exception_reason(text: str) -> str | None:
    """Why a case is outside what the layout promises to reproduce exactly, if it is."""
    if any(0x80 <= ord(c) < 0xA0 or ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        # Controls are shown as visible pictures (␛) at their level, never sent raw; the file
        # drops the ones rule X9 removes.
        return "control character shown as a picture"
    return None


def test_character_test_through_layout() -> None:
    cases = [
        case
        for case in character_cases()
        if not SEPARATOR_CLASSES & {bidi_class(c) for c in case.text}
    ]
    assert len(cases) > 90_000
    exact = 0
    mismatches: Counter[str] = Counter()
    unexplained = []
    for case in cases:
        text, levels = case.text, list(case.levels)
        order = apply_l3_l4(text, list(case.order), levels)
        expected = "".join(mirrored(text[i], levels[i]) for i in order if not is_hidden(text[i]))
        width = max(cell_len(text) + 4, 8)
        (row,) = layout(text, width, case.base)
        if case.rtl:
            expected = " " * (width - cell_len(expected)) + expected
        if row == expected:
            exact += 1
            continue
        reason = _exception_reason(text)
        mismatches[reason or "unexplained"] += 1
        if reason is None:
            unexplained.append((case.line, text, row, expected))
    share = exact / len(cases)
    print(f"BidiCharacterTest: {exact} of {len(cases)} exact ({share:.4%}); {dict(mismatches)}")
    assert not unexplained[:5], unexplained[:5]
    assert share >= 0.999


def test_bidi_test_levels_all_exact() -> None:
    """BidiTest.txt gives levels for sequences of bidi classes (L1 applied): all must match."""
    checked = 0
    levels: list[str] = []
    failures = []
    with (UNICODE_DIR / "BidiTest.txt").open(encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@Levels:"):
                levels = line.split(":", 1)[1].split()
                continue
            if line.startswith("@"):
                continue
            classes_text, bits = line.split(";")
            classes = classes_text.split()
            for bit, base in ((1, None), (2, 0), (4, 1)):
                if int(bits) & bit:
                    levels_l1 = line_levels(resolve_classes(classes, base), 0, len(classes))
                    got = [
                        "x" if cls in REMOVED_BY_X9 else str(level)
                        for cls, level in zip(classes, levels_l1, strict=True)
                    ]
                    checked += 1
                    if got != levels:
                        failures.append((classes, base, levels, got))
    print(f"BidiTest: {checked - len(failures)} of {checked} exact")
    assert checked > 700_000
    assert failures == []
