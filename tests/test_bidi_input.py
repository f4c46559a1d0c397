"""The right-to-left text fields, driven by key presses in a small app and in the reader: what
is stored (logical order) and what the row shows (brief.text.bidi's visual row), key by key."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style
from textual import events, on
from textual.app import App, ComposeResult
from textual.command import CommandList
from textual.geometry import Offset
from textual.strip import Strip
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, TextArea

from brief.text.bidi import layout_rows
from brief.text.bidi.caret import caret_layout
from brief.tui.app import BriefApp
from brief.tui.widgets.bidi_input import BidiInput
from brief.tui.widgets.bidi_palette import BidiCommandInput
from brief.tui.widgets.bidi_text_area import BidiTextArea
from tests.tui_helpers import loaded, make_corpus

MIXED = "اجتماع 2025 في Tunis (الأول)"  # 28 cells: wider than the fields' 24
SHORT = "اجتماع (2025) في Tunis"
HARAKAT = "مُحَمَّد"
WIDTH = 30  # the field's width; its text is 24 cells (border and padding take 6)


class FieldApp(App[None]):
    CSS = f"BidiInput, Input {{ width: {WIDTH}; }} BidiTextArea {{ width: 24; height: 8; }}"

    def __init__(self, *fields: Callable[[], Widget]) -> None:
        super().__init__()
        self.fields = fields  # made in compose: an Input with a value needs a running app
        self.changes: list[str] = []
        self.submitted: list[str] = []
        self.area_changes = 0

    def compose(self) -> ComposeResult:
        for make in self.fields:
            field = make()
            if isinstance(field, BidiInput | BidiTextArea):
                field.cursor_blink = False  # the cursor always drawn, for the assertions
            yield field

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.changes.append(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.submitted.append(event.value)

    @on(TextArea.Changed)
    def _area_changed(self) -> None:
        self.area_changes += 1


def _keys(text: str) -> list[str]:
    """The keys pilot.press needs to send each character as a terminal does (pilot finds a
    character such as a haraka or « only by its Unicode name)."""
    return [char if char.isalnum() else unicodedata.name(char) for char in text]


def _visual(text: str, width: int) -> str:
    """brief.text.bidi's row for `text`, as a terminal `width` cells wide shows it."""
    [(_, [row])] = layout_rows(text, 10**9, reveal=True)
    return row.display(width).ljust(width)


def _columns(strip: Strip, style: Style) -> list[int]:
    """The cells of `strip` drawn in `style`'s colours."""
    columns, x = [], 0
    for segment in strip:
        width = cell_len(segment.text)
        shown = segment.style or Style()
        if all(
            getattr(style, name) is None or getattr(shown, name) == getattr(style, name)
            for name in ("color", "bgcolor")
        ):
            columns += range(x, x + width)
        x += width
    return columns


def _cursor_column(field: BidiInput) -> int:
    [column] = _columns(field.render_line(0), field.get_component_rich_style("input--cursor"))
    return column


async def test_arabic_typed_key_by_key_is_stored_logically_and_shown_as_it_reads() -> None:
    app = FieldApp(lambda: BidiInput(id="field"))
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()
        await pilot.press(*SHORT)
        assert field.value == SHORT
        width = field.scrollable_content_region.width
        assert width == 24
        # Right-aligned, Tunis and the digits left to right, the brackets mirrored.
        assert field.render_line(0).text == _visual(SHORT, width) == "  Tunis يف (2025) عامتجا"
        # The caret is at the end: the cell left of the text, where the next letter goes.
        assert _cursor_column(field) == width - len(SHORT) - 1
        assert app.changes[-1] == SHORT and len(app.changes) == len(SHORT)
        await pilot.press("enter")
        assert app.submitted == [SHORT]


