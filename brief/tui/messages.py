"""The reader's messages: what widgets, screens and worker threads tell the app, one message per
intent (messages go up; the app answers with calls down)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from brief.annotations.index import CorpusIndex
    from brief.annotations.items import PanelItem
    from brief.catalog.query import Query
    from brief.corpus import Corpus


# The analyst's edits, from the annotations pane (and `a` from the article).
class AddItem(Message):
    """Add an item to the article shown: its kind is asked first."""


class EditItem(Message):
    def __init__(self, item: PanelItem) -> None:
        super().__init__()
        self.item = item


class DeleteItem(Message):
    def __init__(self, item: PanelItem) -> None:
        super().__init__()
        self.item = item


class EditArticleFields(Message):
    """The article's own fields: status, title, summary, tags."""


class OpenInEditor(Message):
    """The article's annotation file in $VISUAL / $EDITOR."""


class Notice(Message):
    """A line for the status bar. `about` names what it is about, so it is cleared with it
    ("search": cleared when the search is)."""

    def __init__(self, text: str, about: str = "") -> None:
        super().__init__()
        self.text = text
        self.about = about


# From the threads that keep the reader in step with the files.
class CorpusOpened(Message):
    """The catalog is open, as it stands: the first screen can be drawn from it."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus


class IndexProgress(Message):
    """A first build stored `done` of `total` articles."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class CorpusLoaded(Message):
    """The catalog is in step with the files; `index`: every annotation, when the corpus is small
    enough to read them all (else None)."""

    def __init__(self, index: CorpusIndex | None) -> None:
        super().__init__()
        self.index = index


class CatalogChanged(Message):
    """The catalog's change log may hold changes the reader has not shown. `told`: the analyst
    asked for a look (ctrl+r), so the count is said even when nothing changed."""

    def __init__(self, told: bool = False) -> None:
        super().__init__()
        self.told = told


class MatchesCounted(Message):
    """A thread has read every match of the filter `query`: the list can show them all."""

    def __init__(self, query: Query) -> None:
        super().__init__()
        self.query = query


class IndexRead(Message):
    """The annotations of what the filter shows, read in a thread for the entities or the
    timeline (`purpose`)."""

    def __init__(self, index: CorpusIndex, purpose: str) -> None:
        super().__init__()
        self.index = index
        self.purpose = purpose
