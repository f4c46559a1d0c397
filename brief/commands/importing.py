"""`brief import SOURCE…`: saved pages, feeds (files or addresses), pages' addresses, text
files and `-` (standard input) into the corpus. The ids added go to standard output, one a line;
progress and every skip or failure, one line each, to standard error."""

from __future__ import annotations

import argparse
import sys

from brief.commands.common import corpus_dir, progress
from brief.text.boundary import Terminal

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
    from brief.ingest.adding import Added, Skipped
    from brief.ingest.fetch import Limits
    from brief.ingest.sources import Outcome, import_sources

    out, err = Terminal.of(sys.stdout), Terminal.of(sys.stderr)
    if args.timeout <= 0 or args.max_size <= 0:
        err.write("brief import: --timeout and --max-size must be above 0\n")
        return 2
    if args.max_redirects < 0:
        err.write("brief import: --max-redirects must be 0 or more\n")
        return 2
    root = corpus_dir(args.corpus)
    limits = Limits(args.timeout, int(args.max_size * 2**20), args.max_redirects)

    def title(text: str) -> str:
        """A title from a source: in visual order on a terminal, as brief shows Arabic there
        (the boundary shows its controls either way)."""
        if not err.isatty():
            return text
        from brief.text.bidi import visual_line

        return visual_line(text)

    def report(outcome: Outcome, number: int, total: int) -> None:
        """A line for each article and note: `[2/3] SOURCE: …` (a feed's entries as
        `SOURCE: entry 1 of 4: …`), a failure as `brief: SOURCE: reason`."""
        where, entry = outcome.origin, outcome.entry
        if entry is not None:
            where += f": entry {entry.number} of {entry.count}"
        line = (f"[{number}/{total}] " if total > 1 else "") + where
        if isinstance(outcome.result, Added):
            out.write(f"{outcome.result.article_id}\n")
            out.flush()
            line += f": added {outcome.result.article_id}  {title(outcome.result.title)}"
        elif isinstance(outcome.result, Skipped):
            skipped = outcome.result
            line += f": skipped: {skipped.reason}, as {skipped.article_id}"
        elif outcome.failure is not None:
            named = [title(entry.title), entry.link or ""] if entry is not None else []
            if any(named):
                where += " (" + ", ".join(name for name in named if name) + ")"
            line = f"brief: {where}: {outcome.failure}"
        else:
            line += f": {outcome.note}"
        err.write(f"{line}\n")
        err.flush()

    counts = import_sources(
        root, args.sources, sys.stdin.buffer, report, limits, progress=progress()
    )
    err.write(f"imported {counts.added}, skipped {counts.skipped}, failed {counts.failed}\n")
    return 1 if counts.failed else 0
