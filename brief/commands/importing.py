"""`brief import SOURCE…`: saved pages, feeds (files or addresses), pages' addresses, text
files and `-` (standard input) into the corpus. The ids added go to standard output, one a line;
progress and every skip or failure, one line each, to standard error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SUMMARY = "bring articles in: saved pages, feeds, URLs, text files, - for stdin"


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a saved page (.html), a feed (RSS/Atom, a file or an address), an http(s) "
        "address, a text file in brief's article format, or - for standard input",
    )
    command.add_argument(
        "--timeout", type=float, default=20.0, metavar="S", help="per fetch (default: 20 s)"
    )
    command.add_argument(
        "--max-size", type=float, default=10.0, metavar="MIB", help="per source (default: 10 MiB)"
    )
    command.add_argument(
        "--max-redirects", type=int, default=5, metavar="N", help="per fetch (default: 5)"
    )
    command.epilog = (
        "Each article gets an id (the next number and a hash of its text), seeds/ID.txt (the\n"
        "title, then one paragraph a line, as extracted) and a draft annotation with its\n"
        "source (address, outlet, author, date published, date retrieved). What the corpus\n"
        "has already (the same text, or the same address) is skipped.\n\n"
        "exit status: 0 every source imported or skipped; 1 one failed (said on standard\n"
        "error; nothing of it written); 2 the command line is not understood"
    )
    command.formatter_class = argparse.RawDescriptionHelpFormatter


def run(args: argparse.Namespace) -> int:
    from brief.folder import find_corpus
    from brief.ingest.adding import Added, Skipped
    from brief.ingest.fetch import Limits
    from brief.ingest.sources import Outcome, import_sources
    from brief.text.bidi.layout import BIDI_CONTROLS, visible_char

    if args.timeout <= 0 or args.max_size <= 0 or args.max_redirects < 0:
        print("brief import: --timeout and --max-size must be above 0", file=sys.stderr)
        return 2
    root = find_corpus(getattr(args, "corpus", None))
    limits = Limits(args.timeout, int(args.max_size * 2**20), args.max_redirects)
    terminal = sys.stderr.isatty()

    def shown(text: str) -> str:
        """Names and titles from sources, their controls shown (¦RLO¦ for bidi controls)."""
        return "".join(BIDI_CONTROLS.get(char, visible_char(char)) for char in text)

    def title(text: str) -> str:
        if not terminal:
            return shown(text)
        from brief.text.bidi import visual_line

        return visual_line(shown(text))

    def report(outcome: Outcome, done: int, total: int) -> None:
        counter = f"[{done}/{total}] " if total > 1 else ""
        origin = shown(outcome.origin)
        if isinstance(outcome.result, Added):
            print(outcome.result.article_id, flush=True)
            article_id, name = outcome.result.article_id, title(outcome.result.title)
            line = f"{counter}{origin}: added {article_id}  {name}"
        elif isinstance(outcome.result, Skipped):
            skipped = outcome.result
            line = f"{counter}{origin}: skipped: {skipped.reason}, as {skipped.article_id}"
        else:
            line = f"{counter}brief: {origin}: {outcome.failure}"
        print(line, file=sys.stderr, flush=True)

    def remark(text: str) -> None:
        print(shown(text), file=sys.stderr, flush=True)

    def progress(done: int, total: int) -> None:
        if terminal and total >= 200:
            end = "\n" if done == total else ""
            print(f"\rindexing: {done:,} of {total:,} articles", end=end, file=sys.stderr)

    counts = import_sources(
        Path(root), args.sources, sys.stdin.buffer, report, remark, limits, progress=progress
    )
    print(
        f"imported {counts.added}, skipped {counts.skipped}, failed {counts.failed}",
        file=sys.stderr,
    )
    return 1 if counts.failed else 0
