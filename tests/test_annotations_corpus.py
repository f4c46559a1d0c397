"""The bundled annotations: the schema file is the model's, the corpus validates clean, and the
corpus index links what the files say."""

from __future__ import annotations

import json
from pathlib import Path

from brief.annotations.index import build_index
from brief.annotations.items import arabic_missing
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
    # The timeline lists the events, each once, with their surest date; no publication time.
    rows = [(entry.date, entry.certainty, entry.event) for entry in index.timeline]
    assert rows == [
        ("2020-03-01", "stated", "council-37th-session"),
        ("2022", "stated", None),
        ("2023", "stated", None),
        ("2024", "approximate", "47th-conference-arab-police-security-leaders"),
        ("2025-10-01", "inferred", "second-conference-it-crime-officials"),
        (None, "unknown", "first-conference-it-crime-officials"),
    ]
    second = index.events["second-conference-it-crime-officials"]
    assert second.articles == ["000_99551782ef0ee64d", "001_26d5d24b852057da"]
    assert len(second.decisions) == 9
    assert index.entities["council-37th-session"].section == "events"
    # A decision names who made it, or its note says the article does not.
    assert all(entry.makers or entry.decision.note for entry in index.decisions)


def test_curated_counts_per_seed() -> None:
    """who, where, events, when, decisions, discrepancies and evidence quotes per seed, as
    curated; no item lacks its Arabic."""
    index = build_index(ROOT)
    counts = {
        article_id: (
            len(a.who),
            len(a.where),
            len(a.events),
            len(a.when),
            len(a.decisions),
            len(a.discrepancies),
            sum(len(item.evidence) for _, _, item in a.items()),
        )
        for article_id, a in index.annotations.items()
    }
    assert counts == {
        "000_99551782ef0ee64d": (8, 3, 2, 0, 7, 0, 26),
        "001_26d5d24b852057da": (4, 2, 1, 1, 5, 1, 18),
        "002_d9a5e05a9b981f49": (7, 3, 1, 1, 9, 3, 33),
        "003_4c77df3cdd400cf5": (10, 4, 1, 3, 11, 0, 31),
        "004_0b6d1692144c6f75": (17, 3, 1, 1, 3, 1, 29),
    }
    assert [a for a, x in index.annotations.items() if arabic_missing(x)] == []


def test_the_four_meetings_are_events_shared_across_files() -> None:
    index = build_index(ROOT)
    defined = {
        article[:3]: [event.id for event in a.events] for article, a in index.annotations.items()
    }
    assert defined == {
        "000": ["second-conference-it-crime-officials", "council-37th-session"],
        "001": ["second-conference-it-crime-officials"],
        "002": ["first-conference-it-crime-officials"],
        "003": ["47th-conference-arab-police-security-leaders"],
        "004": ["council-37th-session"],
    }
    [second] = [e for e in index.annotations["001_26d5d24b852057da"].events]
    assert (second.ordinal, second.date, second.follows) == (
        2,
        "2025-10-01",
        ["first-conference-it-crime-officials"],
    )
    # Every decision of a meeting's articles is tied to its event, or says why not.
    for a in index.annotations.values():
        for decision in a.decisions:
            assert decision.event or decision.note, decision.what.en


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
