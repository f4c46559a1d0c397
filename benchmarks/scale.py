"""brief at scale: each operation timed against an anchor measured in the same run, the two
alternating, medians, for synthetic corpora of each size; one table of ratios and targets.

    python benchmarks/scale.py [SIZES...] [--runs N] [--build-runs N] [--folder DIR]

For each size (default 1000 10000 100000) it makes the corpus with make_corpus.py when missing,
then measures, each beside its anchor:
- the first build of the catalog, against FTS5's trigram tokenizer over the same raw text
  (the articles' and annotation files' bytes, one process, one transaction); peak memory;
- the catalog's size on disk, against the corpus's bytes;
- a sync after one article's bytes changed (no watcher);
- `brief show` and `brief edit` of one article (by the number its id starts with, a prefix,
  and by its whole id), against the same command on the five seeds;
- `brief list QUERY` for a rare phrase, a common word, two letters, who: and when:, without a
  watcher (every file stat'ed) and with `brief watch` running, against `rg -l -F` over the
  same files;
- the reader's first screen, against a bare Textual app showing one Static;
- a filter keystroke to the updated list in the reader, then to every match counted; opening
  an article; exporting 1,000 articles; the reader's peak memory (no anchor: their targets
  are absolute);
and once, the bidi layout of the longest seed at width 80 from cold, against ICU's ubidi
through PyICU (when installed) doing the same work: levels, each row's visual map and its
text reordered with mirroring.
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
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILTER_KEYS = ["ت", "و", "ن", "س", "backspace", "backspace", "backspace", "backspace"]
BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    BINDINGS = [("q", "quit")]

    def compose(self):
        yield Static("¶ one Static")

Bare().run()
"""
# The raw-text anchor: FTS5's trigram tokenizer over the files' bytes as they are, one process.
ANCHOR_BUILD = """
import os, sqlite3, sys
root, path = sys.argv[1:3]
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE VIRTUAL TABLE t USING fts5(text, notes, content='', "
           "tokenize='trigram case_sensitive 1')")
seeds, notes = os.path.join(root, "seeds"), os.path.join(root, "annotations")

def rows():
    for k, name in enumerate(sorted(os.listdir(seeds)), 1):
        stem = name[:-4]
        with open(os.path.join(seeds, name), encoding="utf-8") as f:
            text = f.read()
        try:
            with open(os.path.join(notes, stem + ".yaml"), encoding="utf-8") as f:
                note = f.read()
        except FileNotFoundError:
            note = ""
        yield k, text, note

with db:
    db.executemany("INSERT INTO t(rowid, text, notes) VALUES (?, ?, ?)", rows())
db.close()
"""


def queries(size: int) -> dict[str, tuple[str, str]]:
    """Each kind of `brief list` query, and what `rg -l -F` is given for it."""
    rare = f"article {size // 2 + 1}"  # a title in the annotations: that one, and ten more
    return {
        "rare phrase": (f'"{rare}"', rare),
        "common word": ("تونس", "تونس"),
        "two letters": ("تو", "تو"),
        "who:": ("who:person-123", "person-123"),
        "when:": ("when:2020-03", "2020-03"),
    }


