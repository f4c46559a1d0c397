"""Hostile input: a corpus holding every bad file of tests/hostile_inputs.py, and every command
run on it under a limit of memory and time, as a user would run them. Each asserts: no
traceback, the documented exit status, no raw control in what it writes (stdout, stderr, the
brief it exports), every other article still served, at most two lines on stderr per bad
file, and no file of the corpus changed."""

from __future__ import annotations

import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brief import cli
from brief.settings import SettingsError, load_settings
from tests.hostile_inputs import (
    ANNOTATIONS_REFUSED,
    ARTICLES_LEFT_OUT,
    RAW,
    SERVED,
    an_annotation_with_escapes,
    hostile_corpus,
    make_corpus,
    snapshot,
)

ROOT = Path(__file__).parent.parent
MEMORY = 1 << 30  # bytes of address space a command may take
SECONDS = 60
# Each command under the limit, as `python -m brief`: Python, pydantic and SQLite fit in it.
LIMITED = (
    "import resource, runpy, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY})); "
    "sys.argv = ['brief', *sys.argv[1:]]; runpy.run_module('brief', run_name='__main__')"
)
SERVED_IDS = (
    "000_99551782ef0ee64d", "001_26d5d24b852057da", "002_d9a5e05a9b981f49",
    "003_4c77df3cdd400cf5", "004_0b6d1692144c6f75", "100_escapes", "101_bidi", "102_inject",
    "<img src=x onerror=alert(1)> www.evil.example",
    *(f"2{k:02d}_" for k in range(len(ANNOTATIONS_REFUSED))),
)  # fmt: skip
BAD_FILES = len(ARTICLES_LEFT_OUT) + len(ANNOTATIONS_REFUSED)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    return root, hostile_corpus(root)


NO_CONFIG = {"XDG_CONFIG_HOME": "/nonexistent/brief-test-config"}
BRIEF_S_OWN = re.compile(r"\x1b\[[0-9;?]*(?:[mhl]| k)")


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's own settings (follow_outside_links) are not the tests'."""
    monkeypatch.setenv("XDG_CONFIG_HOME", NO_CONFIG["XDG_CONFIG_HOME"])


def run(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`brief ARGS` in the corpus, under the limits; nothing raw in what it writes (but the
    SGR of --color, brief's own)."""
    result = subprocess.run(
        [sys.executable, "-c", LIMITED, *args],
        capture_output=True, text=True, cwd=root, timeout=SECONDS,
        env={**os.environ, "PYTHONPATH": str(ROOT), **NO_CONFIG, **(env or {})},
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    assert "MemoryError" not in result.stderr
    out = result.stdout
    if "--color" in args or "terminal" in args:  # brief's own SGR, SCP, modes and marks
        out = BRIEF_S_OWN.sub("", out).replace("\u200e", "").replace("\u200f", "")
    assert RAW.findall(out) == [] and RAW.findall(result.stderr) == []
    return result


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("list",), 0),
        (("list", "--json"), 0),
        (("list", "\x1b]0;t\x07 \u202eتونس"), 1),  # nothing matched
        (("list", "foo:\x1b]0;t\x07\u202e"), 2),  # a query that is not understood
        (("export",), 0),
        (("validate",), 1),
        (("show", "100_escapes", "--width", "60"), 0),
        (("show", "101_bidi", "--width", "60", "--bidi", "terminal"), 0),
        (("show", "102_inject", "--width", "60", "--color"), 0),
        (("show", "<img src=x onerror=alert(1)> www.evil.example"), 0),
        (("show", "x"), 1),
        (("show", "passwd"), 1),
        (("show", "loop"), 1),
        (("show", "zz"), 1),
        (("edit", "200_laughs"), 0),  # opened and closed by an editor that changes nothing
        (("edit", "100_escapes"), 0),
        (("edit", "x"), 1),
        (("edit", "204_fifo"), 1),
        (("edit", "205_out"), 1),
    ],
)
def test_every_command_on_a_hostile_corpus(
    hostile: tuple[Path, dict[str, str]], args: tuple[str, ...], status: int
) -> None:
    root, _ = hostile
    before = snapshot(root)
    result = run(root, *args, env={"VISUAL": "true"})
    assert result.returncode == status, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) <= 2 * BAD_FILES + 1, lines
    if args[0] == "list" and status == 0:
        listed = json.loads(result.stdout) if "--json" in args else result.stdout.splitlines()
        ids = [entry["id"] for entry in listed] if "--json" in args else listed
        for served in SERVED_IDS:
            assert any(str(i).startswith(served) for i in ids), served
    assert snapshot(root) == before


