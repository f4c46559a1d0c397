"""What every part of the brief writes alike: bilingual text in the brief's language, names of
ids, and citations that say which paragraph of which article a quote stands in."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from brief.annotations.index import CorpusIndex
from brief.annotations.items import pick
from brief.annotations.model import Annotation, Bilingual
from brief.article.model import Article, Metadata, short_id
from brief.corpus import Corpus
from brief.export.document import Inline, ListItem, Run, ar, either, en
from brief.export.labels import label, page_language, words


def text(value: Bilingual | None, lang: str, strong: bool = False) -> Inline:
    """English with the Arabic beside it ("both"), English ("en", Arabic where no English), or
    Arabic ("ar", English where no Arabic, marked)."""
    if value is None:
        return ()
    if lang == "ar":
        if value.ar:
            return (ar(value.ar, strong),)
        return (en(value.en or "", strong), words(lang, label(lang, "in_english")))
    runs: list[Run] = []
    if value.en:
        runs.append(en(value.en, strong))
    if value.ar and (lang == "both" or not value.en):
        runs += [en(" · ")] if runs else []
        runs.append(ar(value.ar, strong))
    return tuple(runs)


def joined(parts: Iterable[Inline], lang: str) -> Inline:
    """Inlines separated by commas (the Arabic comma on an Arabic page)."""
    out: list[Run] = []
    comma = "، " if page_language(lang) == "ar" else ", "
    for part in parts:
        if out:
            out.append(words(lang, comma))
        out += part
    return tuple(out)


def cite_run(article_id: str, number: int | None) -> Run:
    where = f"{short_id(article_id)} ¶{number}" if number else short_id(article_id)
    return Run(where, "en", cite=True)


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the brief says of an article besides its annotations: read once, text not kept."""

    id: str
    title: str
    meta: Metadata
    paragraphs: int


class Citer:
    """Finds the paragraph each quote stands in. `learn` reads an article once for every quote
    its annotation holds (a brief of thousands of articles reads each one once); a quote not
    learnt (a brief file's) reads its article when cited."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.facts: dict[str, ArticleFacts] = {}
        self._numbers: dict[tuple[str, str], int | None] = {}

    def learn(self, article: Article, annotation: Annotation | None) -> ArticleFacts:
        paragraphs = _normalized(article)
        quotes = (
            [q for _, _, item in annotation.items() for q in item.evidence] if annotation else []
        )
        for quote in quotes:
            self._numbers[(article.id, quote)] = _paragraph_of(quote, paragraphs)
        facts = ArticleFacts(article.id, article.title, article.meta, len(article.paragraphs))
        self.facts[article.id] = facts
        return facts

    def number(self, article_id: str, quote: str) -> int | None:
        key = (article_id, quote)
        if key not in self._numbers:
            paragraphs = _normalized(self.corpus.article(article_id))
            self._numbers[key] = _paragraph_of(quote, paragraphs)
        return self._numbers[key]

    def cite(self, article_id: str, quote: str) -> Inline:
        """A quote in its own script with where it stands: «…» (000 ¶7)."""
        return (
            either(quote),
            en(" ("),
            cite_run(article_id, self.number(article_id, quote)),
            en(")"),
        )

    def evidence(self, article_id: str, quotes: Iterable[str], lang: str) -> tuple[Inline, ...]:
        return tuple(
            (words(lang, f"{label(lang, 'evidence')}: "), *self.cite(article_id, q)) for q in quotes
        )


def _normalized(article: Article) -> list[tuple[int, str]]:
    """Each paragraph's number and its text in NFC, as quotes are looked for in it."""
    return [(p.number, unicodedata.normalize("NFC", p.text)) for p in article.paragraphs]


def _paragraph_of(quote: str, paragraphs: list[tuple[int, str]]) -> int | None:
    """The number of the first paragraph the quote stands in."""
    wanted = unicodedata.normalize("NFC", quote)
    return next((number for number, text in paragraphs if wanted in text), None)


def note_line(note: str | None, lang: str, article_id: str | None = None) -> tuple[Inline, ...]:
    if not note:
        return ()
    whose = f" ({short_id(article_id)})" if article_id else ""
    marked = (words(lang, label(lang, "in_english")),) if page_language(lang) == "ar" else ()
    return ((words(lang, f"{label(lang, 'note')}{whose}: "), either(note), *marked),)


class Names:
    """Ids as names in the brief's language, from the corpus index."""

    def __init__(self, index: CorpusIndex, lang: str) -> None:
        self.index = index
        self.lang = lang

    def of(self, item_id: str) -> Inline:
        entry = self.index.entities.get(item_id)
        if entry is None:
            return (en(item_id),)
        return (either(pick(entry.name, page_language(self.lang)) or item_id),)

    def all(self, ids: Iterable[str]) -> Inline:
        return joined((self.of(i) for i in ids), self.lang)


def item(inline: Inline, *children: Inline, warning: bool = False) -> ListItem:
    return ListItem(inline, tuple(c for c in children if c), warning)
