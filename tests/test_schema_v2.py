"""Schema v2: v1 files still read and migrate keeping their comments; ids are checked across
files; the JSON Schema agrees with the model, held to check-jsonschema on good and bad files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from brief.annotations.load import load_annotation
from brief.annotations.model import json_schema
from brief.annotations.validate import validate
from tests.cli_helpers import brief
from tests.tui_helpers import ANNOTATION_000, make_corpus

ROOT = Path(__file__).parent.parent
ARTICLE = "000_99551782ef0ee64d"
EVENT_000 = """\
events:
  - id: second-conference-it-crime-officials
    name: {ar: "المؤتمر الثاني للمسؤولين عن مواجهة جرائم تقنية المعلومات", en: "Second conference"}
    kind: conference
    ordinal: 2
    date: 2025-10-01
    certainty: stated
    where: [tunis]
    participants: [hamad-al-mahmoud]
    follows: [first-conference-it-crime-officials]
    evidence: ["المؤتمر الثاني للمسؤولين عن مواجهة جرائم تقنية المعلومات"]
"""
FIRST_001 = """\
# yaml-language-server: $schema=schema.json
schema: 2
article: 001_26d5d24b852057da
status: draft
title: {ar: "انطلاق المؤتمر الثاني"}
events:
  - id: first-conference-it-crime-officials
    name: {ar: "المؤتمر الأول", en: "First conference"}
    kind: conference
    ordinal: 1
    evidence: ["المؤتمر الثاني للمسؤولين"]
"""


def _brief(corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return brief("--corpus", str(corpus), *args)


def _v2(corpus: Path, extra: str = EVENT_000) -> Path:
    path = corpus / "annotations" / f"{ARTICLE}.yaml"
    path.write_text(ANNOTATION_000.replace("schema: 1", "schema: 2") + extra, encoding="utf-8")
    (corpus / "annotations" / "001_26d5d24b852057da.yaml").write_text(FIRST_001, "utf-8")
    return path


def test_a_v1_file_reads_and_migrates_keeping_its_comments(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    path = corpus / "annotations" / f"{ARTICLE}.yaml"
    commented = ANNOTATION_000.replace("status: curated", "status: curated  # checked twice")
    path.write_text(commented, encoding="utf-8")
    assert load_annotation(path).annotation is not None  # v1 still reads
    result = _brief(corpus, "migrate")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"migrated annotations/{ARTICLE}.yaml\n"
    assert "1 rewritten as schema 2" in result.stderr
    migrated = path.read_text(encoding="utf-8")
    assert migrated == commented.replace("schema: 1", "schema: 2")
    assert _brief(corpus, "validate").returncode == 0
    again = _brief(corpus, "migrate")
    assert (again.returncode, again.stdout) == (0, "")
    assert "0 rewritten as schema 2, 1 already schema 2" in again.stderr


def test_events_in_a_v1_file_are_refused_with_the_way_out(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    path = corpus / "annotations" / f"{ARTICLE}.yaml"
    path.write_text(ANNOTATION_000 + EVENT_000, encoding="utf-8")
    [problem] = load_annotation(path).problems
    assert problem.message == "events need schema: 2 (brief migrate rewrites a v1 file)"


def test_the_bundled_v1_files_migrate_and_validate(tmp_path: Path) -> None:
    """The five seeds as they were curated in v1 (tests/fixtures/v1), migrated, validate clean."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus / "seeds")
    (corpus / "annotations").mkdir()
    for v1 in sorted((ROOT / "tests" / "fixtures" / "v1").glob("*.yaml")):
        shutil.copy(v1, corpus / "annotations" / v1.name)
    assert "schema: 1\n" in (corpus / "annotations" / f"{ARTICLE}.yaml").read_text("utf-8")
    assert _brief(corpus, "migrate").returncode == 0
    for path in (corpus / "annotations").glob("*.yaml"):
        assert "\nschema: 2\n" in path.read_text(encoding="utf-8")
    checked = _brief(corpus, "validate", "--strict")
    assert checked.returncode == 0, checked.stdout
    assert checked.stderr == "5 annotation files checked: 0 errors, 0 warnings\n"


