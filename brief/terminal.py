"""The terminal around brief's text: the bidi mode each terminal needs, the control sequences
that set it, and the pager `brief show` pages through, the git way. No UI toolkit here: `brief
show` and the reader's start-up both use it.

The modes, by what a terminal does with right-to-left text:

- "app": brief lays the text out (visual rows) and tells the terminal to leave it alone: ECMA-48
  BDSM explicit mode (VTE, and xterm, which has no bidi); mlterm and Konsole ignore BDSM and can
  only stop reordering the whole screen at once, which the reader does while it runs.
- "terminal": logical rows for a terminal that reorders by itself, each block with its paragraph
  direction (SCP), VTE's autodetection on as the fallback where SCP cannot reach it (through a
  pager), and a mark in each row whose first strong letter would give the other direction, for
  terminals that find the direction row by row (mlterm, VTE's autodetection).
- "logical": plain logical order, for pipes and files (`grep` finds the words as typed).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

# ECMA-48 BDSM: explicit mode, so a bidi-capable terminal does not reorder brief's visual rows.
EXPLICIT_BIDI = "\x1b[8l"
IMPLICIT_BIDI = "\x1b[8h"
# ECMA-48 SCP: the paragraph direction of the rows that follow, and back to the default.
RTL_PATH = "\x1b[2 k"
LTR_PATH = "\x1b[1 k"
DEFAULT_PATH = "\x1b[0 k"
# VTE's private mode 2501: each paragraph's direction from its first strong letter.
AUTODETECT_ON = "\x1b[?2501h"
AUTODETECT_OFF = "\x1b[?2501l"
# The pager when neither BRIEF_PAGER nor PAGER names one, and less's options when LESS is unset
# (git's: quit if one screen, colours, leave the text on the screen).
DEFAULT_PAGER = "less -R"
DEFAULT_LESS = "FRX"


@dataclass(frozen=True, slots=True)
class Terminal:
    """A terminal as far as bidi goes. `bidi_off` and `bidi_on` stop and restart a terminal's
    own reordering where it ignores BDSM; they act on the whole screen at once, rows already
    written included, so they suit an alternate screen (the reader's, a pager's), not output
    that stays. `directs_rows`: in terminal mode it shows each row in its direction."""

    name: str
    bidi_off: str = ""
    bidi_on: str = ""
    directs_rows: bool = True

    @property
    def ignores_bdsm(self) -> bool:
        return bool(self.bidi_off)


# mlterm's configuration protocol (OSC 5379): complex text layout (its bidi and shaping) off.
MLTERM = Terminal("mlterm", "\x1b]5379;use_ctl=false\x07", "\x1b]5379;use_ctl=true\x07")
# Konsole's profile change (OSC 50): its bidi rendering off. Konsole 22.12 lays every row out
# from the left, whatever its letters or SCP say.
KONSOLE = Terminal(
    "Konsole",
    "\x1b]50;BidiRenderingEnabled=false\x07",
    "\x1b]50;BidiRenderingEnabled=true\x07",
    directs_rows=False,
)
OTHER = Terminal("other")


def detect(environ: Mapping[str, str]) -> Terminal:
    """The terminal brief runs in, from what it puts in the environment (VTE_VERSION is not
    needed: VTE honours BDSM, like every terminal not named here)."""
    if "MLTERM" in environ or environ.get("TERM", "").startswith("mlterm"):
        return MLTERM
    if "KONSOLE_VERSION" in environ:
        return KONSOLE
    return OTHER


def show_mode(
    chosen: str | None, setting: str, tty: bool, terminal: Terminal, paged: bool = False
) -> str:
    """The layout `brief show` writes: `--bidi` when given; into a pipe or a file, logical
    order; else the `bidi` setting, except in a terminal that ignores BDSM: its own bidi can be
    off only for the whole screen, so brief's visual rows go to a pager's alternate screen
    where terminal mode would be wrong (Konsole), and terminal mode is used elsewhere."""
    if chosen is not None:
        return chosen
    if not tty:
        return "logical"
    if setting == "app" and terminal.ignores_bdsm:
        return "app" if paged and not terminal.directs_rows else "terminal"
    return setting


def switches(mode: str, terminal: Terminal = OTHER, paged: bool = False) -> tuple[str, str]:
    """What is written to the terminal before and after output in `mode`; around a pager, a
    terminal that ignores BDSM has its own bidi off (the pager then uses the alternate screen)."""
    if mode == "app":
        if paged and terminal.ignores_bdsm:
            return EXPLICIT_BIDI + terminal.bidi_off, terminal.bidi_on + IMPLICIT_BIDI
        return EXPLICIT_BIDI, IMPLICIT_BIDI
    if mode == "terminal":
        return AUTODETECT_ON, DEFAULT_PATH + AUTODETECT_OFF
    return "", ""


def pager_command(environ: Mapping[str, str]) -> str | None:
    """BRIEF_PAGER, else PAGER, else less -R; none when it is empty or `cat`, as in git."""
    command = environ.get("BRIEF_PAGER", environ.get("PAGER", DEFAULT_PAGER)).strip()
    return None if command in ("", "cat") else command


def page(
    text: str,
    command: str,
    before: str,
    after: str,
    *,
    out: IO[str],
    err: IO[str],
    alternate_screen: bool = False,
) -> int:
    """Write `text` through the pager `command` on the terminal, with `before` written to the
    terminal (`out`) first and `after` once the pager has quit: also after ctrl+c, which
    reaches the pager too and is left to it (less ignores it). With `alternate_screen`, less
    (unless LESS says otherwise) pages there rather than leaving the text on the screen.
    Returns 130 after ctrl+c, else 0. `out` and `err` are the command line's streams, the
    output boundary's, which `text`, `before` and `after` come through rendered."""
    out.write(before)
    out.flush()
    environ = dict(os.environ)
    environ.setdefault("LESS", "R" if alternate_screen else DEFAULT_LESS)
    environ.setdefault("LV", "-c")
    interrupted = False
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environ)
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode())
            pager.stdin.close()
        except BrokenPipeError:
            pass  # the pager quit before reading it all
        except KeyboardInterrupt:
            interrupted = True
            _close_quietly(pager.stdin)
        while True:
            try:
                status = pager.wait()
                break
            except KeyboardInterrupt:
                interrupted = True
        if status == 127:  # the shell found no such command: the text is not lost
            err.write(f"brief: cannot run the pager {command!r}\n")
            out.write(text)
    finally:
        out.write(after)
        out.flush()
    return 130 if interrupted else 0


def _close_quietly(stream: IO[bytes]) -> None:
    with contextlib.suppress(OSError):  # a broken pipe: the pager is gone
        stream.close()


def screen_height() -> int:
    return shutil.get_terminal_size((100, 24)).lines
