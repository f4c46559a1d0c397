"""Keeping the catalog in step as files change, told by the kernel (inotify, Linux) instead of
a stat of every file: `brief watch`, or the reader while it is open.

A watcher holds a lock on `<catalog>.watch` while it runs and writes "ready" in it once its
first full sync is done. A client (`brief list`) that finds it ready drops a cookie file in the
corpus folder and waits for the watcher to remove it: the kernel reports events in the order
they happened, so by then every change made before the cookie is in the catalog, and the
client can skip the stat of every file. Without a ready watcher, or when the cookie is not
answered in time, the client takes the stamps itself. Plain Python, no UI."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing, suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from brief.catalog.catalog import Catalog
from brief.catalog.stamps import FOLDERS
from brief.catalog.sync import Progress, SyncReport, SyncStopped
from brief.catalog.tables import catalog_path
from brief.errors import BriefError

if TYPE_CHECKING:
    from inotify_simple import Event, INotify

COOKIE_PREFIX = ".brief-cookie-"
READY = b"ready"
ANSWER_SECONDS = 2.0  # how long a client waits for the watcher to answer its cookie
POLL_SECONDS = 0.0005


class WatchError(BriefError):
    """The corpus cannot be watched, said in one line."""


def lock_path(catalog_file: Path) -> Path:
    return Path(f"{catalog_file}.watch")


def watcher_ready(catalog_file: Path) -> bool:
    """True when a watcher runs on this catalog and has done its first sync."""
    if sys.platform != "linux":
        return False
    import fcntl

    try:
        fd = os.open(lock_path(catalog_file), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:  # held: a watcher runs
        return os.read(fd, len(READY)) == READY
    else:
        return False  # nobody holds it: the watcher is gone
    finally:
        os.close(fd)


def watched(root: Path, catalog_file: Path | None = None) -> bool:
    """True when a watcher has put in the catalog every change made to the corpus before this
    call; False when there is no ready watcher, or it did not answer in time."""
    if not watcher_ready(catalog_file or catalog_path(root)):
        return False
    cookie = root / f"{COOKIE_PREFIX}{os.getpid()}-{time.monotonic_ns()}"
    try:
        os.close(os.open(cookie, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError:  # a corpus this process cannot write to
        return False
    deadline = time.monotonic() + ANSWER_SECONDS
    while time.monotonic() < deadline:
        if not os.path.lexists(cookie):
            return True
        time.sleep(POLL_SECONDS)
    cookie.unlink(missing_ok=True)
    return False


class Watcher:
    """Watches a corpus until `stop()`: each batch of changed files is synced at once."""

    def __init__(self, root: Path, catalog_file: Path | None = None) -> None:
        if sys.platform != "linux":
            raise WatchError("watching a corpus needs Linux (inotify)")
        self.root = root
        self.catalog_file = catalog_file or catalog_path(root)
        self._stopped = threading.Event()
        self._folders: dict[int, str] = {}  # watch descriptor -> folder ("" for the corpus's)

    def stop(self) -> None:
        self._stopped.set()

    def run(
        self,
        progress: Progress | None = None,
        on_ready: Callable[[SyncReport], None] | None = None,
        on_change: Callable[[SyncReport], None] | None = None,
    ) -> None:
        """Sync the whole corpus (with `progress`), then each change as it comes, until
        stopped. Raises WatchError when another process already watches this corpus."""
        import fcntl

        from inotify_simple import INotify

        lock = os.open(lock_path(self.catalog_file), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise WatchError(f"{self.root} is already watched by another brief") from None
            os.ftruncate(lock, 0)
            with INotify() as inotify, closing(Catalog(self.root, self.catalog_file)) as catalog:
                self._watch(inotify)  # before the sync: no change falls between
                try:
                    report = catalog.sync(partial(self._progress, progress))
                except SyncStopped:
                    return
                os.pwrite(lock, READY, 0)
                if on_ready is not None:
                    on_ready(report)
                while not self._stopped.is_set():
                    events = inotify.read(timeout=200)
                    report = self._handle(inotify, catalog, events)
                    if report.changed and on_change is not None:
                        on_change(report)
        finally:
            os.close(lock)  # and with it the lock

    def _progress(self, progress: Progress | None, done: int, total: int) -> None:
        if self._stopped.is_set():  # a first build can take minutes: stop at the next batch
            raise SyncStopped
        if progress is not None:
            progress(done, total)

    def _watch(self, inotify: INotify) -> None:
        """Watch the corpus folder (cookies, folders replaced) once, and each folder of files
        (again). The corpus folder's watch is kept, so no cookie is lost while the others are
        made again."""
        from inotify_simple import flags

        moved = flags.CREATE | flags.DELETE | flags.MOVED_FROM | flags.MOVED_TO
        files = moved | flags.MODIFY | flags.CLOSE_WRITE | flags.ATTRIB
        gone = flags.DELETE_SELF | flags.MOVE_SELF
        folders = self._folders
        if not folders:
            folders[inotify.add_watch(self.root, moved | gone)] = ""
        for wd in [wd for wd, name in folders.items() if name]:
            del folders[wd]
            with suppress(OSError):  # already gone with its folder
                inotify.rm_watch(wd)
        for name in FOLDERS:
            # A folder not there (yet) is watched once its creation shows in the corpus folder.
            with suppress(OSError):
                folders[inotify.add_watch(self.root / name, files | gone | flags.ONLYDIR)] = name

    def _handle(self, inotify: INotify, catalog: Catalog, events: list[Event]) -> SyncReport:
        from inotify_simple import flags

        ids: set[str] = set()
        cookies: list[str] = []
        everything = False  # a folder was replaced, or the kernel dropped events
        for event in events:
            folder = self._folders.get(event.wd)
            if event.mask & flags.Q_OVERFLOW or (folder is not None and event.mask & flags.IGNORED):
                everything = True
            elif folder == "":
                if event.name.startswith(COOKIE_PREFIX):
                    if event.mask & flags.CREATE:
                        cookies.append(event.name)
                elif event.name in FOLDERS or event.mask & (flags.DELETE_SELF | flags.MOVE_SELF):
                    everything = True
            elif folder is not None:
                if event.mask & (flags.DELETE_SELF | flags.MOVE_SELF):
                    everything = True
                elif event.name.endswith(FOLDERS[folder]):
                    ids.add(event.name[: -len(FOLDERS[folder])])
        if everything:
            self._watch(inotify)
            report = catalog.sync()
        else:
            report = catalog.sync(only=ids) if ids else SyncReport()
        for cookie in cookies:  # answered once all that came before them is in the catalog
            (self.root / cookie).unlink(missing_ok=True)
        return report
