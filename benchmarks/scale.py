"""brief at scale: one table of medians over repeated runs, for synthetic corpora of each size.

    python benchmarks/scale.py [SIZES...] [--runs N] [--folder DIR]

For each size (default 1000 10000 100000) it makes the corpus with make_corpus.py when missing,
builds its catalog (timed, once), then measures: launch to first screen (the reader in a
pseudo-terminal); `brief list QUERY`, with `brief watch` running and without, against
`rg -l -F` over the same files; a filter keystroke to the updated list in the reader; opening an
article; exporting 1,000 articles; peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import pty
import resource
import select
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST_QUERY = "الإرهاب"  # in some seed paragraphs, so in part of each corpus
FILTER_KEYS = ["ت", "و", "ن", "س", "backspace", "backspace", "backspace", "backspace"]


def first_screen_seconds(corpus: Path) -> float:
    """Seconds from launching the reader to the first article on screen (its ¶ numbers)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "brief", "--corpus", str(corpus)])
    output, first = b"", 0.0
    while time.perf_counter() - start < 120:
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
            os.write(fd, b"q")
    os.waitpid(pid, 0)
    return first


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """(seconds, peak memory of the child in MB, its output) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # rg exits 1 when nothing matched
        raise SystemExit(f"{' '.join(command)} failed")
    return seconds, usage.ru_maxrss // 1024, out


async def reader_measures(corpus: Path, runs: int) -> dict[str, float]:
    """In one reader: a filter keystroke to the list's rows on screen drawn anew (the app's
    work, and the whole round trip through Textual's pilot), then to every match listed and
    counted (read in a thread when there are many); opening an article to its first screen
    drawn; and the process's peak memory."""
    from brief.tui.app import BriefApp
    from brief.tui.widgets.article_list import ArticleList
    from brief.tui.widgets.article_view import ArticleView

    app = BriefApp(corpus)
    handler: list[float] = []
    round_trip: list[float] = []
    counted: list[float] = []
    opening: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        while not app.loaded:
            await pilot.pause(0.05)
        assert app.corpus is not None
        ids = app.visible_ids
        await pilot.press("f")
        articles = app.query_one(ArticleList)
        for _ in range(runs):
            typed = ""
            for key in FILTER_KEYS:
                typed = typed[:-1] if key == "backspace" else typed + key
                started = time.perf_counter()
                app.reader.filter_to(typed)  # the work of the bar's Changed message
                for y in range(articles.size.height):
                    articles.render_line(y)
                handler.append(time.perf_counter() - started)
                while app.reader.list_filter.counting is not None:
                    await asyncio.sleep(0.0005)
                counted.append(time.perf_counter() - started)
                started = time.perf_counter()
                await pilot.press(key)
                round_trip.append(time.perf_counter() - started)
            app.corpus.catalog.queries._terms.clear()  # each run types into a cold cache again
        assert articles.count == len(ids), "the filter was not cleared"
        view = app.query_one(ArticleView)
        step = max(len(ids) // (runs * 4), 1)
        for article_id in ids[::step][: runs * 4]:
            app.corpus.forget()
            started = time.perf_counter()
            app.reader.open_article(article_id)
            for y in range(view.size.height):
                view.render_line(y)
            opening.append(time.perf_counter() - started)
    return {
        "keystroke": statistics.median(handler) * 1000,
        "keystroke_max": max(handler) * 1000,
        "keystroke_pilot": statistics.median(round_trip) * 1000,
        "counted": statistics.median(counted) * 1000,
        "counted_max": max(counted) * 1000,
        "open": statistics.median(opening) * 1000,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def export_seconds(corpus: Path) -> float:
    """One export of 1,000 articles spread over the corpus, in a fresh process."""
    code = (
        "import sys, time; from pathlib import Path;"
        "from brief.corpus import open_corpus; from brief.export.markdown import export_brief;"
        f"corpus = open_corpus(Path({str(corpus)!r})); ids = corpus.ids;"
        "chosen = ids[:: max(len(ids) // 1000, 1)][:1000];"
        "start = time.perf_counter(); text = export_brief(corpus, chosen);"
        "print(time.perf_counter() - start, len(chosen))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, count = out.stdout.split()
    assert int(count) == 1000, count
    return float(seconds)


def measure(corpus: Path, runs: int) -> dict[str, float]:
    brief = [sys.executable, "-m", "brief", "--corpus", str(corpus)]
    build, build_peak, _ = timed([*brief, "list", "zzzq"], ROOT)
    results: dict[str, float] = {"build": build, "build_peak": build_peak}
    results["first"] = statistics.median(first_screen_seconds(corpus) for _ in range(runs))
    lists_stat = [timed([*brief, "list", LIST_QUERY], ROOT) for _ in range(runs)]
    watcher = subprocess.Popen([*brief, "watch"], stderr=subprocess.PIPE, text=True)
    assert watcher.stderr is not None
    assert watcher.stderr.readline().startswith("watching"), "brief watch did not start"
    lists = [timed([*brief, "list", LIST_QUERY], ROOT) for _ in range(runs)]
    watcher.terminate()
    watcher.wait()
    assert lists[0][2] == lists_stat[0][2], "brief list answered otherwise with a watcher"
    results["list_stat"] = statistics.median(t for t, _, _ in lists_stat)
    greps = [
        timed(["rg", "-l", "-F", LIST_QUERY, "seeds", "annotations"], corpus) for _ in range(runs)
    ]
    results["list"] = statistics.median(t for t, _, _ in lists)
    results["list_peak"] = max(p for _, p, _ in lists)
    results["list_count"] = len(lists[0][2].splitlines())
    results["rg"] = statistics.median(t for t, _, _ in greps)
    results["rg_count"] = len({Path(line).stem for line in greps[0][2].splitlines()})
    results["export"] = statistics.median(export_seconds(corpus) for _ in range(runs))
    code = (
        "import asyncio, json, sys; from pathlib import Path; sys.path.insert(0, 'benchmarks');"
        "import scale;"
        f"print(json.dumps(asyncio.run(scale.reader_measures(Path({str(corpus)!r}), {runs}))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr)
    results.update(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


def table(rows: dict[int, dict[str, float]]) -> str:
    sizes = list(rows)
    lines = [
        "| measured (median) | " + " | ".join(f"{n:,} articles" for n in sizes) + " |",
        "| --- |" + " --- |" * len(sizes),
    ]

    def row(label: str, cell: object) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(rows[n]) for n in sizes) + " |")  # type: ignore[operator]

    row(
        "first index build (once), peak memory",
        lambda r: f"{r['build']:.1f} s, {r['build_peak']:.0f} MB",
    )
    row("launch to first screen", lambda r: f"{r['first']:.2f} s")
    row(
        f"`brief list {LIST_QUERY}`, `brief watch` running",
        lambda r: f"{r['list']:.2f} s ({r['list_count']:,.0f} found)",
    )
    row("  the same, no watcher: every file stat'ed", lambda r: f"{r['list_stat']:.2f} s")
    row(
        f"`rg -l -F {LIST_QUERY}`, same files",
        lambda r: f"{r['rg']:.2f} s ({r['rg_count']:,.0f} found)",
    )
    row(
        "filter keystroke to updated list (slowest)",
        lambda r: f"{r['keystroke']:.1f} ms ({r['keystroke_max']:.0f} ms)",
    )
    row("  the same through Textual's pilot", lambda r: f"{r['keystroke_pilot']:.1f} ms")
    row(
        "  then to every match listed and counted (slowest)",
        lambda r: f"{r['counted']:.1f} ms ({r['counted_max']:.0f} ms)",
    )
    row("opening an article, first screen drawn", lambda r: f"{r['open']:.1f} ms")
    row("export of 1,000 articles", lambda r: f"{r['export']:.2f} s")
    row(
        "peak memory: reader / `brief list`",
        lambda r: f"{r['peak']:.0f} MB / {r['list_peak']:.0f} MB",
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=Path("/tmp"), help="where corpora are made")
    args = parser.parse_args()
    if shutil.which("rg") is None:
        raise SystemExit("rg (ripgrep) is needed for the comparison: apt-get install ripgrep")
    # As on a machine where Python caches bytecode after the first run: PYTHONDONTWRITEBYTECODE
    # (set on some machines, this one included) would have every launch compile brief anew.
    compileall.compile_dir(ROOT / "brief", quiet=1)
    rows = {}
    for size in args.sizes:
        corpus = args.folder / f"brief-corpus-{size}"
        if not (corpus / "seeds").is_dir():
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "benchmarks" / "make_corpus.py"),
                    str(size),
                    str(corpus),
                ],
                check=True,
            )
        for stale in corpus.glob(".brief-index.sqlite*"):
            stale.unlink()  # the first build is measured too
        print(f"measuring {size:,} articles…", file=sys.stderr)
        rows[size] = measure(corpus, args.runs)
    print(table(rows))


if __name__ == "__main__":
    main()
