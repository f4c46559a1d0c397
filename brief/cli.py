"""The `brief` command line. Paths here import no UI toolkit, so they start fast."""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

from brief import __version__
from brief.article.model import read_article, short_id
from brief.catalog.query import Query, QueryError, Term, parse
from brief.catalog.query import __doc__ as QUERY_HELP
from brief.commands import completion, importing, merging
from brief.commands import init as init_command
from brief.config import has_settings, user_config_file
from brief.errors import BriefError
from brief.text.boundary import Rendered, Terminal, json_text, own
from brief.text.files import allow_outside_links

if TYPE_CHECKING:
    from brief.annotations.briefing import BriefFile
    from brief.annotations.recovery import KeptEdit
    from brief.catalog.catalog import Summary
    from brief.catalog.query import Query
    from brief.catalog.sync import Progress, SyncReport
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


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """The epilog as written (the query table's columns), its Arabic examples in visual order
    on a terminal, as brief shows all Arabic there, and in logical order into a pipe;
    brief.text.bidi is imported only when help is shown."""

    def format_help(self) -> str:
        text = super().format_help()
        if not sys.stdout.isatty():
            return text
        from brief.text.bidi import visual_line

        return "\n".join(visual_line(line, "ltr") for line in text.split("\n"))


def _query_help(exit_status: str) -> str:
    """The epilog of brief list and brief export: the query language, then the exit status."""
    table = (QUERY_HELP or "").split("\n\n")[1]
    bare = (
        "A query of bare words that each name an article (its id or a unique prefix, as\n"
        "brief show takes) selects those articles: brief export 000 004. Quoted, a word is\n"
        "searched in the text: brief export '\"000\"'."
    )
    return f"queries:\n{table}\n\n{bare}\n\nexit status:\n{exit_status}"


