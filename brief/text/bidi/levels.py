"""Embedding levels of one paragraph by the Unicode Bidirectional Algorithm (UAX #9).

Rules P2-P3, X1-X10, W1-W7, N0-N2 and I1-I2, resolved over the whole paragraph. Line-level rules
(L1-L4) belong to the layout, which applies them to each row after line breaking.
Held to BidiTest.txt and BidiCharacterTest.txt by the tests.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from brief.text.bidi._tables import CLOSING, OPENING, UNASSIGNED
from brief.text.bidi._ucd import bidirectional

MAX_DEPTH = 125
_MAX_BRACKET_STACK = 63

STRONG = frozenset({"L", "R", "AL"})
ISOLATE_INITIATORS = frozenset({"LRI", "RLI", "FSI"})
EMBEDDINGS = frozenset({"LRE", "RLE", "LRO", "RLO"})
# Characters rule X9 takes out of the resolution (they keep a level only for L1 and display).
REMOVED_BY_X9 = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "BN"})
NEUTRAL_OR_ISOLATE = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})
# Canonical equivalents among brackets: U+2329/U+232A pair with U+3008/U+3009 (BD16).
_CANONICAL_BRACKET = {"\u2329": "\u3008", "\u232a": "\u3009"}


_UNASSIGNED_STARTS = [first for first, _, _ in UNASSIGNED]


def bidi_class(char: str) -> str:
    """The Bidi_Class of a character. Unassigned code points take DerivedBidiClass's defaults:
    R or AL in right-to-left blocks (U+05FF), BN for noncharacters, else L."""
    return bidirectional(char) or _unassigned_class(ord(char))


class _Classes(dict[str, str]):
    """Each character's Bidi_Class, remembered (up to a bound: a hostile text may hold any)."""

    def __missing__(self, char: str) -> str:
        found = bidi_class(char)
        if len(self) < 1 << 16:
            self[char] = found
        return found


_CLASSES = _Classes()
# What rules X1-X8 act on: a paragraph without any leaves every level at its own.
_EXPLICIT = EMBEDDINGS | ISOLATE_INITIATORS | {"PDF", "PDI"}


def _unassigned_class(code: int) -> str:
    k = bisect_right(_UNASSIGNED_STARTS, code) - 1
    if k >= 0 and code <= UNASSIGNED[k][1]:
        return UNASSIGNED[k][2]
    return "L"


@dataclass(frozen=True, slots=True)
class ResolvedParagraph:
    """Levels of every character of a paragraph, with the classes L1 needs."""

    base_level: int
    levels: tuple[int, ...]
    classes: tuple[str, ...]


def _matching_pdis(classes: Sequence[str]) -> dict[int, int]:
    """BD9: each isolate initiator's matching PDI, by position."""
    matches: dict[int, int] = {}
    open_initiators: list[int] = []
    for i, cls in enumerate(classes):
        if cls in ISOLATE_INITIATORS:
            open_initiators.append(i)
        elif cls == "PDI" and open_initiators:
            matches[open_initiators.pop()] = i
        elif cls == "B":
            open_initiators.clear()
    return matches


def first_strong_level(
    classes: Sequence[str], start: int = 0, end: int | None = None
) -> int | None:
    """P2-P3: 1 if the first strong character (outside isolates) is R or AL, 0 if L, else None."""
    stop = len(classes) if end is None else end
    depth = 0
    for cls in classes[start:stop]:
        if cls in ISOLATE_INITIATORS:
            depth += 1
        elif cls == "PDI":
            if depth:
                depth -= 1
        elif cls == "B":
            break
        elif depth == 0 and cls in STRONG:
            return 0 if cls == "L" else 1
    return None


def resolve(text: str, base_level: int | None = None) -> ResolvedParagraph:
    """Resolve the levels of `text`, one paragraph; `base_level` None detects it (P2-P3)."""
    return resolve_classes(list(map(_CLASSES.__getitem__, text)), base_level, text)


def resolve_classes(
    classes: Sequence[str], base_level: int | None = None, text: str | None = None
) -> ResolvedParagraph:
    """Resolve levels from bidi classes; `text`, when given, supplies bracket pairs for N0."""
    if base_level is None:
        base_level = first_strong_level(classes) or 0
    pdis = _matching_pdis(classes)
    levels, types = _explicit_levels(classes, base_level, pdis)
    nothing_removed = REMOVED_BY_X9.isdisjoint(classes)
    if nothing_removed:
        kept = list(range(len(classes)))
    else:
        kept = [i for i, cls in enumerate(classes) if cls not in REMOVED_BY_X9]
    # sos and eos compare explicit levels, so the sequences read a copy taken before I1-I2.
    explicit = tuple(levels)
    if _EXPLICIT.isdisjoint(classes):  # one level: one run, one sequence (X10)
        sequences = [kept] if kept else []
    else:
        sequences = _isolating_run_sequences(kept, levels, classes, pdis)
    for sequence in sequences:
        _resolve_sequence(sequence, explicit, levels, types, classes, base_level, text)
    if nothing_removed:
        return ResolvedParagraph(base_level, tuple(levels), tuple(classes))
    # Removed characters take the level of the character before them (display only); a PDF
    # the level after it, outside the embedding it closes.
    previous = base_level
    for i, cls in enumerate(classes):
        if cls in REMOVED_BY_X9:
            levels[i] = previous
        else:
            previous = levels[i]
    following = base_level
    for i in range(len(classes) - 1, -1, -1):
        if classes[i] == "PDF":
            levels[i] = following
        elif classes[i] not in REMOVED_BY_X9:
            following = levels[i]
    return ResolvedParagraph(base_level, tuple(levels), tuple(classes))


