"""The reader in a real terminal: tmux shows exactly the rows brief.text.bidi lays out, and a quit
leaves the terminal as it was found."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from brief.article.layout import GUTTER, DocumentLayout
from brief.article.model import read_article
from brief.text.bidi import layout
from tests.pty_helpers import run_in_pty
from tests.tui_helpers import make_corpus

TMUX = shutil.which("tmux")
COLUMNS, LINES = 100, 30
# The reader pane at 100 columns: border and padding each side, and the scrollbar.
TEXT_WIDTH = COLUMNS - 2 - 2 - 2


def _capture(session: str) -> list[str]:
    result = subprocess.run(
        ["tmux", "-L", session, "capture-pane", "-p", "-N", "-t", session],
        capture_output=True,
        text=True,
    )
    return result.stdout.split("\n")


def _start(corpus: Path, name: str, columns: int, lines: int) -> str:
    """The reader on `corpus` in a new tmux server and session of that size: the session."""
    session = f"{name}-{os.getpid()}"
    # Textual would take its size from COLUMNS and LINES if the test runner set them.
    command = f"env -u COLUMNS -u LINES {sys.executable} -m brief --corpus {corpus}"
    subprocess.run(
        ["tmux", "-L", session, "new-session", "-d", "-s", session, "-x", str(columns), "-y",
         str(lines), command],
        check=True,
    )  # fmt: skip
    return session


def _send(session: str, *keys: str, literal: bool = False, pause: float = 0.0) -> None:
    """Keys sent to the session one by one, `pause` seconds after each."""
    flags = ["-l"] if literal else []
    for key in keys:
        subprocess.run(["tmux", "-L", session, "send-keys", "-t", session, *flags, key])
        if pause:
            time.sleep(pause)


def _cells(line: str, width: int) -> str:
    """The first `width` cells of a captured line, with the marks on the last of them."""
    kept = ""
    for char in line:
        if cell_len(kept + char) > width:
            break
        kept += char
    return kept


@pytest.mark.skipif(TMUX is None, reason="needs tmux")
def test_tmux_screen_holds_the_rows_bidi_lays_out(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    session = _start(corpus, "brief-test", COLUMNS, LINES)
    try:
        screen: list[str] = []
        previous: list[str] = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            time.sleep(0.3)
            previous, screen = screen, _capture(session)
            if any("5 articles" in line for line in screen) and screen == previous:
                break  # loaded, and the screen has settled
        assert any("5 articles" in line for line in screen), "\n".join(screen)
        shown = [_cells(line[2:], TEXT_WIDTH).rstrip() for line in screen[1 : LINES - 3]]
        article = read_article(corpus / "seeds" / "000_99551782ef0ee64d.txt")
        document = DocumentLayout(article, TEXT_WIDTH, reveal=True)
        expected = [document.row(y).plain.rstrip() for y in range(len(shown))]
        assert shown == expected, "\n".join(screen)
        # And those rows are brief.text.bidi's layout: the title, then a paragraph by its number.
        assert shown[: len(layout(article.title, TEXT_WIDTH))] == [
            row.rstrip() for row in layout(article.title, TEXT_WIDTH)
        ]
        paragraph = article.paragraphs[5]
        first_row = layout(paragraph.text, TEXT_WIDTH - GUTTER)[0]
        assert f"{first_row}   ¶{paragraph.number}" in shown
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], check=False)


def _wait_for(session: str, text: str, seconds: float = 20) -> list[str]:
    deadline = time.monotonic() + seconds
    screen: list[str] = []
    while time.monotonic() < deadline:
        screen = _capture(session)
        if any(text in line for line in screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never shown:\n" + "\n".join(screen))


@pytest.mark.skipif(TMUX is None, reason="needs tmux")
def test_tmux_a_where_item_added_from_the_keyboard_alone_at_80x24(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    session = _start(corpus, "brief-keys", 80, 24)

    def send(*keys: str, literal: bool = False) -> None:
        # One at a time, as typed: a burst of keys reads as a paste.
        _send(session, *keys, literal=literal, pause=0.15)

    try:
        _wait_for(session, "5 articles")
        send("Tab")
        _wait_for(session, "tab Panes")  # the footer says how to reach the hidden panes
        send("a")
        _wait_for(session, "Add which kind of item?")
        send("Down", "Enter")
        _wait_for(session, "Add where item")
        send("arab-states", literal=True)
        send("Tab")
        send("الدول العربية", literal=True)
        send("Tab")
        send("Arab states", literal=True)
        send("Tab", "Enter")  # Kind: its menu
        _wait_for(session, "region")
        send("Down", "Down", "Down", "Enter", "Tab", "Tab")
        send("الدول العربية", literal=True)
        _wait_for(session, "✓ valid")
        send("C-s")
        _wait_for(session, "where added")
        annotation = (corpus / "annotations" / "000_99551782ef0ee64d.yaml").read_text("utf-8")
        assert (
            "  - id: arab-states\n"
            '    name: {ar: "الدول العربية", en: "Arab states"}\n'
            "    kind: region\n"
            '    evidence: ["الدول العربية"]\n'
        ) in annotation
        assert "Arab states" in "\n".join(_capture(session))  # the pane shows it
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], check=False)


@pytest.mark.skipif(TMUX is None, reason="needs tmux")
def test_tmux_keys_sent_with_no_pause_land_in_the_fields_they_were_typed_for(
    tmp_path: Path,
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    session = _start(corpus, "brief-burst", 120, 40)

    def send(*keys: str, literal: bool = False) -> None:
        _send(session, *keys, literal=literal)

    def row_under(label: str, screen: list[str]) -> str:
        return screen[next(k for k, row in enumerate(screen) if label in row) + 1]

    try:
        _wait_for(session, "5 articles")
        send("a")
        _wait_for(session, "Add which kind of item?")
        send("j", "Enter")
        _wait_for(session, "Add where item")
        send("vienna", literal=True)  # no pause between any of these keys
        send("Tab")
        send("فيينا", literal=True)
        send("Tab")
        send("Vienna", literal=True)
        screen = _wait_for(session, "Vienna")
        time.sleep(0.5)
        screen = _capture(session)
        assert "│ vienna " in row_under("Id: lowercase", screen), "\n".join(screen)
        assert "انييف" in row_under("Name, Arabic", screen), "\n".join(screen)
        assert "│ Vienna " in row_under("Name, English", screen), "\n".join(screen)
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], check=False)


def test_quit_leaves_the_terminal_as_found(tmp_path: Path) -> None:
    """In a pseudo-terminal: explicit bidi mode on start, and on quit the alternate screen left,
    the cursor shown, and implicit bidi mode restored last."""
    corpus = make_corpus(tmp_path / "corpus")
    env = os.environ | {"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    for name in ("MLTERM", "KONSOLE_VERSION"):
        env.pop(name, None)
    argv = [sys.executable, "-m", "brief", "--corpus", str(corpus)]
    output, status = run_in_pty(argv, env, [(b"5 articles", b"q")], lines=30)
    assert status == 0, output[-500:]
    assert output.startswith(b"\x1b[8l")
    tail = output[-200:]
    assert b"\x1b[?1049l" in tail  # alternate screen left
    assert b"\x1b[?25h" in tail  # cursor shown
    assert output.endswith(b"\x1b[8h")


def test_in_mlterm_the_reader_turns_its_bidi_off_for_the_session(tmp_path: Path) -> None:
    """mlterm ignores BDSM: its own bidi (and shaping) goes off while the reader runs, through
    its configuration protocol, and comes back when it quits; brief shapes the letters."""
    corpus = make_corpus(tmp_path / "corpus")
    env = os.environ | {"TERM": "mlterm", "MLTERM": "3.9.0", "COLUMNS": "100", "LINES": "30"}
    argv = [sys.executable, "-m", "brief", "--corpus", str(corpus)]
    output, status = run_in_pty(argv, env, [(b"5 articles", b"q")], lines=30)
    assert status == 0, output[-500:]
    assert output.startswith(b"\x1b[8l\x1b]5379;use_ctl=false\x07")
    assert output.endswith(b"\x1b]5379;use_ctl=true\x07\x1b[8h")
    # Shaped: Arabic presentation forms (U+FE70-U+FEFF) on the screen.
    assert any(0xFE70 <= ord(char) <= 0xFEFF for char in output.decode(errors="replace"))
