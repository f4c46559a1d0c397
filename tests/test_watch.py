"""A watcher keeps the catalog in step as files change, and `brief list` trusts it only once it
has answered a cookie: every change made before the question is in the answer."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brief import corpus as corpus_module
from brief.catalog import sync, watch
from brief.catalog.catalog import Catalog
from brief.catalog.query import parse
from brief.catalog.sync import SyncReport
from brief.catalog.tables import catalog_path
from brief.catalog.watch import READY, Watcher, WatchError, lock_path, watched, watcher_ready
from brief.corpus import answer

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify is Linux's")
ROOT = Path(__file__).parent.parent
TUNIS = "001_26d5d24b852057da"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "annotations", root / "annotations")
    return root


@pytest.fixture
def watcher(root: Path) -> Iterator[Watcher]:
    """A watcher running in a thread, ready."""
    running = Watcher(root)
    ready = threading.Event()
    thread = threading.Thread(target=running.run, kwargs={"on_ready": lambda _: ready.set()})
    thread.start()
    assert ready.wait(30)
    yield running
    running.stop()
    thread.join(5)
    assert not thread.is_alive()


def _matching(root: Path, text: str) -> list[str]:
    _, ids = answer(root, lambda corpus: corpus.matching(parse(text)))
    return ids


def _no_stat(root: Path) -> None:
    raise AssertionError("with a ready watcher, the files are not stat'ed")


def test_without_a_watcher_the_files_are_stated(root: Path) -> None:
    assert not watched(root)
    assert _matching(root, "zebra") == []


def test_a_ready_watcher_answers_for_every_file(
    root: Path, watcher: Watcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert watcher_ready(catalog_path(root))
    monkeypatch.setattr(corpus_module, "start_scan", _no_stat)
    sync = Catalog.sync

    def slow_sync(catalog: Catalog, *args: Any, **kwargs: Any) -> SyncReport:
        time.sleep(0.2)  # a client that did not wait for the watcher would answer first
        return sync(catalog, *args, **kwargs)

    monkeypatch.setattr(Catalog, "sync", slow_sync)
    article = root / "seeds" / f"{TUNIS}.txt"
    # Each change is asked about at once: the cookie makes the answer wait for it.
    article.write_text(article.read_text("utf-8").replace("تونس", "zebra"), "utf-8")
    assert _matching(root, "zebra") == [TUNIS]
    shutil.copy(article, root / "seeds" / "005_new.txt")
    assert _matching(root, "zebra") == [TUNIS, "005_new"]
    (root / "seeds" / "005_new.txt").unlink()
    assert _matching(root, "zebra") == [TUNIS]
    notes = root / "annotations" / "002_d9a5e05a9b981f49.yaml"
    notes.write_text(notes.read_text("utf-8").replace("status: curated", "status: draft"))
    assert _matching(root, "status:draft") == ["002_d9a5e05a9b981f49"]
    # Saved the way editors do: a new file renamed over the old one.
    replacement = root / "seeds" / ".draft.tmp"
    replacement.write_text(article.read_text("utf-8").replace("zebra", "okapi"), "utf-8")
    replacement.replace(article)
    assert _matching(root, "okapi") == [TUNIS]
    assert not list(root.glob(".brief-cookie-*"))


def test_a_replaced_folder_is_watched_again(root: Path, watcher: Watcher) -> None:
    shutil.copytree(root / "seeds", root / "seeds.new")
    (root / "seeds.new" / "000_99551782ef0ee64d.txt").unlink()
    shutil.rmtree(root / "seeds")
    (root / "seeds.new").rename(root / "seeds")
    assert watched(root)
    assert len(answer(root, lambda corpus: corpus.ids)[1]) == 4
    (root / "seeds" / "005_new.txt").write_text("Title\n\nzebra\n", "utf-8")
    assert _matching(root, "zebra") == ["005_new"]


def test_a_file_named_in_no_utf8_does_not_stop_the_watcher(root: Path, watcher: Watcher) -> None:
    os.rename(root / "seeds" / f"{TUNIS}.txt", os.fsencode(root / "seeds") + b"/\xff.txt")
    (root / "seeds" / "005_new.txt").write_text("Title\n\nzebra\n", "utf-8")
    assert watched(root)
    assert _matching(root, "zebra") == ["005_new"]
    assert TUNIS not in answer(root, lambda corpus: corpus.ids)[1]


def test_the_change_log_names_what_changed(root: Path, watcher: Watcher) -> None:
    catalog = Catalog(root)
    seen = catalog.last_change()
    (root / "seeds" / "004_0b6d1692144c6f75.txt").unlink()
    assert watched(root)
    assert catalog.changes_since(seen) == (seen + 1, {"004_0b6d1692144c6f75"})
    assert catalog.changes_since(seen + 1) == (seen + 1, set())


def test_changes_older_than_the_log_are_unknown(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync, "CHANGES_KEPT", 2)
    catalog = Catalog(root)
    catalog.sync()  # five articles added, the last two kept in the log
    assert catalog.changes_since(0) == (5, None)
    high, ids = catalog.changes_since(3)  # the last two: whichever were indexed last
    assert high == 5 and ids is not None and len(ids) == 2 and ids < set(catalog.ids(catalog.order))


def test_only_one_watcher_per_corpus(root: Path, watcher: Watcher) -> None:
    with pytest.raises(WatchError, match="already watched"):
        Watcher(root).run()


def test_a_watcher_that_does_not_answer_is_not_trusted(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock held and "ready", but nobody reads the cookie (a stuck watcher)."""
    Catalog(root).close()
    monkeypatch.setattr(watch, "ANSWER_SECONDS", 0.05)
    fd = os.open(lock_path(catalog_path(root)), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, READY)
        assert watcher_ready(catalog_path(root))
        assert not watched(root)
        assert not list(root.glob(".brief-cookie-*"))  # the unanswered cookie is taken back
        article = root / "seeds" / f"{TUNIS}.txt"
        article.write_text(article.read_text("utf-8") + "\nzebra\n", "utf-8")
        assert _matching(root, "zebra") == [TUNIS]  # the stat found it
    finally:
        os.close(fd)
    assert not watcher_ready(catalog_path(root))  # released: the watcher is gone


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_brief_watch_runs_until_stopped(root: Path, stop: signal.Signals, code: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "brief", "watch", "--corpus", str(root)],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    try:
        assert process.stderr.readline() == f"watching {root} for changes; Ctrl+C stops\n"
        (root / "seeds" / "005_new.txt").write_text("Title\n\nzebra\n", "utf-8")
        listed = subprocess.run(
            [sys.executable, "-m", "brief", "list", "--corpus", str(root), "zebra"],
            capture_output=True,
            text=True,
        )
        assert listed.stdout.startswith("005_new ")
        assert "1 added, 0 changed, 0 removed" in process.stderr.readline()
    finally:
        process.send_signal(stop)
        assert process.wait(10) == code
    assert not watcher_ready(catalog_path(root))
