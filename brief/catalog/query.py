"""One query language for the reader's filter bar and `brief list QUERY`.

    free words         article text and annotations      الالكترونية  koman
    "quoted phrase"    the same, as one phrase           "تقنية المعلومات"  "foo:bar"
    who: where:        people/organizations, places      who:koman  where:تونس
    when:              a year, month, day or a range     when:2025  when:2020-03..2025-12
    decision:          decisions' text, kind or status   decision:recommendation
    status:            the annotation's status           status:curated
    tag:               tags                              tag:cybercrime
    id:                an article's id or unique prefix  id:000  id:000_9955
    -term              excludes (also -who:…)            -tunis
    Terms combine with AND, several id: terms with OR. A field is ASCII letters right
    before a colon; other colons are part of the word (10:15), and quotes keep any.

Matching folds Arabic spelling variants (see brief.text.fold). A query that cannot be
understood is refused, with a message that starts with the term as typed: an unknown field, a
field with no value, an impossible date or a range that ends before it starts, an unclosed
quote, an id: that names no article or several.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brief.errors import BriefError
from brief.text.fold import fold

if TYPE_CHECKING:  # types only: `brief list` starts without loading pydantic
    from brief.annotations.model import Annotation, Bilingual
    from brief.article.model import Article

# Each field with a value to show when one is missing.
EXAMPLES = {
    "who": "koman",
    "where": "tunis",
    "when": "2025",
    "decision": "recommendation",
    "status": "curated",
    "tag": "cybercrime",
    "id": "000",
}
FIELDS = tuple(EXAMPLES)
# A term: an optional minus, an optional field (ASCII letters right before a colon, at the
# term's start: "abc1:x" and "الكويت:" are words), then a phrase, closed or not, or a word.
_TERM = re.compile(r'(-(?=\S))?(?:([A-Za-z]+):)?(?:"([^"]*)("?)|(\S*))')
_DATE_RANGE = re.compile(r"^(\d{4}(?:-\d{2}){0,2})?\.\.(\d{4}(?:-\d{2}){0,2})?$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
IDS_SHOWN = 3  # candidates an ambiguous id: names


class QueryError(BriefError):
    """A query that cannot be understood, said in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    field: str | None  # None: free text
    value: str  # folded, except for when: dates and id: prefixes
    negated: bool = False
    typed: str = dataclasses.field(default="", compare=False)  # as typed, for messages

    @property
    def bare(self) -> bool:
        """A free word, neither quoted nor excluded."""
        return self.field is None and not self.negated and not self.typed.startswith('"')


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    @property
    def highlights(self) -> list[str]:
        """What to highlight in the article: the free words and phrases, not excluded ones."""
        return [t.value for t in self.terms if t.field is None and not t.negated]

    def bare_words(self) -> list[str] | None:
        """The words as typed when every term is a bare word (`brief list 000 004`, which may
        name articles), else None."""
        if not self.terms or not all(t.bare for t in self.terms):
            return None
        return [t.typed for t in self.terms]


def parse(text: str) -> Query:
    terms = []
    for match in _TERM.finditer(text):
        term = _term(match) if match.group() else None
        if term is not None:
            terms.append(term)
    return Query(text, tuple(terms))


def _term(match: re.Match[str]) -> Term | None:
    """The term a match of _TERM holds (None: an empty phrase), or a QueryError."""
    minus, name, phrase, closed, word = match.groups()
    typed, negated = match.group(), minus is not None
    if not typed.isascii():
        _check_utf8(typed)
    if phrase is not None and not closed:
        typed = typed.rstrip()
        raise QueryError(f'{typed} has no closing quote: end the phrase with one, as in {typed}"')
    value = word if phrase is None else phrase
    if name is not None:
        name = name.lower()
        if name not in FIELDS:
            fields = ", ".join(FIELDS[:-1])
            literal = f'{minus or ""}"{typed.removeprefix("-")}"'
            raise QueryError(
                f"{typed} uses no field {name}: to search the text, quote it: {literal}; the "
                f"fields are {fields} and {FIELDS[-1]}"
            )
        if not value:
            raise QueryError(
                f"{typed} needs a value right after the colon, as in {name}:{EXAMPLES[name]}"
            )
    if name == "when":
        _check_when(typed, value)
    elif name != "id":  # ids are file names, matched as typed
        value = fold(value)
        if name and not value:
            raise QueryError(
                f"{typed} has nothing to search once harakat and tatweel are left out: give a "
                f"word, as in {name}:{EXAMPLES[name]}"
            )
    if not value:
        return None  # "", or only harakat: nothing to look for
    return Term(name, value, negated, typed)