async def test_left_right_move_on_screen_and_home_end_to_the_logical_ends() -> None:
    app = FieldApp(lambda: BidiInput(MIXED))
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()
        await pilot.press("home")
        assert field.cursor_position == 0 and _cursor_column(field) == 23  # the rightmost cell
        await pilot.press("left")
        assert field.cursor_position == 1 and _cursor_column(field) == 22
        tunis = MIXED.index("Tunis")
        field.cursor_position = tunis
        start = _cursor_column(field)
        await pilot.press("right")  # right of "T" is "u": logically next, in this LTR run
        assert field.cursor_position == tunis + 1 and _cursor_column(field) == start + 1
        await pilot.press("left", "left")  # left of "T": the space after "Tunis"
        assert field.cursor_position == tunis + 5 and _cursor_column(field) == start - 1
        await pilot.press("end")
        assert field.cursor_position == len(MIXED) and _cursor_column(field) == 0
        assert app.cursor_position == Offset(field.content_region.x, field.content_region.y)


async def test_shift_arrows_select_a_logical_range_shown_on_its_own_cells() -> None:
    app = FieldApp(lambda: BidiInput(MIXED))
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()
        # From the "n" of Tunis, shift+Right three times: "i", "s", then out of the Latin run
        # to the space on its right, which comes before "Tunis" in the text.
        tunis = MIXED.index("Tunis")
        field.cursor_position = tunis + 2
        await pilot.press("shift+right", "shift+right", "shift+right")
        assert field.selection == (tunis + 2, tunis - 1)
        low, high = sorted(field.selection)
        assert MIXED[low:high] == " Tu"
        row = field.render_line(0).text
        selected = _columns(
            field.render_line(0), field.get_component_rich_style("input--selection")
        )
        caret = _cursor_column(field)  # on the space, the selection's logical start
        # Exactly the cells of " Tu": T and u, and the space two cells right of them.
        assert sorted([*selected, caret]) == [row.index("T"), row.index("T") + 1, caret]
        assert row[caret] == " " and caret == row.index("T") + 5
        await pilot.press("ctrl+c")
        assert app.clipboard == " Tu"
        await pilot.press("ctrl+x")
        assert field.value == MIXED.replace(" Tu", "")


async def test_backspace_takes_one_haraka_and_delete_a_letter_with_its_harakat() -> None:
    app = FieldApp(BidiInput)
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()
        await pilot.press(*_keys(HARAKAT))  # the harakat as keys of their own, as typed
        assert field.value == HARAKAT
        assert field.render_line(0).text == _visual(HARAKAT, 24)
        await pilot.press("backspace", "backspace")  # د, then the shadda typed last
        assert field.value == "مُحَمَ"
        await pilot.press("home", "delete")
        assert field.value == "حَمَ"
        await pilot.press("left", "left")  # never between a letter and its marks
        assert field.cursor_position == len("حَمَ")
        await pilot.press("ctrl+w")
        assert field.value == ""


async def test_ctrl_z_undoes_the_field_not_the_readers_last_save(tmp_path: Path) -> None:
    app = BriefApp(make_corpus(tmp_path / "corpus"))
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        # Two typing runs: the caret moved away and back between them.
        await pilot.press("f", *"تونس", "right", "left", "space", *"2025")
        bar = app.query_one("#bar-input", BidiInput)
        await pilot.press("ctrl+z")
        assert bar.value == "تونس"
        await pilot.press("ctrl+z", "ctrl+z")  # the second has nothing left to undo
        assert bar.value == ""
        assert str(app.query_one("#status").render()) != "nothing to undo"  # not the reader's
        await pilot.press("ctrl+y")
        assert bar.value == "تونس"
        await pilot.press("ctrl+shift+z")
        assert bar.value == "تونس 2025"


