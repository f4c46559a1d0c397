"""The editing model of the text fields (brief.text.bidi.caret): caret positions against
brief.text.bidi's own index map and GNU FriBidi's visual order, over Arabic, mixed text and
harakat."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from brief.text.bidi import layout_rows
from brief.text.bidi.caret import CaretLayout, CaretRow, History, Snapshot, caret_layout, one_line
from tests.bidi_reference import FRIBIDI
from tests.test_bidi_properties import ALPHABET

MIXED = "اجتماع 2025 في Tunis (الأول)"
HARAKAT = "مُحَمَّد"
SEEDS = Path(__file__).parent.parent / "seeds"

texts = st.text(alphabet=ALPHABET + "\t\x1b\u202e", max_size=80)
widths = st.one_of(st.none(), st.integers(min_value=3, max_value=40))
bases = st.sampled_from(["auto", "ltr", "rtl"])


def _shown(row: CaretRow, width: int) -> str:
    return "".join(text for text, _ in row.cells(width))


def _walk_left(layout: CaretLayout) -> list[int]:
    """Positions visited pressing Left from the right end of the first row to the last stop."""
    position: int | None = layout.rows[0].slots[-1].start
    if layout.rtl is False:  # left-to-right: the right end of the text is on its last row
        position = layout.rows[-1].slots[-1].start
    visited = []
    while position is not None:
        visited.append(position)
        position = layout.left(position)
    return visited


def _engine_order(text: str, base: str = "auto") -> list[int]:
    """The logical start of each glyph of brief.text.bidi's unwrapped row, left to right."""
    [(_, [row])] = layout_rows(text, 10**9, base, reveal=True)
    return [min(glyph.origins) for glyph in row.glyphs if glyph.origins]


def test_mixed_text_caret_follows_the_cells_of_the_engines_row() -> None:
    layout = caret_layout(MIXED)
    assert layout.rtl
    [row] = layout.rows
    [(_, [engine_row])] = layout_rows(MIXED, 10**9, reveal=True)
    # Drawn as the engine lays it out, with the end slot's cell on the left of the text.
    assert _shown(row, layout.width) == " " + engine_row.text == " (لوألا) Tunis يف 2025 عامتجا"
    slots = row.slots
    assert [slot.start for slot in slots[1:]] == _engine_order(MIXED)
    assert slots[0].start == len(MIXED) and slots[0].x == 0
    # Logical 0 is the rightmost cell; "Tunis" reads left to right inside the Arabic.
    assert layout.slot(0).x == layout.width - 1
    tunis = MIXED.index("Tunis")
    assert [layout.slot(tunis + k).x for k in range(5)] == [9, 10, 11, 12, 13]
    # At the direction boundaries the caret follows the cells: left of "T" is the space after
    # "Tunis" (logically later), right of its "s" the space before it.
    assert layout.left(tunis) == tunis + 5
    assert layout.left(tunis + 4) == tunis + 3
    assert layout.right(tunis + 4) == tunis - 1


def test_harakat_stay_with_their_letter() -> None:
    layout = caret_layout(HARAKAT)
    # م ُ ح َ م ّ َ د: the caret stands before each letter, never between it and its marks.
    assert layout.stops == (0, 2, 4, 7, 8)
    assert [slot.start for slot in layout.rows[0].slots] == [8, 7, 4, 2, 0]
    assert all(layout.snap(p) in (0, 2, 4, 7) for p in range(8))
    assert layout.cluster_end(4) == 7  # Delete takes م with its shadda and fatha
    assert layout.slot(5) == layout.slot(4)  # inside a cluster: drawn on it


def test_lam_alef_is_one_stop_when_shaped() -> None:
    unshaped, shaped = caret_layout("سلام"), caret_layout("سلام", shape=True)
    assert unshaped.stops == (0, 1, 2, 3, 4)
    assert shaped.stops == (0, 1, 3, 4)  # ل and ا share one cell: the ligature ﻼ
    assert [glyph.text for glyph in shaped.rows[0].glyphs] == ["ﻡ", "ﻼ", "ﺳ"]


