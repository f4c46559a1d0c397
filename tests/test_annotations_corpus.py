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


def test_curated_counts_per_seed() -> None:
    """who, where, when, decisions and evidence quotes per seed, as curated."""
    index = build_index(ROOT)
    counts = {
        article_id: (
            len(a.who),
            len(a.where),
            len(a.when),
            len(a.decisions),
            sum(len(item.evidence) for _, _, item in a.items()),
        )
        for article_id, a in index.annotations.items()
    }
    assert counts == {
        "000_99551782ef0ee64d": (8, 2, 3, 6, 24),
        "001_26d5d24b852057da": (5, 2, 1, 5, 15),
        "002_d9a5e05a9b981f49": (7, 3, 0, 9, 24),
        "003_4c77df3cdd400cf5": (10, 4, 2, 11, 29),
        "004_0b6d1692144c6f75": (17, 2, 2, 3, 27),
    }


def test_the_same_officials_are_one_entity_across_seeds() -> None:
    index = build_index(ROOT)
    koman = index.entities["mohammed-koman"]
    assert koman.articles == ["000_99551782ef0ee64d", "001_26d5d24b852057da"]
    assert {"محمد كومان", "الدكتور محمد بن علي كومان"} <= koman.aliases
    mahmoud = index.entities["hamad-al-mahmoud"]
    assert "حمد محمد الحمود" in mahmoud.aliases
    assert len(index.entities["council-of-arab-interior-ministers"].articles) == 5
    caption_people = {"المخيزيم", "نايف العقلة"}
    assert not any(caption_people & ({e.name.ar} | e.aliases) for e in index.entities.values())
