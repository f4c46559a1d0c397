"""A keystroke in a text field: typing Arabic into a 60-column field that holds 200 characters,
brief's BidiInput against Textual's own Input (the anchor) in the same run.

    python benchmarks/field_keystroke.py [--keys N]

Before each key the field is given the next 200 characters of a long Arabic text (not timed,
and drawn once, as the keystroke before would have left it), with the caret at the end; then
one Arabic letter is typed. Measured for each key, median and slowest over N keys:
- the app's own work, as benchmarks/scale.py measures the filter keystroke: the field's key
  handler (the letter inserted at the caret) and its row drawn, with the terminal cursor's place;
- the whole round trip through Textual's pilot: `pilot.press` dispatched to the row drawn.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from textual.app import App, ComposeResult
from textual.widgets import Input

from brief.tui.widgets.bidi_input import BidiInput

WIDTH = 60
HELD = 200
TEXT = "حضر وزير الداخلية اجتماع المجلس في تونس يوم 12 مارس 2025 وأعلن توصيات عملية " * 40
LETTERS = "تونسالعربيةمجلس"


class FieldApp(App[None]):
    CSS = f"Input {{ width: {WIDTH}; }}"

    def __init__(self, field: type[Input]) -> None:
        super().__init__()
        self.field_type = field

    def compose(self) -> ComposeResult:
        yield self.field_type()


async def measure(field_type: type[Input], keys: int) -> dict[str, list[float]]:
    app = FieldApp(field_type)
    own: list[float] = []
    pilot_round: list[float] = []
    async with app.run_test(size=(80, 6)) as pilot:
        field = app.query_one(Input)
        field.cursor_blink = False
        field.focus()
        await pilot.pause()
        for k in range(keys):
            letter = LETTERS[k % len(LETTERS)]
            for samples, through_pilot in ((own, False), (pilot_round, True)):
                field.value = TEXT[k : k + HELD]  # a text not laid out before
                field.cursor_position = HELD
                field.render_line(0)
                started = time.perf_counter()
                if through_pilot:
                    await pilot.press(letter)
                else:
                    field.insert_text_at_cursor(letter)  # what the key handler does
                field.render_line(0)
                _ = field.cursor_screen_offset
                samples.append(time.perf_counter() - started)
                assert field.value == TEXT[k : k + HELD] + letter
    return {"own": own, "pilot": pilot_round}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=100)
    args = parser.parse_args()
    results = {name: asyncio.run(measure(kind, args.keys)) for name, kind in
               (("Input", Input), ("BidiInput", BidiInput))}  # fmt: skip
    print(f"| {args.keys} keys, {WIDTH}-column field, {HELD} characters | median | slowest |")
    print("| --- | --- | --- |")
    for measure_name, label in (("own", "key handled, row drawn"), ("pilot", "through pilot")):
        for name in ("Input", "BidiInput"):
            samples = [s * 1000 for s in results[name][measure_name]]
            print(
                f"| {name}: {label} | {statistics.median(samples):.2f} ms | {max(samples):.2f} ms |"
            )
        ratio = statistics.median(results["BidiInput"][measure_name]) / statistics.median(
            results["Input"][measure_name]
        )
        print(f"| ratio BidiInput / Input, {label} | {ratio:.1f}× | |")


if __name__ == "__main__":
    main()