async def test_paste_is_one_line_in_logical_order() -> None:
    app = FieldApp(lambda: BidiInput("قال"))
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()
        await pilot.press("end")
        app.post_message(events.Paste(" الوزير\nفي تونس\r\n2025"))  # as the terminal driver does
        await pilot.pause()
        assert field.value == "قال الوزير في تونس 2025"
        app.copy_to_clipboard("\nاليوم")
        await pilot.press("ctrl+v")
        assert field.value == "قال الوزير في تونس 2025 اليوم"
        [(_, [row])] = layout_rows(field.value, 10**9)
        assert field.render_line(0).text == (" " + row.text)[:24]  # its end: the left part
        await pilot.press("ctrl+z")
        assert field.value == "قال الوزير في تونس 2025"


async def test_a_long_arabic_text_scrolls_from_the_right_keeping_the_caret_in_view() -> None:
    text = ("حضر الوزير اجتماع 2025 في تونس " * 7)[:200]
    app = FieldApp(lambda: BidiInput(text))  # a field that holds 200 letters, caret at the end
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()
        await pilot.press("end")
        [(_, [row])] = layout_rows(text, 10**9, reveal=True)
        whole = " " + row.text  # the end slot's cell, left of the text
        assert field.render_line(0).text == whole[:24]  # typed at the end: the left part
        assert _cursor_column(field) == 0
        await pilot.press("home")
        assert field.render_line(0).text == whole[-24:]  # the start: the right part
        assert _cursor_column(field) == 23
        await pilot.press(*"قال ")  # typed at the start: the view stays on the right
        [(_, [row])] = layout_rows("قال " + text, 10**9, reveal=True)
        assert field.render_line(0).text == row.text[-24:]
        assert _cursor_column(field) == 19
        await pilot.press(*["left"] * 24)  # past the left edge: the row follows the caret
        assert field.cursor_position == 28 and _cursor_column(field) == 0
        assert field.render_line(0).text[0] == field.value[28]


async def test_a_click_puts_the_caret_at_the_clicked_letter() -> None:
    app = FieldApp(lambda: BidiInput(MIXED))
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        column = field.render_line(0).text.index("T")
        await pilot.click(field, offset=(3 + column, 1))  # border and padding: 3 cells
        assert field.cursor_position == MIXED.index("Tunis")
        await pilot.click(field, offset=(3 + 23, 1))
        assert field.cursor_position == MIXED.index("ع")


async def test_placeholder_and_completion_read_right_to_left() -> None:
    app = FieldApp(
        lambda: BidiInput(
            placeholder="ابحث: تونس 2025", suggester=SuggestFromList(["تونس العاصمة"])
        )
    )
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        assert field.render_line(0).text == _visual("ابحث: تونس 2025", 24)
        field.focus()
        await pilot.press(*"تو")
        await pilot.pause(0.1)
        row = field.render_line(0).text
        assert row == _visual("تونس العاصمة", 24)
        # Dim: what the completion adds, left of the two letters typed (the caret on its first).
        suggested = _columns(
            field.render_line(0), field.get_component_rich_style("input--suggestion")
        )
        assert "".join(row[c] for c in suggested) == "ةمصاعلا س"
        assert _cursor_column(field) == 24 - 3
        await pilot.press("left")  # the way the text reads: takes the completion
        assert field.value == "تونس العاصمة"


async def test_messages_carry_the_logical_value_to_existing_handlers() -> None:
    app = FieldApp(lambda: BidiInput(id="name"), lambda: Input(id="plain"))
    async with app.run_test() as pilot:
        app.query_one("#name").focus()
        await pilot.press(*"الدول", "enter")
        assert app.changes == ["ا", "ال", "الد", "الدو", "الدول"]
        assert app.submitted == ["الدول"]


printable = st.text(alphabet="ابتسلمةى abc 0123٠١()«».:\u064e\u0650\u0651", min_size=1, max_size=12)


