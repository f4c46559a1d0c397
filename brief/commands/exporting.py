"""`brief export [QUERY…]`: a brief of the articles a query matches, in Markdown, HTML or Word."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from brief.catalog.query import parse
from brief.export.formats import FORMATS

if TYPE_CHECKING:
    from brief.annotations.briefing import BriefFile
from brief.commands.common import (
    QUERY_REFUSED,
    CliError,
    HelpFormatter,
    answered,
    corpus_dir,
    query_help,
    selected,
    typed_text,
)

SUMMARY = "write a brief (Markdown, HTML or Word) of the articles a query matches"


def arguments(export: argparse.ArgumentParser) -> None:
    export.formatter_class = HelpFormatter
    export.epilog = query_help(
        "  0  the brief written\n"
        "  1  nothing matched (nothing written), or another problem, said on standard error\n"
        "     (a file that cannot be written)\n"
        f"  {QUERY_REFUSED}  the query is not understood (said on standard error); nothing is"
        " written"
    )
    export.add_argument(
        "query", nargs="*", metavar="QUERY", help="as for brief list (default: all)"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write here (default: standard output)"
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        help="md (default), html (one printable file) or docx (Word); else from -o's suffix",
    )
    export.add_argument(
        "--lang",
        choices=["en", "ar", "both"],
        default="both",
        help="both: English with the Arabic beside it (default); en; ar: an Arabic document",
    )
    export.add_argument(
        "--brief",
        metavar="FILE",
        help="the analyst's part: title, key judgements, gaps, collection needs (YAML)",
    )
    export.add_argument(
        "--generated", metavar="ISO", help="pin the generation time (or SOURCE_DATE_EPOCH)"
    )


def run(args: argparse.Namespace) -> int:
    from brief.annotations.store import write_atomic
    from brief.corpus import catalog_faults
    from brief.export.build import build_brief
    from brief.export.formats import format_for, render

    text = " ".join(args.query)
    query = parse(text)
    fmt = format_for(args.format, args.output)
    if fmt == "docx" and args.output is None:
        raise CliError("a DOCX brief is a file, not text: give -o FILE.docx")
    root = corpus_dir(args.corpus)
    brief = _brief_file(root, args.brief) if args.brief else None
    corpus, ids = answered(root, lambda corpus: corpus.catalog.ids(selected(corpus, query)))
    if not ids:  # as brief list: nothing matched is exit 1, and an empty brief is not sent
        what = f"no article matches {typed_text(text)}" if text else "the corpus has no article"
        raise CliError(f"{what}: nothing written")
    with catalog_faults(corpus.catalog.path):
        doc = build_brief(
            corpus, ids, query=text, lang=args.lang, generated=args.generated, brief=brief
        )
    rendered = render(doc, fmt)
    if args.output is None:
        assert isinstance(rendered, str)  # a DOCX needs -o, said above
        sys.stdout.write(rendered)
        return 0
    target = Path(args.output)
    if target.is_dir():
        raise CliError(
            f"{target} is a folder: give a file name, such as {target / ('brief.' + fmt)}"
        )
    try:
        write_atomic(target, rendered)
    except OSError as error:
        raise CliError(f"cannot write {target}: {error.strerror or error}") from error
    print(f"wrote {target} ({len(ids)} article{'s' * (len(ids) != 1)})", file=sys.stderr)
    return 0


def _brief_file(root: Path, name: str) -> BriefFile:
    """The --brief file, checked; its problems said one a line, then refused."""
    from brief.annotations.briefing import load_brief

    brief, problems = load_brief(Path(name), root)
    for problem in problems:
        print(problem.format(Path.cwd()), file=sys.stderr)
    if brief is None:
        raise CliError(f"--brief {name}: not a valid brief file (nothing written)")
    return brief