def test_revealed_controls_are_one_stop_each() -> None:
    text = "أمر \u202eمعكوس\u202c هنا"
    layout = caret_layout(text)
    row = _shown(layout.rows[0], layout.width)
    assert "¦RLO¦" in row and "¦PDF¦" in row
    rlo = text.index("\u202e")
    assert layout.slot(rlo).cells == 5 and rlo + 1 in layout.stops


def test_ltr_paragraph_with_an_arabic_run() -> None:
    layout = caret_layout("abc (אבג) تونس")
    assert not layout.rtl
    assert _walk_left(layout)[0] == len("abc (אבג) تونس")  # the end: right of the text
    assert layout.slot(0).x == 0


def test_words_move_by_visual_order() -> None:
    layout = caret_layout(MIXED)
    starts = [0, MIXED.index("2025"), MIXED.index("في"), MIXED.index("Tunis")]
    position: int | None = 0
    visited = []
    while (position := layout.word_left(position)) is not None:  # type: ignore[arg-type]
        visited.append(position)
    # From the right: 2025, في, Tunis, then (الأول) from its first letter, and the end.
    assert visited == [*starts[1:], MIXED.index("الأول"), len(MIXED)]
    assert layout.word_right(MIXED.index("Tunis")) == MIXED.index("في")


def test_word_deletion_bounds_are_logical_and_keep_harakat() -> None:
    text = "قال مُحَمَّد اليوم"
    layout = caret_layout(text)
    end = text.index(" اليوم")
    assert layout.word_start_before(end) == text.index("مُحَمَّد")
    assert layout.word_end_after(text.index(" مُ")) == end


def test_wrapped_rows_are_the_engines_rows_at_one_cell_less() -> None:
    text = "اجتماع 2025 في Tunis (الأول) وبعد ذلك"
    layout = caret_layout(text, 12)
    [(_, engine_rows)] = layout_rows(text, 11, reveal=True)
    assert [_shown(row, 12) for row in layout.rows] == [row.display(12) for row in engine_rows]
    # The space dropped at each break is a caret stop drawn left of its row's end.
    first_break = text.index(" في")
    assert layout.slot(first_break).row == 0 and layout.slot(first_break).x == 0
    assert layout.left(first_break) == first_break + 1  # on to the next row's first letter
    assert layout.slot(first_break + 1).row == 1


def test_selection_covers_exactly_the_cells_of_its_characters() -> None:
    layout = caret_layout(MIXED)
    low, high = MIXED.index("في"), MIXED.index("unis")  # "في T", across a direction change
    [(_, [engine_row])] = layout_rows(MIXED, 10**9, reveal=True)
    chosen = {g.cluster for g in layout.rows[0].glyphs if low <= g.cluster < high}
    expected = {
        min(glyph.origins)
        for glyph in engine_row.glyphs
        if set(glyph.origins) <= set(range(low, high))
    }
    assert chosen == expected == {low, low + 1, low + 2, low + 3}
    shown = [g.x for g in layout.rows[0].glyphs if low <= g.cluster < high]
    assert shown != list(range(min(shown), max(shown) + 1))  # on screen: two places


