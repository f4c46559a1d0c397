"""The command line as a user meets it: exact output, clear one-line errors, no traceback."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brief import cli
from brief.article.model import read_article
from brief.catalog.sync import SyncStopped
from brief.cli import main
from brief.commands import listing
from brief.errors import BriefError
from brief.text.bidi import layout, visual_line
from tests.cli_helpers import brief

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def test_show_prints_the_header_and_numbered_paragraphs() -> None:
    result = brief("show", "000", "--width", "60", "--no-color", "--bidi", "app")
    assert result.returncode == 0, result.stderr
    # Visual rows, inside the switch that keeps a bidi terminal from reordering them again.
    assert result.stdout.startswith("\x1b[8l") and result.stdout.endswith("\n\x1b[8h")
    lines = result.stdout.removeprefix("\x1b[8l").split("\n")
    article = read_article(SEEDS / "000_99551782ef0ee64d.txt")
    title_rows = layout(article.title, 60)
    assert lines[: len(title_rows)] == title_rows
    assert lines[len(title_rows) : len(title_rows) + 6] == [
        f"Outlet: {visual_line('حال الكويت')}",
        "Published: 2025-10-01 22:15:00",
        f"Author: {visual_line('ناصر المحيسن')}",
        f"Agency: {visual_line('كونا')}",
        f"Dateline: {visual_line('تونس')}",
        "Source: 000_99551782ef0ee64d · 15 paragraphs",
    ]
    assert "⋯ 3 paragraphs folded: ¶3–¶5 repeat ¶2" in lines
    # A right-to-left paragraph: its rows at 55 columns, its number at the right of the first.
    paragraph = article.paragraphs[6]
    rows = layout(paragraph.text, 55)
    start = lines.index(f"{rows[0]}   ¶7")
    assert lines[start + 1 : start + len(rows)] == [f"{row}     " for row in rows[1:]]


def test_show_folds_whole_repeated_text() -> None:
    result = brief("show", "003", "--width", "80", "--no-color")
    assert "⋯ 6 paragraphs folded: ¶8–¶13 repeat ¶2–¶7" in result.stdout.split("\n")


def test_colour_follows_the_flags_and_no_color(corpus: Path) -> None:
    plain = brief("show", "001", "--width", "60")
    assert "\x1b" not in plain.stdout  # not a terminal
    forced = brief("show", "001", "--width", "60", "--color")
    assert "\x1b[1m" in forced.stdout
    assert "\x1b[8l" not in forced.stdout  # logical order into a pipe: nothing to switch


def test_shape_writes_joined_letter_forms() -> None:
    result = brief("show", "001", "--width", "80", "--no-color", "--shape", "--bidi", "app")
    assert "\ufefb" in result.stdout or "\ufefc" in result.stdout  # lam-alef
    assert "\ufedf" in result.stdout  # initial lam


def test_list_and_json() -> None:
    result = brief("list", "--json")
    entries = json.loads(result.stdout)
    assert [(e["id"], e["published"]) for e in entries] == [
        ("000_99551782ef0ee64d", "2025-10-01T22:15:00"),
        ("001_26d5d24b852057da", None),
        ("002_d9a5e05a9b981f49", None),
        ("003_4c77df3cdd400cf5", None),
        ("004_0b6d1692144c6f75", "2020-03-02T17:11:00"),
    ]
    assert entries[1]["title"] == "انطلاق المؤتمر الثاني لمواجهة جرائم تقنية المعلومات في تونس"
    # Into a pipe, logical order; visual order when asked for (as on a terminal).
    text = brief("list").stdout.split("\n")
    assert text[1] == f"001_26d5d24b852057da  -           {entries[1]['title']}"
    text = brief("list", "--bidi", "app").stdout.split("\n")
    assert text[1] == f"001_26d5d24b852057da  -           {visual_line(entries[1]['title'])}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ok \xff bad", "not UTF-8 text (invalid byte 0xff at offset 3)"),
        (
            "\ufeffتونس العاصمة\n".encode("utf-16-le"),
            "UTF-16 (little-endian) text, not UTF-8: convert it (iconv -f UTF-16 -t UTF-8)",
        ),
        (
            "تونس العاصمة 2025\n".encode("utf-16-be"),
            "UTF-16 (big-endian) text, not UTF-8: convert it (iconv -f UTF-16BE -t UTF-8)",
        ),
        (
            "الأمين العام لمجلس وزراء الداخلية العرب\n".encode("cp1256"),
            "Windows-1256 (Arabic) text, not UTF-8: convert it (iconv -f CP1256 -t UTF-8)",
        ),
        (b"", "empty article (no text)"),
        (b"  \n\n ", "empty article (no text)"),
        (b"\x7fELF\x00\x01", "a binary file (NUL bytes), not UTF-8 text"),
    ],
)
def test_bad_article_files_are_one_line_errors(corpus: Path, content: bytes, message: str) -> None:
    (corpus / "seeds" / "999_bad.txt").write_bytes(content)
    result = brief("show", "999", cwd=corpus)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"brief: {corpus}/seeds/999_bad.txt: {message}\n"


def test_unknown_ambiguous_and_directory(corpus: Path) -> None:
    unknown = brief("show", "777", cwd=corpus)
    assert unknown.returncode == 1
    assert (
        unknown.stderr == f"brief: no article '777' in {corpus}/seeds (brief list shows the ids)\n"
    )
    ambiguous = brief("show", "00", cwd=corpus)
    assert ambiguous.stderr.startswith("brief: '00' matches 5 articles: 000_99551782ef0ee64d, ")
    (corpus / "seeds" / "555_folder.txt").mkdir()
    folder = brief("show", "555", cwd=corpus)
    assert (
        folder.stderr == f"brief: {corpus}/seeds/555_folder.txt: is a directory, not an article\n"
    )
    (corpus.parent / "elsewhere").mkdir(exist_ok=True)
    no_config = {**os.environ, "XDG_CONFIG_HOME": str(corpus.parent / "elsewhere")}
    nowhere = brief("show", "000", cwd=corpus.parent / "elsewhere", env=no_config)
    assert nowhere.returncode == 1
    assert nowhere.stderr.startswith("brief: no corpus: the current folder has no seeds/ folder")
    for result in (unknown, ambiguous, folder, nowhere):
        assert "Traceback" not in result.stderr


def test_escape_sequences_in_an_article_never_reach_the_terminal(corpus: Path) -> None:
    (corpus / "seeds" / "666_evil.txt").write_text(
        "عنوان\nنص \x1b]0;pwned\x07 و\x1b[2J مسح \u202eعكس\u202c\n", encoding="utf-8"
    )
    result = brief("show", "666", "--width", "60", "--no-color", cwd=corpus)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u241b" in result.stdout  # ␛ shows where the escape was
    assert "¦RLO¦" in result.stdout and "¦PDF¦" in result.stdout


def test_cli_paths_do_not_import_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from brief.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['show', '000', '--width', '60']); main(['list'])\n"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


def test_list_filters_with_the_query_language() -> None:
    ids = [line[:20] for line in brief("list", "الالكترونية").stdout.splitlines()]
    assert ids == [
        "000_99551782ef0ee64d",
        "001_26d5d24b852057da",
        "002_d9a5e05a9b981f49",
        "004_0b6d1692144c6f75",
    ]
    # 004 states 2020; 000's annotations infer the 37th session's date (1 March 2020).
    assert [line[:3] for line in brief("list", "when:2020").stdout.splitlines()] == ["000", "004"]
    excluded = brief("list", "الحديثة", "-تونس", "--json")
    assert [e["id"][:3] for e in json.loads(excluded.stdout)] == ["003"]
    bad = brief("list", "when:20x")
    assert bad.returncode == 2
    assert bad.stderr.startswith("brief: when:20x is not a date")


ALL_FIVE = "000_99551782ef0ee64d, 001_26d5d24b852057da, 002_d9a5e05a9b981f49, …"
BAD_QUERIES = [
    ("when:2020-13", "when:2020-13 is not a date: there is no month 13 (months 01 to 12)"),
    ("when:2020-02-30", "when:2020-02-30 is not a date: 2020-02 has days 01 to 29"),
    (
        "when:2025..2020",
        "when:2025..2020 ends before it starts: did you mean when:2020..2025?",
    ),
    ("when:2020-00", "when:2020-00 is not a date: there is no month 00 (months 01 to 12)"),
    (
        "foo:bar",
        "foo:bar uses no field foo: to search the text, quote it: "
        '"foo:bar"; the fields are who, where, when, decision, status, tag and id',
    ),
    ("who:", "who: needs a value right after the colon, as in who:koman"),
    ('"unclosed', '"unclosed has no closing quote: end the phrase with one, as in "unclosed"'),
    ('who:"abc', 'who:"abc has no closing quote: end the phrase with one, as in who:"abc"'),
    ("id:00", f"id:00 matches 5 articles: give more of the id ({ALL_FIVE})"),
    ("id:777", "id:777 names no article: no id starts with 777"),
]


@pytest.mark.parametrize(("text", "message"), BAD_QUERIES)
def test_a_bad_query_exits_2_and_says_what_is_wrong(
    text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.md"
    for command in (["list", "tunis", text], ["export", text, "-o", str(target)]):
        assert main(["--corpus", str(ROOT), *command]) == 2, command
        out, err = capsys.readouterr()
        assert (out, err) == ("", f"brief: {message}\n"), command
    assert not target.exists()  # nothing written


def test_a_bad_query_from_the_shell() -> None:
    result = brief("list", "when:2020-13")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "brief: when:2020-13 is not a date: there is no month 13 (months 01 to 12)\n"
    )
    exported = brief("export", "who:")
    assert (exported.returncode, exported.stdout) == (2, "")
    assert exported.stderr == "brief: who: needs a value right after the colon, as in who:koman\n"


def test_list_exits_1_when_nothing_matches_as_grep_does() -> None:
    nothing = brief("list", "zzzq")
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (1, "", "")
    as_json = brief("list", "zzzq", "--json")
    assert (as_json.returncode, as_json.stdout) == (1, "[]\n")
    assert brief("list", "تونس").returncode == 0


def test_articles_are_named_by_id_or_a_unique_prefix() -> None:
    def listed(*query: str) -> list[str]:
        result = brief("list", *query)
        assert result.returncode == 0, result.stderr
        return [line[:3] for line in result.stdout.splitlines()]

    assert listed("id:000") == ["000"]
    assert listed("id:004", "id:001_26d5") == ["001", "004"]  # several: any of them
    assert listed("-id:000", "-id:003") == ["001", "002", "004"]
    assert listed("الالكترونية", "id:000", "id:003", "id:004") == ["000", "004"]
    # Bare words that each name an article select them, as brief show ID does ...
    assert listed("004", "000") == ["000", "004"]
    assert listed("000_99551782ef0ee64d") == ["000"]
    # ... quoted, or beside another word, or not naming one article, they are searched.
    assert listed('"000"') == ["001", "002", "004"]  # their notes mention "seed 000"
    assert listed("000", "تونس") == listed('"000"', "تونس")
    assert listed("00") == listed('"00"')


def test_export_000_exports_article_000(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    result = brief("export", "000", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {target} (1 article)\n"
    text = target.read_text(encoding="utf-8")
    assert [line[:7] for line in text.splitlines() if line.startswith("### 0")] == ["### 000"]
    searched = brief("export", '"000"').stdout
    assert [line[:7] for line in searched.splitlines() if line.startswith("### 0")] == [
        "### 001",
        "### 002",
        "### 004",
    ]


def test_list_and_export_help_show_the_queries_and_exit_codes() -> None:
    for command in ("list", "export"):
        result = brief(command, "--help")
        assert result.returncode == 0
        assert "id:000" in result.stdout and '"foo:bar"' in result.stdout
        assert "exit status:" in result.stdout
        assert "2  the query is not understood" in result.stdout
    assert "1  nothing matched" in brief("list", "--help").stdout


def test_a_bad_query_cannot_reach_the_terminal_raw() -> None:
    """Controls typed (or pasted) into a query are shown in its message, and reorder nothing."""
    result = brief("list", "foo:\x1b[2J\u202ex")
    assert result.returncode == 2
    assert result.stderr == (
        "brief: foo:␛[2J¦RLO¦x uses no field foo: to search the text, quote it: "
        '"foo:␛[2J¦RLO¦x"; the fields are who, where, when, decision, status, tag and id\n'
    )


@pytest.mark.parametrize("width", ["0", "1", "19", "-3"])
def test_show_refuses_a_width_under_20_columns(width: str) -> None:
    result = brief("show", "000", "--width", width)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"brief: --width {width} is too narrow: brief show needs at least 20 columns\n"
    )


def test_a_bug_shows_its_traceback_not_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only BriefError is the user's to fix: a ValueError from a bug is not dressed up as one."""

    def broken(args: object) -> int:
        raise ValueError("a bug")

    monkeypatch.setattr(listing, "run", broken)
    with pytest.raises(ValueError, match="a bug"):
        cli.main(["--corpus", str(ROOT), "list"])


