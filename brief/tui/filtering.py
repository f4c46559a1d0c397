"""The filter on the article list: which articles it shows, in id order.

A keystroke in the filter bar shows the first screen of matches at once. When a term matches
many articles (a common word in a large corpus), reading all of them would cost more than a
keystroke may: a thread reads them, and the list then shows them all, with their count.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import TYPE_CHECKING

from brief.catalog.query import Query, QueryError, parse
from brief.tui.article_list import ArticleList

if TYPE_CHECKING:
    from brief.tui.app import BriefApp


class ListFilter:
    def __init__(self, app: BriefApp) -> None:
        self.app = app
        self.text = ""  # as typed
        self.shown: list[int] = []  # catalog rowids of the articles the list shows
        self.counting: Query | None = None  # the filter whose matches are not all shown yet

    @property
    def matched(self) -> list[int]:
        """Rowids of every article the filter matches, counted now if the thread still is."""
        if self.counting is not None:
            self.app.show_status(self.apply(whole=True))
        return self.shown

    def apply(self, changed: bool = False, whole: bool = False) -> str:
        """Filter the corpus indexed so far (`changed`: rows may have changed too); the status
        line to show. Only the first screen of matches when there are many, unless `whole`."""
        corpus = self.app.corpus
        if corpus is None:
            return ""
        catalog = corpus.catalog
        try:  # the filter being counted, even if what is typed since does not parse
            query = self.counting if whole and self.counting else parse(self.text)
            catalog.stop_reading()  # what an earlier keystroke's thread reads is not wanted now
            if whole:
                self.shown, complete = catalog.matching(query), True
            else:
                page = self.app.query_one(ArticleList).page_size
                self.shown, complete = catalog.first_matching(query, page)
        except QueryError as error:  # also an id: that names no article, or several
            return str(error)
        self.counting = None if complete else query
        self.app.refresh_list(changed)
        total = len(corpus)
        if not complete:
            self.app.run_worker(
                partial(self._count, query), name="count", group="count", thread=True,
                exclusive=True,
            )  # fmt: skip
            return f"first {len(self.shown):,} shown · counting the matches among {total:,}…"
        more = "" if self.app.loaded else " (still indexing)"
        if query.terms:
            return f"{len(self.shown):,} of {total:,} articles match{more}"
        return f"{total:,} articles{more}"

    def _count(self, query: Query) -> None:
        """In a thread: read what the query's terms match, then show the whole list."""
        corpus = self.app.corpus
        try:
            if corpus is not None and corpus.catalog.read_terms(query):
                self.app.call_from_thread(self._counted, query)
        except sqlite3.Error as error:
            self.app.call_from_thread(self.app.show_status, f"cannot count the matches: {error}")

    def _counted(self, query: Query) -> None:
        if query == self.counting:  # else the filter changed meanwhile
            self.app.show_status(self.apply())
