"""The filter bar in a real terminal: Arabic typed with tmux send-keys shows in tmux's screen as
brief.text.bidi's visual row, right-aligned, while the bar holds it in logical order."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from brief.text.bidi import layout_rows
from tests.test_terminal import TMUX, _capture, _cells, _start
from tests.tui_helpers import make_corpus

COLUMNS, LINES = 100, 30
FIELD = COLUMNS - 2 - 4  # the bar's text: a border cell and two cells of padding each side
TYPED = "وزراء الداخلية 2025"


def _settled(session: str, wanted: str) -> list[str]:
    """The screen once it shows `wanted` and has not changed for a moment (or after 60 s)."""
    screen: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.3)
        previous, screen = screen, _capture(session)
        if any(wanted in line for line in screen) and screen == previous:
            break
    return screen


@pytest.mark.skipif(TMUX is None, reason="needs tmux")
def test_arabic_typed_into_the_filter_bar_shows_as_brief_bidi_lays_it_out(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    session = _start(corpus, "brief-field", COLUMNS, LINES)
    try:
        screen = _settled(session, "5 articles")
        assert any("5 articles" in line for line in screen), "\n".join(screen)
        subprocess.run(["tmux", "-L", session, "send-keys", "-t", session, "f"], check=True)
        screen = _settled(session, "▊▔")  # the bar is open: what is typed next goes into it
        assert any(line.startswith("▊▔") for line in screen), "\n".join(screen)
        subprocess.run(["tmux", "-L", session, "send-keys", "-t", session, "-l", TYPED], check=True)
        [(_, [row])] = layout_rows(TYPED, 10**9, reveal=True)
        expected = row.display(FIELD)
        screen = _settled(session, row.text)
        # The bar's row, between its border cells (the "reads:" preview above it aside).
        shown = [
            _cells(line[3:], FIELD) for line in screen if line.startswith("▊") and row.text in line
        ]
        assert shown == [expected], "\n".join(screen)
        assert expected == " " * (FIELD - len(TYPED)) + "2025 ةيلخادلا ءارزو"
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], check=False)