def test_the_brief_written_to_a_file_holds_nothing_raw(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    root, _ = hostile
    before = snapshot(root)
    target = tmp_path / "brief.md"
    result = run(root, "export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert RAW.findall(text) == []
    assert "**Warning: the sources hold" in text  # the bidi controls, shown as markers
    assert "¦RLO¦" in text and "␛]0;pwned␇" in text.replace("\\", "")  # Markdown-escaped
    assert "-----BEGIN OPENSSH PRIVATE KEY-----" not in text and "SECRET" not in text
    assert snapshot(root) == before


@pytest.mark.parametrize("name", list(ARTICLES_LEFT_OUT))
def test_each_article_left_out_is_said_in_one_line(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """brief list and brief export name it, and why; the other articles are served."""
    root = make_corpus(tmp_path / "corpus")
    said = ARTICLES_LEFT_OUT[name](root)
    before = snapshot(root)
    for command in (["list"], ["export"]):
        assert cli.main(["--corpus", str(root), *command]) == 0
        out, err = capsys.readouterr()
        assert RAW.findall(out + err) == []
        assert [line for line in err.splitlines() if said in line] == err.splitlines(), err
        assert len(err.splitlines()) == 1, err
        assert out.count("000_99551782ef0ee64d") >= 1 and "004_0b6d1692144c6f75" in out
    assert snapshot(root) == before


@pytest.mark.parametrize("name", list(ANNOTATIONS_REFUSED))
def test_each_bad_annotation_file_is_said_in_one_line(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """brief validate names it; its article is still listed, shown and exported."""
    root = make_corpus(tmp_path / "corpus")
    said = ANNOTATIONS_REFUSED[name](root)
    before = snapshot(root)
    assert cli.main(["--corpus", str(root), "validate"]) == 1
    out, err = capsys.readouterr()
    assert RAW.findall(out + err) == []
    errors = [line for line in out.splitlines() if ": warning: " not in line]
    assert len(errors) == 1 and said in errors[0], out
    stem = said.split(".yaml")[0]
    for command in (["list", stem], ["export", stem], ["show", stem, "--width", "80"]):
        assert cli.main(["--corpus", str(root), *command]) == 0, command
        out, err = capsys.readouterr()
        assert RAW.findall(out + err) == []
        assert len(err.splitlines()) <= 1, err
    assert snapshot(root) == before


def test_many_files_left_out_are_counted(
    hostile: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = hostile
    assert cli.main(["--corpus", str(root), "list"]) == 0
    err = capsys.readouterr().err.splitlines()
    skipped = [line for line in err if not line.startswith("brief: warning: ")]
    assert len(skipped) == 6
    assert (
        skipped[-1]
        == f"brief: and {len(ARTICLES_LEFT_OUT) + 2 - 5} more files skipped, which it cannot read"
    )
    # The annotation files that do not load, the same way: the first five, then a count.
    unloaded = err[len(skipped) :]
    assert len(unloaded) == 6 and all(
        line.endswith("(brief validate says why)") for line in unloaded[:5]
    )
    assert unloaded[-1].startswith("brief: warning: and ")


def test_a_link_out_of_the_corpus_is_followed_when_the_user_allows_it(tmp_path: Path) -> None:
    """Only by the user's own config.toml: a corpus that allows itself is refused."""
    root = make_corpus(tmp_path / "corpus")
    elsewhere = tmp_path / "elsewhere.txt"
    shutil.copy(next((root / "seeds").glob("001_*.txt")), elsewhere)
    (root / "seeds" / "linked.txt").symlink_to(elsewhere)
    (root / "brief.toml").write_text("follow_outside_links = true\n", "utf-8")
    # Every command reads the settings (bidi, shape): each refuses such a corpus's brief.toml.
    refused = run(root, "list")
    assert "linked" not in refused.stdout
    assert refused.stderr == (
        f"brief: {root}/brief.toml: follow_outside_links: only your own config.toml can allow "
        "links out of a corpus (a shared corpus must not allow itself)\n"
    )
    with pytest.raises(SettingsError, match=r"only your own config\.toml can allow links"):
        load_settings(root)
    (root / "brief.toml").unlink()
    skipped = run(root, "list")
    assert "linked" not in skipped.stdout
    assert skipped.stderr == (
        f"brief: skipped {root}/seeds/linked.txt: a symbolic link to {elsewhere}, outside the "
        "corpus (follow_outside_links = true in your config.toml reads it)\n"
    )
    config = tmp_path / "config"
    (config / "brief").mkdir(parents=True)
    (config / "brief" / "config.toml").write_text("follow_outside_links = true\n", "utf-8")
    allowed = run(root, "list", env={"XDG_CONFIG_HOME": str(config)})
    assert "linked" in allowed.stdout and allowed.stderr == ""


class _Elements(html.parser.HTMLParser):
    """Every element, attribute and link in rendered HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


# What the brief's own Markdown and HTML make: nothing else may come from hostile text.
OURS = {
    "p", "h1", "h2", "h3", "h4", "ul", "li", "strong", "em", "blockquote", "table", "thead",
    "tbody", "tr", "th", "td", "hr", "div", "span",
}  # fmt: skip
OUR_ATTRIBUTES = {("div", "dir", "rtl"), ("div", "lang", "ar"), ("span", "dir", "rtl"),
                  ("span", "lang", "ar"), ("span", "dir", "ltr"), ("span", "lang", "en"),
                  ("tr", "class", "header"), ("tr", "class", "odd"),
                  ("tr", "class", "even")}  # fmt: skip


@pytest.mark.parametrize(
    "renderer",
    [
        ["cmark-gfm", "--unsafe", "-e", "autolink", "-e", "table", "-e", "strikethrough",
         "-e", "tagfilter"],
        ["pandoc", "--from", "gfm", "--to", "html"],
    ],
    ids=["cmark-gfm", "pandoc-gfm"],
)  # fmt: skip
def test_no_element_attribute_or_link_comes_from_hostile_text(
    hostile: tuple[Path, dict[str, str]], renderer: list[str]
) -> None:
    """The brief rendered as GitHub renders it (cmark-gfm with GitHub's extensions, raw HTML
    kept as GitHub keeps it before sanitising) and by pandoc's gfm reader: only the elements
    and attributes the brief makes itself, no link at all."""
    if shutil.which(renderer[0]) is None:
        pytest.skip(f"{renderer[0]} is not installed (apt-get install {renderer[0]})")
    root, _ = hostile
    text = run(root, "export").stdout
    rendered = subprocess.run(renderer, input=text, capture_output=True, text=True, check=True)
    shown = html.unescape(re.sub(r"<[^>]*>", "", rendered.stdout))
    for injection in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "www.evil"):
        assert injection in shown  # the hostile strings are in the brief…
    found = _Elements()
    found.feed(rendered.stdout)
    tags = {tag for tag, _ in found.elements}
    assert tags <= OURS, tags - OURS  # …as text: no a, img, script, code, del
    attributes = {(tag, name, value) for tag, attrs in found.elements for name, value in attrs}
    # pandoc names each heading by a slug of its text: letters, digits and hyphens only.
    slugs = {a for a in attributes if a[1] == "id" and re.fullmatch(r"h[1-6]", a[0])}
    assert all(re.fullmatch(r"[\w-]+", value or "") for _, _, value in slugs), slugs
    assert attributes - slugs <= OUR_ATTRIBUTES, attributes - slugs - OUR_ATTRIBUTES


def test_served_cases_are_all_served(hostile: tuple[Path, dict[str, str]]) -> None:
    root, _ = hostile
    listed = run(root, "list").stdout
    assert len(SERVED) == 4
    for article_id in ("100_escapes", "101_bidi", "102_inject", "<img src=x"):
        assert article_id in listed


def test_links_where_brief_writes_are_not_written_through(tmp_path: Path) -> None:
    """A shared corpus could put links where brief writes (its catalog's files, the folder of
    kept edits, annotations/, the schema): the user's files they point at stay as they were."""
    root = make_corpus(tmp_path / "corpus")
    victim = tmp_path / "bashrc"
    victim.write_text("export PATH=~/bin:$PATH\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in (".brief-index.sqlite-wal", ".brief-index.sqlite.watch"):
        (root / name).symlink_to(victim)
    (root / ".brief-recovery").symlink_to(elsewhere)
    (root / "annotations" / "schema.json").symlink_to(victim)
    cache, state = tmp_path / "cache", tmp_path / "state"
    env = {"XDG_CACHE_HOME": str(cache), "XDG_STATE_HOME": str(state), "VISUAL": "false"}
    assert run(root, "list", env=env).returncode == 0
    assert list((cache / "brief").glob("*.sqlite"))  # the catalog went to the cache
    assert run(root, "schema", "--write", env=env).returncode == 0
    assert not (root / "annotations" / "schema.json").is_symlink()  # replaced, not written
    bogus = "status: curated", "status: bogus"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys; from pathlib import Path; p = Path(sys.argv[1]); "
        f"p.write_text(p.read_text().replace{bogus!r})",
        encoding="utf-8",
    )
    edit = run(root, "edit", "000", env={**env, "VISUAL": f"{sys.executable} {script}"})
    assert edit.returncode == 1 and str(state) in edit.stderr  # kept, not in elsewhere/
    assert list(elsewhere.iterdir()) == []
    assert victim.read_text(encoding="utf-8") == "export PATH=~/bin:$PATH\n"


def test_an_annotations_folder_out_of_the_corpus_is_neither_read_nor_written(
    tmp_path: Path,
) -> None:
    root = make_corpus(tmp_path / "corpus")
    theirs = tmp_path / "theirs"
    (root / "annotations").rename(theirs)
    (root / "annotations").symlink_to(theirs)
    before = {p.name: p.read_bytes() for p in theirs.iterdir()}
    listed = run(root, "list")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 5
    assert "outside the corpus" in listed.stderr
    edit = run(root, "edit", "000", env={"VISUAL": "true"})
    assert edit.returncode == 1
    assert "leads out of the corpus" in edit.stderr and "nothing was opened" in edit.stderr
    assert {p.name: p.read_bytes() for p in theirs.iterdir()} == before


def test_the_reader_on_a_hostile_corpus(hostile: tuple[Path, dict[str, str]]) -> None:
    """Through every article, its annotations, the help, the index, the timeline and the
    export preview (tests/hostile_reader.py), under the limits: nothing raw on screen, every
    served article seen, the files left out said, no file changed."""
    root, _ = hostile
    before = snapshot(root)
    result = subprocess.run(
        [sys.executable, "-c",
         LIMITED.replace("runpy.run_module('brief'", "runpy.run_module('tests.hostile_reader'"),
         str(root)],
        capture_output=True, text=True, cwd=ROOT, timeout=SECONDS * 3,
        env={**os.environ, "PYTHONPATH": str(ROOT), **NO_CONFIG},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["raw"] == []
    for served in SERVED_IDS:
        assert any(str(i).startswith(served) for i in found["seen"]), served
    assert "skipped" in found["status"]
    assert snapshot(root) == before


def test_a_control_character_is_said_without_libyaml(tmp_path: Path) -> None:
    """PyYAML built without libyaml checks the characters as its loader is made: the same
    one line as with the C loader, not a traceback."""
    root = make_corpus(tmp_path / "corpus")
    said = an_annotation_with_escapes(root)
    script = (
        "import sys, yaml; del yaml.CSafeLoader; from brief.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--corpus", str(root), "validate"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = [x for x in done.stdout.splitlines() if "207_escape" in x]
    assert said.split(":", 3)[-1] in line, line
