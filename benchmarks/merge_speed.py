"""Merge-driver time on the seed files: for each bundled annotation file, one side adds a place
at the end of `where` and the other a person at the end of `who`, a tag and a new status; timed
as git runs the driver (`brief merge`, a process each) and as the merge itself in-process
(merge_texts and validation), against `git merge-file` on the same three files in the same run.

    python benchmarks/merge_speed.py [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
PLACE = '  - id: bench-place\n    name: {en: "Bench"}\n    kind: city\n    evidence: ["في"]\n'
PERSON = '  - id: bench-person\n    name: {en: "Bench"}\n    kind: person\n    evidence: ["في"]\n'


def versions(base: str) -> tuple[str, str]:
    ours = base.replace("\nevents:\n", f"\n{PLACE}events:\n", 1)
    theirs = base.replace("\nwhere:\n", f"\n{PERSON}where:\n", 1)
    theirs = theirs.replace("status: curated", "status: reviewed", 1)
    return ours, theirs.replace("\ntags: [", "\ntags: [bench, ", 1)


def timed(work: object, runs: int) -> float:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def measure(path: Path, folder: Path, runs: int) -> list[float]:
    """Milliseconds of the driver, the merge in-process, and git merge-file, for one file."""
    from brief.annotations.merge import merge_texts
    from brief.annotations.validate import check_text

    base = path.read_text(encoding="utf-8")
    ours, theirs = versions(base)
    files = [folder / name for name in ("base", "ours", "theirs")]

    def lay_out() -> None:
        for file, text in zip(files, (base, ours, theirs), strict=True):
            file.write_text(text, encoding="utf-8")

    def driver() -> None:
        lay_out()
        command = [
            sys.executable,
            "-m",
            "brief",
            "merge",
            *map(str, files),
            f"annotations/{path.name}",
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    def in_process() -> None:
        merged = merge_texts(base, ours, theirs)
        assert merged.conflicts == 0
        assert not [p for p in check_text(ROOT, path, merged.text) if not p.warning]

    def line_merge() -> None:
        lay_out()
        names = [str(files[1]), str(files[0]), str(files[2])]  # ours, base, theirs
        subprocess.run(["git", "merge-file", "-p", *names], capture_output=True)

    return [1000 * timed(work, runs) for work in (driver, in_process, line_merge)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'file':24} {'brief merge':>12} {'in-process':>11} {'git merge-file':>15}")
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted((ROOT / "annotations").glob("*.yaml")):
            ms = measure(path, Path(folder), args.runs)
            print(f"{path.stem[:24]:24} {ms[0]:9.0f} ms {ms[1]:8.1f} ms {ms[2]:12.1f} ms")


if __name__ == "__main__":
    main()
