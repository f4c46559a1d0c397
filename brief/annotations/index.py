"""The corpus's annotations read once into what the reader, the filters and the export need:
entities by id across articles, one timeline, and every decision with its makers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from brief.annotations.load import Problem, load_annotation
from brief.annotations.model import CERTAINTIES, Annotation, Bilingual, Decision, When
from brief.annotations.validate import annotation_paths

_CERTAINTY_ORDER = {certainty: k for k, certainty in enumerate(CERTAINTIES)}  # surest first


@dataclass(frozen=True, slots=True)
class Appearance:
    article: str
    section: str  # "who" or "where"
    role: Bilingual | None


@dataclass
class EntityEntry:
    """One person, organization, group or place across the corpus."""

    id: str
    section: str  # "who" or "where"
    name: Bilingual
    kind: str | None
    aliases: set[str] = field(default_factory=set)
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({a.article for a in self.appearances})


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    article: str
    when: When


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    article: str
    decision: Decision
    makers: tuple[str, ...]  # display names of the ids in `by`, English where known


@dataclass
class CorpusIndex:
    annotations: dict[str, Annotation] = field(default_factory=dict)  # by article id
    entities: dict[str, EntityEntry] = field(default_factory=dict)
    timeline: list[TimelineEntry] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # by file stem

    def add(self, article_id: str, annotation: Annotation | None, problems: list[Problem]) -> None:
        """Take one article's annotations in (call finish() after the last)."""
        if problems:
            self.problems[article_id] = problems
        if annotation is not None:
            self.annotations[article_id] = annotation
            _add(self, article_id, annotation)

    def remove(self, article_id: str) -> None:
        """Forget one article's annotations (before adding them again after an edit)."""
        self.annotations.pop(article_id, None)
        self.problems.pop(article_id, None)
        for entity_id, entry in list(self.entities.items()):
            entry.appearances = [a for a in entry.appearances if a.article != article_id]
            if not entry.appearances:
                del self.entities[entity_id]
        self.timeline = [e for e in self.timeline if e.article != article_id]
        self.decisions = [d for d in self.decisions if d.article != article_id]

    def finish(self) -> None:
        """Order what was added: the timeline by date, then certainty, then article."""
        self.timeline.sort(
            key=lambda e: (e.when.date or "9999", _CERTAINTY_ORDER[e.when.certainty], e.article)
        )

    @classmethod
    def of(cls, annotations: dict[str, Annotation]) -> CorpusIndex:
        """The index of these annotations, by article id."""
        index = cls()
        for article_id, annotation in annotations.items():
            index.add(article_id, annotation, [])
        index.finish()
        return index

    def display_name(self, entity_id: str) -> str:
        entry = self.entities.get(entity_id)
        if entry is None:
            return entity_id
        return entry.name.en or entry.name.ar or entity_id


def build_index(corpus: Path) -> CorpusIndex:
    """Load every annotation file of the corpus; invalid files are kept in `problems`."""
    index = CorpusIndex()
    for path in annotation_paths(corpus):
        loaded = load_annotation(path)
        index.add(path.stem, loaded.annotation, loaded.problems)
    index.finish()
    return index


def _add(index: CorpusIndex, article_id: str, annotation: Annotation) -> None:
    for section, entries in (("who", annotation.who), ("where", annotation.where)):
        for item in entries:
            entry = index.entities.setdefault(
                item.id, EntityEntry(item.id, section, item.name, getattr(item, "kind", None))
            )
            entry.aliases |= set(item.aliases)
            entry.aliases |= {
                n for n in (item.name.ar, item.name.en) if n and n not in _names(entry)
            }
            role = getattr(item, "role", None)
            entry.appearances.append(Appearance(article_id, section, role))
    index.timeline += [TimelineEntry(article_id, when) for when in annotation.when]
    by_names: dict[str, str] = defaultdict(str)
    by_names.update({e.id: e.name.en or e.name.ar or e.id for e in annotation.who})
    index.decisions += [
        DecisionEntry(article_id, d, tuple(by_names[i] or i for i in d.by))
        for d in annotation.decisions
    ]


def _names(entry: EntityEntry) -> set[str]:
    return {n for n in (entry.name.ar, entry.name.en) if n}
