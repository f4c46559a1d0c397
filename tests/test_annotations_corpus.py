"""The bundled annotations: the schema file is the model's, the corpus validates clean, and the
corpus index links what the files say."""

from __future__ import annotations

import json
from pathlib import Path

from brief.annotations.index import build_index
from brief.annotations.model import SCHEMA_LINE, json_schema
from brief.annotations.validate import validate

ROOT = Path(__file__).parent.parent


def test_schema_json_is_generated_from_the_model() -> None:
    committed = json.loads((ROOT / "annotations" / "schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: brief schema --write"


def test_bundled_corpus_validates_clean() -> None:
    report = validate(ROOT)
    assert [p.format(ROOT) for p in report.problems] == []
    assert len(report.files) == 5


def test_every_file_starts_with_the_schema_line() -> None:
    for path in sorted((ROOT / "annotations").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == SCHEMA_LINE, path.name


def test_index_links_entities_across_articles() -> None:
    index = build_index(ROOT)
    assert index.problems == {}
    assert len(index.annotations) == 5
    shared = {e.id for e in index.entities.values() if len(e.articles) >= 3}
    assert shared, "no entity appears in three or more articles"
    dates = [entry.when.date for entry in index.timeline]
    assert dates == sorted(dates)
    assert all(entry.makers for entry in index.decisions)