@settings(max_examples=12, deadline=None)
@given(printable, printable, st.integers(min_value=0, max_value=6))
def test_typing_a_string_key_by_key_gives_the_value_pasting_it_gives(
    start: str, typed: str, steps: int
) -> None:
    async def run() -> tuple[str, str]:
        app = FieldApp(lambda: BidiInput(start, id="typed"), lambda: BidiInput(start, id="pasted"))
        async with app.run_test() as pilot:
            values = []
            for name in ("typed", "pasted"):
                field = app.query_one(f"#{name}", BidiInput)
                field.focus()
                await pilot.press("home", *["left"] * steps)
                if name == "typed":
                    await pilot.press(*_keys(typed))
                else:
                    app.post_message(events.Paste(typed))  # as the terminal driver does
                    await pilot.pause()
                values.append(field.value)
            return values[0], values[1]

    by_keys, by_paste = asyncio.run(run())
    assert by_keys == by_paste


async def test_text_area_wraps_each_line_by_brief_bidi_and_moves_by_rows() -> None:
    app = FieldApp(BidiTextArea)
    async with app.run_test() as pilot:
        area = app.query_one(BidiTextArea)
        area.focus()
        first = "اجتماع 2025 في Tunis (الأول) وبعد ذلك"
        await pilot.press(*first, "enter", *"second")
        assert area.text == first + "\nsecond"
        width = area.scrollable_content_region.width
        [(_, rows)] = layout_rows(first, width - 1, reveal=True)
        shown = [area.render_line(y).text for y in range(len(rows) + 1)]
        assert shown == [row.display(width).ljust(width) for row in rows] + ["second".ljust(width)]
        assert app.area_changes >= len(first) + 7
        await pilot.press("up")  # from the end of "second" to the row above, same column
        above = caret_layout(first, width).position_at(len(rows) - 1, 6)
        assert area.cursor_location == (0, above)
        await pilot.press("home", "left")  # Home: the logical start, the rightmost cell
        assert area.cursor_location == (0, 1)
        await pilot.press("ctrl+z")
        assert area.text == first + "\n"
        await pilot.press("ctrl+shift+z")
        assert area.text == first + "\nsecond"


async def test_text_area_down_from_a_wrapped_arabic_row_goes_to_the_next_row() -> None:
    text = "حضر الوزير اجتماع مجلس وزراء الداخلية العرب في تونس"
    app = FieldApp(lambda: BidiTextArea(text))
    async with app.run_test() as pilot:
        area = app.query_one(BidiTextArea)
        area.focus()
        await pilot.press("home")
        width = area.scrollable_content_region.width
        [(_, rows)] = layout_rows(text, width - 1)
        assert area.cursor_screen_offset.x == area.content_region.x + width - 1
        for y in range(1, len(rows)):
            await pilot.press("down")
            line, column = area.cursor_location
            shown = area.render_line(y).text
            assert line == 0 and shown.rstrip()[-1] == text[column]  # the next row's first letter
        assert area.selection.is_empty
        await pilot.press("shift+up")
        low, high = sorted(area.selection)
        assert low[1] < high[1]


async def test_palette_query_reads_right_to_left(tmp_path: Path) -> None:
    app = BriefApp(make_corpus(tmp_path / "corpus"))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"تونس")
        field = app.screen.query_one(BidiCommandInput)
        assert field.value == "تونس"
        row = field.render_line(0).text
        assert row == _visual("تونس", len(row)) and row.endswith("سنوت")
        results = app.screen.query_one(CommandList)
        for _ in range(100):
            if results.option_count:
                break
            await pilot.pause(0.02)
        prompts = [str(results.get_option_at_index(k).prompt) for k in range(results.option_count)]
        assert any("Filter to Tunis (where)" in prompt for prompt in prompts)
        for _ in prompts:
            await pilot.press("down")
            if "Tunis" in str(results.get_option_at_index(results.highlighted or 0).prompt):
                break
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#bar-input", BidiInput).value == "where:tunis"


async def test_the_filter_bar_shows_arabic_as_it_reads(tmp_path: Path) -> None:
    app = BriefApp(make_corpus(tmp_path / "corpus"))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("f", *"كومان")
        bar = app.query_one("#bar-input", BidiInput)
        width = bar.scrollable_content_region.width
        assert bar.render_line(0).text == _visual("كومان", width)


