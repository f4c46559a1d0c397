"""The reader's speed: launch to first screen (a real process in a pseudo-terminal), launch to
the whole corpus read, keystroke to updated list for a filter, and peak memory.

    python benchmarks/reader_speed.py CORPUS [--runs N]

Make a large corpus first with benchmarks/make_corpus.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

from brief.tui.app import BriefApp
from brief.tui.article_list import ArticleList


def first_screen_seconds(corpus: Path) -> float:
    """Seconds from launching the reader to the first article on screen."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)
        os.execv(sys.executable, [sys.executable, "-m", "brief", "--corpus", str(corpus)])
    output = b""
    first = 0.0
    quit_at = None
    while True:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            output = output[-8192:] + chunk
        if not first and "¶".encode() in output:
            first = time.perf_counter() - start
            quit_at = time.perf_counter() + 1.0  # let it finish reading a small corpus
        if quit_at is not None and time.perf_counter() > quit_at:
            os.write(fd, b"q")
            quit_at = float("inf")  # keep reading until it exits
        if time.perf_counter() - start > 120:
            break
    os.waitpid(pid, 0)
    return first


def whole_corpus(corpus: Path) -> tuple[float, int]:
    """(seconds to read the whole corpus, peak memory in MB), in a fresh process each time."""
    code = (
        "import asyncio, resource, sys; from pathlib import Path;"
        "sys.path.insert(0, 'benchmarks'); import reader_speed as r;"
        f"t = asyncio.run(r.whole_corpus_seconds(Path({str(corpus)!r})));"
        "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    seconds, peak = out.stdout.split()
    return float(seconds), int(peak)


async def whole_corpus_seconds(corpus: Path) -> float:
    start = time.perf_counter()
    app = BriefApp(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        return time.perf_counter() - start


async def filter_keystroke_ms(corpus: Path, runs: int) -> tuple[float, float]:
    """Median milliseconds from a key typed in the filter bar to the list showing the new
    matches: (the app's own work, the whole round trip through Textual's test pilot)."""
    app = BriefApp(corpus)
    handler, round_trip = [], []
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")
        for _ in range(runs):
            for text in ("ت", "تو", "تون", ""):
                started = time.perf_counter()
                app.apply_filter(text, from_bar=True)
                app.query_one(ArticleList).refresh()
                handler.append(time.perf_counter() - started)
            for key in ("ت", "backspace"):
                started = time.perf_counter()
                await pilot.press(key)
                round_trip.append(time.perf_counter() - started)
        assert app.query_one(ArticleList).count == len(app.corpus.articles)  # type: ignore[union-attr]
    return statistics.median(handler) * 1000, statistics.median(round_trip) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    count = len(list((args.corpus / "seeds").glob("*.txt")))
    first = statistics.median(first_screen_seconds(args.corpus) for _ in range(args.runs))
    reads = [whole_corpus(args.corpus) for _ in range(max(args.runs // 2, 1))]
    done = statistics.median(seconds for seconds, _ in reads)
    peak = max(peak for _, peak in reads)
    keystroke = asyncio.run(filter_keystroke_ms(args.corpus, args.runs * 4))
    print(f"corpus: {count} articles, {args.runs} launches")
    print(f"launch to first screen (article shown):  {first * 1000:8.0f} ms median")
    print(f"app start to whole corpus read:           {done * 1000:8.0f} ms median")
    print(f"filter keystroke to updated list:         {keystroke[0]:8.1f} ms median")
    print(f"  the same through the test pilot:        {keystroke[1]:8.1f} ms median")
    print(f"peak memory, whole corpus read:           {peak:8d} MB")


if __name__ == "__main__":
    main()
