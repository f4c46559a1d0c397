"""The corpus's annotations read once into what the reader, the filters and the export need:
entities and events by id across articles, one timeline of events, and every decision with
its makers and its event."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from brief.annotations.load import Problem, load_annotation
from brief.annotations.model import Annotation, Bilingual, Decision, Discrepancy, Event
from brief.annotations.validate import annotation_paths
from brief.annotations.vocabulary import CERTAINTIES, Certainty

_CERTAINTY_ORDER = {certainty: k for k, certainty in enumerate(CERTAINTIES)}  # surest first


@dataclass
class EntityEntry:
    """One person, organization, group, place or event across the corpus."""

    id: str
    section: str  # "who", "where" or "events"
    name: Bilingual
    kind: str | None
    aliases: set[str] = field(default_factory=set)
    appearances: list[str] = field(default_factory=list)  # the article of each, in turn

    @property
    def articles(self) -> list[str]:
        return sorted(set(self.appearances))

    @property
    def query(self) -> str:
        """The filter that finds its articles: who:id, where:id, or an event's id as a phrase
        (an event has no field of its own)."""
        return f'"{self.id}"' if self.section == "events" else f"{self.section}:{self.id}"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A row of the timeline: an event (every article that reports it), or a dated moment
    that names no event."""

    date: str | None
    certainty: Certainty
    what: Bilingual
    articles: tuple[str, ...]
    event: str | None = None  # the event's id, on an event's row

    @property
    def article(self) -> str:
        return self.articles[0]


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    article: str
    decision: Decision
    makers: tuple[str, ...]  # display names of the ids in `by`, English where known


@dataclass(frozen=True, slots=True)
class DiscrepancyEntry:
    article: str
    discrepancy: Discrepancy


@dataclass
class EventEntry:
    """One event across the articles that report it: the surest date any of them gives, the
    places, participants and earlier events all of them name, and its decisions."""

    id: str
    name: Bilingual
    kind: str
    ordinal: int | None = None
    date: str | None = None
    certainty: Certainty = "unknown"
    where: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    follows: list[str] = field(default_factory=list)
    reports: list[tuple[str, Event]] = field(default_factory=list)  # (article, as it says)
    decisions: list[DecisionEntry] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({article for article, _ in self.reports})

    def take(self, article_id: str, event: Event) -> None:
        self.reports.append((article_id, event))
        if (
            event.date is not None
            and event.certainty is not None
            and (
                self.date is None
                or _CERTAINTY_ORDER[event.certainty] < _CERTAINTY_ORDER[self.certainty]
            )
        ):  # a date, and the first or surer than the one kept
            self.date, self.certainty = event.date, event.certainty
        self.ordinal = self.ordinal or event.ordinal
        for mine, theirs in (
            (self.where, event.where),
            (self.participants, event.participants),
            (self.follows, event.follows),
        ):
            mine += [i for i in theirs if i not in mine]


@dataclass
class CorpusIndex:
    annotations: dict[str, Annotation] = field(default_factory=dict)  # by article id
    entities: dict[str, EntityEntry] = field(default_factory=dict)
    events: dict[str, EventEntry] = field(default_factory=dict)
    timeline: list[TimelineEntry] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)
    discrepancies: list[DiscrepancyEntry] = field(default_factory=list)
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
            entry.appearances = [a for a in entry.appearances if a != article_id]
            if not entry.appearances:
                del self.entities[entity_id]
        self.decisions = [d for d in self.decisions if d.article != article_id]
        self.discrepancies = [d for d in self.discrepancies if d.article != article_id]
        for event_id in list(self.events):
            kept = [(a, e) for a, e in self.events[event_id].reports if a != article_id]
            del self.events[event_id]
            for article, event in kept:
                _event_entry(self, event).take(article, event)

    def finish(self) -> None:
        """Tie the decisions to their events and order the timeline: by date (undated last),
        then certainty, then article."""
        for entry in self.events.values():
            entry.decisions = [d for d in self.decisions if d.decision.event == entry.id]
        rows = [
            TimelineEntry(e.date, e.certainty, e.name, tuple(e.articles), e.id)
            for e in self.events.values()
        ]
        rows += [
            TimelineEntry(when.date, when.certainty, when.what, (article_id,))
            for article_id, annotation in self.annotations.items()
            for when in annotation.when
            if when.event is None or when.event not in self.events
        ]
        self.timeline = sorted(
            rows,
            key=lambda e: (
                e.date is None,
                e.date or "",
                _CERTAINTY_ORDER[e.certainty],
                e.articles,
            ),
        )

    @classmethod
    def of(cls, annotations: dict[str, Annotation]) -> CorpusIndex:
        """The index of these annotations, by article id."""
        index = cls()
        for article_id, annotation in annotations.items():
            index.add(article_id, annotation, [])
        index.finish()
        return index


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
            entry.appearances.append(article_id)
    for event in annotation.events:
        _event_entry(index, event).take(article_id, event)
        entry = index.entities.setdefault(
            event.id, EntityEntry(event.id, "events", event.name, event.kind)
        )
        entry.appearances.append(article_id)
    index.discrepancies += [DiscrepancyEntry(article_id, d) for d in annotation.discrepancies]
    by_names: dict[str, str] = defaultdict(str)
    by_names.update({e.id: e.name.en or e.name.ar or e.id for e in annotation.who})
    index.decisions += [
        DecisionEntry(article_id, d, tuple(by_names[i] or i for i in d.by))
        for d in annotation.decisions
    ]


def _event_entry(index: CorpusIndex, event: Event) -> EventEntry:
    entry = index.events.get(event.id)
    if entry is None:
        entry = index.events[event.id] = EventEntry(event.id, event.name, event.kind)
    return entry


def _names(entry: EntityEntry) -> set[str]:
    return {n for n in (entry.name.ar, entry.name.en) if n}