def run(
    command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[float, float, str]:
    """(seconds, peak memory of the child in MB, its output) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: nothing matched
        raise SystemExit(f"{' '.join(command)} failed")
    return seconds, usage.ru_maxrss / 1024, out


def alternate(
    first: Callable[[], float], second: Callable[[], float], runs: int
) -> tuple[float, float]:
    """Medians of `first` and `second`, run one after the other `runs` times."""
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def first_screen_seconds(command: list[str]) -> float:
    """Seconds from launching a Textual app in a pseudo-terminal to a ¶ on its screen."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(command[0], command)
    output, first = b"", 0.0
    while time.perf_counter() - start < 120:
        ready, _, _ = select.select([fd], [], [], 0.01)
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
    return float(out.stdout.split()[0])


def bidi_measures(runs: int) -> dict[str, float]:
    """The longest seed laid out at width 80 from cold (no paragraph cached), and ICU doing
    the same work on the same rows, in ms.

    ICU's part, for each paragraph: the Python string made an ICU string, its levels resolved
    (ubidi_setPara, the paragraph level found as brief's auto does: P2-P3, else left to
    right), and for each row brief broke it into (ICU breaks no lines by cell widths, so the
    rows' bounds are brief's, found before the clock starts): the row's levels with L1
    (ubidi_setLine), its visual map (L2) and its text reordered with mirrored glyphs (L4)
    made a Python string again. Brief also keeps marks after their base (L3), counts cells
    and breaks the lines."""
    from brief.text.bidi import layout, layout_rows
    from brief.text.bidi.layout import paragraph

    longest = max((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
    text = longest.read_text(encoding="utf-8")

    def ours() -> float:
        paragraph.cache_clear()
        start = time.perf_counter()
        layout(text, 80)
        return (time.perf_counter() - start) * 1000

    def as_shown() -> float:
        """The rows as brief show and the reader lay an article out (layout_rows: Row objects
        that can give their glyphs, for highlights and the caret), each row's text made."""
        paragraph.cache_clear()
        start = time.perf_counter()
        [row.text for _, rows in layout_rows(text, 80) for row in rows]
        return (time.perf_counter() - start) * 1000

    try:
        import icu  # PyICU: pip install pyicu (needs libicu-dev and pkg-config)
    except ImportError:
        times = (ours() for _ in range(runs * 20))
        shown = (as_shown() for _ in range(runs * 20))
        return {"bidi": statistics.median(times), "shown": statistics.median(shown), "icu": 0.0}
    rows = []
    for line in text.split("\n"):
        bounds = []
        for row in paragraph(line).rows(80):
            covered = [i for glyph in row.glyphs for i in glyph.covers]
            if covered:
                bounds.append((min(covered), max(covered) + 1))
        rows.append((line, bounds))

    def theirs() -> float:
        start = time.perf_counter()
        for line, bounds in rows:
            analysed = icu.Bidi()
            analysed.setPara(icu.UnicodeString(line), icu.Bidi.DEFAULT_LTR)
            for low, high in bounds:
                row = analysed.setLine(low, high)
                row.getVisualMap()
                str(row.writeReordered(icu.Bidi.DO_MIRRORING))
        return (time.perf_counter() - start) * 1000

    bidi, anchor = alternate(ours, theirs, runs * 20)
    shown, shown_anchor = alternate(as_shown, theirs, runs * 20)
    return {"bidi": bidi, "icu": anchor, "shown": shown, "shown_icu": shown_anchor}


def _unlink_catalog(corpus: Path) -> None:
    for stale in corpus.glob(".brief-index.sqlite*"):
        stale.unlink()


def measure(corpus: Path, size: int, runs: int, build_runs: int) -> dict[str, float]:
    brief = [sys.executable, "-m", "brief", "--corpus", str(corpus)]
    results: dict[str, float] = {}
    anchor_file = Path(tempfile.mkdtemp()) / "anchor.sqlite"

    def build() -> float:
        _unlink_catalog(corpus)
        seconds, peak, _ = run([*brief, "list", "zzzq"])
        results["build_peak"] = max(results.get("build_peak", 0.0), peak)
        return seconds

    def anchor_build() -> float:
        anchor_file.unlink(missing_ok=True)
        Path(f"{anchor_file}-wal").unlink(missing_ok=True)
        return run([sys.executable, "-c", ANCHOR_BUILD, str(corpus), str(anchor_file)])[0]

    print("  first build", file=sys.stderr)
    # Read once before: the first of the two would otherwise read the files from the disk and
    # the other from the page cache (here, a 10,000-article build 2.6x the anchor, not 2.1x).
    for folder in ("seeds", "annotations"):
        for path in (corpus / folder).iterdir():
            path.read_bytes()
    results["build"], results["build_anchor"] = alternate(build, anchor_build, build_runs)
    results["disk"] = sum(p.stat().st_size for p in corpus.glob(".brief-index.sqlite*"))
    results["corpus_bytes"] = sum(
        p.stat().st_size for folder in ("seeds", "annotations") for p in (corpus / folder).iterdir()
    )
    shutil.rmtree(anchor_file.parent)

    ids = sorted(name[:-4] for name in os.listdir(corpus / "seeds") if name.endswith(".txt"))
    chosen = ids[len(ids) // 2]
    edited = corpus / "seeds" / f"{chosen}.txt"
    original = edited.read_bytes()

    def resync() -> float:
        edited.write_bytes(original + b" ")
        try:
            return run([*brief, "list", "zzzq"])[0]
        finally:
            edited.write_bytes(original)
            run([*brief, "list", "zzzq"])

    results["resync"] = statistics.median(resync() for _ in range(runs))

    print("  one article", file=sys.stderr)
    # The anchor: the same article beside the five seeds, the corpus brief show began with.
    small = Path(tempfile.mkdtemp())
    for folder, suffix in (("seeds", ".txt"), ("annotations", ".yaml")):
        shutil.copytree(ROOT / folder, small / folder)
        shutil.copy(corpus / folder / f"{chosen}{suffix}", small / folder)
    seeds = [sys.executable, "-m", "brief", "--corpus", str(small)]
    editor = {**os.environ, "VISUAL": "true", "EDITOR": "true"}
    show = ["show", "--width", "80", "--no-color"]
    for name, ref in (("prefix", chosen.partition("_")[0]), ("id", chosen)):
        results[f"show_{name}"], results[f"show_{name}_anchor"] = alternate(
            lambda ref=ref: run([*brief, *show, ref])[0],
            lambda ref=ref: run([*seeds, *show, ref])[0],
            runs,
        )
        results[f"edit_{name}"], results[f"edit_{name}_anchor"] = alternate(
            lambda ref=ref: run([*brief, "edit", ref], env=editor)[0],
            lambda ref=ref: run([*seeds, "edit", ref], env=editor)[0],
            runs,
        )
    shutil.rmtree(small)

    print("  brief list", file=sys.stderr)
    for kind, (query, literal) in queries(size).items():

        def grep(literal: str = literal, kind: str = kind) -> float:
            seconds, _, out = run(["rg", "-l", "-F", literal, "seeds", "annotations"], corpus)
            results[f"rg_count {kind}"] = len({Path(line).stem for line in out.splitlines()})
            return seconds

        def listing(query: str = query, kind: str = kind) -> float:
            seconds, peak, out = run([*brief, "list", query])
            results[f"count {kind}"] = len(out.splitlines())
            results["list_peak"] = max(results.get("list_peak", 0.0), peak)
            return seconds

        results[f"list {kind}"], results[f"rg {kind}"] = alternate(listing, grep, runs)
    watcher = subprocess.Popen([*brief, "watch"], stderr=subprocess.PIPE, text=True)
    assert watcher.stderr is not None
    assert watcher.stderr.readline().startswith("watching"), "brief watch did not start"
    try:
        for kind, (query, literal) in queries(size).items():
            results[f"watched {kind}"], results[f"watched rg {kind}"] = alternate(
                lambda query=query: run([*brief, "list", query])[0],
                lambda literal=literal: run(
                    ["rg", "-l", "-F", literal, "seeds", "annotations"], corpus
                )[0],
                runs,
            )
    finally:
        watcher.terminate()
        watcher.wait()

    print("  the reader", file=sys.stderr)
    results["first"], results["first_anchor"] = alternate(
        lambda: first_screen_seconds([*brief]),
        lambda: first_screen_seconds([sys.executable, "-c", BARE_APP]),
        runs,
    )
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


def table(rows: dict[int, dict[str, float]], bidi: dict[str, float]) -> str:
    lines = [
        "| operation | articles | brief | anchor | ratio | target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]

    def ratio(
        label: str, n: int, ours: float, anchor: float, unit: str, target: str, at: int = 0
    ) -> None:
        """`at`: the smallest size the target is set for (smaller ones show the ratio)."""
        shown = f"{ours / anchor:.2f}x" if anchor else "-"
        met = ""
        if n < at:
            target = ""
        elif anchor and target.startswith("≤"):
            met = " met" if ours / anchor <= float(target[1:].rstrip("x")) else " **not met**"
        size = f"{n:,}" if n else "-"
        lines.append(
            f"| {label} | {size} | {ours:.{unit}} | {anchor:.{unit}} | {shown} | {target}{met} |"
        )

    def plain(label: str, n: int, shown: str, target: str = "") -> None:
        lines.append(f"| {label} | {n:,} | {shown} | | | {target} |")

    for n, r in rows.items():
        ratio(
            "first build (s), vs FTS5 trigrams over the raw text",
            n,
            r["build"],
            r["build_anchor"],
            "2f",
            "≤2.5x",
            10_000,
        )
        plain("  peak memory of the build", n, f"{r['build_peak']:.0f} MB", "< 300 MB")
        ratio(
            "catalog on disk (MB), vs the corpus's bytes",
            n,
            r["disk"] / 1e6,
            r["corpus_bytes"] / 1e6,
            "0f",
            "≤1.5x",
        )
        plain("sync after one article changed, no watcher", n, f"{r['resync']:.2f} s", "< 1 s")
        for name, shown in (("prefix", "by its number"), ("id", "by its id")):
            ratio(
                f"`brief show` {shown} (s), vs on the 5 seeds",
                n,
                r[f"show_{name}"],
                r[f"show_{name}_anchor"],
                "3f",
                "≤1.3x",
                100_000,
            )
            ratio(
                f"`brief edit` {shown} (s), vs on the 5 seeds",
                n,
                r[f"edit_{name}"],
                r[f"edit_{name}_anchor"],
                "3f",
                "≤1.3x",
                100_000,
            )
        for kind in queries(n):
            found = f"{r[f'count {kind}']:,.0f} / {r[f'rg_count {kind}']:,.0f}"
            ratio(
                f"`brief list` {kind} (s), no watcher, vs `rg -l -F` (found {found})",
                n,
                r[f"list {kind}"],
                r[f"rg {kind}"],
                "2f",
                "≤1.0x",
                100_000,
            )
        for kind in queries(n):
            ratio(
                f"`brief list` {kind} (s), `brief watch` running, vs `rg -l -F`",
                n,
                r[f"watched {kind}"],
                r[f"watched rg {kind}"],
                "2f",
                "≤0.5x",
                100_000,
            )
        ratio(
            "reader's first screen (s), vs a bare Textual app",
            n,
            r["first"],
            r["first_anchor"],
            "2f",
            "≤2x",
        )
        plain(
            "filter keystroke to updated list, median (slowest)",
            n,
            f"{r['keystroke']:.1f} ms ({r['keystroke_max']:.0f} ms)",
            "< 10 ms",
        )
        plain(
            "  then to every match counted, median (slowest)",
            n,
            f"{r['counted']:.1f} ms ({r['counted_max']:.0f} ms)",
        )
        plain("opening an article, first screen drawn", n, f"{r['open']:.1f} ms")
        plain("export of 1,000 articles", n, f"{r['export']:.2f} s")
        plain(
            "peak memory: reader / `brief list`", n, f"{r['peak']:.0f} MB / {r['list_peak']:.0f} MB"
        )
    ratio(
        "bidi layout, longest seed, width 80, cold (ms), vs ICU",
        0,
        bidi["bidi"],
        bidi["icu"],
        "2f",
        "≤5x",
    )
    ratio(
        "  the same as `brief show` and the reader lay it out (rows with glyphs), vs ICU",
        0,
        bidi["shown"],
        bidi.get("shown_icu", 0.0),
        "2f",
        "",
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-runs", type=int, default=3, help="first builds of each kind")
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
        print(f"measuring {size:,} articles…", file=sys.stderr)
        rows[size] = measure(corpus, size, args.runs, args.build_runs)
    print(table(rows, bidi_measures(args.runs)))


if __name__ == "__main__":
    main()
