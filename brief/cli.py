"""The `brief` command line: its parser, and each command run from its module in
brief.commands. Paths here import no UI toolkit, so they start fast."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from brief import __version__
from brief.catalog.query import QueryError
from brief.commands import (
    completion,
    editing,
    exporting,
    importing,
    init,
    listing,
    merging,
    migrating,
    schema,
    showing,
    validating,
    watching,
)
from brief.commands.common import QUERY_REFUSED, HelpFormatter, corpus_dir, query_help, typed_text
from brief.config import user_config_file
from brief.errors import BriefError
from brief.text.boundary import Terminal
from brief.text.files import allow_outside_links

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
  1    nothing matched (brief list, export), problems found (brief validate), a conflict left
       to resolve (brief merge), or another problem, said in one line on standard error
  2    the command line or a query is not understood (said on standard error)
  130  interrupted (Ctrl+C)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brief",
        description="A terminal reader for foreign-language news, Arabic first.",
        formatter_class=HelpFormatter,
        epilog=f"{EXAMPLES.format(config=user_config_file())}\n{query_help(EXIT_STATUS)}",
    )
    parser.add_argument("--version", action="version", version=f"brief {__version__}")
    parser.add_argument("--corpus", metavar="DIR", help="folder holding seeds/ and annotations/")
    # --corpus also after the command (brief list --corpus DIR …), without undoing it before.
    corpus_option = argparse.ArgumentParser(add_help=False)
    corpus_option.add_argument(
        "--corpus", metavar="DIR", default=argparse.SUPPRESS, help="as before the command"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_command(commands, "init", init, [])
    for name, module in (
        ("import", importing),
        ("show", showing),
        ("list", listing),
        ("validate", validating),
        ("export", exporting),
        ("edit", editing),
        ("watch", watching),
        ("schema", schema),
        ("migrate", migrating),
    ):
        _add_command(commands, name, module, [corpus_option])
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
        print(f"brief: {typed_text(str(error))}", file=sys.stderr)
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
