"""One query language for the reader's filter bar and `brief list QUERY`.

    free words         article text and annotations      الالكترونية  koman
    "quoted phrase"    the same, as one phrase           "تقنية المعلومات"
    who: where:        people/organizations, places      who:koman  where:تونس
    when:              a year, month, day or a range     when:2025  when:2020-03..2025-12
    decision:          decisions' text, kind or status   decision:recommendation
    status:            the annotation's status           status:curated
    tag:               tags                              tag:cybercrime
    -term              excludes (also -who:…)            -tunis

Terms combine with AND; matching folds Arabic spelling variants (see brief.text.fold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from brief.errors import BriefError
from brief.text.fold import fold

if TYPE_CHECKING:  # types only: `brief list` starts without loading pydantic
    from brief.annotations.model import Annotation, Bilingual
    from brief.article.model import Article

FIELDS = ("who", "where", "when", "decision", "status", "tag")
_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
_DATE_RANGE = re.compile(r"^(\d{4}(?:-\d{2}){0,2})?\.\.(\d{4}(?:-\d{2}){0,2})?$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")


class QueryError(BriefError):
    """A query that cannot be understood, said in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    field: str | None  # None: free text
    value: str  # folded, except for when: dates
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    @property
    def highlights(self) -> list[str]:
        """What to highlight in the article: the free words and phrases, not excluded ones."""
        return [t.value for t in self.terms if t.field is None and not t.negated]


def parse(text: str) -> Query:
    terms = []
    for match in _TOKEN.finditer(text):
        negated, name, phrase, word = match.groups()
        value = phrase if phrase is not None else word
        if name is not None and name.lower() not in FIELDS:
            # Not a field: a word with a colon in it ("الكويت:"), searched as typed.
            value, name = match.group(0).lstrip("-"), None
        name = name.lower() if name else None
        if not value:
            if name:
                raise QueryError(f"{name}: needs a value, as in {name}:…")
            continue
        if name == "when":
            _check_when(value)
            terms.append(Term(name, value, bool(negated)))
        else:
            terms.append(Term(name, fold(value), bool(negated)))
    return Query(text, tuple(terms))


def _check_when(value: str) -> None:
    if not (_DATE.match(value) or _DATE_RANGE.match(value)):
        raise QueryError(
            f"when:{value} is not a date: use when:2025, when:2025-10, when:2025-10-01 or "
            "when:2020-03..2025-12"
        )


@dataclass
class SearchDocument:
    """An article and its annotations, folded once: the values the catalog indexes."""

    article_id: str
    text: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    dates: list[str] = field(default_factory=list)


def build_document(article: Article, annotation: Annotation | None) -> SearchDocument:
    doc = SearchDocument(article.id, fold(article.text))
    doc.fields = {name: [] for name in (*FIELDS, "all")}
    if article.meta.published:
        doc.dates.append(article.meta.published)
    if annotation is None:
        doc.fields["status"] = ["unannotated"]
        return doc
    doc.fields["status"] = [annotation.status]
    doc.fields["tag"] = [fold(tag) for tag in annotation.tags]
    for entity in annotation.who:
        doc.fields["who"] += _folded(
            entity.id, *_both(entity.name), *_both(entity.role), *entity.aliases
        )
    for place in annotation.where:
        doc.fields["where"] += _folded(place.id, *_both(place.name), *place.aliases)
    for decision in annotation.decisions:
        doc.fields["decision"] += _folded(*_both(decision.what), decision.kind, decision.status)
    for when in annotation.when:
        doc.dates.append(when.date)
        doc.fields["all"] += _folded(*_both(when.what))
    if annotation.source and annotation.source.published:
        doc.dates.append(annotation.source.published)
    doc.fields["all"] += _folded(
        *_both(annotation.title),
        *_both(annotation.summary),
        annotation.notes,
        *doc.fields["who"],
        *doc.fields["where"],
        *doc.fields["decision"],
        *doc.fields["tag"],
    )
    return doc


def _both(text: Bilingual | None) -> tuple[str | None, ...]:
    return (text.ar, text.en) if text else ()


def _folded(*values: str | None) -> list[str]:
    return [fold(v) for v in values if v]


def date_bounds(date: str) -> tuple[str, str]:
    """The first and last day a (partial) date or date-time covers, as comparable strings."""
    parts = date[:10].split("-")
    low = "-".join(parts + ["01"] * (3 - len(parts)))
    high = "-".join(parts + ["12", "31"][len(parts) - 1 :]) if len(parts) < 3 else date[:10]
    return low, high


def wanted_bounds(wanted: str) -> tuple[str, str]:
    """The days a when: value covers; an open end of a range reaches as far as dates go."""
    if ".." not in wanted:
        return date_bounds(wanted)
    start, end = wanted.split("..")
    return (date_bounds(start)[0] if start else "0000"), (date_bounds(end)[1] if end else "9999")
