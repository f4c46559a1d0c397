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
from brief.annotations.model import Annotation, Entity, Place
from brief.article.model import ArticleError, read_article, refused
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
        annotated = {p.stem for p in chosen}
        for article in sorted((corpus / "seeds").glob("*.txt")):
            if article.stem not in annotated and not refused(article):  # a FIFO is no article
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
