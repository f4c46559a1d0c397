"""The command palette (ctrl+p): articles, entities and the reader's commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from brief.article.model import short_id
from brief.text.bidi import visual_line
from brief.text.fold import fold

if TYPE_CHECKING:
    from brief.tui.app import BriefApp

PALETTE_ARTICLES = 2000


def _display(prefix: str, text: str, suffix: str = "") -> str:
    """One visual row for the palette (it does no bidi of its own); `text` keeps its own
    direction between the left-to-right prefix and suffix."""
    return f"{prefix}{visual_line(text)}{suffix}"


class BriefCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object], str]]:
        """(display, searchable text, callback, help) for everything the palette offers."""
        app: BriefApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object], str]] = [
            (
                "Entity index",
                "entity index people places",
                app.action_entities,
                "who and where, across articles",
            ),
            (
                "Timeline",
                "timeline dates events",
                app.action_timeline,
                "every dated event, in order",
            ),
            (
                "Toggle translation",
                "toggle translation language arabic english",
                app.action_toggle_language,
                "annotations in English or Arabic",
            ),
            (
                "Toggle shaping",
                "toggle shaping joined letters",
                app.action_toggle_shaping,
                "for terminals that do not join Arabic letters",
            ),
            ("Clear filter", "clear filter", app.action_clear_filter, "show every article"),
            ("Help", "help keys", app.action_help, "every key and the query language"),
        ]
        corpus = app.corpus
        if corpus is None:
            return commands
        # The articles the list shows, as many as a palette can search as you type.
        first = app.list_filter.matched[:PALETTE_ARTICLES]
        shown = corpus.catalog.summaries(first)
        for article in (shown[r] for r in first if r in shown):
            commands.append(
                (
                    f"Open {short_id(article.id)}: {article.title_visual}",
                    f"open {article.id} {article.title}",
                    partial(app.open_article, article.id),
                    "article",
                )
            )
        entities = app.corpus_index.entities.values() if app.corpus_index else ()
        for entry in entities:
            name = entry.name.en or entry.name.ar or entry.id
            searchable = " ".join(
                n for n in (entry.id, entry.name.en, entry.name.ar, *entry.aliases) if n
            )
            commands.append(
                (
                    _display("Filter to ", name, f" ({entry.section})"),
                    f"filter {searchable}",
                    partial(app.apply_filter, entry.query),
                    f"{len(entry.articles)} articles",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for display, _, callback, help_text in self._commands()[:6]:
            yield DiscoveryHit(display, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = fold(query)
        for display, searchable, callback, help_text in self._commands():
            score = matcher.match(searchable)
            if score <= 0 and wanted and wanted in fold(searchable):
                score = 0.5  # Arabic, or a spelling variant the fuzzy matcher does not know
            if score > 0:
                yield Hit(score, Text(display), callback, help=help_text)
