"""`brief show` on every path: a terminal (paged the git way, the bidi mode switched around the
pager and restored after ctrl+c), terminal mode for terminals that do bidi themselves, and logical
order into pipes and files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.style import Style

from brief.article.layout import DocumentLayout, Highlight
from brief.article.model import read_article
from brief.terminal import KONSOLE, MLTERM, OTHER, detect, pager_command, show_mode
from tests.cli_helpers import brief
from tests.pty_helpers import run_in_pty

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
ARTICLE = (
    "عنوان المقال عن المؤتمر\nكلمات عربية كثيرة BBC News عربي.\nThe English paragraph, and more.\n"
)
LINES = 24  # the pseudo-terminal's height (run_in_pty's): seed 000 is longer, the article shorter
FAKE_PAGER = """\
import os, sys, time
text = sys.stdin.buffer.read()
less = os.environ.get("LESS", "").encode()
sys.stdout.buffer.write(b"<pager LESS=" + less + b">" + text + b"</pager>")
sys.stdout.flush()
try:
    time.sleep(30)
except KeyboardInterrupt:
    sys.exit(130)
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "100_test.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_into_a_pipe_show_writes_logical_order() -> None:
    """Into a pipe or a file, the text as typed: grep finds its words, nothing to switch."""
    result = brief("show", "000", "--width", "60", "--no-color")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    lines = result.stdout.split("\n")
    article = read_article(SEEDS / "000_99551782ef0ee64d.txt")
    assert f"{lines[0]} {lines[1]}" == article.title
    assert "Outlet: حال الكويت" in lines
    assert any(line.startswith("¶6   كتب ناصر المحيسن - الكويت") for line in lines)
    grep = subprocess.run(
        ["grep", "-c", "تعزيز التعاون العربي"], input=result.stdout, capture_output=True, text=True
    )
    assert grep.returncode == 0


def test_terminal_mode_byte_for_byte(corpus: Path) -> None:
    """Autodetection on, each block's direction with SCP, right-to-left rows with their number on
    the reading side ("2¶" shows as ¶2 from the right) and a mark where a row's first strong
    letter is of the other direction (a cell kept free for it); all switched back at the end."""
    result = brief("show", "100", "--width", "30", "--no-color", "--bidi", "terminal", cwd=corpus)
    assert result.stdout == (
        "\x1b[?2501h"
        "\x1b[2 kعنوان المقال عن المؤتمر\n"
        "\x1b[1 kSource: 100_test · 3\n"
        "        paragraphs\n"
        "\x1b[1 k" + "─" * 30 + "\n"
        "\x1b[2 k\n"
        "2¶   كلمات عربية كثيرة BBC\n"
        "     \u200fNews عربي.\n"
        "\x1b[1 k\n"
        "¶3   The English paragraph,\n"
        "     and more.\n"
        "\x1b[0 k\x1b[?2501l"
    )


def test_terminal_mode_keeps_styles_and_highlights() -> None:
    article = read_article(SEEDS / "000_99551782ef0ee64d.txt")
    quote = "الأمين العام لمجلس وزراء الداخلية العرب محمد كومان"
    start = article.text.index(quote)
    mark = Style(reverse=True)
    document = DocumentLayout(
        article, 1000, bidi="terminal", highlights=(Highlight(start, start + len(quote), mark),)
    )
    rows = [document.row(y) for y in range(document.height)]
    [row] = [row for row in rows if quote in row.plain]
    marked = "".join(row.plain[span.start : span.end] for span in row.spans if span.style == mark)
    assert marked == quote
    assert Style(bold=True) in {span.style for span in rows[0].spans} | {rows[0].style}


def test_the_readers_terminal_mode_keeps_the_number_first() -> None:
    """The reader cannot tell the terminal a row's direction (a screen row holds every pane),
    so its terminal-mode rows keep ¶6 first, as the terminal lays them out from the left."""
    article = read_article(SEEDS / "000_99551782ef0ee64d.txt")
    document = DocumentLayout(article, 80, bidi="terminal")
    rows = [document.row(y).plain for y in range(document.height)]
    assert any(row.startswith("¶6   كتب ناصر") for row in rows)