@pytest.mark.skipif(FRIBIDI is None, reason="needs fribidi (libfribidi-bin)")
def test_caret_order_is_fribidis_visual_order() -> None:
    """Left to right, the slots' positions are GNU FriBidi's visual-to-logical map with the
    harakat after their letter (--reordernsm), for the seeds' paragraphs and mixed text."""
    paragraphs = [MIXED, HARAKAT, "abc (אבג) تونس", "رقم 12.5% من [الأصوات]", "«نعم» قال: OK!"]
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs += [line for line in path.read_text(encoding="utf-8").split("\n") if line]
    result = subprocess.run(
        [FRIBIDI, "--nopad", "--nobreak", "--reordernsm", "--vtol", "--novisual"],
        input="\n".join(paragraphs) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    maps = [[int(i) for i in line.split()] for line in result.stdout.splitlines()]
    assert len(maps) == len(paragraphs)
    for text, visual_to_logical in zip(paragraphs, maps, strict=True):
        layout = caret_layout(text)
        expected = [i for i in visual_to_logical if unicodedata.category(text[i]) != "Mn"]
        shown = [slot.start for slot in layout.rows[0].slots if slot.start < len(text)]
        assert shown == expected, text


@settings(max_examples=300, deadline=None)
@given(texts, widths, bases, st.booleans())
# Found by hypothesis: a lone mark before a control wider than the row (no row may show
# nothing); a control riding on a space dropped at a break (the row shows it alone).
@example(text="\u064e\u200e", width=3, base="auto", shape=False)
@example(text="000000000000 \u200d", width=3, base="auto", shape=False)
def test_walking_left_visits_every_caret_position_once(
    text: str, width: int | None, base: str, shape: bool
) -> None:
    layout = caret_layout(text, width, base, shape)
    visited = _walk_left(layout)
    assert sorted(visited) == list(layout.stops)
    if width is None:  # one row: strictly leftwards, cell by cell
        xs = [layout.slot(p).x for p in visited]
        assert xs == sorted(xs, reverse=True) and len(set(xs)) == len(xs)


@settings(max_examples=300, deadline=None)
@given(texts, widths, bases, st.booleans())
def test_logical_to_visual_to_logical_is_the_identity(
    text: str, width: int | None, base: str, shape: bool
) -> None:
    layout = caret_layout(text, width, base, shape)
    for position in layout.stops:
        slot = layout.slot(position)
        assert slot.start == position
        if width is None:  # wrapped rows may stack dropped spaces on the edge cell
            assert layout.position_at(slot.row, slot.x) == position
        step = layout.left(position)
        assert step is None or layout.right(step) == position


@settings(max_examples=200, deadline=None)
@given(texts, bases)
def test_every_character_is_in_exactly_one_cluster(text: str, base: str) -> None:
    layout = caret_layout(text, None, base)
    clusters = [(s, layout.slot(s).end) for s in layout.stops if s < len(text)]
    covered = [i for start, end in clusters for i in range(start, end)]
    if clusters:
        assert covered == list(range(len(text)))
    # A cluster never starts on a mark that has a letter before it.
    for start, _ in clusters[1:]:
        assert unicodedata.category(text[start]) != "Mn" or text[start - 1] in " \t"


def test_history_groups_a_typing_run_and_keeps_a_paste_apart() -> None:
    history = History()
    state = Snapshot("", 0, 0)
    for k, char in enumerate("تونس"):
        after = Snapshot(state.text + char, k + 1, k + 1)
        history.record(state, after, now=k * 0.1)
        state = after
    pasted = Snapshot(state.text + " 2025", 9, 9)
    history.record(state, pasted, now=1.0)
    assert history.undo() == state  # the paste
    assert history.undo() == Snapshot("", 0, 0)  # the whole word typed
    assert history.undo() is None
    assert history.redo() == state


def test_history_run_ends_when_the_caret_moves_or_after_a_pause() -> None:
    history = History()
    history.record(Snapshot("", 0, 0), Snapshot("a", 1, 1), now=0)
    history.record(Snapshot("a", 0, 0), Snapshot("ba", 1, 1), now=0.1)  # the caret moved
    history.record(Snapshot("ba", 1, 1), Snapshot("bca", 2, 2), now=5)  # after a pause
    history.record(Snapshot("bca", 2, 2), Snapshot("ba", 1, 1), now=5.1)  # backspace
    assert [history.undo() for _ in range(4)] == [
        Snapshot("bca", 2, 2),
        Snapshot("ba", 1, 1),
        Snapshot("a", 0, 0),
        Snapshot("", 0, 0),
    ]


def test_one_line_turns_every_line_break_into_a_space() -> None:
    assert one_line("أ\r\nب\nج\rد\u2028ه") == "أ ب ج د ه"
