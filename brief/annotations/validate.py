"""`brief validate`: every annotation file against the schema, every quote against its article,
and the corpus for consistency across files."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path

from brief.annotations.load import LoadedFile, Problem, load_annotation, parse_annotation
from brief.annotations.model import Annotation, Entity, Event, Place
from brief.article.model import ArticleError, read_article
from brief.text.boundary import excerpt


@dataclass
class Report:
    files: list[LoadedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def annotation_path(corpus: Path, article_id: str) -> Path:
    return corpus / "annotations" / f"{article_id}.yaml"


def annotation_paths(corpus: Path) -> list[Path]:
    return sorted((corpus / "annotations").glob("*.yaml"))


def validate(corpus: Path, paths: Iterable[Path] | None = None) -> Report:
    """Validate `paths` (default: every annotation file of the corpus). Corpus-wide warnings
    (articles without annotations) are given only when the whole corpus is checked."""
    whole_corpus = paths is None
    chosen = annotation_paths(corpus) if paths is None else list(paths)
    report = Report()
    for path in chosen:
        loaded = load_annotation(path)
        report.files.append(loaded)
        report.problems += loaded.problems
        if loaded.annotation is not None:
            report.problems += _check_against_article(loaded, loaded.annotation, corpus)
    report.problems += _check_ids(report.files)
    if whole_corpus:
        report.problems += check_references_across(report.files, corpus)
        annotated = {p.stem for p in chosen}
        for article in sorted((corpus / "seeds").glob("*.txt")):
            if article.stem not in annotated:
                report.problems.append(
                    Problem(article, 0, 0, "article has no annotations file", warning=True)
                )
    return report


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def check_text(corpus: Path, path: Path, text: str) -> list[Problem]:
    """Every problem of annotation text meant for `path`: schema, then quotes and ids."""
    loaded = parse_annotation(path, text)
    if loaded.annotation is None:
        return loaded.problems
    return (
        loaded.problems
        + _check_against_article(loaded, loaded.annotation, corpus)
        + _check_ids([loaded])
    )


def _problem(
    loaded: LoadedFile, location: tuple[int | str, ...], message: str, **kw: bool
) -> Problem:
    line, column = loaded.position(location)
    return Problem(loaded.path, line, column, message, **kw)


def _check_references(loaded: LoadedFile, annotation: Annotation) -> list[Problem]:
    """Ids this file refers to that it must define itself: the events' places and
    participants, the event a decision or a date names, affiliations."""
    who = {e.id for e in annotation.who}
    where = {p.id for p in annotation.where}
    events = {e.id for e in annotation.events}
    problems = []
    seen: set[str] = set()
    for k, event in enumerate(annotation.events):
        if event.id in seen:
            problems.append(
                _problem(loaded, ("events", k, "id"), f"event {event.id!r} is defined twice")
            )
        seen.add(event.id)
        for key, known, section in (("where", where, "where"), ("participants", who, "who")):
            for n, ref in enumerate(getattr(event, key)):
                if ref not in known:
                    message = f"{ref!r} in {key} is not defined in {section}"
                    problems.append(_problem(loaded, ("events", k, key, n), message))
    for section in ("when", "decisions"):
        for k, item in enumerate(getattr(annotation, section)):
            if item.event is not None and item.event not in events:
                problems.append(
                    _problem(
                        loaded,
                        (section, k, "event"),
                        f"event {item.event!r} is not defined in events",
                    )
                )
    for k, entity in enumerate(annotation.who):
        for n, ref in enumerate(entity.affiliation):
            if ref not in who:
                message = f"{ref!r} in affiliation is not defined in who"
                problems.append(
                    _problem(loaded, ("who", k, "affiliation", n), message, warning=True)
                )
    return problems


def check_references_across(files: list[LoadedFile], corpus: Path) -> list[Problem]:
    """Ids that may be defined in any file of the corpus: the events an event follows, what a
    discrepancy is about, the articles it involves; and one event id defined with different
    names or dates across files."""
    valid = [(f, f.annotation) for f in files if f.annotation is not None]
    events: dict[str, list[tuple[LoadedFile, int, Event]]] = defaultdict(list)
    ids: set[str] = set()
    for loaded, annotation in valid:
        for k, event in enumerate(annotation.events):
            events[event.id].append((loaded, k, event))
        ids |= {e.id for e in annotation.who} | {p.id for p in annotation.where}
    ids |= set(events)
    articles = {p.stem for p in (corpus / "seeds").glob("*.txt")}
    problems = []
    for loaded, annotation in valid:
        for k, event in enumerate(annotation.events):
            for n, ref in enumerate(event.follows):
                if ref not in events:
                    message = f"event {ref!r} in follows is defined in no annotation file"
                    problems.append(_problem(loaded, ("events", k, "follows", n), message))
        for k, discrepancy in enumerate(annotation.discrepancies):
            for n, ref in enumerate(discrepancy.about):
                if ref not in ids:
                    message = f"{ref!r} in about is no event, who or where of any annotation file"
                    problems.append(_problem(loaded, ("discrepancies", k, "about", n), message))
            for n, article in enumerate(discrepancy.articles):
                if article not in articles:
                    message = f"no article {article!r} in seeds/"
                    problems.append(_problem(loaded, ("discrepancies", k, "articles", n), message))
    for occurrences in events.values():
        problems += _event_disagreements(occurrences)
    return problems


def _check_against_article(
    loaded: LoadedFile, annotation: Annotation, corpus: Path
) -> list[Problem]:
    path = loaded.path
    problems = []
    if annotation.article != path.stem:
        line, column = loaded.position(("article",))
        problems.append(
            Problem(
                path,
                line,
                column,
                f"article {excerpt(annotation.article)} does not match the file name "
                f"{excerpt(path.stem)}",
            )
        )
    article_path = corpus / "seeds" / f"{path.stem}.txt"
    if not article_path.is_file():
        problems.append(
            Problem(path, 0, 0, f"no article {article_path.name} in seeds/", warning=True)
        )
        return problems
    try:
        article_text = nfc(read_article(article_path).text)
    except ArticleError as error:
        problems.append(Problem(path, 1, 1, f"its article cannot be read: {error}"))
        return problems
    problems += _check_references(loaded, annotation)
    for section, k, item in annotation.items():
        for q, quote in enumerate(item.evidence):
            if nfc(quote) not in article_text:
                line, column = loaded.position((section, k, "evidence", q))
                problems.append(
                    Problem(
                        path, line, column, f"evidence not found in the article: {excerpt(quote)}"
                    )
                )
    return problems


def _check_ids(files: list[LoadedFile]) -> list[Problem]:
    """Ids in `by` that no `who` defines; one id named differently across files, no alias."""
    problems = []
    entries: dict[str, list[tuple[LoadedFile, tuple[str, int], Entity | Place]]] = defaultdict(list)
    for loaded in files:
        annotation = loaded.annotation
        if annotation is None:
            continue
        defined = {entity.id for entity in annotation.who}
        for k, decision in enumerate(annotation.decisions):
            for b, entity_id in enumerate(decision.by):
                if entity_id not in defined:
                    line, column = loaded.position(("decisions", k, "by", b))
                    message = f"{excerpt(entity_id)} in by is not defined in who"
                    problems.append(Problem(loaded.path, line, column, message, warning=True))
        for k, entity in enumerate(annotation.who):
            entries[entity.id].append((loaded, ("who", k), entity))
        for k, place in enumerate(annotation.where):
            entries[place.id].append((loaded, ("where", k), place))
    for entity_id, occurrences in entries.items():
        warned = set()
        for (mine, location, entry), (theirs, _, other) in permutations(occurrences, 2):
            for language in ("ar", "en"):
                name, other_name = getattr(entry.name, language), getattr(other.name, language)
                if (
                    name
                    and other_name
                    and name != other_name
                    and name not in other.aliases
                    and other_name not in entry.aliases
                    and (mine.path, language) not in warned
                ):
                    warned.add((mine.path, language))
                    line, column = mine.position((*location, "name", language))
                    message = (
                        f"{excerpt(entity_id)} is named {excerpt(name)} here but "
                        f"{excerpt(other_name)} in "
                        f"{theirs.path.name}, and neither lists the other as an alias"
                    )
                    problems.append(Problem(mine.path, line, column, message, warning=True))
    return problems


def _event_disagreements(occurrences: list[tuple[LoadedFile, int, Event]]) -> list[Problem]:
    """One event id with another name or date in a later file than its first."""
    first_file, _, first = occurrences[0]
    problems = []
    for loaded, k, event in occurrences[1:]:
        named = [
            (getattr(event.name, lang), getattr(first.name, lang))
            for lang in ("ar", "en")
            if getattr(event.name, lang) and getattr(first.name, lang)
        ]
        for key, (mine, theirs) in (
            ("name", next(((m, t) for m, t in named if m != t), (None, None))),
            ("date", (event.date, first.date)),
        ):
            if mine is not None and theirs is not None and mine != theirs:
                message = (
                    f"event {event.id!r} has the {key} {mine!r} here but {theirs!r} in "
                    f"{first_file.path.name}"
                )
                problems.append(_problem(loaded, ("events", k, key), message, warning=True))
    return problems
