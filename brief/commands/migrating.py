"""`brief migrate [PATH…]`: schema v1 annotation files rewritten as v2, comments kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from brief.commands.common import (
    corpus_dir,
)

SUMMARY = "rewrite schema v1 annotation files as v2, comments kept"


def arguments(migrate: argparse.ArgumentParser) -> None:
    migrate.add_argument("paths", nargs="*", metavar="PATH", help="files (default: the corpus)")


def run(args: argparse.Namespace) -> int:
    from brief.annotations.store import EditError, migrate
    from brief.annotations.validate import annotation_paths

    corpus = corpus_dir(args.corpus).resolve()
    paths = [Path(p).resolve() for p in args.paths] if args.paths else annotation_paths(corpus)
    rewritten = failed = 0
    for path in paths:
        try:
            changed = migrate(corpus, path)
        except EditError as error:
            failed += 1
            for problem in error.problems:
                print(problem.format(Path.cwd()), file=sys.stderr)
            continue
        rewritten += changed
        if changed:
            print(f"migrated {path.relative_to(corpus) if path.is_relative_to(corpus) else path}")
    print(
        f"{len(paths)} annotation files: {rewritten} rewritten as schema 2, "
        f"{len(paths) - rewritten - failed} already schema 2, {failed} not valid (unchanged)",
        file=sys.stderr,
    )
    return 1 if failed else 0