def test_a_misspelt_event_id_is_caught_across_files(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    _v2(corpus, EVENT_000.replace("follows: [first-conference", "follows: [frist-conference"))
    result = _brief(corpus, "validate")
    assert result.returncode == 1
    assert (
        f"annotations/{ARTICLE}.yaml:32:15: event 'frist-conference-it-crime-officials' in "
        "follows is defined in no annotation file"
    ) in result.stdout.replace(str(corpus) + "/", "")
    fixed = _v2(corpus)
    assert fixed.exists() and _brief(corpus, "validate").returncode == 0


def test_references_inside_a_file(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    bad = (
        EVENT_000.replace("where: [tunis]", "where: [tunsi]")
        + "when:\n  - date: 2025-10-01\n    certainty: stated\n    what: {en: opened}\n"
        + '    event: second-conference\n    evidence: ["الأربعاء 1 أكتوبر 2025"]\n'
    )
    path = _v2(corpus, bad)
    messages = [p.message for p in validate(corpus, [path]).problems]
    assert "'tunsi' in where is not defined in where" in messages
    assert "event 'second-conference' is not defined in events" in messages


def test_one_event_with_two_dates_across_files_is_warned(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    _v2(corpus)
    other = FIRST_001 + EVENT_000.replace("events:\n", "").replace(
        "date: 2025-10-01", "date: 2025-10-02"
    ).replace("where: [tunis]", "where: []").replace(
        "participants: [hamad-al-mahmoud]", "participants: []"
    )
    (corpus / "annotations" / "001_26d5d24b852057da.yaml").write_text(other, "utf-8")
    warnings = [p for p in validate(corpus).problems if p.warning]
    assert [p.message for p in warnings if "second-conference" in p.message] == [
        "event 'second-conference-it-crime-officials' has the date '2025-10-02' here but "
        f"'2025-10-01' in {ARTICLE}.yaml"
    ]


def test_a_date_needs_its_certainty_and_a_certainty_its_date(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    path = _v2(corpus, EVENT_000.replace("    certainty: stated\n", ""))
    [problem] = load_annotation(path).problems
    assert problem.message.startswith("events.0: a date needs its certainty")
    undated = 'when:\n  - certainty: stated\n    what: {en: x}\n    evidence: ["منذ"]\n'
    path = _v2(corpus, undated)
    [problem] = load_annotation(path).problems
    assert "certainty 'stated' needs a date (or say certainty: unknown)" in problem.message


# The JSON Schema, as editors and check-jsonschema read it.
def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("needs check-jsonschema (pip install -e '.[dev]')")
    return subprocess.run(
        [tool, "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True
    )


def test_check_jsonschema_passes_the_bundled_files() -> None:
    files = sorted((ROOT / "annotations").glob("*.yaml"))
    result = _check_jsonschema(ROOT / "annotations" / "schema.json", *files)
    assert result.returncode == 0, result.stdout
    assert validate(ROOT).errors == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("date: 2025-10-01\n", "date: next wednesday\n"), "next wednesday"),
        (("kind: conference", "kind: summit"), "summit"),
        (("ordinal: 2", "ordinal: 0"), "0"),
        (("status: curated", "status: done"), "done"),
        (("    ordinal: 2\n", "    ordinal: 2\n    chair: x\n"), "chair"),
    ],
)
def test_check_jsonschema_fails_bad_files_as_brief_does(
    tmp_path: Path, change: tuple[str, str], complaint: str
) -> None:
    corpus = make_corpus(tmp_path)
    path = _v2(corpus)
    path.write_text(path.read_text("utf-8").replace(*change, 1), encoding="utf-8")
    result = _check_jsonschema(ROOT / "annotations" / "schema.json", path)
    assert result.returncode == 1 and complaint in result.stdout
    assert load_annotation(path).problems, "brief accepts what the schema refuses"


def _described(node: Any, where: str = "") -> list[str]:
    """Properties without a description, anywhere in the schema."""
    missing = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            if "description" not in value and "$ref" not in value:
                missing.append(f"{where}/{name}")
        for key, value in node.items():
            missing += _described(value, f"{where}/{key}")
    elif isinstance(node, list):
        for value in node:
            missing += _described(value, where)
    return missing


def test_every_field_and_enum_has_a_description() -> None:
    schema = json_schema()
    assert _described(schema) == []
    for definition in schema["$defs"].values():
        for name, value in definition.get("properties", {}).items():
            assert "description" in value, name  # a $ref'd model field too
    committed = json.loads((ROOT / "annotations" / "schema.json").read_text(encoding="utf-8"))
    assert committed == schema
