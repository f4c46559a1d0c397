"""`brief edit` with a fake $EDITOR: valid; invalid then fixed; invalid then discarded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.tui_helpers import ANNOTATION_000, make_corpus

ROOT = Path(__file__).parent.parent
ARTICLE = "000_99551782ef0ee64d"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


def fake_editor(tmp_path: Path, rounds: list[tuple[str, str]]) -> str:
    """An editor that, on its Nth run, replaces rounds[N][0] by rounds[N][1] in the file, and
    records what it was given."""
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from pathlib import Path
            rounds = {rounds!r}
            counter = Path({str(tmp_path / "count")!r})
            n = int(counter.read_text()) if counter.exists() else 0
            counter.write_text(str(n + 1))
            path = Path(sys.argv[1])
            text = path.read_text(encoding="utf-8")
            Path({str(tmp_path)!r}, f"given-{{n}}.yaml").write_text(text, encoding="utf-8")
            old, new = rounds[n]
            path.write_text(text.replace(old, new), encoding="utf-8")
            """
        ),
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def edit(corpus: Path, editor: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VISUAL": editor}
    return subprocess.run(
        [sys.executable, "-m", "brief", "--corpus", str(corpus), "edit", "000"],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )


def test_a_valid_edit_is_saved(tmp_path: Path, corpus: Path) -> None:
    result = edit(corpus, fake_editor(tmp_path, [("status: curated", "status: reviewed")]))
    assert result.returncode == 0, result.stderr
    saved = (corpus / "annotations" / f"{ARTICLE}.yaml").read_text(encoding="utf-8")
    assert saved == ANNOTATION_000.replace("status: curated", "status: reviewed")
    assert result.stderr == f"saved {corpus}/annotations/{ARTICLE}.yaml\n"


def test_invalid_then_fixed(tmp_path: Path, corpus: Path) -> None:
    editor = fake_editor(
        tmp_path,
        [("status: curated", "status: bogus"), ("status: bogus", "status: reviewed")],
    )
    result = edit(corpus, editor, answers="r\n")
    assert result.returncode == 0, result.stderr
    assert "annotations/000_99551782ef0ee64d.yaml:4:9: status: must be one of" in result.stderr
    second = (tmp_path / "given-1.yaml").read_text(encoding="utf-8")
    # The editor is given the user's text back, the problem noted with its line as shown.
    assert second.splitlines()[2] == (
        "# brief: line 7:9: status: must be one of 'draft', 'curated' or 'reviewed', not 'bogus'"
    )
    assert second.splitlines()[6] == "status: bogus"
    saved = (corpus / "annotations" / f"{ARTICLE}.yaml").read_text(encoding="utf-8")
    assert saved == ANNOTATION_000.replace("status: curated", "status: reviewed")


def test_invalid_then_discarded_keeps_the_text(tmp_path: Path, corpus: Path) -> None:
    result = edit(corpus, fake_editor(tmp_path, [("status: curated", "status: bogus")]), "d\n")
    assert result.returncode == 1
    assert (corpus / "annotations" / f"{ARTICLE}.yaml").read_text(
        encoding="utf-8"
    ) == ANNOTATION_000
    [kept] = (corpus / ".brief-recovery").glob(f"{ARTICLE}.*.yaml")
    assert kept.read_text(encoding="utf-8") == ANNOTATION_000.replace("curated", "bogus")
    assert f"discarded; your text is kept in {kept}" in result.stderr


def test_unchanged_saves_nothing(tmp_path: Path, corpus: Path) -> None:
    before = (corpus / "annotations" / f"{ARTICLE}.yaml").stat().st_mtime_ns
    result = edit(corpus, fake_editor(tmp_path, [("nothing", "nothing")]))
    assert result.returncode == 0
    assert result.stderr == "unchanged: nothing saved\n"
    assert (corpus / "annotations" / f"{ARTICLE}.yaml").stat().st_mtime_ns == before


def test_a_file_not_in_utf8_is_refused_in_one_line(tmp_path: Path, corpus: Path) -> None:
    path = corpus / "annotations" / f"{ARTICLE}.yaml"
    path.write_bytes(b"schema: 1\n\xff\n")
    result = edit(corpus, fake_editor(tmp_path, [("schema", "schema")]))
    assert result.returncode == 1
    assert result.stderr == f"brief: {path}: not UTF-8 text (byte 0xff at offset 10)\n"
    assert not (tmp_path / "given-0.yaml").exists()  # no editor was opened
    assert path.read_bytes() == b"schema: 1\n\xff\n"
