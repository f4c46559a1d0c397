"""`brief merge BASE OURS THEIRS [PATH]`: git's merge driver for annotation files. Git runs it
as `brief merge %O %A %B %P` and takes the result from OURS: exit 0 merged, 1 conflicts left
to resolve (marked in the file) or a result that is not valid."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from brief.errors import BriefError
from brief.text.boundary import Terminal

SUMMARY = "merge three versions of an annotation file by item (git's merge driver)"


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("base", metavar="BASE", help="the common ancestor's version (%%O)")
    command.add_argument("ours", metavar="OURS", help="ours (%%A): the result is written here")
    command.add_argument("theirs", metavar="THEIRS", help="theirs (%%B)")
    command.add_argument(
        "path", nargs="?", metavar="PATH", help="the file's path in the work tree (%%P)"
    )
    command.epilog = (
        "In a corpus brief init --git made, git runs it for annotations/*.yaml. By hand:\n"
        "  git config merge.brief.driver 'brief merge %O %A %B %P'\n"
        "  echo 'annotations/*.yaml merge=brief' >> .gitattributes"
    )
    command.formatter_class = argparse.RawDescriptionHelpFormatter


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as error:
        raise BriefError(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise BriefError(f"{path}: not UTF-8 text (at byte {error.start})") from error


def run(args: argparse.Namespace) -> int:
    from brief.annotations.merge import merge_texts
    from brief.annotations.store import write_atomic
    from brief.annotations.validate import check_text

    ours = Path(args.ours)
    named = Path(args.path) if args.path else ours
    merged = merge_texts(_read(Path(args.base)), _read(ours), _read(Path(args.theirs)))
    write_atomic(ours, merged.text)
    err = Terminal.of(sys.stderr)
    if merged.conflicts:
        how = "by lines: a version is not YAML" if merged.by_lines else "around the items"
        plural = "s" * (merged.conflicts != 1)
        err.write(
            f"brief merge: {named}: {merged.conflicts} conflict{plural} marked {how}; "
            "resolve, check with brief validate, then git add\n"
        )
        return 1
    corpus = named.parent.parent if named.parent.name == "annotations" else Path.cwd()
    target = corpus / "annotations" / named.name
    problems = [p for p in check_text(corpus, target, merged.text) if not p.warning]
    for problem in problems:
        err.write(f"brief merge: {problem.format(corpus)}\n")
    if problems:
        err.write(f"brief merge: {named}: merged, but not valid: fix it, then git add\n")
        return 1
    return 0
