"""Filtering a corpus where a word matches many articles: the first screen of matches shows at
once, and the rest, with their count, once a thread has read them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from brief.catalog.catalog import Catalog
from brief.catalog.query import Query, parse
from brief.tui.app import BriefApp
from brief.tui.widgets.article_list import ArticleList
from tests.tui_helpers import ROOT, loaded

ARTICLES = 300


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(ARTICLES), str(root)],
        check=True,
        capture_output=True,
    )
    Catalog(root).sync()  # built once for every test here
    return root


@pytest.fixture
def corpus(generated: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(generated, tmp_path / "corpus"))


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The thread that reads a filter's matches waits until the event is set."""
    release = threading.Event()
    read_terms = Catalog.read_terms

    def held_read(catalog: Catalog, query: Query) -> bool:
        release.wait(10)
        return read_terms(catalog, query)

    monkeypatch.setattr(Catalog, "read_terms", held_read)
    return release


def _matching(corpus: Path, text: str) -> list[int]:
    """Read on a catalog of its own, so the reader's has not read the terms before."""
    with closing(Catalog(corpus)) as catalog:
        return catalog.matching(parse(text))


def _status(app: BriefApp) -> str:
    return str(app.query_one("#status").render())


@asynccontextmanager
async def _filtered(
    corpus: Path, text: str
) -> AsyncIterator[tuple[BriefApp, Pilot[None], list[int]]]:
    """The reader with `text` typed in the filter bar, and the rowids of all it matches."""
    app = BriefApp(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        everything = _matching(corpus, text)
        await pilot.press("f", *text)
        yield app, pilot, everything


async def test_a_common_word_shows_its_first_screen_then_all_its_matches(
    corpus: Path, held: threading.Event
) -> None:
    async with _filtered(corpus, "تونس") as (app, pilot, everything):
        assert 100 < len(everything) < ARTICLES
        articles = app.query_one(ArticleList)
        first = articles.rowids
        assert first == everything[: len(first)] and len(first) < 100
        assert len(first) >= articles.page_size
        assert _status(app) == f"first {len(first)} shown · counting the matches among 300…"
        held.set()
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "count"])
        await pilot.pause()
        assert articles.rowids == everything
        assert _status(app) == f"{len(everything)} of 300 articles match"


async def test_what_needs_every_match_counts_them_at_once(
    corpus: Path, held: threading.Event
) -> None:
    """Moving past the first screen, export, entities: none waits for the thread."""
    async with _filtered(corpus, "تونس") as (app, _, everything):
        assert app.corpus is not None and _status(app).startswith("first ")
        assert app.visible_ids == app.corpus.ids_of(everything)
        assert app.query_one(ArticleList).count == len(everything)
        assert _status(app) == f"{len(everything)} of 300 articles match"
        held.set()


async def test_a_filter_pasted_over_with_an_error_still_counts_what_the_list_shows(
    corpus: Path, held: threading.Event
) -> None:
    async with _filtered(corpus, "تونس") as (app, pilot, everything):
        assert app.corpus is not None
        assert app.focused is not None
        app.focused.post_message(events.Paste(" when:x"))  # pasted, at once
        await pilot.pause()
        assert _status(app).startswith("when:x is not a date")
        assert app.visible_ids == app.corpus.ids_of(everything)
        held.set()