def test_the_mode_follows_the_flag_the_pipe_the_setting_and_the_terminal() -> None:
    assert show_mode("app", "terminal", False, OTHER) == "app"
    assert show_mode(None, "app", False, OTHER) == "logical"
    assert show_mode(None, "terminal", True, OTHER) == "terminal"
    assert show_mode(None, "app", True, OTHER) == "app"
    # mlterm and Konsole ignore BDSM: visual rows would be reordered again once their own bidi
    # came back on, so brief show leaves the reordering to them.
    assert show_mode(None, "app", True, MLTERM) == "terminal"
    assert show_mode("app", "app", True, KONSOLE) == "app"
    assert detect({"MLTERM": "3.9.0", "TERM": "mlterm"}) is MLTERM
    assert detect({"KONSOLE_VERSION": "221203"}) is KONSOLE
    assert detect({"VTE_VERSION": "7006", "TERM": "xterm-256color"}) is OTHER


def test_the_pager_is_chosen_as_git_chooses() -> None:
    assert pager_command({}) == "less -R"
    assert pager_command({"PAGER": "more"}) == "more"
    assert pager_command({"PAGER": "more", "BRIEF_PAGER": "most"}) == "most"
    assert pager_command({"PAGER": "less", "BRIEF_PAGER": ""}) is None
    assert pager_command({"PAGER": "cat"}) is None


def _env(**extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "LINES": str(LINES),
        "NO_COLOR": "1",
    }
    return env | extra


def _fake_pager(tmp_path: Path) -> str:
    script = tmp_path / "pager.py"
    script.write_text(FAKE_PAGER)
    return f"{sys.executable} {script}"


def test_the_pager_is_wrapped_in_bdsm_and_the_mode_restored_after_ctrl_c(
    tmp_path: Path,
) -> None:
    env = _env(BRIEF_PAGER=_fake_pager(tmp_path))
    argv = [sys.executable, "-m", "brief", "show", "000"]
    output, status = run_in_pty(argv, env, [(b"</pager>", b"\x03")], cwd=ROOT)
    assert status == 130, output[-300:]
    assert output.startswith(b"\x1b[8l<pager LESS=FRX>"), output[:100]
    # Switched back once the pager quit (the terminal echoes the ^C typed), and only then.
    assert output.endswith(b"\x1b[8h"), output[-100:]
    assert output.index(b"\x1b[8h") > output.index(b"</pager>")
    # What went through the pager is the reader's visual rows (the title, right-aligned).
    article = read_article(SEEDS / "000_99551782ef0ee64d.txt")
    assert "تيوكلا" in output.decode()  # الكويت, reversed for the terminal to show as it is
    assert article.title not in output.decode()


@pytest.mark.skipif(shutil.which("less") is None, reason="needs less")
def test_less_pages_the_article_and_the_mode_is_restored_after_ctrl_c_and_q() -> None:
    argv = [sys.executable, "-m", "brief", "show", "000"]
    shown = "¶7".encode()  # on the first screen
    output, status = run_in_pty(argv, _env(), [(shown, b"\x03"), (shown, b"q")], cwd=ROOT)
    assert status == 130, output[-300:]
    assert output.startswith(b"\x1b[8l"), output[:100]
    assert output.endswith(b"\x1b[8h"), output[-100:]
    assert output.count(b"\x1b[8h") == 1  # nothing switched the mode back while less ran
    assert "¶7".encode() in output


