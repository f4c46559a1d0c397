"""The in-memory matcher the catalog is held to (tests/test_catalog.py): each article and its
annotations folded into a SearchDocument, and every term matched by substring, as brief did
before the catalog answered queries from SQLite."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from brief.catalog.query import (
    Query,
    SearchDocument,
    Term,
    date_bounds,
    named_article,
    wanted_bounds,
)


def filter_documents(documents: Iterable[SearchDocument], query: Query) -> list[str]:
    """Ids of the documents that match, in the order given; each id: term names one of them
    (a QueryError if it names none or several)."""
    documents = list(documents)
    ids = sorted(doc.article_id for doc in documents)
    named = Query(query.text, tuple(_named(term, ids) for term in query.terms))
    return [doc.article_id for doc in documents if matches(doc, named)]


def _named(term: Term, ids: list[str]) -> Term:
    """An id: term with the whole id it names among `ids` (sorted); other terms as they are."""
    if term.field != "id":
        return term
    starting = [i for i in ids if i.startswith(term.value)]
    return replace(term, value=named_article(term, starting, len(starting)))


def matches(doc: SearchDocument, query: Query) -> bool:
    """`query`'s id: terms hold whole ids (as `filter_documents` makes them)."""
    chosen = [t.value for t in query.terms if t.field == "id" and not t.negated]
    if chosen and doc.article_id not in chosen:  # several id: terms: any of them
        return False
    return all(
        _term(doc, term) != term.negated
        for term in query.terms
        if term.field != "id" or term.negated
    )


def _term(doc: SearchDocument, term: Term) -> bool:
    if term.field == "id":
        return doc.article_id == term.value
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
