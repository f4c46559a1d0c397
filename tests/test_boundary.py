"""The output boundary (brief/text/boundary.py): nothing a terminal or a reader's screen would
obey passes it, whatever the text; what is safe passes unchanged."""

from __future__ import annotations

import ast
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.style import Style

from brief.text.boundary import (
    BIDI_CONTROLS,
    Rendered,
    Terminal,
    excerpt,
    for_document,
    json_text,
    own,
    visible,
    visible_char,
)

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def obeyed(text: str, keep: str = "\n\t") -> list[str]:
    """What a terminal would act on in `text`: controls (but `keep`), bidi controls, lone
    surrogates."""
    return [
        c
        for c in text
        if c not in keep and (unicodedata.category(c) in ("Cc", "Cs") or c in BIDI_CONTROLS)
    ]


def test_no_character_passes_raw() -> None:
    assert obeyed(visible(EVERY_CHARACTER)) == []
    assert obeyed(visible(EVERY_CHARACTER, keep=""), keep="") == []
    shown = for_document(EVERY_CHARACTER)
    assert obeyed(shown.text) == []
    assert len(shown.bidi) == len(BIDI_CONTROLS)
    assert shown.controls == 32 - 2 + 1 + 32 + 2048  # C0 but \n \t, DEL, C1, surrogates


def test_what_is_safe_passes_unchanged() -> None:
    text = "الأمين العام\tكومان\n«تونس» 2025 naïve ‍ZWJ"
    assert visible(text) is text
    assert for_document(text).text is text
    assert for_document(text).warning is None


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),  # the window title
        ("\x1b]52;c;ZXZpbA==\x07", "␛]52;c;ZXZpbA==␇"),  # the clipboard
        ("\x1b[2J\x1b[H", "␛[2J␛[H"),
        ("\x9b2J", "¦CSI¦2J"),  # a C1 control has no picture: its name
        ("\x9d0;t\x9c", "¦OSC¦0;t¦ST¦"),
        ("\x80\x85\x9f", "¦PAD¦¦NEL¦¦APC¦"),
        ("a\rb\x08c\x7fd\x00", "a␍b␈c␡d␀"),
        ("\u202eabc\u202c", "¦RLO¦abc¦PDF¦"),
        ("\u2067x\u2069\u200f", "¦RLI¦x¦PDI¦¦RLM¦"),
        ("zz_\udc9b.txt", "zz_\\x9b.txt"),  # a name that is not UTF-8, as a shell shows it
    ],
)
def test_controls_are_pictures_and_bidi_controls_markers(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_newline_and_tab_stay_unless_the_text_is_one_line() -> None:
    assert visible("a\nb\tc") == "a\nb\tc"
    assert visible("a\nb\tc", keep="") == "a␊b␉c"


def test_a_layout_cell_shows_a_tab_as_a_space_and_leaves_bidi_controls_to_the_layout() -> None:
    assert visible_char("\t") == " "
    assert visible_char("\x1b") == "␛"
    assert visible_char("\u202e") == "\u202e"  # hidden or revealed by the layout
    assert visible_char("ب") == "ب"


def test_an_excerpt_is_short_and_shows_its_controls() -> None:
    assert excerpt("kind") == "'kind'"
    assert excerpt("it's") == "'it\\'s'"
    assert excerpt("a\nb\x1b[2J") == "'a␊b␛[2J'"
    long = excerpt("ب" * 10**7)
    assert len(long) == 62 and long.endswith("…'")
    assert excerpt(["person"]) == "['person']"
    assert excerpt([["lol"] * 10**6] * 10**6) == (
        "[['lol', 'lol', 'lol', 'lol', ...], ['lol', 'lol', 'lol', '…"
    )
    assert excerpt({"a": {"b": {"c": 1}}}) == "{'a': {'b': {...}}}"
    assert excerpt(7) == "7" and excerpt(None) == "None"


def test_what_a_document_shows_holds_no_markup() -> None:
    """It goes in after the format's escaping: a C1 CSI shown as ␛[ would open a link."""
    shown = for_document("\x9bclick\x9d(javascript:x) \x9c\\<img> \udcff \x1b[ \x7f")
    assert shown.text == "¦CSI¦click¦OSC¦(javascript:x) ¦ST¦\\<img> \ufffd ␛[ ␡"
    pictures = for_document(EVERY_CHARACTER).text
    added = set(pictures) - set(EVERY_CHARACTER.replace("\x7f", ""))
    assert added == set()  # every character it adds is one of the text's own kinds…
    punctuation = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())
    markers = for_document("".join(map(chr, range(0x80, 0xA0)))).text
    assert not set(markers) & set(punctuation)  # …and the markers of C1 hold no ASCII markup


def test_a_document_with_bidi_controls_carries_a_warning() -> None:
    shown = for_document("quote \u202eعكس\u202c and \u2067x\u2069")
    assert shown.text == "quote ¦RLO¦عكس¦PDF¦ and ¦RLI¦x¦PDI¦"
    assert shown.bidi == ("RLO", "PDF", "RLI", "PDI")
    assert shown.warning == (
        "Warning: the sources hold 4 invisible direction controls (RLO, PDF, RLI, PDI), shown "
        "here as markers such as ¦RLO¦: left in, they would reorder the text around them."
    )


