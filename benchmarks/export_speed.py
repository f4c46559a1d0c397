"""The brief's export time, per format, on the five seeds and on generated corpora; and the
curation counts per seed (events, discrepancies, items with Arabic missing).

    python benchmarks/export_speed.py [--sizes 1000] [--runs 3]

Each time is the median of `--runs` runs of `brief export -o FILE` (a whole process, the
catalog already built), beside an anchor from the same run: pandoc rendering the brief it
made (GFM to HTML for md and html, HTML to DOCX for docx), so a slower machine moves both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brief.annotations.index import build_index  # noqa: E402
from brief.annotations.items import arabic_missing  # noqa: E402
from brief.export.docx import pandoc_path  # noqa: E402

FORMATS = ("md", "html", "docx")


def _timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _brief(corpus: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "brief", "--corpus", str(corpus), "export", *args]


def measure(corpus: Path, label: str, runs: int, folder: Path) -> list[str]:
    subprocess.run(_brief(corpus, "-o", str(folder / "warm.md")), check=True, capture_output=True)
    rows = []
    pandoc = pandoc_path()
    for fmt in FORMATS:
        target = folder / f"{label}.{fmt}"
        took = _timed(_brief(corpus, "-o", str(target)), runs)
        if fmt == "docx":
            html = folder / f"{label}.html"
            subprocess.run(_brief(corpus, "-o", str(html)), check=True, capture_output=True)
            anchor = [pandoc, "-f", "html", "-t", "docx", "-o", str(folder / "a.docx"), str(html)]
        else:
            md = folder / f"{label}.md"
            subprocess.run(_brief(corpus, "-o", str(md)), check=True, capture_output=True)
            anchor = [pandoc, "-f", "gfm", "-t", "html", "-o", str(folder / "a.html"), str(md)]
        anchor_time = _timed(anchor, runs)
        size = target.stat().st_size / 1e6
        rows.append(
            f"| {label} | {fmt} | {took:.2f} s | {anchor_time:.2f} s | "
            f"{took / anchor_time:.2f} | {size:.2f} MB |"
        )
    return rows


def counts() -> list[str]:
    index = build_index(ROOT)
    rows = [
        "| seed | events | discrepancies | items with Arabic missing |",
        "| --- | --- | --- | --- |",
    ]
    for article_id, annotation in sorted(index.annotations.items()):
        rows.append(
            f"| {article_id[:3]} | {len(annotation.events)} | {len(annotation.discrepancies)} | "
            f"{len(arabic_missing(annotation))} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    print("\n".join(counts()))
    print()
    print("| corpus | format | brief export | anchor: pandoc on it | ratio | size |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="brief-export-") as scratch:
        folder = Path(scratch)
        for row in measure(ROOT, "five seeds", args.runs, folder):
            print(row, flush=True)
        for size in args.sizes:
            corpus = folder / f"corpus-{size}"
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "benchmarks" / "make_corpus.py"),
                    str(size),
                    str(corpus),
                ],
                check=True,
                capture_output=True,
            )
            for row in measure(corpus, f"{size:,} generated", args.runs, folder):
                print(row, flush=True)


if __name__ == "__main__":
    main()
