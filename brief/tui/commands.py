"""The command palette (ctrl+p): the reader's commands, the articles the list shows and the
entities, each shown through the display boundary (the palette does no bidi of its own)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from brief.article.model import short_id
from brief.text.fold import fold
from brief.tui.display import counted, shown

if TYPE_CHECKING:
    from brief.annotations.index import CorpusIndex
    from brief.corpus import Corpus

PALETTE_ARTICLES = 2000
COMMANDS = [  # (name, words it is found by, action, help)
    ("Entity index", "entity index people places", "app.entities",
     "who and where, across articles"),
    ("Timeline", "timeline dates events", "app.timeline", "every dated event, in order"),
    ("Language", "language translation arabic english", "toggle_language",
     "annotations in English or Arabic"),
    ("Toggle shaping", "toggle shaping joined letters", "toggle_shaping",
     "for terminals that do not join Arabic letters"),
    ("Clear filter", "clear filter", "clear_filter", "show every article"),
    ("Help", "help keys", "app.help", "every key and the query language"),
]  # fmt: skip


class Reader(Protocol):
    """What the palette asks of the screen it opens over (the reader)."""

    corpus: Corpus | None

    @property
    def matched(self) -> list[int]: ...

    def open_article(self, article_id: str) -> None: ...

    def apply_filter(self, text: str) -> None: ...

    def run_action(self, action: str) -> Awaitable[Any]: ...


@dataclass(frozen=True, slots=True)
class Command:
    prefix: str  # left-to-right, before the text from a file
    text: str
    suffix: str
    searchable: str
    run: Callable[[], object]
    help: str

    @property
    def display(self) -> Text:
        # Laid out apart, so the name keeps its own direction between prefix and suffix.
        return Text.assemble(self.prefix, shown(self.text), self.suffix)


class BriefCommands(Provider):
    def _commands(self) -> list[Command]:
        reader: Reader = self.screen  # type: ignore[assignment]
        commands = [
            Command("", name, "", words, partial(reader.run_action, action), help_text)
            for name, words, action, help_text in COMMANDS
        ]
        corpus = reader.corpus
        if corpus is None:
            return commands
        # The articles the list shows, as many as a palette can search as you type.
        first = reader.matched[:PALETTE_ARTICLES]
        summaries = corpus.summaries(first)
        for article in (summaries[r] for r in first if r in summaries):
            commands.append(
                Command(
                    f"Open {short_id(article.id)}: ",
                    article.title,
                    "",
                    f"open {article.id} {article.title}",
                    partial(reader.open_article, article.id),
                    "article",
                )
            )
        index: CorpusIndex | None = getattr(self.app, "corpus_index", None)
        for entry in index.entities.values() if index else ():
            searchable = " ".join(
                n for n in (entry.id, entry.name.en, entry.name.ar, *entry.aliases) if n
            )
            commands.append(
                Command(
                    "Filter to ",
                    entry.name.en or entry.name.ar or entry.id,
                    f" ({entry.section})",
                    f"filter {searchable}",
                    partial(reader.apply_filter, entry.query),
                    counted(len(entry.articles), "article"),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for command in self._commands()[: len(COMMANDS)]:
            yield DiscoveryHit(command.display, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = fold(query)
        for command in self._commands():
            score = matcher.match(command.searchable)
            if score <= 0 and wanted and wanted in fold(command.searchable):
                score = 0.5  # Arabic, or a spelling variant the fuzzy matcher does not know
            if score > 0:
                yield Hit(score, command.display, command.run, help=command.help)
