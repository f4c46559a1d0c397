"""`brief show ID`: an article as the reader lays it out, on a terminal, a pager or a pipe."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from brief.article.model import read_article
from brief.commands.common import (
    CliError,
    article_file,
    article_ids,
    corpus_dir,
    display_arguments,
    use_color,
)
from brief.config import has_settings
from brief.text.boundary import Rendered, own

SUMMARY = "print an article as the reader lays it out"


def arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument(
        "id", help="article id or a unique prefix of it (000)"
    ).completer = article_ids  # type: ignore[attr-defined]
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
    display_arguments(
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


def run(args: argparse.Namespace) -> int:
    from brief.article.ansi import render_article
    from brief.terminal import detect, page, pager_command, screen_height, show_mode, switches

    root = corpus_dir(args.corpus)
    article = read_article(article_file(root, args.id))
    width = args.width if args.width is not None else shutil.get_terminal_size((100, 24)).columns
    if width < 20:
        raise CliError(f"--width {width} is too narrow: brief show needs at least 20 columns")
    tty = sys.stdout.isatty()
    bidi_setting, shape_setting = "app", False
    # The settings describe the terminal: they apply to it, and to visual rows asked for.
    visual = tty or args.bidi == "app"
    if visual and (args.bidi is None or args.shape is None) and has_settings(root):
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
        color = use_color(args.color)
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
