"""The item forms as a new analyst meets them: keys typed faster than the reader handles them
land in the field that had the focus when each was pressed; a field's problem is said in plain
words once the field is left or a save is tried, not before; the footer shows the form's keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.tui.app import BriefApp
from tests.tui_helpers import (
    ANNOTATION_000,
    keys,
    loaded,
    make_corpus,
    saved,
    screen_rows,
    screen_text,
    typed_at_once,
)

SIZE = (120, 40)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def field_row(app: BriefApp, label: str) -> str:
    """The row under a field's label: what the field shows."""
    rows = screen_rows(app)
    at = next(k for k, row in enumerate(rows) if label in row)
    return rows[at + 1]


@pytest.mark.parametrize("kind", [["enter"], ["j", "enter"]], ids=["who", "where"])
async def test_keys_typed_at_once_land_in_the_field_focused_when_each_was_pressed(
    corpus: Path, kind: list[str]
) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", *kind)
        # Tab, Enter and Shift+Tab move on before the keys typed after them are handed on.
        await typed_at_once(pilot, *"abc", "tab", *keys("فيينا"), "enter", *"Vienna")
        await typed_at_once(pilot, "shift+tab", "shift+tab", "end", *"-x")
        assert " abc-x " in field_row(app, "Id: lowercase")
        assert "انييف" in field_row(app, "Name, Arabic")  # as it reads, right to left
        assert "abc" not in field_row(app, "Name, Arabic")
        assert " Vienna " in field_row(app, "Name, English")


async def test_a_where_item_typed_at_once_is_saved_as_typed(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "j", "enter")
        await typed_at_once(
            pilot, *"tunis-city", "tab", *keys("تونس"), "tab", *"Tunis", "tab", "tab", "tab",
            *keys("لمجلس وزراء الداخلية العرب بتونس"), "ctrl+s",
        )  # fmt: skip
        await pilot.pause()
        assert app.screen is app.reader
    assert (
        "  - id: tunis-city\n"
        '    name: {ar: "تونس", en: "Tunis"}\n'
        '    evidence: ["لمجلس وزراء الداخلية العرب بتونس"]\n'
    ) in saved(corpus)


async def test_a_form_opens_without_problems_and_says_each_once_its_field_is_left(
    corpus: Path,
) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("a", "j", "enter")  # Where
        screen = screen_text(app)
        assert "Add where item" in screen
        assert "required" not in screen and "Field" not in screen and "evidence" not in screen
        await pilot.press(*keys("Tunis"), "tab")  # the id left, not an id
        screen = screen_text(app)
        assert "Id: lowercase letters, digits and hyphens, such as arab-states" in screen
        assert "Name: required" not in screen  # not yet left
        await pilot.press("tab", "tab")  # both names left empty
        assert "Name: required" in screen_text(app)
        assert "Evidence" not in screen_text(app).split("Evidence: exact quotes")[1]
        await pilot.press("ctrl+s")  # refused, every problem said, the first focused
        screen = screen_text(app)
        assert app.screen is not app.reader
        for said in ("Id: lowercase", "Name: required", "Evidence: at least one quote"):
            assert said in screen
        assert "List should have" not in screen and "Field required" not in screen
        await pilot.press(*keys("tunis-2"))  # the id focused, its text selected: replaced
        assert " tunis-2 " in field_row(app, "Id: lowercase")
        assert "Id: lowercase letters" not in screen_text(app)
        await pilot.press("escape", "y")
    assert saved(corpus) == ANNOTATION_000


async def test_the_footer_shows_the_forms_keys(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "a Add" in screen_rows(app)[-1]
        await pilot.press("a", "enter")
        footer = screen_rows(app)[-1]
        for key in ("^s Save", "esc Cancel", "tab Next field"):
            assert key in footer
        assert "Add" not in footer and "Filter" not in footer


async def test_editing_keys_typed_at_once_apply_in_turn_in_the_filter(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("f")
        # Backspace and Left are bindings: each acts before the letters typed after it.
        await typed_at_once(pilot, *"tunis", "backspace", "backspace", *"xx", "left", "y")
        bar = next(row for row in screen_rows(app)[-4:] if "tunxyx" in row)
        assert "tunxyx" in bar


async def test_keys_typed_before_a_dialog_is_up_reach_it(corpus: Path) -> None:
    """`a`, the kind, Enter and the first field typed in one burst: the chooser and the form
    open through a worker, after the keys were read; they wait for them, none is lost."""
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await typed_at_once(pilot, "a", "j", "enter", *"tunis-city", "tab", *"x")
        # The Tab and the `x` after the id may still be on their way once the id shows.
        for _ in range(100):
            await pilot.pause(0.05)
            if "Name, Arabic" in screen_text(app) and "x" in field_row(app, "Name, Arabic"):
                break
        assert " tunis-city " in field_row(app, "Id: lowercase")
        assert "Name, Arabic" in screen_text(app) and "x" in field_row(app, "Name, Arabic")


@pytest.mark.parametrize(
    "burst", [("j", "j", "q"), ("a", "j", "q"), ("a", "j", "enter", "x", "y"), ("tab", "x", "y")]
)
async def test_keys_still_on_their_way_when_the_reader_quits(
    corpus: Path, burst: tuple[str, ...]
) -> None:
    """Keys typed in one burst, the reader closed (its quit key, or its terminal gone) while
    they are on their way: it closes cleanly, without an error from a key whose way up ends
    after the last screen has gone."""
    app = BriefApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await typed_at_once(pilot, *burst)
    assert app.return_code in (0, None)
