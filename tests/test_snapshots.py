"""Snapshots of the key screens (pytest-textual-snapshot): a change to what the reader shows
fails here until the new SVG is reviewed and accepted with --snapshot-update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from brief.tui.app import BriefApp
from tests.tui_helpers import keys, loaded, make_corpus, make_curated


@pytest.fixture
def app(tmp_path: Path) -> BriefApp:
    return BriefApp(make_corpus(tmp_path))


async def _wait(pilot: Pilot[None]) -> None:
    await loaded(pilot)


def test_main_screen_80x24(snap_compare: Any, app: BriefApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_wait)


def test_main_screen_160x48(snap_compare: Any, app: BriefApp) -> None:
    assert snap_compare(app, terminal_size=(160, 48), run_before=_wait)


def test_help_screen(snap_compare: Any, app: BriefApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)


def test_filtered_list(snap_compare: Any, app: BriefApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("f", *"كومان")

    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)


def test_evidence_highlight(snap_compare: Any, app: BriefApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("tab", "j")

    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)


def test_a_form_with_arabic_typed(snap_compare: Any, app: BriefApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("a", "down", "enter", *keys("arab-states"), "tab", *keys("الدول العربية"))
        await pilot.press("tab", *keys("Arab states"), "tab", "tab", "tab", *keys("الدول العربية"))

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help_at_80x24_scrolled_to_its_end(snap_compare: Any, app: BriefApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark", "G")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_the_panel_in_arabic(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("t", "tab", "j")

    app = BriefApp(make_curated(tmp_path / "curated"))
    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)