async def test_text_area_paste_click_and_scroll_act_on_its_rows() -> None:
    text = "حضر الوزير اجتماع مجلس وزراء الداخلية العرب في تونس يوم 12 مارس 2025"
    app = FieldApp(BidiTextArea)
    async with app.run_test() as pilot:
        area = app.query_one(BidiTextArea)
        area.focus()
        app.post_message(events.Paste(f"{text}\n{text}"))  # two lines, as the driver pastes
        await pilot.pause()
        assert area.text == f"{text}\n{text}"
        width = area.scrollable_content_region.width  # a scrollbar now takes its cells
        [(_, rows)] = layout_rows(text, width - 1)
        assert area.virtual_size.height == 2 * len(rows) > area.scrollable_content_region.height
        assert area.scroll_offset.y > 0  # the caret, at the end, kept in view
        bottom = area.scrollable_content_region.height - 1
        assert area.render_line(bottom).text.rstrip() == rows[-1].display(width).rstrip()
        await pilot.press(*["up"] * (2 * len(rows)))
        assert area.scroll_offset.y == 0 and area.cursor_location[0] == 0
        column = area.render_line(0).text.index("ض")  # click the second letter of the text
        await pilot.click(area, offset=(2 + column, 1))  # border and padding: 2 cells
        assert area.cursor_location == (0, 1)
        await pilot.press("shift+down")
        low, high = sorted(area.selection)
        selected = area.get_component_rich_style("text-area--selection")
        lit = _columns(area.render_line(0), selected) + _columns(area.render_line(1), selected)
        assert low == (0, 1) and len(lit) >= high[1] - low[1] - 1
        await pilot.press("ctrl+x")
        assert app.clipboard == text[1 : high[1]]


async def test_text_area_is_as_high_as_its_bidi_rows_with_controls_revealed() -> None:
    """Revealed controls (¦RLO¦) widen a row: the height follows brief.text.bidi's rows, not the
    rows Textual's TextArea would wrap the raw text into."""
    line = "أمر \u202eمعكوس\u202c هنا \u2067تونس\u2069 " * 4
    app = FieldApp(lambda: BidiTextArea(line))
    async with app.run_test() as pilot:
        area = app.query_one(BidiTextArea)
        await pilot.pause()
        width = area.scrollable_content_region.width
        [(_, rows)] = layout_rows(line, width - 1, reveal=True)
        assert area.virtual_size.height == len(rows)
        area.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        last = area.scrollable_content_region.height - 1
        assert area.render_line(last).text.rstrip() == rows[-1].display(width).rstrip()
        assert "¦RLI¦" in "".join(area.render_line(y).text for y in range(last + 1))


async def test_word_keys_delete_logical_words_as_in_a_text_area() -> None:
    app = FieldApp(lambda: BidiInput("قال مُحَمَّد اليوم"))
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()
        await pilot.press("end", "ctrl+backspace")  # the word before the caret
        assert field.value == "قال مُحَمَّد "
        await pilot.press("home", "alt+delete")  # the word after it, harakat and all
        assert field.value == " مُحَمَّد "
        await pilot.press("ctrl+left")  # in Arabic, leftwards is on to the next word
        assert field.cursor_position == 1


async def test_an_arrow_without_shift_ends_a_selection_at_the_side_it_points_to() -> None:
    app = FieldApp(lambda: BidiInput("وزير الداخلية"))
    async with app.run_test() as pilot:
        field = app.query_one(BidiInput)
        field.focus()  # focus selects the whole value
        assert sorted(field.selection) == [0, len("وزير الداخلية")]
        await pilot.press("right")  # right, in Arabic: back to the start
        assert field.cursor_position == 0 and field.selection.is_empty
        await pilot.press("shift+left", "shift+left", "left")  # left: on, to the selection's end
        assert field.cursor_position == 2 and field.selection.is_empty
