"""`brief edit ID`: an article's annotations in $VISUAL/$EDITOR, never losing the edit."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from brief.article.model import read_article, short_id

if TYPE_CHECKING:
    from brief.annotations.recovery import KeptEdit
from brief.commands.common import (
    CliError,
    article_file,
    article_ids,
    corpus_dir,
)

SUMMARY = "edit an article's annotations in $VISUAL/$EDITOR"


def arguments(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("id", help="article id or a unique prefix of it").completer = article_ids  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    from brief.annotations.editor import EditSession, Outcome, writable
    from brief.annotations.recovery import kept_edits
    from brief.annotations.store import ConflictError
    from brief.text.files import remove_stale_temporaries

    root = corpus_dir(args.corpus)
    article = read_article(article_file(root, args.id))
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
