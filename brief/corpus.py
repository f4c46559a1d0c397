"""A corpus folder (seeds/ and annotations/) read once: articles, their annotations, the corpus
index and the folded search documents. Plain Python: the CLI and the reader share it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from brief.annotations.index import CorpusIndex, build_index
from brief.annotations.model import Annotation
from brief.article import Article, ArticleError, article_paths, read_article
from brief.query import Query, SearchDocument, build_document


@dataclass
class Corpus:
    root: Path
    articles: dict[str, Article] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # article id -> the error
    index: CorpusIndex = field(default_factory=CorpusIndex)
    documents: dict[str, SearchDocument] = field(default_factory=dict)

    def annotation(self, article_id: str) -> Annotation | None:
        return self.index.annotations.get(article_id)

    def matching(self, query: Query) -> list[str]:
        return [i for i, doc in self.documents.items() if doc.matches(query)]


def load_corpus(root: Path, progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Read every article and annotation; `progress(done, total)` is called as articles load."""
    corpus = Corpus(root)
    paths = article_paths(root / "seeds")
    corpus.index = build_index(root)
    for done, path in enumerate(paths, 1):
        try:
            article = read_article(path)
        except ArticleError as error:
            corpus.unreadable[path.stem] = str(error)
        else:
            corpus.articles[article.id] = article
            corpus.documents[article.id] = build_document(article, corpus.annotation(article.id))
        if progress is not None:
            progress(done, len(paths))
    return corpus