EXAMPLES = """\
brief alone opens the reader on the corpus.

examples:
  brief                                  open the reader
  brief init ~/news --git                make a corpus, brief's merge driver set in git
  brief import page.html https://example.com/feed.xml -
                                         bring in a saved page, a feed's entries, stdin
  brief list 'who:koman when:2025'       the articles a query matches
  brief list الكويت | wc -l              into a pipe, titles are in logical order
  brief show 000 | less -R               an article as the reader lays it out
  brief export tag:cybercrime -o brief.md
  brief validate --strict                annotation files against the schema and articles
  eval "$(brief completion bash)"        Tab completion in bash (zsh, fish too)

the corpus:
  --corpus DIR, else $BRIEF_CORPUS, else the current folder (or one it is in) when it
  holds seeds/, else corpus = "DIR" in the user's config.toml ({config}).
"""
EXIT_STATUS = """\
  0    done
  1    nothing matched (brief list), problems found (brief validate), a conflict left
       to resolve (brief merge), or another problem, said in one line on standard error
  2    the command line or a query is not understood (said on standard error)
  130  interrupted (Ctrl+C)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brief",
        description="A terminal reader for foreign-language news, Arabic first.",
        formatter_class=_HelpFormatter,
        epilog=f"{EXAMPLES.format(config=user_config_file())}\n{_query_help(EXIT_STATUS)}",
    )
    parser.add_argument("--version", action="version", version=f"brief {__version__}")
    parser.add_argument("--corpus", metavar="DIR", help="folder holding seeds/ and annotations/")
    # --corpus also after the command (brief list --corpus DIR …), without undoing it before.
    corpus_option = argparse.ArgumentParser(add_help=False)
    corpus_option.add_argument(
        "--corpus", metavar="DIR", default=argparse.SUPPRESS, help="as before the command"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_command(commands, "init", init_command, [])
    _add_command(commands, "import", importing, [corpus_option])
    for name, summary, arguments, run in (
        ("show", "print an article as the reader lays it out", _show_arguments, run_show),
        (
            "list",
            "id, date and title of every article, or of those a query matches",
            _list_arguments,
            run_list,
        ),
        (
            "validate",
            "check annotation files against the schema and their articles",
            _validate_arguments,
            run_validate,
        ),
        (
            "export",
            "write a brief (Markdown, HTML or Word) of the articles a query matches",
            _export_arguments,
            run_export,
        ),
        ("edit", "edit an article's annotations in $VISUAL/$EDITOR", _edit_arguments, run_edit),
        (
            "watch",
            "keep the catalog in step as files change, so brief list need not stat them",
            None,
            run_watch,
        ),
        ("schema", "print the JSON Schema of annotation files", _schema_arguments, run_schema),
        (
            "migrate",
            "rewrite schema v1 annotation files as v2, comments kept",
            _migrate_arguments,
            run_migrate,
        ),
    ):
        command = commands.add_parser(name, parents=[corpus_option], help=summary)
        if arguments is not None:
            arguments(command)
        command.set_defaults(run=run)
    _add_command(commands, "merge", merging, [])
    _add_command(commands, "completion", completion, [])
    return parser


def _add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    module: ModuleType,
    parents: list[argparse.ArgumentParser],
) -> None:
    """A command whose module (brief.commands) holds its summary, arguments and run."""
    command = commands.add_parser(name, parents=parents, help=module.SUMMARY)
    module.arguments(command)
    command.set_defaults(run=module.run)


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument(
        "id", help="article id or a unique prefix of it (000)"
    ).completer = _article_ids  # type: ignore[attr-defined]
    show.add_argument("--width", type=int, help="columns (default: the terminal's width)")
    show.add_argument(
        "--base",
        choices=["auto", "rtl", "ltr"],
        default="auto",
        help="paragraph direction (auto: from each paragraph's first strong letter)",
    )
    show.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="colour (default: on a terminal, unless NO_COLOR is set)",
    )
    _display_arguments(
        show,
        ["app", "terminal", "logical"],
        "app: visual rows, the terminal's own bidi switched off (BDSM); terminal: logical "
        "rows with their direction, for terminals that do bidi themselves; logical: plain "
        "logical order (default: the bidi setting on a terminal, terminal in mlterm and "
        "Konsole, logical into a pipe or a file)",
    )
    show.add_argument(
        "--no-pager",
        action="store_true",
        help="write to the terminal even when the article is longer than the screen "
        "(default: page through $BRIEF_PAGER, else $PAGER, else less -R)",
    )


def _display_arguments(command: argparse.ArgumentParser, modes: list[str], help: str) -> None:
    """--bidi and --shape; unset, the settings decide (bidi, shape)."""
    command.add_argument(
        "--shape",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="join Arabic letters, for terminals that do not shape (default: the shape setting)",
    )
    command.add_argument("--bidi", choices=modes, default=None, help=help)


def _list_arguments(listing: argparse.ArgumentParser) -> None:
    listing.formatter_class = _HelpFormatter
    listing.epilog = _query_help(
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
    _display_arguments(
        listing,
        ["app", "terminal"],
        "app: visual order, written by brief; terminal: logical order, for terminals that do "
        "bidi themselves (default: the bidi setting on a terminal, logical into a pipe)",
    )
    listing.description = (
        "On a terminal, titles are in visual order (the bidi setting, or --bidi); into a pipe\n"
        "or a file, in logical order, as written, so grep and sort find them."
    )


def _validate_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", metavar="PATH", help="files (default: the corpus)")
    check.add_argument("--strict", action="store_true", help="warnings fail too")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.formatter_class = _HelpFormatter
    export.epilog = _query_help(
        "  0  the brief written (also when nothing matched)\n"
        "  1  another problem, said on standard error (a file that cannot be written)\n"
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
        choices=["md", "html", "docx"],
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


def _edit_arguments(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("id", help="article id or a unique prefix of it").completer = _article_ids  # type: ignore[attr-defined]


def _article_ids(prefix: str, parsed_args: argparse.Namespace, **_: object) -> list[str]:
    """Tab completion of an article id: the stems in the corpus's seeds/."""
    try:
        seeds = corpus_dir(getattr(parsed_args, "corpus", None)) / "seeds"
    except BriefError:
        return []
    return sorted(p.stem for p in seeds.glob(f"{glob.escape(prefix)}*.txt"))


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument(
        "--write",
        action="store_true",
        help="write annotations/schema.json (with --brief: briefs/schema.json)",
    )
    schema.add_argument(
        "--brief", action="store_true", help="the schema of brief files (export --brief)"
    )


def _migrate_arguments(migrate: argparse.ArgumentParser) -> None:
    migrate.add_argument("paths", nargs="*", metavar="PATH", help="files (default: the corpus)")


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _display(args: argparse.Namespace, root: Path, pipes_logical: bool) -> tuple[str, bool]:
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


def _typed_text(message: str) -> str:
    """A message that quotes what was typed: its Arabic in visual order, as on every line brief
    writes, and its controls shown, bidi controls as markers (¦RLO¦) that reorder nothing."""
    from brief.text.bidi import visual_line
    from brief.text.boundary import visible

    return visual_line(visible(message, keep=""), "ltr")


