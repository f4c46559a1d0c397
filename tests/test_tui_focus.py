"""Focus from the keyboard: each dialog opens on its first control, Tab and Shift+Tab stay inside
it, Esc backs out one level from every state, and every list-like pane takes j/k/g/G."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from brief.tui.app import BriefApp
from tests.tui_helpers import keys, loaded, make_corpus, make_curated, screen_rows, status

WIDE = (160, 48)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def _main(app: BriefApp) -> Screen[None]:
    return app.screen_stack[0]


async def _open(pilot: Pilot[None], *presses: str) -> None:
    await pilot.press(*presses)
    await pilot.pause()


# (keys that open the dialog, the id of its first control)
DIALOGS = [
    pytest.param(("tab", "a"), "sections", id="kind chooser"),
    pytest.param(("tab", "a", "enter"), "field-id", id="who form"),
    pytest.param(("tab", "a", "down", "down", "down", "enter"), "field-date", id="when form"),
    pytest.param(("tab", "a", "down", "down", "enter"), "field-id", id="event form"),
    pytest.param(("tab", "j", "enter"), "field-id", id="edit form"),
    pytest.param(("tab", "s"), "field-status", id="article form"),
    pytest.param(("tab", "j", "x"), "no", id="delete confirm"),
    pytest.param(("o",), "export-path", id="export preview"),
    pytest.param(("question_mark",), "help-text", id="help"),
    pytest.param(("e",), "entities", id="entities"),
    pytest.param(("T",), "timeline", id="timeline"),
]


@pytest.mark.parametrize(("opening", "first"), DIALOGS)
async def test_a_dialog_opens_on_its_first_control_and_tab_stays_inside(
    corpus: Path, opening: tuple[str, ...], first: str
) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await _open(pilot, *opening)
        behind = _main(app).focused
        dialog = app.screen
        assert dialog is not _main(app)
        assert app.focused is not None and app.focused.id == first
        seen = set()
        for key in ["tab"] * 8 + ["shift+tab"] * 8:
            await pilot.press(key)
            assert app.screen is dialog
            assert app.focused is not None and app.focused.screen is dialog
            seen.add(app.focused.id)
        assert _main(app).focused is behind  # nothing moved behind the dialog
        assert app.focused.id == first  # as many back as forward
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is _main(app)


async def test_esc_backs_out_one_level_at_a_time(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        reader = app.query_one("#reader")
        # A search: Esc closes the bar and clears its matches and their status line.
        await pilot.press("slash", *keys("المحمود"), "enter")
        assert status(app).startswith("match 1 of 4")
        await pilot.press("escape")
        assert not app.query_one("#bar").display
        assert status(app) == ""
        assert app.focused is reader
        # Evidence highlighted from the panel: Esc clears it, and the focus goes back.
        await pilot.press("tab", "j")
        assert app.focused is app.query_one("#annotations")
        assert "highlighted" in status(app)
        await pilot.press("escape")
        assert status(app) == ""
        assert app.focused is reader
        # The list: Esc goes back to the article.
        await pilot.press("shift+tab")
        assert app.focused is app.query_one("#articles")
        await pilot.press("escape")
        assert app.focused is reader
        # The kind chooser, and the form chosen in it: Esc closes each.
        await pilot.press("a", "escape")
        assert app.screen is _main(app)
        await pilot.press("a", "enter", "escape")
        assert app.screen is _main(app)
        # The filter bar: Esc closes it and keeps the filter.
        await pilot.press("f", *keys("who:mahmoud"))
        await pilot.press("escape")
        assert not app.query_one("#bar").display
        assert status(app) == "1 of 5 articles match"


async def test_keys_in_a_dialog_never_reach_the_reader(corpus: Path) -> None:
    """q, e, f, n typed in a form are letters, not the reader's commands."""
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "a", "down", "enter", *keys("qefnTo"))
        assert app.screen is not _main(app)
        assert app.focused is not None
        assert app.focused.value == "qefnTo"  # type: ignore[attr-defined]
        await pilot.press("tab", "tab", "tab")  # to the Kind menu: not a text field
        await pilot.press("q", "e")
        assert app.screen is not _main(app) and app.is_running
        assert app.current == "000_99551782ef0ee64d"


async def test_j_k_g_G_move_in_every_list(tmp_path: Path) -> None:
    app = BriefApp(make_curated(tmp_path / "curated"))
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        articles = app.query_one("#articles")
        await pilot.press("shift+tab", "j", "j")
        assert articles.highlighted == 2  # type: ignore[attr-defined]
        await pilot.press("G")
        assert articles.highlighted == 4  # type: ignore[attr-defined]
        await pilot.press("g", "k")
        assert articles.highlighted == 0  # type: ignore[attr-defined]
        panel = app.query_one("#annotations")
        await pilot.press("tab", "tab", "j")
        assert panel.highlighted == 1  # type: ignore[attr-defined]
        await pilot.press("G")  # the last item one can choose: the article's notes close the pane
        last = max(
            k
            for k in range(panel.option_count)  # type: ignore[attr-defined]
            if not panel.get_option_at_index(k).disabled  # type: ignore[attr-defined]
        )
        assert panel.highlighted == last  # type: ignore[attr-defined]
        await pilot.press("g")
        assert panel.highlighted == 1  # type: ignore[attr-defined]
        await pilot.press("escape")  # back to the article: e on the pane is the editor
        for opening in ("e", "T"):
            await pilot.press(opening)
            options = app.screen.query_one("OptionList")
            await pilot.press("j")
            assert options.highlighted == 1  # type: ignore[attr-defined]
            await pilot.press("G", "k")
            assert options.highlighted == options.option_count - 2  # type: ignore[attr-defined]
            await pilot.press("g")
            assert options.highlighted == 0  # type: ignore[attr-defined]
            await pilot.press("escape")


async def test_edit_or_delete_with_nothing_selected_says_so(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "x")
        assert app.screen is _main(app)
        assert status(app) == "No item selected: j/k choose one, a adds one"
        await pilot.press("enter")
        assert app.screen is _main(app)
        assert status(app) == "No item selected: j/k choose one, a adds one"


async def test_the_kind_chooser_lists_the_models_sections(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        rows = "\n".join(screen_rows(app))
        for kind in ("Who", "Where", "Event", "When", "Decision", "Discrepancy"):
            assert f"{kind}:" in rows
        assert app.focused is not None and app.focused.id == "sections"


async def test_a_select_opens_and_chooses_from_the_keyboard(corpus: Path) -> None:
    app = BriefApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("tab", "s")
        select = app.focused
        assert select is not None and select.id == "field-status"
        await pilot.press("space")  # opens the menu
        assert "reviewed" in "\n".join(screen_rows(app))
        await pilot.press("down", "enter")  # from "curated", its value
        assert select.value == "reviewed"  # type: ignore[attr-defined]
        await pilot.press("enter", "up", "enter")
        assert select.value == "curated"  # type: ignore[attr-defined]