def _explicit_levels(
    classes: Sequence[str], base_level: int, pdis: dict[int, int]
) -> tuple[list[int], list[str]]:
    """X1-X8: explicit embedding levels, and classes after directional overrides."""
    levels = [base_level] * len(classes)
    types = list(classes)
    if _EXPLICIT.isdisjoint(classes):  # nothing to do: every level is the paragraph's
        return levels, types
    # Each entry: embedding level, override class ("" for none), isolate status.
    stack: list[tuple[int, str, bool]] = [(base_level, "", False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    for i, cls in enumerate(classes):
        level, override, _ = stack[-1]
        if cls in EMBEDDINGS or cls in ISOLATE_INITIATORS:
            is_isolate = cls in ISOLATE_INITIATORS
            if is_isolate:
                levels[i] = level
                if override:
                    types[i] = override
            rtl = cls in ("RLE", "RLO", "RLI")
            if cls == "FSI":
                end = pdis.get(i, len(classes))
                rtl = first_strong_level(classes, i + 1, end) == 1
            new_level = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new_level <= MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                if is_isolate:
                    valid_isolates += 1
                new_override = {"LRO": "L", "RLO": "R"}.get(cls, "")
                stack.append((new_level, new_override, is_isolate))
            elif is_isolate:
                overflow_isolates += 1
            elif not overflow_isolates:
                overflow_embeddings += 1
        elif cls == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                types[i] = override
        elif cls == "PDF":
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        elif cls == "B":
            levels[i] = base_level
        elif cls != "BN":
            levels[i] = level
            if override:
                types[i] = override
    return levels, types


def _isolating_run_sequences(
    kept: list[int], levels: list[int], classes: Sequence[str], pdis: dict[int, int]
) -> list[list[int]]:
    """X10 / BD13: chain level runs joined by an isolate initiator and its matching PDI."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    run_starting_at = {run[0]: run for run in runs}
    continued = {pdis[run[-1]] for run in runs if run[-1] in pdis}
    sequences = []
    for run in runs:
        if run[0] in continued and classes[run[0]] == "PDI":
            continue
        sequence = list(run)
        while classes[sequence[-1]] in ISOLATE_INITIATORS and sequence[-1] in pdis:
            next_run = run_starting_at.get(pdis[sequence[-1]])
            if next_run is None:
                break
            sequence.extend(next_run)
        sequences.append(sequence)
    return sequences


def _direction(level: int) -> str:
    return "R" if level % 2 else "L"


def _resolve_sequence(
    seq: list[int],
    explicit: Sequence[int],
    levels: list[int],
    types: list[str],
    classes: Sequence[str],
    base_level: int,
    text: str | None,
) -> None:
    """W1-W7, N0-N2 and I1-I2 over one isolating run sequence; levels are raised in place."""
    level = explicit[seq[0]]
    first, last = seq[0], seq[-1]
    kept_before = (i for i in range(first - 1, -1, -1) if classes[i] not in REMOVED_BY_X9)
    kept_after = (i for i in range(last + 1, len(classes)) if classes[i] not in REMOVED_BY_X9)
    before = next((explicit[i] for i in kept_before), None)
    after = next((explicit[i] for i in kept_after), None)
    if classes[last] in ISOLATE_INITIATORS:
        after = None
    sos = _direction(max(level, base_level if before is None else before))
    eos = _direction(max(explicit[last], base_level if after is None else after))
    ts = [types[i] for i in seq]
    n = len(ts)
    present = set(ts)  # rules about classes the sequence does not hold are skipped

    # W1: non-spacing marks take the class of what they follow.
    for k in range(n) if "NSM" in present else ():
        if ts[k] == "NSM":
            if k == 0:
                ts[k] = sos
            else:
                ts[k] = "ON" if ts[k - 1] in ISOLATE_INITIATORS or ts[k - 1] == "PDI" else ts[k - 1]
    # W2, W3: European numbers after Arabic letters are Arabic numbers; AL is R.
    last_strong = sos
    for k in range(n) if "EN" in present and "AL" in present else ():
        if ts[k] in STRONG:
            last_strong = ts[k]
        elif ts[k] == "EN" and last_strong == "AL":
            ts[k] = "AN"
    if "AL" in present:
        ts = ["R" if t == "AL" else t for t in ts]
    # W4: a single separator between two numbers of the same kind joins them.
    separated = "ES" in present or "CS" in present
    for k in range(1, n - 1) if separated else ():
        if ts[k] == "ES" and ts[k - 1] == "EN" and ts[k + 1] == "EN":
            ts[k] = "EN"
        elif ts[k] == "CS" and ts[k - 1] == ts[k + 1] and ts[k - 1] in ("EN", "AN"):
            ts[k] = ts[k - 1]
    # W5: terminators next to European numbers become European numbers.
    k = 0 if "ET" in present else n
    while k < n:
        if ts[k] == "ET":
            end = k
            while end < n and ts[end] == "ET":
                end += 1
            if (k > 0 and ts[k - 1] == "EN") or (end < n and ts[end] == "EN"):
                ts[k:end] = ["EN"] * (end - k)
            k = end
        else:
            k += 1
    # W6: remaining separators and terminators are neutral.
    if separated or "ET" in present:
        ts = ["ON" if t in ("ES", "ET", "CS") else t for t in ts]
    # W7: European numbers in left-to-right context are L.
    last_strong = sos
    for k in range(n) if "EN" in present else ():
        if ts[k] in ("L", "R"):
            last_strong = ts[k]
        elif ts[k] == "EN" and last_strong == "L":
            ts[k] = "L"

    if text is not None:
        _resolve_brackets(seq, ts, classes, text, sos, _direction(level))

    # N1, N2: neutrals between two runs of one direction take it, others the embedding's.
    k = 0
    while k < n:
        if ts[k] in NEUTRAL_OR_ISOLATE:
            end = k
            while end < n and ts[end] in NEUTRAL_OR_ISOLATE:
                end += 1
            prev = sos if k == 0 else _strong_for_neutrals(ts[k - 1])
            following = eos if end == n else _strong_for_neutrals(ts[end])
            resolved = prev if prev == following else _direction(level)
            ts[k:end] = [resolved] * (end - k)
            k = end
        else:
            k += 1

    # I1, I2: implicit levels.
    for i, t in zip(seq, ts, strict=True):
        levels[i] += _RAISED[levels[i] % 2].get(t, 0)


# I1 (even levels) and I2 (odd ones): how much each resolved type raises the level.
_RAISED = ({"R": 1, "AN": 2, "EN": 2}, {"L": 1, "EN": 1, "AN": 1})


def _strong_for_neutrals(t: str) -> str:
    """In N0 and N1, European and Arabic numbers count as strong right-to-left."""
    return "R" if t in ("R", "EN", "AN") else t


def bracket_pairs(seq: list[int], ts: list[str], text: str) -> list[tuple[int, int]]:
    """BD16: positions (in the sequence) of paired brackets, sorted by the opening one."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for k, i in enumerate(seq):
        if ts[k] != "ON":
            continue
        ch = _CANONICAL_BRACKET.get(text[i], text[i])
        if ch in OPENING:
            if len(stack) == _MAX_BRACKET_STACK:
                break
            closing = OPENING[ch]
            stack.append((_CANONICAL_BRACKET.get(closing, closing), k))
        elif ch in CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _resolve_brackets(
    seq: list[int], ts: list[str], classes: Sequence[str], text: str, sos: str, embedding: str
) -> None:
    """N0: paired brackets take the direction of what they enclose, or of their context."""
    for open_k, close_k in bracket_pairs(seq, ts, text):
        inside = {_strong_for_neutrals(t) for t in ts[open_k + 1 : close_k]} & {"L", "R"}
        if not inside:
            continue
        if embedding in inside:
            new = embedding
        else:
            # Only the opposite direction inside: the brackets follow the preceding context.
            new = next(
                (
                    _strong_for_neutrals(t)
                    for t in reversed(ts[:open_k])
                    if _strong_for_neutrals(t) in ("L", "R")
                ),
                sos,
            )
        for k in (open_k, close_k):
            ts[k] = new
            # Marks that followed the bracket before W1 take its new direction.
            m = k + 1
            while m < len(seq) and classes[seq[m]] == "NSM":
                ts[m] = new
                m += 1


_TRAILING = frozenset({"WS", "FSI", "LRI", "RLI", "PDI"}) | REMOVED_BY_X9


def line_levels(paragraph: ResolvedParagraph, start: int, end: int) -> list[int]:
    """L1 for the line paragraph[start:end]: separators, and whitespace before them or at the
    end of the line, return to the paragraph level."""
    levels = list(paragraph.levels[start:end])
    classes = paragraph.classes[start:end]
    reset = True  # the end of the line acts like a separator
    for k in range(len(levels) - 1, -1, -1):
        cls = classes[k]
        if cls in ("S", "B"):
            levels[k] = paragraph.base_level
            reset = True
        elif reset and cls in _TRAILING:
            levels[k] = paragraph.base_level
        else:
            reset = False
    return levels
