"""`brief validate [PATH…]`: annotation files against the schema and their articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from brief.commands.common import (
    corpus_dir,
)

SUMMARY = "check annotation files against the schema and their articles"


def arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", metavar="PATH", help="files (default: the corpus)")
    check.add_argument("--strict", action="store_true", help="warnings fail too")


def run(args: argparse.Namespace) -> int:
    from brief.annotations.load import CONFLICT_MESSAGE
    from brief.annotations.validate import validate
    from brief.folder import merge_driver_missing

    corpus = corpus_dir(args.corpus)
    paths = [Path(p).resolve() for p in args.paths] if args.paths else None
    report = validate(corpus.resolve(), paths)
    for problem in sorted(report.problems, key=lambda p: (str(p.path), p.line, p.column)):
        print(problem.format(Path.cwd()))
    errors, warnings = len(report.errors), len(report.warnings)
    print(
        f"{len(report.files)} annotation files checked: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}",
        file=sys.stderr,
    )
    conflicted = any(p.message.startswith(CONFLICT_MESSAGE) for p in report.problems)
    if conflicted and merge_driver_missing(corpus):
        print(
            "brief: git here has no merge driver for annotation files (a clone does not copy "
            "it): brief init --git sets it, so that merges keep both sides' additions",
            file=sys.stderr,
        )
    return 1 if errors or (args.strict and warnings) else 0
