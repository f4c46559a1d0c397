"""A corpus anywhere: `brief init` makes one, and every command finds it from --corpus, then
BRIEF_CORPUS, then the current folder (or one it is in), then the user's config; the schema
`brief init` writes holds the files brief writes, by check-jsonschema's reading too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brief.annotations.model import json_schema
from tests.cli_helpers import brief

ROOT = Path(__file__).parent.parent
CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or str(
    Path(sys.executable).with_name("check-jsonschema")
)


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """An environment with a config folder of its own and no BRIEF_CORPUS."""
    (tmp_path / "config" / "brief").mkdir(parents=True)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("BRIEF_CORPUS", None)
    return env


def test_init_makes_a_corpus(tmp_path: Path, home: dict[str, str]) -> None:
    made = brief("init", "news", cwd=tmp_path, env=home)
    assert made.returncode == 0, made.stderr
    corpus = tmp_path / "news"
    assert made.stderr.splitlines() == [
        "made news/",
        "made news/seeds/",
        "made news/annotations/",
        "made news/annotations/schema.json",
        "made news/brief.toml",
        "made news/.gitignore",
        "made news/.gitattributes",
        "next: brief import --corpus news PAGE.html FEED.xml URL…",
    ]
    schema = json.loads((corpus / "annotations" / "schema.json").read_text(encoding="utf-8"))
    assert schema == json_schema()
    assert (corpus / ".gitignore").read_text() == (
        ".brief-index.sqlite*\n.brief-cookie-*\n.brief-recovery/\n"
    )
    assert (corpus / ".gitattributes").read_text() == "annotations/*.yaml merge=brief\n"
    # brief.toml holds only comments: every setting at its default, each one named.
    assert all(line.startswith("#") for line in (corpus / "brief.toml").read_text().splitlines())
    assert brief("list", cwd=corpus, env=home).returncode == 1  # an empty corpus: nothing
    assert brief("validate", "--strict", cwd=corpus, env=home).returncode == 0


def test_init_keeps_what_is_there(tmp_path: Path, home: dict[str, str]) -> None:
    (tmp_path / ".gitignore").write_text("*.pdf", encoding="utf-8")  # no newline at its end
    (tmp_path / "brief.toml").write_text('bidi = "terminal"\n', encoding="utf-8")
    first = brief("init", cwd=tmp_path, env=home)
    assert "added brief's lines to .gitignore" in first.stderr
    assert (tmp_path / ".gitignore").read_text() == (
        "*.pdf\n.brief-index.sqlite*\n.brief-cookie-*\n.brief-recovery/\n"
    )
    assert (tmp_path / "brief.toml").read_text() == 'bidi = "terminal"\n'
    again = brief("init", cwd=tmp_path, env=home)
    assert again.returncode == 0
    assert again.stderr.splitlines()[0] == ". is already a corpus: nothing changed"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    refused = brief("init", "file", cwd=tmp_path, env=home)
    assert (refused.returncode, refused.stderr) == (
        1,
        "brief: file is a file: brief init needs a folder\n",
    )


def test_the_corpus_is_found_in_order(tmp_path: Path, home: dict[str, str]) -> None:
    for name in ("flag", "env", "here", "configured"):
        assert brief("init", name, cwd=tmp_path, env=home).returncode == 0
        shutil.copy(
            ROOT / "seeds" / "000_99551782ef0ee64d.txt", tmp_path / name / "seeds" / f"{name}.txt"
        )
    config = tmp_path / "config" / "brief" / "config.toml"
    config.write_text('corpus = "../../configured"\n', encoding="utf-8")  # from the file's folder

    def listed(*args: str, cwd: Path, **extra: str) -> str:
        result = brief("list", *args, cwd=cwd, env={**home, **extra})
        assert result.returncode == 0, result.stderr
        return result.stdout.split()[0]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert (
        listed(
            "--corpus",
            str(tmp_path / "flag"),
            cwd=tmp_path / "here",
            BRIEF_CORPUS=str(tmp_path / "env"),
        )
        == "flag"
    )
    assert listed(cwd=tmp_path / "here", BRIEF_CORPUS=str(tmp_path / "env")) == "env"
    assert listed(cwd=tmp_path / "here") == "here"
    assert listed(cwd=tmp_path / "here" / "annotations") == "here"  # a folder inside it
    assert listed(cwd=elsewhere) == "configured"
    # brief alone (the reader), show, export and validate all find it the same way.
    assert brief("show", "configured", "--width", "40", cwd=elsewhere, env=home).returncode == 0
    assert brief("validate", cwd=elsewhere, env=home).returncode == 0
    assert brief("export", cwd=elsewhere, env=home).stdout.startswith("---")


def test_errors_say_how_to_set_the_corpus(tmp_path: Path, home: dict[str, str]) -> None:
    config = tmp_path / "config" / "brief" / "config.toml"
    how = (
        f'pass --corpus DIR, set BRIEF_CORPUS=DIR, or put corpus = "DIR" in {config}; '
        "brief init DIR makes a new corpus"
    )
    for command in (["list"], ["show", "000"], ["export"], ["validate"], []):
        result = brief(*command, cwd=tmp_path, env=home)
        assert result.returncode == 1, command
        assert (
            result.stderr == f"brief: no corpus: the current folder has no seeds/ folder; {how}\n"
        )
    missing = brief("list", cwd=tmp_path, env={**home, "BRIEF_CORPUS": "/nowhere"})
    assert missing.stderr == (
        "brief: BRIEF_CORPUS=/nowhere: /nowhere does not exist; brief init /nowhere makes one\n"
    )
    (tmp_path / "plain").mkdir()
    plain = brief("--corpus", str(tmp_path / "plain"), "list", cwd=tmp_path, env=home)
    assert (
        plain.stderr
        == f"brief: --corpus {tmp_path}/plain: {tmp_path}/plain has no seeds/ folder; {how}\n"
    )
    config.write_text('corpus = "/nowhere"\n', encoding="utf-8")
    named = brief("list", cwd=tmp_path, env=home)
    assert named.stderr == (
        f'brief: corpus = "/nowhere" in {config}: it does not exist; brief init /nowhere '
        "makes one there\n"
    )
    (tmp_path / "seeds").mkdir()
    (tmp_path / "brief.toml").write_text('corpus = "elsewhere"\n', encoding="utf-8")
    only = f"only the user's {config} can name a default corpus"
    assert brief("list", cwd=tmp_path, env=home).stderr == (
        f"brief: {tmp_path}/brief.toml: corpus: {only}\n"
    )


def test_the_schema_brief_init_writes_holds_the_files_brief_writes(tmp_path: Path) -> None:
    """check-jsonschema, an independent validator, reads the files as an editor would."""
    corpus = tmp_path / "news"
    assert brief("init", str(corpus), cwd=tmp_path).returncode == 0
    fixture = ROOT / "tests" / "fixtures" / "import" / "alkhaleej.html"
    imported = brief(
        "import",
        "--corpus",
        str(corpus),
        str(fixture),
        str(ROOT / "seeds" / "000_99551782ef0ee64d.txt"),
        cwd=tmp_path,
    )
    assert imported.returncode == 0, imported.stderr
    drafts = sorted((corpus / "annotations").glob("*.yaml"))
    assert len(drafts) == 2
    schema = str(corpus / "annotations" / "schema.json")
    good = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", schema, *map(str, drafts)],
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = corpus / "annotations" / "bad.yaml"
    draft = drafts[0].read_text(encoding="utf-8")
    for wrong in ("status: draft\n", "published: '2025-10-02'\n"):
        assert wrong in draft
    bad.write_text(
        draft.replace("status: draft", "status: done").replace("'2025-10-02'", "next wednesday"),
        "utf-8",
    )
    refused = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", schema, str(bad)], capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert "'done' is not one of" in refused.stdout
    assert "next wednesday" in refused.stdout
    # brief validate refuses the same file.
    assert brief("validate", str(bad), "--corpus", str(corpus), cwd=tmp_path).returncode == 1
