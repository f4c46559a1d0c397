"""The filter on the article list: which articles it shows, in id order.

A keystroke in the filter bar shows the first screen of matches at once. When a term matches
many articles (a common word in a large corpus), reading all of them would cost more than a
keystroke may: a thread reads them (`count`), and the list then shows them all, with their count.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from brief.catalog.query import Query, QueryError, parse
from brief.corpus import Corpus
from brief.tui.display import counted


@dataclass(frozen=True, slots=True)
class Filtered:
    """What a filter shows: the status line to say, and the query whose matches a thread is to
    read (`count`, None when all are shown)."""

    message: str
    count: Query | None = None


class ListFilter:
    def __init__(self) -> None:
        self.text = ""  # as typed
        self.shown: list[int] = []  # catalog rowids of the articles the list shows
        self.counting: Query | None = None  # the filter whose matches are not all shown yet

    def apply(
        self, corpus: Corpus, page: int | None, indexing: bool = False, whole: bool = False
    ) -> Filtered:
        """Filter the corpus indexed so far: the first `page` of matches at least (all of them
        when None). `whole`: every match of the filter being counted, even if what was typed
        since does not parse."""
        try:
            query = self.counting if whole and self.counting else parse(self.text)
            corpus.stop_reading()  # what an earlier keystroke's thread reads is not wanted now
            if whole or page is None:
                self.shown, complete = corpus.matching_rowids(query), True
            else:
                self.shown, complete = corpus.first_matching(query, page)
        except QueryError as error:  # also an id: that names no article, or several
            return Filtered(str(error))
        self.counting = None if complete else query
        total = len(corpus)
        if not complete:
            shown = f"{len(self.shown):,}"
            return Filtered(f"first {shown} shown · counting the matches among {total:,}…", query)
        more = " (still indexing)" if indexing else ""
        if query.terms:
            return Filtered(f"{len(self.shown):,} of {counted(total, 'article')} match{more}")
        return Filtered(f"{counted(total, 'article')}{more}")


def count(corpus: Corpus, query: Query) -> str | None:
    """In a thread: read what the query's terms match. None when they are read (the list can show
    them all), "" when a later keystroke stopped it, else what went wrong."""
    try:
        return None if corpus.read_terms(query) else ""
    except sqlite3.Error as error:
        return f"cannot count the matches: {error}"