def run_show(args: argparse.Namespace) -> int:
    from brief.article.ansi import render_article
    from brief.terminal import detect, page, pager_command, screen_height, show_mode, switches

    root = corpus_dir(args.corpus)
    article = read_article(_article_file(root, args.id))
    width = args.width if args.width is not None else shutil.get_terminal_size((100, 24)).columns
    if width < 20:
        raise CliError(f"--width {width} is too narrow: brief show needs at least 20 columns")
    tty = sys.stdout.isatty()
    bidi_setting, shape_setting = "app", False
    if tty and (args.bidi is None or args.shape is None):
        from brief.settings import load_settings

        settings = load_settings(root)
        bidi_setting, shape_setting = settings.bidi, settings.shape
    terminal = detect(os.environ)
    pager = None if args.no_pager or not tty else pager_command(os.environ)

    def lay_out(paged: bool) -> tuple[str, Rendered, int]:
        mode = show_mode(args.bidi, bidi_setting, tty, terminal, paged)
        # A terminal whose own bidi is off (mlterm, Konsole) shapes nothing either.
        shape = shape_setting if args.shape is None else args.shape
        shape = shape or (mode == "app" and paged and terminal.ignores_bdsm)
        color = _use_color(args.color)
        text, rows = render_article(
            article, width, base=args.base, shape=shape, color=color, bidi=mode
        )
        return mode, text, rows

    # Paged or not changes the mode only in Konsole; the number of rows never.
    mode, text, rows = lay_out(paged=pager is not None)
    paged = pager is not None and rows >= screen_height()
    if not paged and mode != show_mode(args.bidi, bidi_setting, tty, terminal):
        mode, text, rows = lay_out(paged=False)
    # Visual rows never go out without the switch that keeps a terminal from reordering them.
    before, after = (own(switch) for switch in switches(mode, terminal, paged))
    if pager and paged:
        whole_screen = mode == "app" and terminal.ignores_bdsm
        return page(
            text, pager, before, after, out=sys.stdout, err=sys.stderr,
            alternate_screen=whole_screen,
        )  # fmt: skip
    out = sys.stdout
    out.write(before)
    try:
        out.write(text)
    finally:
        out.write(after)
    return 0


def _article_file(root: Path, ref: str) -> Path:
    from brief.corpus import article_file

    return article_file(root, ref)


def run_list(args: argparse.Namespace) -> int:
    query = parse(" ".join(args.query))
    root = corpus_dir(args.corpus)
    bidi, shape = _display(args, root, pipes_logical=True)
    _, (count, text) = _answer(root, lambda corpus: _listing(corpus, query, args.json, bidi, shape))
    from brief.terminal import EXPLICIT_BIDI, IMPLICIT_BIDI

    out = Terminal.of(sys.stdout)
    explicit = bidi == "app" and not args.json and out.isatty() and bool(text)
    if explicit:
        out.control(EXPLICIT_BIDI)
    try:
        out.write(text)
    finally:
        if explicit:
            out.control(IMPLICIT_BIDI)
    return 0 if count else 1  # as grep does


def _listing(
    corpus: Corpus, query: Query, as_json: bool, bidi: str, shape: bool
) -> tuple[int, str]:
    """How many articles the query selects, and their listing: titles in visual order
    (`bidi` "app", shaped or not) or logical order ("terminal"), JSON in logical order."""
    rowids = _selected(corpus, query)
    if not as_json and not shape:
        return len(rowids), corpus.catalog.listing(rowids, logical=bidi == "terminal")
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


def _selected(corpus: Corpus, query: Query) -> list[int]:
    """Rowids of the articles the query matches, in id order; bare words that each name an
    article (an id or a unique prefix, as brief show takes: `brief export 000`) select those."""
    words = query.bare_words()
    if words is not None:
        named = Query(query.text, tuple(Term("id", word, typed=f"id:{word}") for word in words))
        try:
            return corpus.catalog.matching(named)
        except QueryError:  # a word names no article, or several: the words are searched
            pass
    return corpus.catalog.matching(query)


def _answer(root: Path, work: Callable[[Corpus], T]) -> tuple[Corpus, T]:
    """`work` done on the corpus in step with the files; a long build shows its progress."""
    from brief.corpus import answer, catalog_faults

    corpus, result = answer(root, work, _progress())
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


def _progress() -> Progress:
    """Counts of a long build, on a terminal."""
    shown = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if shown and total >= PROGRESS_FROM:
            end = "\n" if done == total else ""
            err = Terminal.of(sys.stderr)
            err.control("\r")
            print(f"indexing: {done:,} of {total:,} articles", end=end, file=err)

    return progress


def run_validate(args: argparse.Namespace) -> int:
    from brief.annotations.validate import validate

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
    return 1 if errors or (args.strict and warnings) else 0


def run_export(args: argparse.Namespace) -> int:
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
    corpus, ids = _answer(root, lambda corpus: corpus.catalog.ids(_selected(corpus, query)))
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


