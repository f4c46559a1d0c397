"""`brief watch`: the catalog kept in step as files change, so brief list need not stat them."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.catalog.sync import SyncReport
from brief.commands.common import (
    corpus_dir,
    progress,
)

SUMMARY = "keep the catalog in step as files change, so brief list need not stat them"


def arguments(command: argparse.ArgumentParser) -> None:
    """No arguments but --corpus."""


def run(args: argparse.Namespace) -> int:
    from brief.catalog.watch import Watcher

    root = corpus_dir(args.corpus)
    watcher = Watcher(root)

    def ready(report: SyncReport) -> None:
        print(f"watching {root} for changes; Ctrl+C stops", file=sys.stderr)

    def changed(report: SyncReport) -> None:
        counts = f"{report.added} added, {report.updated} changed, {report.removed} removed"
        print(f"{time.strftime('%H:%M:%S')}  {counts}", file=sys.stderr)

    # `kill`, a service manager: stopped like Ctrl+C, within a moment.
    signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
    watcher.run(progress(), on_ready=ready, on_change=changed)
    return 0
