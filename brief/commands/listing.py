"""`brief list [QUERY…]`: the articles a query matches, a line each or as JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from brief.catalog.query import Query, parse
from brief.text.boundary import Terminal, json_text, own

if TYPE_CHECKING:
    from brief.catalog.catalog import Summary
    from brief.corpus import Corpus
from brief.commands.common import (
    QUERY_REFUSED,
    HelpFormatter,
    answered,
    corpus_dir,
    display_arguments,
    display_modes,
    query_help,
    selected,
)

SUMMARY = "id, date and title of every article, or of those a query matches"


def arguments(listing: argparse.ArgumentParser) -> None:
    listing.formatter_class = HelpFormatter
    listing.epilog = query_help(
        "  0  articles listed\n"
        "  1  nothing matched (nothing on standard output; --json writes []), or another\n"
        "     problem, said on standard error\n"
        f"  {QUERY_REFUSED}  the query is not understood (said on standard error)"
    )
    listing.add_argument(
        "query", nargs="*", metavar="QUERY", help='filter: words, "phrases", who: where: when: …'
    )
    listing.add_argument(
        "--json", action="store_true", help="JSON rows (id, path, status, tags, …), logical order"
    )
    display_arguments(
        listing,
        ["app", "terminal"],
        "app: visual order, written by brief; terminal: logical order, for terminals that do "
        "bidi themselves (default: the bidi setting on a terminal, logical into a pipe)",
    )
    listing.description = (
        "On a terminal, titles are in visual order (the bidi setting, or --bidi); into a pipe\n"
        "or a file, in logical order, as written, so grep and sort find them."
    )


def run(args: argparse.Namespace) -> int:
    from brief.terminal import detect, switches

    query = parse(" ".join(args.query))
    root = corpus_dir(args.corpus)
    bidi, shape = display_modes(args, root, pipes_logical=True)
    out = Terminal.of(sys.stdout)
    terminal = detect(os.environ)
    if args.bidi is None and bidi == "app" and out.isatty() and terminal.ignores_bdsm:
        bidi = "terminal"  # mlterm, Konsole: their own bidi cannot be off for a few lines
    _, (count, text) = answered(
        root, lambda corpus: _listing(corpus, query, args.json, bidi, shape)
    )
    # Visual rows never go out without the switch that keeps a terminal from reordering them.
    on_terminal = out.isatty() and not args.json and bool(text)
    before, after = (own(s) for s in switches(bidi, terminal)) if on_terminal else ("", "")
    out.write(before)
    try:
        out.write(text)
    finally:
        out.write(after)
    return 0 if count else 1  # as grep does


def _listing(
    corpus: Corpus, query: Query, as_json: bool, bidi: str, shape: bool
) -> tuple[int, str]:
    """How many articles the query selects, and their listing: titles in visual order
    (`bidi` "app", shaped or not) or logical order ("terminal"), JSON in logical order."""
    if not as_json and not shape:
        # The lines are read in id order, without stale rowids: the rowids need neither.
        lines = corpus.catalog.listing(selected(corpus, query, ordered=False), bidi == "terminal")
        return lines.count("\n"), lines
    rowids = selected(corpus, query)
    found = corpus.catalog.summaries(rowids)
    if not as_json:
        return len(rowids), "".join(_shaped_line(found[r]) for r in rowids)
    annotations = corpus.catalog.annotations_json([found[r].id for r in rowids])
    entries = [
        {
            "id": s.id,
            "path": str(corpus.root.resolve() / "seeds" / f"{s.id}.txt"),
            "annotation": (
                str(corpus.root.resolve() / "annotations" / f"{s.id}.yaml") if s.status else None
            ),
            "published": s.published,
            "title": s.title,
            "outlet": s.outlet,
            "paragraphs": s.paragraphs,
            "status": s.status,
            "tags": json.loads(annotations[s.id]).get("tags", []) if s.id in annotations else [],
        }
        for s in (found[r] for r in rowids)
    ]
    return len(rowids), json_text(entries) + "\n"


def _shaped_line(summary: Summary) -> str:
    from brief.text.bidi import layout_rows

    rows = [row.text for _, found in layout_rows(summary.title, 10**9, shape=True) for row in found]
    return f"{summary.id}  {summary.published or '-':<10.10}  {''.join(rows)}\n"