def run_edit(args: argparse.Namespace) -> int:
    from brief.annotations.editor import EditSession, Outcome, writable
    from brief.annotations.recovery import kept_edits
    from brief.annotations.store import ConflictError
    from brief.text.files import remove_stale_temporaries

    root = corpus_dir(args.corpus)
    article = read_article(_article_file(root, args.id))
    folder = root / "annotations"
    remove_stale_temporaries(folder)
    cannot = writable(folder)
    if cannot is not None:  # said before the editor opens: nothing typed yet
        raise CliError(f"cannot save in {folder}: {cannot}; nothing was opened")
    restored = _offer_kept(kept_edits(root, article.id), short_id(article.id))
    session = EditSession.start(root, article.id, article.title, restored)
    while True:
        session.run_editor()
        try:
            outcome = session.finish()
        except ConflictError as conflict:
            print(f"brief: {conflict}; your edit is kept in {session.keep()}", file=sys.stderr)
            print(conflict.diff, file=sys.stderr)
            return 1
        except OSError as error:  # a disk full or made read-only since the check
            why = error.strerror or str(error)
            kept = session.keep()
            print(f"brief: cannot save {session.path}: {why}; your edit is kept in {kept}",
                  file=sys.stderr)  # fmt: skip
            return 1
        if outcome is Outcome.SAVED:
            print(f"saved {session.path}", file=sys.stderr)
            return 0
        if outcome is Outcome.UNCHANGED:
            print("unchanged: nothing saved", file=sys.stderr)
            return 0
        for problem in session.problems:
            print(problem.format(root), file=sys.stderr)
        print("The edit is not valid and was not saved.", file=sys.stderr)
        answer = _ask("Re-open the editor to fix it (r) or discard the edit (d)? [r/d] ")
        if answer != "r":
            print(f"discarded; your text is kept in {session.keep()}", file=sys.stderr)
            return 1


def _offer_kept(kept: list[KeptEdit], name: str) -> KeptEdit | None:
    """Each edit kept of the article, offered back: restored into the editor, kept for
    later, or dropped. The one to restore, if any (the others stay kept)."""
    for edit in kept:
        print(f"An edit of {name} could not be saved on {edit.kept_at}; it is kept in "
              f"{edit.path}.", file=sys.stderr)  # fmt: skip
        answer = _ask("Restore it into the editor (r), keep it for later (k) or drop it (d)? ")
        if answer == "r":
            return edit
        if answer == "d":
            edit.drop()
            print(f"dropped {edit.path}", file=sys.stderr)
    return None


def _ask(prompt: str) -> str:
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    return line.strip().lower()[:1] if line else ""


def run_schema(args: argparse.Namespace) -> int:
    from brief.annotations.briefing import brief_json_schema
    from brief.annotations.model import json_schema
    from brief.text.files import write_atomic

    schema = brief_json_schema() if args.brief else json_schema()
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    if args.write:
        folder = "briefs" if args.brief else "annotations"
        target = corpus_dir(args.corpus) / folder / "schema.json"
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, text)  # a link there is replaced, not written through
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_migrate(args: argparse.Namespace) -> int:
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


def run_watch(args: argparse.Namespace) -> int:
    from brief.catalog.watch import Watcher

    root = corpus_dir(args.corpus)
    watcher = Watcher(root)

    def ready(report: SyncReport) -> None:
        print(f"watching {root} for changes; Ctrl+C stops", file=sys.stderr)

    def changed(report: SyncReport) -> None:
        counts = f"{report.added} added, {report.updated} changed, {report.removed} removed"
        print(f"{time.strftime('%H:%M:%S')}  {counts}", file=sys.stderr)

    # `kill`, a service manager: stopped like Ctrl+C, within a moment.
    signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
    watcher.run(_progress(), on_ready=ready, on_change=changed)
    return 0


def run_reader(args: argparse.Namespace) -> int:
    from brief.tui.app import run

    return run(corpus_dir(args.corpus))


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; stdout and stderr are wrapped once, in the output boundary, so that
    nothing any command writes (argparse's messages too) reaches the terminal raw."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Terminal.of(sys.stdout), Terminal.of(sys.stderr)
    allow_outside_links(_user_follows_outside_links)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = streams
        allow_outside_links(lambda: False)


def _user_follows_outside_links() -> bool:
    """Asked only when a link out of the corpus is met: the settings load pydantic."""
    from brief.settings import follows_outside_links

    return follows_outside_links()


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # a shell asking for Tab completions (brief completion)
        import argcomplete

        argcomplete.autocomplete(parser)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command in ("list", "export"):
        args.query += extra  # "-word" excludes a word: it is part of the query, not an option
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    run = getattr(args, "run", run_reader)
    try:
        return int(run(args))
    except QueryError as error:
        print(f"brief: {_typed_text(str(error))}", file=sys.stderr)
        return QUERY_REFUSED
    # Only what the user can fix is one line: anything else is a bug, and keeps its traceback.
    except BriefError as error:
        print(f"brief: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `brief show … | head` closes the pipe early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
