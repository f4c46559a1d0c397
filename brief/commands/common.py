"""What the commands of brief.cli share: the corpus they work on, its answer in step with the
files and what it left out, the display modes, help's layout, and the one-line error."""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from brief.catalog.query import Query, QueryError, Term
from brief.catalog.query import __doc__ as QUERY_HELP
from brief.config import has_settings
from brief.errors import BriefError
from brief.text.boundary import Terminal, visible

if TYPE_CHECKING:
    from brief.catalog.sync import Progress
    from brief.corpus import Corpus

T = TypeVar("T")

PROGRESS_FROM = 200  # articles to index before progress is worth showing
LEFT_OUT_SHOWN = 5  # files brief list and export name that they could not read, at most
QUERY_REFUSED = 2  # the exit status of a query that is not understood (grep's for errors)


class CliError(BriefError):
    """A problem the user can fix, reported as one line."""


def corpus_dir(given: str | None) -> Path:
    """The corpus: --corpus, else BRIEF_CORPUS, else the current folder (or one it is in) when
    it holds seeds/, else the user config's `corpus`."""
    from brief.folder import find_corpus

    return find_corpus(given)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """The epilog as written (the query table's columns), its Arabic examples in visual order
    on a terminal, as brief shows all Arabic there, and in logical order into a pipe;
    brief.text.bidi is imported only when help is shown."""

    def format_help(self) -> str:
        text = super().format_help()
        if not sys.stdout.isatty():
            return text
        from brief.text.bidi import visual_line

        return "\n".join(visual_line(line, "ltr") for line in text.split("\n"))


def query_help(exit_status: str) -> str:
    """The epilog of brief list and brief export: the query language, then the exit status."""
    table = (QUERY_HELP or "").split("\n\n")[1]
    bare = (
        "A query of bare words that each name an article (its id or a unique prefix, as\n"
        "brief show takes) selects those articles: brief export 000 004. Quoted, a word is\n"
        "searched in the text: brief export '\"000\"'."
    )
    return f"queries:\n{table}\n\n{bare}\n\nexit status:\n{exit_status}"


def display_arguments(command: argparse.ArgumentParser, modes: list[str], help: str) -> None:
    """--bidi and --shape; unset, the settings decide (bidi, shape)."""
    command.add_argument(
        "--shape",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="join Arabic letters, for terminals that do not shape (default: the shape setting)",
    )
    command.add_argument("--bidi", choices=modes, default=None, help=help)


def article_ids(prefix: str, parsed_args: argparse.Namespace, **_: object) -> list[str]:
    """Tab completion of an article id: the stems in the corpus's seeds/."""
    try:
        seeds = corpus_dir(getattr(parsed_args, "corpus", None)) / "seeds"
    except BriefError:
        return []
    return sorted(p.stem for p in seeds.glob(f"{glob.escape(prefix)}*.txt"))


def use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def display_modes(args: argparse.Namespace, root: Path, pipes_logical: bool) -> tuple[str, bool]:
    """The bidi mode and shaping: the flags, else the settings (bidi, shape), loaded only when
    a settings file exists. With `pipes_logical`, what is not a terminal gets logical order,
    unshaped, unless a flag asks otherwise: the settings describe the terminal."""
    bidi, shape = "app", False
    if has_settings(root):
        from brief.settings import load_settings

        settings = load_settings(root)
        bidi, shape = settings.bidi, settings.shape
    if pipes_logical and not sys.stdout.isatty():
        bidi, shape = "terminal", False
    return args.bidi or bidi, shape if args.shape is None else args.shape


def typed_text(message: str) -> str:
    """A message that quotes what was typed: its Arabic in visual order, as on every line brief
    writes, and its controls shown, bidi controls as markers (¦RLO¦) that reorder nothing."""
    from brief.text.bidi import visual_line

    return visual_line(visible(message, keep=""), "ltr")


def article_file(root: Path, ref: str) -> Path:
    from brief.corpus import article_file

    return article_file(root, ref)


def selected(corpus: Corpus, query: Query, ordered: bool = True) -> list[int]:
    """Rowids of the articles the query matches, in id order (not `ordered`: see
    Matching.matching); bare words that each name an article (an id or a unique prefix, as
    brief show takes: `brief export 000`) select those."""
    words = query.bare_words()
    if words is not None:
        named = Query(query.text, tuple(Term("id", word, typed=f"id:{word}") for word in words))
        try:
            return corpus.catalog.matching(named, ordered)
        except QueryError:  # a word names no article, or several: the words are searched
            pass
    return corpus.catalog.matching(query, ordered)


def answered(root: Path, work: Callable[[Corpus], T]) -> tuple[Corpus, T]:
    """`work` done on the corpus in step with the files; a long build shows its progress."""
    from brief.corpus import answer, catalog_faults

    corpus, result = answer(root, work, progress())
    for warning in corpus.warnings:
        print(f"brief: warning: {warning}", file=sys.stderr)
    with catalog_faults(corpus.catalog.path):
        _say_left_out(corpus)
    return corpus, result


def _say_left_out(corpus: Corpus) -> None:
    """Each file left out and why, one line each (the first few, and a count, when many)."""
    unreadable = sorted(corpus.catalog.unreadable().items())
    lines = corpus.catalog.skipped()
    lines += [f"{corpus.root / 'seeds' / f'{i}.txt'}: {why}" for i, why in unreadable]
    for line in lines[:LEFT_OUT_SHOWN]:
        print(f"brief: skipped {line}", file=sys.stderr)
    if len(lines) > LEFT_OUT_SHOWN:
        more = len(lines) - LEFT_OUT_SHOWN
        print(f"brief: and {more:,} more files skipped, which it cannot read", file=sys.stderr)
    unloaded = corpus.catalog.unloaded()
    for article_id in unloaded[:LEFT_OUT_SHOWN]:
        name = visible(str(corpus.root / "annotations" / f"{article_id}.yaml"), keep="")
        print(
            f"brief: warning: {name} does not load, so its annotations are left out "
            "(brief validate says why)",
            file=sys.stderr,
        )
    if len(unloaded) > LEFT_OUT_SHOWN:
        more = len(unloaded) - LEFT_OUT_SHOWN
        print(f"brief: warning: and {more:,} more annotation files do not load", file=sys.stderr)


def progress() -> Progress:
    """Counts of a long build, on a terminal."""
    shown = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if shown and total >= PROGRESS_FROM:
            end = "\n" if done == total else ""
            err = Terminal.of(sys.stderr)
            err.control("\r")
            print(f"indexing: {done:,} of {total:,} articles", end=end, file=err)

    return progress
