"""brief in the shell: pipes get logical order, a terminal visual order inside BDSM, the bidi
and shape settings reach every command, --version, --help with examples, completion, JSON rows,
exit codes."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brief.terminal import AUTODETECT_OFF, AUTODETECT_ON, DEFAULT_PATH
from brief.text.bidi import visual_line
from tests.cli_helpers import brief

ROOT = Path(__file__).parent.parent
VENV_BIN = str(Path(sys.executable).parent)
KUWAIT_TITLE = "الكويت: ضرورة تعزيز التعاون العربي لمواجهة الجرائم الإلكترونية العابرة للحدود"
BASH = shutil.which("bash")


def on_a_terminal(*args: str, cwd: Path = ROOT) -> str:
    """What brief writes to a terminal (a pseudo-terminal as stdout)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "120", "LINES": "40"},
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 20)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=20)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "annotations", tmp_path / "annotations")
    return tmp_path


def test_grep_finds_titles_in_a_pipe() -> None:
    counted = subprocess.run(
        f"{sys.executable} -m brief list | grep -c الكويت",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert counted.stdout.strip() == "1"
    lines = brief("list").stdout.splitlines()
    assert lines[0] == f"000_99551782ef0ee64d  2025-10-01  {KUWAIT_TITLE}"


def test_a_terminal_gets_visual_order_inside_bdsm() -> None:
    shown = on_a_terminal("list", "id:000")
    assert shown == f"\x1b[8l000_99551782ef0ee64d  2025-10-01  {visual_line(KUWAIT_TITLE)}\n\x1b[8h"
    # --bidi terminal: for a terminal that reorders by itself, logical order inside its switches.
    assert on_a_terminal("list", "id:000", "--bidi", "terminal") == (
        f"{AUTODETECT_ON}000_99551782ef0ee64d  2025-10-01  {KUWAIT_TITLE}\n"
        f"{DEFAULT_PATH}{AUTODETECT_OFF}"
    )
    # Into a pipe, visual order only when asked for.
    assert brief("list", "id:000", "--bidi", "app").stdout == (
        f"000_99551782ef0ee64d  2025-10-01  {visual_line(KUWAIT_TITLE)}\n"
    )


def test_the_settings_reach_brief_list_and_brief_show(corpus: Path) -> None:
    (corpus / "brief.toml").write_text('bidi = "terminal"\n', encoding="utf-8")
    assert on_a_terminal("list", "id:000", cwd=corpus).startswith(
        f"{AUTODETECT_ON}000_99551782ef0ee64d  2025"
    )
    assert KUWAIT_TITLE in on_a_terminal("list", "id:000", cwd=corpus)
    (corpus / "brief.toml").write_text("shape = true\n", encoding="utf-8")
    shaped = on_a_terminal("list", "id:000", cwd=corpus)
    assert "\ufedf" in shaped or "\ufee0" in shaped  # a lam in a joined form
    assert KUWAIT_TITLE in brief("list", "id:000", cwd=corpus).stdout  # a pipe: as written
    shown = brief("show", "001", "--width", "60", "--no-color", "--bidi", "app", cwd=corpus)
    assert "\ufedf" in shown.stdout  # brief show shapes too
    assert "\ufedf" not in brief("show", "001", "--width", "60", "--no-shape", cwd=corpus).stdout
    (corpus / "brief.toml").write_text('bidi = "sideways"\n', encoding="utf-8")
    refused = brief("list", cwd=corpus)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"brief: {corpus}/brief.toml: bidi: Input should be")


TAGS_000 = [
    "cybercrime", "artificial-intelligence", "financial-fraud", "arab-cooperation", "kuwait",
    "tunis",
]  # fmt: skip


def test_json_rows_carry_path_status_and_tags() -> None:
    rows = json.loads(brief("list", "id:000", "--json").stdout)
    assert rows == [
        {
            "id": "000_99551782ef0ee64d",
            "path": str(ROOT / "seeds" / "000_99551782ef0ee64d.txt"),
            "annotation": str(ROOT / "annotations" / "000_99551782ef0ee64d.yaml"),
            "published": "2025-10-01T22:15:00",
            "title": KUWAIT_TITLE,
            "outlet": "حال الكويت",
            "paragraphs": 15,
            "status": "curated",
            "tags": TAGS_000,
        }
    ]


