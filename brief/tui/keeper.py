"""Keeping the reader in step with the corpus.

The first screen comes from the catalog as it stands; then, in a thread, the catalog is brought
in step with the files (with counts during a first build). After that the reader watches the
files itself when it can (Linux, and no other brief watching them): each change shows within a
moment. Otherwise it looks at every file's stamp on a timer. Either way, what changed is read
from the catalog's change log, so changes another process put there (`brief watch`, another
reader, `brief list`) show too.

The keeper's threads tell the app what happened with messages (`post`); the app runs them and
asks, on its own thread, what changed (`catch_up`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

from brief.catalog.catalog import Catalog, CatalogError, CatalogStale
from brief.catalog.sync import SyncStopped
from brief.catalog.watch import Watcher, WatchError
from brief.corpus import Corpus
from brief.tui.display import counted
from brief.tui.messages import CatalogChanged, CorpusLoaded, CorpusOpened, IndexProgress, Notice

if TYPE_CHECKING:
    from brief.annotations.index import CorpusIndex

# Entities, timeline and the palette's entities read every annotation file they cover: up to
# this many articles (the whole corpus when it is this small, else what the filter shows).
INDEX_LIMIT = 2000
TICK_SECONDS = 1.0  # how often the change log is read
FIRST_SCREEN_SECONDS = 2.0  # the longest the sync waits for the first screen to be drawn
LOOK_SECONDS = 5.0  # unwatched: at least this long between looks at every file's stamp
OWN_SECONDS = 3.0  # a change the watcher logs this soon after the reader's own save is its own
FAILED = (CatalogError, sqlite3.Error, OSError)


class Watching(Protocol):
    """What the keeper needs of a watcher (brief.catalog.watch.Watcher)."""

    def run(
        self,
        progress: Callable[[int, int], None],
        on_ready: Callable[[object], None],
        on_change: Callable[[object], None],
    ) -> None: ...

    def stop(self) -> None: ...


WatcherFactory = Callable[[Path, Path], Watching]  # (corpus root, catalog path)


class CorpusKeeper:
    def __init__(
        self, root: Path, post: Callable[[Message], object], watcher: WatcherFactory = Watcher
    ) -> None:
        self.root = root
        self.post = post  # thread-safe: the app's post_message
        self.make_watcher = watcher
        self.corpus: Corpus | None = None
        self.index: CorpusIndex | None = None  # every annotation, when the corpus is small
        self.watcher: Watching | None = None  # the reader's own, while it runs
        self.seen_change = 0  # the last change in the catalog's log the reader has shown
        self.looking = False  # a look at the files is under way
        self.loaded = False  # the catalog was in step with the files once
        self.next_look = 0.0
        self.trouble = ""  # why the reader does not watch the files, when it should
        self.stopping = False  # the reader is closing: a long sync stops at its next batch
        self.drawn = threading.Event()  # the first screen is on the terminal
        self.saved: dict[str, float] = {}  # articles the reader saved itself, and when

    def stop(self) -> None:
        self.stopping = True
        if self.watcher is not None:
            self.watcher.stop()

    def may_look(self) -> bool:
        """Claim a look at the files, unless one is under way (then False)."""
        if self.corpus is None or self.looking:
            return False
        self.looking = True
        return True

    def due(self) -> str:
        """On each tick: "catch up" (a watcher keeps the log), "look" (time to stat the files) or
        "" (nothing to do yet)."""
        if self.corpus is None or self.looking:
            return ""
        if self.watcher is not None or self.corpus.watcher_ready():
            return "catch up"
        return "look" if time.monotonic() >= self.next_look else ""

    def catch_up(self) -> set[str]:
        """On the app's thread: the articles changed in the catalog since the last call (the
        index follows them)."""
        if self.corpus is None:
            return set()
        self.seen_change, ids = self.corpus.changes_since(self.seen_change)
        if ids and self.index is not None:
            for article_id in ids:
                self.index.remove(article_id)
                loaded = self.corpus.loaded_annotation(article_id)
                if loaded is not None:
                    self.index.add(article_id, loaded.annotation, loaded.problems)
            self.index.finish()
        return ids

    def wrote(self, article_id: str) -> None:
        """The reader saved this article's file: its watcher's word of it is no news."""
        self.saved[article_id] = time.monotonic()

    def from_elsewhere(self, ids: set[str]) -> set[str]:
        """The changes not the reader's own (saved in the last few seconds)."""
        now = time.monotonic()
        self.saved = {k: t for k, t in self.saved.items() if now - t < OWN_SECONDS}
        return ids - set(self.saved)

    def notes(self) -> str:
        """The status line once the catalog is in step: the count, and what is wrong."""
        assert self.corpus is not None
        health = self.corpus.health()
        notes = [counted(len(self.corpus), "article")]
        if health.invalid:
            notes.append(f"{health.invalid} annotation file(s) do not validate (brief validate)")
        if health.unreadable:
            notes.append(f"{health.unreadable} article(s) unreadable")
        if health.skipped:
            skipped = health.skipped
            notes.append(f"{len(skipped)} file(s) skipped: {skipped[0]}")
        if self.trouble:
            notes.append(self.trouble)
        return "; ".join(notes)

    # In worker threads.
    def load(self) -> None:
        try:
            corpus = Corpus(self.root, Catalog(self.root))
        except CatalogError as error:
            self.post(Notice(str(error)))
            return
        self.seen_change = corpus.last_change()
        self.corpus = corpus
        self.post(CorpusOpened(corpus))
        # The sync's stat of every file would slow the first screen down: it starts once drawn.
        self.drawn.wait(FIRST_SCREEN_SECONDS)
        try:
            self.watcher = self.make_watcher(self.root, corpus.catalog_path)
            if self.stopping:  # the reader closed before it was made: `stop` did not see it
                return
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
            self.post(Notice(self.trouble))
        self.watcher = None
        if not self.loaded:
            self.looking = True
            self.look(first=True)

    def look(self, first: bool = False, told: bool = False) -> None:
        """Bring the catalog in step with the files: a watcher's word when one is ready, else a
        stat of every file, on a connection of this thread's own. Claimed by `may_look`."""
        assert self.corpus is not None
        started = time.monotonic()
        try:
            if not self.corpus.watched():
                with closing(self.corpus.on_new_connection()) as syncing:
                    syncing.refresh(progress=self._progress if first else None)
        except CatalogStale as stale:  # locked, a full disk: the reader goes on as it stands
            self.trouble = f"{stale.cause}: the list is the catalog as it stands"
            self.post(Notice(self.trouble))
        except FAILED as error:
            self.post(Notice(f"cannot index the corpus: {error}"))
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
            self.post(CatalogChanged(told))

    def _changed(self) -> None:
        if not self.stopping:  # a closing app takes no more messages
            self.post(CatalogChanged())

    def _progress(self, done: int, total: int) -> None:
        if self.stopping:
            raise SyncStopped
        self.post(IndexProgress(done, total))

    def _first_done(self) -> None:
        assert self.corpus is not None
        index = None
        with closing(self.corpus.on_new_connection()) as corpus:
            if len(corpus) <= INDEX_LIMIT:
                index = corpus.index_of(corpus.ids)
        self.loaded = True
        self.post(CorpusLoaded(index))