def test_a_short_article_is_written_without_the_pager(tmp_path: Path, corpus: Path) -> None:
    env = _env(BRIEF_PAGER=_fake_pager(tmp_path))
    argv = [sys.executable, "-m", "brief", "show", "100"]
    output, status = run_in_pty(argv, env, cwd=corpus)
    assert status == 0
    assert b"<pager" not in output
    assert output.startswith(b"\x1b[8l") and output.endswith(b"\x1b[8h")
    long, _ = run_in_pty([*argv[:-1], "000", "--no-pager"], env, cwd=ROOT)
    assert b"<pager" not in long and long.endswith(b"\x1b[8h")


def test_in_mlterm_show_leaves_the_reordering_to_the_terminal(tmp_path: Path) -> None:
    env = _env(BRIEF_PAGER=_fake_pager(tmp_path), MLTERM="3.9.0", TERM="mlterm")
    argv = [sys.executable, "-m", "brief", "show", "000"]
    output, status = run_in_pty(argv, env, [(b"</pager>", b"\x03")], cwd=ROOT)
    assert status == 130
    # Autodetection on around the pager (SCP cannot pass less); logical rows.
    title = read_article(SEEDS / "000_99551782ef0ee64d.txt").title
    assert output.startswith(b"\x1b[?2501h<pager LESS=FRX>\x1b[2 k" + title[:20].encode())
    assert output.endswith(b"\x1b[0 k\x1b[?2501l")
    assert output.index(b"\x1b[0 k\x1b[?2501l") > output.index(b"</pager>")
    article = read_article(SEEDS / "000_99551782ef0ee64d.txt")
    assert article.paragraphs[5].text[:30] in output.decode()


def test_a_pager_that_cannot_be_run_loses_nothing(corpus: Path) -> None:
    env = _env(BRIEF_PAGER="/no/such/pager", LINES="5")
    argv = [sys.executable, "-m", "brief", "show", "100"]
    output, status = run_in_pty(argv, env, cwd=corpus)
    text = output.decode()
    assert "brief: cannot run the pager '/no/such/pager'" in text
    assert "¶3   The English paragraph," in text
    assert text.endswith("\x1b[8h")
    assert status == 0


def test_in_konsole_show_pages_visual_rows_with_its_bidi_off(tmp_path: Path) -> None:
    """Konsole lays every row out from the left: a long article is paged in the alternate
    screen (LESS=R) as brief lays it out, shaped, Konsole's bidi off until the pager quits."""
    env = _env(BRIEF_PAGER=_fake_pager(tmp_path), KONSOLE_VERSION="221203")
    argv = [sys.executable, "-m", "brief", "show", "000"]
    output, status = run_in_pty(argv, env, [(b"</pager>", b"\x03")], cwd=ROOT)
    assert status == 130
    off, on = b"\x1b]50;BidiRenderingEnabled=false\x07", b"\x1b]50;BidiRenderingEnabled=true\x07"
    assert output.startswith(b"\x1b[8l" + off + b"<pager LESS=R>"), output[:100]
    assert output.endswith(on + b"\x1b[8h")
    assert any(0xFE70 <= ord(char) <= 0xFEFF for char in output.decode())  # shaped


def test_every_control_in_an_article_shows_as_a_picture(tmp_path: Path) -> None:
    """BEL, BS, VT and NEL in a title and a paragraph: each a picture in its place, none dropped
    and no row ended at one, into a pipe, on colour and in visual order alike."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "annotations").mkdir()
    text = "Title \x07bell\x08bs\n\nPara one \x07 with bell and \x0b vt and \x85 nel end.\n"
    (tmp_path / "seeds" / "900_controls.txt").write_text(text, "utf-8")
    for args in ((), ("--color",), ("--bidi", "app")):
        shown = brief("show", "900", "--width", "60", *args, cwd=tmp_path)
        assert shown.returncode == 0, shown.stderr
        assert "Title ␇bell␈bs" in shown.stdout
        assert "Para one ␇ with bell and ␋ vt and ␤ nel end." in shown.stdout
        assert not any(c in shown.stdout for c in "\x07\x08\x0b\x85")