def test_every_error_brief_defines_is_a_brief_error() -> None:
    """So `brief` says each in one line. Two are signals, not errors: SyncStopped is how a sync
    is stopped, and _NotPlain how the annotations' loader leaves a node to PyYAML."""
    from brief.annotations.load import _NotPlain

    defined = []
    for module in pkgutil.walk_packages(importlib.import_module("brief").__path__, "brief."):
        if module.name != "brief.__main__":
            found = vars(importlib.import_module(module.name)).values()
            defined += [c for c in found if isinstance(c, type) and issubclass(c, Exception)]
    mine = {
        c
        for c in defined
        if c.__module__.startswith("brief.") and c not in (SyncStopped, _NotPlain)
    }
    assert len(mine) >= 10, mine  # CliError, ArticleError, QueryError, CatalogError, …
    assert [c.__name__ for c in mine if not issubclass(c, BriefError)] == []


def test_brief_list_starts_without_the_model_the_reader_or_the_layout() -> None:
    """`brief list` answers from the catalog: pydantic and YAML (the annotations), Textual (the
    reader) and rich (the layout) are other commands' and would only slow its start."""
    assert brief("list").returncode == 0  # the catalog is built and in step
    code = (
        "import sys, io, contextlib\n"
        "from brief.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['list', 'تونس'])\n"
        "print([m for m in ('pydantic', 'yaml', 'textual', 'rich') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_reader_starts_without_the_annotations_models() -> None:
    """The reader's first screen reads no annotation file: pydantic and YAML load with the
    first article's annotations, after it is drawn (the panel's help names the kinds from
    brief.annotations.vocabulary, not the model)."""
    code = "import sys, brief.tui.app\nprint([m for m in ('pydantic', 'yaml') if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stderr


def test_an_article_quoting_the_quran_in_ornate_brackets_is_listed_and_shown(
    tmp_path: Path,
) -> None:
    """﴾﴿ have no other form: the catalog's folding of them looped until Python gave up."""
    (tmp_path / "seeds").mkdir()
    text = "آية في الخبر\n\nقال الخطيب ﴿إِنَّا أَعْطَيْنَاكَ الْكَوْثَرَ﴾ في ختام كلمته.\n"
    (tmp_path / "seeds" / "quran.txt").write_text(text, encoding="utf-8")
    listed = brief("--corpus", str(tmp_path), "list", "الكوثر")
    assert listed.returncode == 0 and listed.stdout.startswith("quran"), listed.stderr
    assert brief("--corpus", str(tmp_path), "list", "﴿").stdout.startswith("quran")
    shown = brief("--corpus", str(tmp_path), "show", "quran")
    assert shown.returncode == 0 and "﴿" in shown.stdout
