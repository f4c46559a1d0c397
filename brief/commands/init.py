"""`brief init [DIR] [--git]`: a corpus anywhere."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from brief.text.boundary import Terminal

SUMMARY = "make a corpus: seeds/, annotations/ with schema.json, brief.toml, git's files"


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "folder", nargs="?", default=".", metavar="DIR", help="where (default: this folder)"
    )
    command.add_argument(
        "--git",
        action="store_true",
        help="also a git repository (if it is in none) with brief's merge driver in its config",
    )


def run(args: argparse.Namespace) -> int:
    from brief.annotations.model import json_schema
    from brief.folder import init_corpus

    folder = Path(args.folder)
    made = init_corpus(folder, json_schema(), git=args.git)
    err = Terminal.of(sys.stderr)
    for path in made.made:
        err.write(f"made {path}{'/' if path.is_dir() else ''}\n")
    for path in made.extended:
        err.write(f"added brief's lines to {path}\n")
    for done in made.git:
        err.write(f"{done}\n")
    if not made.made and not made.extended and not made.git:
        err.write(f"{folder} is already a corpus: nothing changed\n")
    where = "" if folder.resolve() == Path.cwd().resolve() else f" --corpus {folder}"
    err.write(f"next: brief import{where} PAGE.html FEED.xml URL…\n")
    return 0
