"""Layout speed: the longest seed at width 80, then again at width 60 (a resize), and how long
`brief show` takes to start compared with `python -c pass`. Medians over repeated runs.

    python benchmarks/layout_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from brief.text.bidi import layout
from brief.text.bidi.layout import paragraph

ROOT = Path(__file__).resolve().parent.parent


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _command_ms(command: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return _median_ms(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
    longest = seeds[-1]
    text = longest.read_text(encoding="utf-8")
    first, again = [], []
    for _ in range(args.runs):
        paragraph.cache_clear()
        start = time.perf_counter()
        layout(text, 80)
        middle = time.perf_counter()
        layout(text, 60)
        end = time.perf_counter()
        first.append(middle - start)
        again.append(end - middle)
    print(f"longest seed: {longest.name}, {len(text)} characters, {text.count(chr(10)) + 1} lines")
    print(
        f"layout at width 80 (first time):       {_median_ms(first):8.3f} ms median of {args.runs}"
    )
    print(
        f"layout again at width 60 (a resize):   {_median_ms(again):8.3f} ms median of {args.runs}"
    )
    starts = max(args.runs // 10, 5)
    bare = _command_ms([sys.executable, "-c", "pass"], starts)
    show = _command_ms(
        [sys.executable, "-m", "brief", "show", longest.stem[:3], "--width", "80"], starts
    )
    print(f"python -c pass:                        {bare:8.1f} ms median of {starts}")
    print(f"brief show {longest.stem[:3]} --width 80:           {show:8.1f} ms median of {starts}")
    print(f"brief show start-up over python:       {show - bare:8.1f} ms")


if __name__ == "__main__":
    main()
