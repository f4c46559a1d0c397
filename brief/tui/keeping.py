"""Keeping the reader in step with the corpus.

The first screen comes from the catalog as it stands; then, in a thread, the catalog is brought
in step with the files (with counts during a first build). After that the reader watches the
files itself when it can (Linux, and no other brief watching them): each change shows within a
moment. Otherwise it looks at every file's stamp on a timer. Either way, what changed is read
from the catalog's change log, so changes another process put there (`brief watch`, another
reader, `brief list`) show too.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from functools import partial
from typing import TYPE_CHECKING

from brief.annotations.index import CorpusIndex
from brief.catalog.catalog import Catalog, CatalogError
from brief.catalog.sync import SyncStopped
from brief.catalog.watch import Watcher, WatchError, watched, watcher_ready
from brief.corpus import Corpus
from brief.tui import editing

if TYPE_CHECKING:
    from brief.tui.app import BriefApp

# Entities, timeline and the palette's entities read every annotation file they cover: up to
# this many articles (the whole corpus when it is this small, else what the filter shows).
INDEX_LIMIT = 2000
TICK_SECONDS = 1.0  # how often the change log is read
FIRST_SCREEN_SECONDS = 2.0  # the longest the sync waits for the first screen to be drawn
LOOK_SECONDS = 5.0  # unwatched: at least this long between looks at every file's stamp
FAILED = (CatalogError, sqlite3.Error, OSError)


class CorpusKeeper:
    def __init__(self, app: BriefApp) -> None:
        self.app = app
        self.watcher: Watcher | None = None  # the reader's own, while it runs
        self.seen_change = 0  # the last change in the catalog's log the reader has shown
        self.looking = False  # a look at the files is under way
        self.next_look = 0.0
        self.trouble = ""  # why the reader does not watch the files, when it should
        self.stopping = False  # the reader is closing: a long sync stops at its next batch
        self.drawn = threading.Event()  # the first screen is on the terminal

    def start(self) -> None:
        self.app.run_worker(self._load, name="load", group="load", thread=True)

    def stop(self) -> None:
        self.stopping = True
        if self.watcher is not None:
            self.watcher.stop()

    def look_now(self, told: bool = False) -> None:
        """Bring the catalog in step with the files now, and show what changed. `told`: the
        user asked (ctrl+r), so say so even when nothing changed."""
        if self.app.corpus is not None and not self.looking:
            self.looking = True
            look = partial(self._look, told=told)
            self.app.run_worker(look, name="look", group="look", thread=True)

    # In worker threads.
    def _load(self) -> None:
        app = self.app
        try:
            corpus = Corpus(app.corpus_root, Catalog(app.corpus_root))
        except CatalogError as error:
            app.call_from_thread(app.show_status, str(error))
            return
        self.seen_change = corpus.catalog.last_change()
        app.call_from_thread(self._opened, corpus)
        # The sync's stat of every file would slow the first screen down: it starts once drawn.
        self.drawn.wait(FIRST_SCREEN_SECONDS)
        try:
            self.watcher = Watcher(app.corpus_root, corpus.catalog.path)
            self.watcher.run(
                self._progress,
                on_ready=lambda _: self._first_done(),
                on_change=lambda _: self._changed(),
            )
            return
        except WatchError:  # not Linux, or another brief watches this corpus
            pass
        except FAILED as error:  # no inotify instance to be had, the catalog failed…
            self.trouble = f"cannot watch the files ({error}): looking at them every few seconds"
            app.call_from_thread(app.show_status, self.trouble)
        self.watcher = None
        if not app.loaded:
            self._look(first=True)

    def _look(self, first: bool = False, told: bool = False) -> None:
        """Bring the catalog in step with the files: a watcher's word when one is ready, else a
        stat of every file, on a connection of this thread's own."""
        app = self.app
        assert app.corpus is not None
        started = time.monotonic()
        try:
            if not watched(app.corpus_root, app.corpus.catalog.path):
                with closing(Catalog(app.corpus_root, app.corpus.catalog.path)) as syncing:
                    syncing.sync(self._progress if first else None)
        except FAILED as error:
            app.call_from_thread(app.show_status, f"cannot index the corpus: {error}")
            return
        except SyncStopped:
            return
        finally:
            self.looking = False
        seconds = time.monotonic() - started
        self.next_look = time.monotonic() + max(LOOK_SECONDS, seconds * 10)
        if first:
            self._first_done()
        else:
            app.call_from_thread(self.catch_up, told)

    def _changed(self) -> None:
        if not self.stopping:  # a closing app runs no more callbacks
            self.app.call_from_thread(self.catch_up)

    def _progress(self, done: int, total: int) -> None:
        if self.stopping:
            raise SyncStopped
        self.app.call_from_thread(self._indexed, done, total)

    def _first_done(self) -> None:
        app = self.app
        index = None
        assert app.corpus is not None
        with closing(Catalog(app.corpus_root, app.corpus.catalog.path)) as catalog:
            if len(catalog.order) <= INDEX_LIMIT:
                index = Corpus(app.corpus_root, catalog).index_of(catalog.ids(catalog.order))
        app.call_from_thread(self._loaded, index)

    # On the app's thread.
    def _opened(self, corpus: Corpus) -> None:
        self.app.corpus = corpus
        self.app.show_status(f"{len(corpus):,} articles; checking the files for changes…")
        self.app.show_first()
        self.app.call_after_refresh(self.drawn.set)

    def _indexed(self, done: int, total: int) -> None:
        if self.app.corpus is None:
            return
        self.app.show_first()
        self.app.show_status(f"Indexing the corpus: {done:,} of {total:,} articles (once)")

    def _loaded(self, index: CorpusIndex | None) -> None:
        app = self.app
        assert app.corpus is not None
        app.corpus_index = index
        self.catch_up(quiet=True)
        catalog = app.corpus.catalog
        problems, unreadable = catalog.invalid_count(), len(catalog.unreadable())
        notes = [f"{len(app.corpus):,} articles"]
        if problems:
            notes.append(f"{problems} annotation file(s) do not validate (brief validate)")
        if unreadable:
            notes.append(f"{unreadable} article(s) unreadable")
        skipped = catalog.skipped()
        if skipped:
            notes.append(f"{len(skipped)} file(s) skipped: {skipped[0]}")
        if self.trouble:
            notes.append(self.trouble)
        app.show_status("; ".join(notes))
        app.loaded = True
        editing.offer_recovery(app)
        app.set_interval(TICK_SECONDS, self._tick)

    def _tick(self) -> None:
        app = self.app
        if app.corpus is None or self.looking:
            return
        if self.watcher is not None or watcher_ready(app.corpus.catalog.path):
            self.catch_up()
        elif time.monotonic() >= self.next_look:
            self.look_now()

    def catch_up(self, told: bool = False, quiet: bool = False) -> None:
        """Show the articles changed in the catalog since last look. `told`: say how many even
        when none; `quiet`: say nothing."""
        app = self.app
        if app.corpus is None:
            return
        catalog = app.corpus.catalog
        self.seen_change, ids = catalog.changes_since(self.seen_change)
        if ids is None:  # more changes than the log keeps: any article may have changed
            ids = set(app.corpus.ids)
        if ids:
            app.show_changed(ids)
        if not quiet and (ids or told):
            app.show_status(f"{len(app.corpus):,} articles; {len(ids):,} changed on disk")
