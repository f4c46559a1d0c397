"""Hostile input, measured beside anchors in the same run (alternating, medians): the
billion-laughs annotation file and a 5 MB single-line article.

    python benchmarks/hostile.py [--runs N]

- `brief validate` of a corpus whose one annotation file is billion laughs (9 levels: 10**9
  strings if it were expanded), against `brief validate` of the same corpus with the seed's own
  file: time and peak memory (targets: no worse than the anchor's order; under 100 MB);
- `brief show` of the 5 MB line (no colour; visual rows as on a terminal, and logical order
  as into a pipe), against `cat` of the same file and
  GNU FriBidi laying it out (`fribidi --width`), where installed: time and peak memory
  (targets: 10 s, 500 MB);
- the reader opening that article to its first screen drawn, against opening seed 003 the
  same way (target: 200 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.test_long_lines import one_line  # noqa: E402  # the same line the tests lay out

# A command run by a small Python parent that writes the command's peak memory, in KB, on
# stderr after it (its own children's only, so each run's own).
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
    " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
)


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak megabytes of one run (the parent's start, a few ms, included)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *command], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    return seconds, float(done.stderr.split()[-1]) / 1024


def brief(*args: str) -> list[str]:
    return [sys.executable, "-m", "brief", *args]


def alternate(
    commands: dict[str, list[str]], cwd: Path, runs: int
) -> dict[str, tuple[float, float]]:
    """Each command run `runs` times, in turn; median seconds and peak megabytes of each."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run(command, cwd))
    return {
        name: (statistics.median(s for s, _ in found), max(p for _, p in found))
        for name, found in samples.items()
    }


def make_corpus(root: Path) -> Path:
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "annotations", root / "annotations")
    return root


def billion_laughs(corpus: Path, levels: int = 9) -> None:
    from tests.test_annotations_bad_input import billion_laughs as laughs

    path = next((corpus / "annotations").glob("000_*.yaml"))
    path.write_text(laughs(levels), encoding="utf-8")


async def first_screens(corpus: Path, ids: list[str], runs: int) -> dict[str, float]:
    """The reader opening each article to its first screen drawn, median milliseconds."""
    from brief.tui.app import BriefApp
    from brief.tui.widgets.article_view import ArticleView

    app = BriefApp(corpus)
    found: dict[str, list[float]] = {article_id: [] for article_id in ids}
    async with app.run_test(size=(160, 48)) as pilot:
        while not app.loaded:
            await pilot.pause(0.05)
        assert app.corpus is not None
        view = app.query_one(ArticleView)
        for _ in range(runs):
            for article_id in ids:
                app.corpus.forget()
                started = time.perf_counter()
                app.reader.open_article(article_id)
                for y in range(view.size.height):
                    view.render_line(y)
                found[article_id].append(time.perf_counter() - started)
    return {article_id: statistics.median(s) * 1000 for article_id, s in found.items()}


def line(label: str, result: tuple[float, float], anchor: tuple[float, float] | None) -> str:
    seconds, peak = result
    ratio = f"{seconds / anchor[0]:7.1f}x" if anchor else " " * 8
    return f"  {label:<44} {seconds:8.2f} s {peak:8.0f} MB {ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brief-hostile-") as folder:
        plain = make_corpus(Path(folder) / "plain")
        laughing = make_corpus(Path(folder) / "laughing")
        billion_laughs(laughing)
        for corpus in (plain, laughing):  # the catalogs built before anything is timed
            run(brief("--corpus", str(corpus), "list"), ROOT)
        validated = alternate(
            {
                "laughs": brief("--corpus", str(laughing), "validate"),
                "plain": brief("--corpus", str(plain), "validate"),
            },
            ROOT,
            args.runs,
        )
        long = one_line(plain / "seeds" / "900_long.txt", 5_000_000)
        run(brief("--corpus", str(plain), "list"), ROOT)
        show = ["--corpus", str(plain), "show", "900", "--width", "100", "--no-color"]
        commands = {
            "show": brief(*show, "--bidi", "app"),  # visual rows, as on a terminal
            "logical": brief(*show),  # logical order, as into a pipe
            "cat": ["cat", str(long)],
        }
        if shutil.which("fribidi"):
            commands["fribidi"] = ["fribidi", "--nopad", "--width", "100", str(long)]
        shown = alternate(commands, ROOT, args.runs)
        screens = asyncio.run(first_screens(plain, ["900_long", "003_4c77df3cdd400cf5"], args.runs))
        size = long.stat().st_size / 1e6
    report: list[str] = [f"hostile input, medians of {args.runs} alternating runs", ""]
    report.append("billion laughs (9 levels) in an annotation file")
    report.append(line("brief validate, that file", validated["laughs"], validated["plain"]))
    report.append(line("  anchor: brief validate, the seed's own file", validated["plain"], None))
    report.append(f"a {size:.1f} MB single-line article")
    report.append(line("brief show --width 100 --bidi app", shown["show"], shown["cat"]))
    report.append(line("brief show --width 100, into a pipe", shown["logical"], shown["cat"]))
    report.append(line("  anchor: cat", shown["cat"], None))
    if "fribidi" in shown:
        report.append(line("  anchor: fribidi --width 100", shown["fribidi"], None))
        report.append(f"  brief show / fribidi: {shown['show'][0] / shown['fribidi'][0]:.1f}x")
    report.append(
        f"  the reader, opened to its first screen: {screens['900_long']:.0f} ms "
        f"(anchor: seed 003, {screens['003_4c77df3cdd400cf5']:.0f} ms)"
    )
    print("\n".join(report))


if __name__ == "__main__":
    main()