def test_json_keeps_the_data_and_no_control() -> None:
    value = {"title": "a\x1b]0;t\x07 \x9b2J \x7f \u202eعكس", "id": "zz"}
    text = json_text(value)
    assert obeyed(text) == []
    assert json.loads(text) == value


def test_a_terminal_stream_passes_only_what_is_visible() -> None:
    raw = io.StringIO()
    out = Terminal(raw)
    print("title \x1b]0;pwned\x07", "\u202eRLO", file=out)
    out.write("a\tb\n")
    assert raw.getvalue() == "title ␛]0;pwned␇ ¦RLO¦RLO\na\tb\n"
    assert Terminal.of(out) is out


def test_a_terminal_stream_writes_brief_s_own_sequences_and_styles() -> None:
    raw = io.StringIO()
    out = Terminal(raw)
    out.control("\x1b[8l")
    out.control("\r")
    out.control("\x1b[2 k")  # SCP, as a terminal that does bidi is told the direction
    out.styled([(Style(bold=True, link="https://evil.example"), "x\x1b[2J"), (Style(), "y")])
    out.control("\x1b[8l\x1b]5379;use_ctl=false\x07")  # mlterm's bidi off, with BDSM
    assert raw.getvalue() == (
        "\x1b[8l\r\x1b[2 k\x1b[1mx␛[2J\x1b[0my\x1b[8l\x1b]5379;use_ctl=false\x07"
    )
    for sequence in ("\x1b]0;t\x07", "\x1b]52;c;eA==\x07", "\x1b[2J\x1b[H", "\x07", "x"):
        with pytest.raises(ValueError, match="not a sequence brief writes"):
            out.control(sequence)


def test_rendered_text_passes_as_it_is_and_nothing_else_does() -> None:
    """A pager is given what a buffer rendered; a layout row's own direction marks pass."""
    buffer = Terminal.buffer()
    buffer.control("\x1b[2 k")
    buffer.row("\u200f\u202ex\x1b")
    buffer.write("\u200f")
    rendered = buffer.rendered()
    assert isinstance(rendered, Rendered)
    assert rendered == "\x1b[2 k\u200f¦RLO¦x␛¦RLM¦"
    raw = io.StringIO()
    Terminal(raw).write(rendered)
    Terminal(raw).write(rendered + "\x1b")  # joined: a str again, made visible
    assert raw.getvalue() == rendered + "␛[2 k¦RLM¦¦RLO¦x␛¦RLM¦␛"
    with pytest.raises(ValueError, match="not a sequence brief writes"):
        own("\x1b]0;t\x07")
    with pytest.raises(TypeError):
        Terminal(io.TextIOWrapper(io.BytesIO())).rendered()


def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_traceback() -> None:
    raw = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    out = Terminal(raw)
    out.write("تونس\n")
    raw.flush()
    assert raw.buffer.getvalue() == b"\\u062a\\u0648\\u0646\\u0633\n"  # type: ignore[attr-defined]


BRIEF = Path(__file__).parent.parent / "brief"
AROUND_THE_BOUNDARY = re.compile(
    r"sys\.__std(out|err)__|os\.write\(|\.buffer\.write|/dev/tty|fdopen\([12]\b"
)


def _writes_to_a_stream(tree: ast.AST) -> list[int]:
    """Lines that call print() or name sys.stdout / sys.stderr, but as Terminal.of(sys.…)."""
    through = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "Terminal.of" and node.args
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Call) and ast.unparse(node.func) == "print")
        or (
            isinstance(node, ast.Attribute)
            and ast.unparse(node) in ("sys.stdout", "sys.stderr")
            and id(node) not in through
        )
    ]


def test_text_leaves_brief_only_through_the_boundary() -> None:
    """The command line (cli.py and brief/commands/) writes through the Terminal its main wraps
    stdout and stderr in, so a new command cannot forget; no module writes around it, and
    below the command line none writes to a stream at all but through a Terminal (the
    reader's BDSM)."""
    for path in sorted(BRIEF.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(BRIEF).as_posix()
        assert AROUND_THE_BOUNDARY.search(source) is None, name
        command_line = name == "cli.py" or name.startswith("commands/")
        if not command_line and name != "text/boundary.py":
            assert _writes_to_a_stream(ast.parse(source)) == [], name
        if name != "text/boundary.py":  # only the boundary makes text that passes as it is
            assert "Rendered(" not in source, name


def test_main_wraps_stdout_and_stderr_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from brief import cli
    from brief.commands import schema

    seen: list[object] = []

    def command(args: object) -> int:
        seen.extend([sys.stdout, sys.stderr])
        print("out \x1b]0;t\x07")
        print("err \u202e", file=sys.stderr)
        return 0

    monkeypatch.setattr(schema, "run", command)
    assert cli.main(["schema"]) == 0
    assert all(isinstance(stream, Terminal) for stream in seen)
    assert not isinstance(sys.stdout, Terminal)  # put back after the command
    out, err = capsys.readouterr()
    assert (out, err) == ("out ␛]0;t␇\n", "err ¦RLO¦\n")