def test_version_help_and_exit_codes() -> None:
    version = brief("--version")
    assert (version.returncode, version.stdout) == (0, "brief 0.1.0\n")
    shown = brief("--help").stdout
    for expected in (
        "brief alone opens the reader on the corpus.",
        "examples:",
        "brief init ~/news --git",
        'eval "$(brief completion bash)"',
        "queries:",
        "who: where:",
        "exit status:",
        "2    the command line or a query is not understood",
        "$BRIEF_CORPUS",
    ):
        assert expected in shown, expected
    assert "paragraph direction" in brief("show", "--help").stdout
    assert "an Arabic document" in brief("export", "--help").stdout
    assert brief("list", "zzzq").returncode == 1  # nothing matched
    assert brief("show").returncode == 2  # usage: no id
    assert brief("show", "000", "--width", "wide").returncode == 2
    assert brief("nonsense").returncode == 2


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_tab_completion_in_bash() -> None:
    script = brief("completion", "bash").stdout
    assert "complete" in script and "brief" in script

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        program = (
            f"source <({sys.executable} -m brief completion bash)\n"
            f"COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}\n"
            f'COMP_LINE="{line}"; COMP_POINT={len(line)}\n'
            "_python_argcomplete brief\n"
            'printf "%s\\n" "${COMPREPLY[@]}"\n'
        )
        env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
        done = subprocess.run(
            [BASH, "-c", program], capture_output=True, text=True, cwd=ROOT, env=env
        )
        return sorted(word.strip() for word in done.stdout.splitlines() if word.strip())

    assert complete("brief sh") == ["show"]
    assert complete("brief imp") == ["import"]
    assert complete("brief show 00") == [p.stem for p in sorted((ROOT / "seeds").glob("*.txt"))]
    assert complete("brief list --bi") == ["--bidi"]


FISH = shutil.which("fish")
ZSH = shutil.which("zsh")
TMUX = shutil.which("tmux")


@pytest.mark.skipif(FISH is None, reason="needs fish (apt-get install fish)")
def test_tab_completion_in_fish() -> None:
    """fish's own completion machinery, asked as Tab asks it (complete -C)."""
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}

    def complete(line: str) -> list[str]:
        program = f"brief completion fish | source; complete -C '{line}'"
        done = subprocess.run(
            [str(FISH), "--no-config", "-c", program],
            capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
        )  # fmt: skip
        return sorted(row.split("\t")[0] for row in done.stdout.splitlines() if row)

    assert complete("brief sh") == ["show"]
    assert complete("brief show 00") == [p.stem for p in sorted((ROOT / "seeds").glob("*.txt"))]
    assert complete("brief list --bi") == ["--bidi"]


@pytest.mark.skipif(ZSH is None or TMUX is None, reason="needs zsh and tmux")
def test_tab_completion_in_zsh_as_typed() -> None:
    """zsh in a terminal: the completion script loaded, then Tab pressed after a prefix."""
    session = f"brief-zsh-{os.getpid()}"
    path = f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"
    start = ["tmux", "new-session", "-d", "-x", "120", "-y", "20", "-s", session]
    subprocess.run([*start, f"env PATH={path} zsh -f"], check=True, cwd=ROOT)
    try:

        def typed(*keys: str, until: str) -> str:
            subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)
            for _ in range(100):
                time.sleep(0.1)
                screen = subprocess.run(
                    ["tmux", "capture-pane", "-t", session, "-p"],
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                if until in screen:
                    return screen
            raise AssertionError(f"{until!r} never shown:\n{screen}")

        load = 'autoload -U compinit && compinit -u && eval "$(brief completion zsh)"; echo ready'
        typed(load, "Enter", until="\nready")
        typed("brief sh", "Tab", until="# brief show")
        typed("C-u", "brief show 004", "Tab", until="brief show 004_0b6d1692144c6f75")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