def _check_utf8(typed: str) -> None:
    """Bytes that are not UTF-8 (on the command line, read as surrogates) match no text."""
    try:
        typed.encode()
    except UnicodeEncodeError:
        shown = typed.encode(errors="surrogateescape").decode(errors="backslashreplace")
        raise QueryError(f"{shown} is not UTF-8 text: brief reads queries as UTF-8") from None


def _check_when(typed: str, value: str) -> None:
    if not (_DATE.match(value) or _DATE_RANGE.match(value)):
        raise QueryError(
            f"{typed} is not a date: use when:2025, when:2025-10, when:2025-10-01 or "
            "when:2020-03..2025-12"
        )
    ends = value.split("..")
    for end in ends:
        impossible = _impossible(end)
        if impossible:
            raise QueryError(f"{typed} is not a date: {impossible}")
    if len(ends) == 2 and all(ends) and date_bounds(ends[0])[0] > date_bounds(ends[1])[1]:
        raise QueryError(f"{typed} ends before it starts: did you mean when:{ends[1]}..{ends[0]}?")


def _impossible(date: str) -> str | None:
    """What is wrong with a YYYY, YYYY-MM or YYYY-MM-DD date that no calendar has."""
    parts = date.split("-")
    if len(parts) < 2:
        return None
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        return f"there is no month {parts[1]} (months 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    if len(parts) == 3 and not 1 <= int(parts[2]) <= days:
        return f"{parts[0]}-{parts[1]} has days 01 to {days}"
    return None


def named_article(term: Term, starting: list[str], count: int) -> str:
    """The id an id: term names: its value if that is an id, else the one id that starts with
    it. `starting`: the first ids, in order, that start with the value (the first few at
    least), and `count` how many do; a QueryError when none or several do."""
    if starting and (count == 1 or starting[0] == term.value):
        return starting[0]
    if not count:
        raise QueryError(f"{term.typed} names no article: no id starts with {term.value}")
    shown = ", ".join(starting[:IDS_SHOWN]) + (", …" if count > IDS_SHOWN else "")
    raise QueryError(f"{term.typed} matches {count} articles: give more of the id ({shown})")


@dataclass
class SearchDocument:
    """An article and its annotations, folded once: the values the catalog indexes."""

    article_id: str
    text: str
    fields: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    dates: list[str] = dataclasses.field(default_factory=list)


def build_document(article: Article, annotation: Annotation | None) -> SearchDocument:
    doc = SearchDocument(article.id, fold(article.text))
    # "all": what free words search in the annotations; "notes": the part of it no field holds.
    doc.fields = {name: [] for name in (*FIELDS, "all", "notes")}
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
        if when.date is not None:
            doc.dates.append(when.date)
        doc.fields["notes"] += _folded(*_both(when.what))
    for event in annotation.events:
        if event.date is not None:
            doc.dates.append(event.date)
        doc.fields["notes"] += _folded(event.id, *_both(event.name))
    for discrepancy in annotation.discrepancies:
        doc.fields["notes"] += _folded(*_both(discrepancy.what))
    if annotation.source and annotation.source.published:
        doc.dates.append(annotation.source.published)
    doc.fields["notes"] += _folded(
        *_both(annotation.title), *_both(annotation.summary), annotation.notes
    )
    doc.fields["all"] = [
        *doc.fields["notes"],
        *doc.fields["who"],
        *doc.fields["where"],
        *doc.fields["decision"],
        *doc.fields["tag"],
    ]
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
    low = date_bounds(start)[0] if start else "0000-01-01"
    return low, (date_bounds(end)[1] if end else "9999-12-31")
