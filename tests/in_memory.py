"""The in-memory matcher the catalog is held to (tests/test_catalog.py): each article and its
annotations folded into a SearchDocument, and every term matched by substring, as brief did
before the catalog answered queries from SQLite."""

from __future__ import annotations

from collections.abc import Iterable

from brief.catalog.query import Query, SearchDocument, Term, date_bounds, wanted_bounds


def filter_documents(documents: Iterable[SearchDocument], query: Query) -> list[str]:
    """Ids of the documents that match, in the order given."""
    return [doc.article_id for doc in documents if matches(doc, query)]


def matches(doc: SearchDocument, query: Query) -> bool:
    return all(_term(doc, term) != term.negated for term in query.terms)


def _term(doc: SearchDocument, term: Term) -> bool:
    if term.field is None:
        return term.value in doc.text or any(term.value in v for v in doc.fields["all"])
    if term.field == "when":
        return any(_date_overlaps(date, term.value) for date in doc.dates)
    return any(term.value in value for value in doc.fields[term.field])


def _date_overlaps(date: str, wanted: str) -> bool:
    """Does the (partial) date overlap the wanted year, month, day or range?"""
    low, high = date_bounds(date)
    wanted_low, wanted_high = wanted_bounds(wanted)
    return low <= wanted_high and high >= wanted_low
