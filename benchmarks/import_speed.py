"""Import speed: `brief import` of N local HTML pages (default 1,000), in articles a second,
against its anchor in the same run: trafilatura's own extraction of the same files with the
options brief uses, which is the floor of what an import can cost.

    python benchmarks/import_speed.py [N] [--runs R]

The pages are the three fixture pages of tests/fixtures/import (a newspaper, an agency in
windows-1256, a WordPress site), each given a body of its own from the seeds' paragraphs, so no
two are the same text and none is skipped.
"""

from __future__ import annotations

import argparse
import html
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
ADDRESSES = (
    "https://alkhaleej-today.example/news/2025/10/02/cyber-tunis",
    "https://alsharq-portal.example/2025/11/gulf-security-summit/",
)
BODY_MARKERS = {  # each page's article body: where its paragraphs are
    "alkhaleej.html": ('<div class="story-body">', '</div>\n  <div class="tags">'),
    "agency.html": ('<div class="text">', '</div>\n    <div class="more-news">'),
    "summit.html": ('<div class="entry-content">', '<div class="sharedaddy'),
}


def seed_paragraphs() -> list[str]:
    found = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        found += [line.strip() for line in path.read_text("utf-8").split("\n") if len(line) > 80]
    return found


def make_pages(folder: Path, count: int) -> list[Path]:
    paragraphs = seed_paragraphs()
    chooser = random.Random(17)
    pages = []
    templates = [(name, (FIXTURES / name).read_bytes()) for name in sorted(BODY_MARKERS)]
    for k in range(count):
        name, raw = templates[k % len(templates)]
        encoding = "cp1256" if name == "agency.html" else "utf-8"
        text = raw.decode(encoding)
        start, end = BODY_MARKERS[name]
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        chosen = chooser.sample(paragraphs, 5)
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in (f"الخبر رقم {k}.", *chosen))
        page = f"{before}{start}{body}{end}{after}"
        for address in ADDRESSES:  # each page a canonical address of its own
            page = page.replace(address, f"{address}{k}/")
        path = folder / f"page-{k:05d}.html"
        path.write_bytes(page.encode(encoding, errors="ignore"))
        pages.append(path)
    return pages


def anchor(pages: list[Path]) -> float:
    """Seconds trafilatura takes to extract every page, as brief asks it to."""
    from brief.ingest.extract import _extracted

    started = time.perf_counter()
    for page in pages:
        found = _extracted(page.read_bytes())
        assert found is not None and found.text
    return time.perf_counter() - started


def brief_import(pages: list[Path], corpus: Path) -> float:
    """Seconds of `brief import` of every page into a new corpus, as a user runs it."""
    subprocess.run([sys.executable, "-m", "brief", "init", str(corpus)], check=True,
                   capture_output=True)  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "brief", "import", "--corpus", str(corpus), *map(str, pages)],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    added = len(done.stdout.split())
    assert done.returncode == 0 and added == len(pages), done.stderr[-2000:]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pages = make_pages(Path(folder), args.count)
        ours, theirs = [], []
        for run in range(args.runs):
            theirs.append(anchor(pages))
            ours.append(brief_import(pages, Path(folder) / f"corpus-{run}"))
    n = args.count
    mine, anchored = statistics.median(ours), statistics.median(theirs)
    print(f"pages: {n:,} (median of {args.runs} run{'s' * (args.runs != 1)})")
    print(f"trafilatura's extraction alone: {anchored:.1f} s, {n / anchored:.1f} pages/s")
    print(f"brief import, whole run:        {mine:.1f} s, {n / mine:.1f} articles/s")
    print(f"brief import / extraction:      {mine / anchored:.2f}")


if __name__ == "__main__":
    main()
