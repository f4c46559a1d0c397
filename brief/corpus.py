"""A corpus folder (seeds/ and annotations/): articles, their annotations, the corpus index and
the folded search documents. Plain Python: the CLI and the reader share it.

Reading is a stream of one item per article, so the reader can show the first articles while
the rest of a large corpus is still being read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from brief.annotations.index import CorpusIndex
from brief.annotations.load import Problem, load_annotation
from brief.annotations.model import Annotation
from brief.annotations.validate import annotation_path
from brief.article import Article, ArticleError, article_paths, read_article
from brief.query import Query, SearchDocument, build_document


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """One article as read, with its annotations; `error` when the article is unreadable."""

    article_id: str
    article: Article | None
    annotation: Annotation | None = None
    problems: tuple[Problem, ...] = ()
    document: SearchDocument | None = None
    error: str | None = None


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

    def add(self, item: CorpusItem) -> None:
        if item.article is None or item.document is None:
            self.unreadable[item.article_id] = item.error or "unreadable"
            return
        self.articles[item.article_id] = item.article
        self.documents[item.article_id] = item.document
        self.index.add(item.article_id, item.annotation, list(item.problems))


def read_items(root: Path) -> Iterator[CorpusItem]:
    """Each article of the corpus, in id order, read with its annotation file if it has one."""
    for path in article_paths(root / "seeds"):
        try:
            article = read_article(path)
        except ArticleError as error:
            yield CorpusItem(path.stem, None, error=str(error))
            continue
        annotation_file = annotation_path(root, path.stem)
        annotation: Annotation | None = None
        problems: tuple[Problem, ...] = ()
        if annotation_file.exists():
            loaded = load_annotation(annotation_file)
            annotation, problems = loaded.annotation, tuple(loaded.problems)
        document = build_document(article, annotation)
        yield CorpusItem(path.stem, article, annotation, problems, document)


def load_corpus(root: Path, progress: Callable[[int, int], None] | None = None) -> Corpus:
    """The whole corpus at once; `progress(done, total)` is called as articles are read."""
    corpus = Corpus(root)
    total = len(article_paths(root / "seeds"))
    for done, item in enumerate(read_items(root), 1):
        corpus.add(item)
        if progress is not None:
            progress(done, total)
    corpus.index.finish()
    return corpus
