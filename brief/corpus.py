"""A corpus folder (seeds/ and annotations/) as the CLI, the export and the reader use it: the
catalog answers queries and lists; articles and annotations are read from their files only
when one is shown or exported, and the last few are kept. Plain Python, no UI."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from brief.article.model import IDS_SHOWN, Article, read_article, resolve_article
from brief.catalog.catalog import Catalog, CatalogStale, Summary, fault
from brief.catalog.query import Query, QueryError
from brief.catalog.stamps import Scan, names_stamp, start_scan, storable
from brief.catalog.sync import Progress, SyncReport
from brief.catalog.tables import catalog_path, meta, read_only
from brief.catalog.watch import watched, watcher_ready

if TYPE_CHECKING:  # the annotation modules load pydantic: `brief list` does without them
    from brief.annotations.index import CorpusIndex
    from brief.annotations.load import LoadedFile
    from brief.annotations.model import Annotation

CACHED = 64  # articles and annotation files kept after reading
T = TypeVar("T")


class Corpus:
    def __init__(self, root: Path, catalog: Catalog) -> None:
        self.root = root
        self.catalog = catalog
        self.warnings: list[str] = []  # what a command says before its answer
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._annotations: OrderedDict[str, LoadedFile | None] = OrderedDict()

    @property
    def ids(self) -> list[str]:
        """Every readable article, in id order."""
        return self.catalog.ids(self.catalog.order)

    def __len__(self) -> int:
        return len(self.catalog.order)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.catalog.rowid(article_id) is not None

    def matching(self, query: Query) -> list[str]:
        """Ids of the articles the query matches (all for an empty query), in id order."""
        return self.catalog.ids(self.catalog.matching(query))

    def summary(self, article_id: str) -> Summary | None:
        rowid = self.catalog.rowid(article_id)
        return None if rowid is None else self.catalog.summaries([rowid]).get(rowid)

    def article(self, article_id: str) -> Article:
        article = self._articles.pop(article_id, None)
        if article is None:
            article = read_article(self.root / "seeds" / f"{article_id}.txt")
        self._articles[article_id] = article
        _trim(self._articles)
        return article

    def loaded_annotation(self, article_id: str) -> LoadedFile | None:
        """The article's annotation file as read (None when it has none)."""
        from brief.annotations.load import load_annotation
        from brief.annotations.validate import annotation_path

        if article_id in self._annotations:
            loaded = self._annotations.pop(article_id)
        else:
            path = annotation_path(self.root, article_id)
            loaded = load_annotation(path) if path.exists() else None
        self._annotations[article_id] = loaded
        _trim(self._annotations)
        return loaded

    def annotation(self, article_id: str) -> Annotation | None:
        loaded = self.loaded_annotation(article_id)
        return loaded.annotation if loaded else None

    def annotations_of(self, article_ids: list[str]) -> dict[str, Annotation]:
        """The valid annotations of many articles at once, from the catalog (in step with the
        files): reading each YAML file would take a hundred times longer."""
        from brief.annotations.model import Annotation

        found = self.catalog.annotations_json(article_ids)
        return {i: Annotation.model_validate_json(found[i]) for i in article_ids if i in found}

    def index_of(self, article_ids: Iterable[str]) -> CorpusIndex:
        """Entities, timeline and decisions across these articles."""
        from brief.annotations.index import CorpusIndex

        return CorpusIndex.of(self.annotations_of(list(article_ids)))

    def forget(self, article_ids: Iterable[str] | None = None) -> None:
        """Drop what was read of these articles (default: all), so it is read again."""
        wanted = None if article_ids is None else list(article_ids)
        for cache in (self._articles, self._annotations):
            for article_id in list(cache) if wanted is None else wanted:
                cache.pop(article_id, None)

    def refresh(
        self,
        article_ids: Iterable[str] | None = None,
        progress: Progress | None = None,
        scan: Scan | None = None,
    ) -> SyncReport:
        """Bring the catalog in step with the files (or with these articles' files)."""
        wanted = None if article_ids is None else list(article_ids)
        report = self.catalog.sync(progress, only=wanted, scan=scan)
        self.forget(report.ids)
        return report

    # What the reader asks of the catalog: it reaches the catalog through these only.
    @property
    def catalog_path(self) -> Path:
        return self.catalog.path

    def on_new_connection(self) -> Corpus:
        """The same corpus on a connection of its own, for another thread (close it after)."""
        return Corpus(self.root, Catalog(self.root, self.catalog.path))

    def close(self) -> None:
        self.catalog.close()

    def watched(self) -> bool:
        """Does a watcher keep the catalog in step with the files (so no stat is needed)?"""
        return watched(self.root, self.catalog.path)

    def watcher_ready(self) -> bool:
        """Has a watcher (another process's) made its first full sync?"""
        return watcher_ready(self.catalog.path)

    @property
    def order(self) -> list[int]:
        """Rowids of the readable articles, in id order."""
        return self.catalog.order

    def rowid(self, article_id: str) -> int | None:
        return self.catalog.rowid(article_id)

    def ids_of(self, rowids: Iterable[int]) -> list[str]:
        return self.catalog.ids(rowids)

    def summaries(self, rowids: list[int]) -> dict[int, Summary]:
        return self.catalog.summaries(rowids)

    def matching_rowids(self, query: Query) -> list[int]:
        return self.catalog.matching(query)

    def first_matching(self, query: Query, limit: int) -> tuple[list[int], bool]:
        """The first `limit` matches at least, and whether they are all of them."""
        return self.catalog.first_matching(query, limit)

    def read_terms(self, query: Query) -> bool:
        """In a thread: read what the query's terms match; False when stopped."""
        return self.catalog.read_terms(query)

    def stop_reading(self) -> None:
        self.catalog.stop_reading()

    def last_change(self) -> int:
        return self.catalog.last_change()

    def changes_since(self, seq: int) -> tuple[int, set[str]]:
        """The last change's number, and the articles changed since change `seq` (every one
        when the log no longer reaches back so far); what was read of them is forgotten."""
        seq, ids = self.catalog.changes_since(seq)
        if ids is None or ids:
            ids = set(self.ids) if ids is None else ids
            self.forget(ids)
        return seq, ids

    def health(self) -> Health:
        return Health(
            self.catalog.invalid_count(), len(self.catalog.unreadable()), self.catalog.skipped()
        )


@dataclass(frozen=True, slots=True)
class Health:
    """What the reader says after a sync: files that do not validate, cannot be read, or were
    skipped (names not UTF-8)."""

    invalid: int
    unreadable: int
    skipped: list[str]


def _trim(cache: OrderedDict[str, Any]) -> None:
    while len(cache) > CACHED:
        cache.popitem(last=False)


def open_corpus(root: Path, progress: Progress | None = None) -> Corpus:
    """The corpus with its catalog built, or brought in step with the files."""
    corpus = Corpus(root, Catalog(root))
    corpus.refresh(progress=progress)
    return corpus


def answer(
    root: Path, work: Callable[[Corpus], T], progress: Progress | None = None
) -> tuple[Corpus, T]:
    """`work` done on the corpus in step with the files. A watcher that has every change in
    the catalog spares the stat of each file; else, while the stamps are taken, the work is
    done on the catalog as it stands, and done again only if a file changed."""
    corpus = Corpus(root, Catalog(root))
    with catalog_faults(corpus.catalog.path):
        if watched(root, corpus.catalog.path):
            return corpus, work(corpus)
        wait = start_scan(root)
        ready = corpus.catalog.readable()
        try:
            result = work(corpus) if ready else None
        except QueryError:  # an id: may name an article the files have and the catalog not
            result = None
        try:
            report = corpus.refresh(progress=progress, scan=wait())
        except CatalogStale as stale:  # locked, or a full disk: the answer as it stands
            if result is None:
                raise
            corpus.warnings.append(
                f"{stale.cause}: this answer is from it as it stands, and may miss the latest "
                "changes to the files"
            )
            return corpus, result
        if result is None or report.changed:
            result = work(corpus)
        return corpus, result


@contextmanager
def catalog_faults(path: Path) -> Iterator[None]:
    """SQLite's errors as the one line a user can act on (brief.catalog.catalog.fault)."""
    try:
        yield
    except sqlite3.Error as error:
        raise fault(path, error) from error


def article_file(root: Path, ref: str) -> Path:
    """The file of the article `ref` names: its id, opened directly, or a unique prefix of
    it, looked up in the catalog when that holds the articles' names as they are now (no
    name changed in seeds/ since its last full sync, or a watcher keeps it in step), else
    among the folder's names. Nothing is built or written."""
    seeds = root / "seeds"
    starting = _ids_starting(root, ref) if storable(ref) else None
    if starting is not None and starting[1] == 1 and not (seeds / f"{starting[0][0]}.txt").exists():
        starting = None  # gone since: the folder says what there is
    return resolve_article(seeds, ref, starting)


def _ids_starting(root: Path, prefix: str) -> tuple[list[str], int] | None:
    """The first ids that start with `prefix` and how many do, from the catalog; None when
    it may not hold the folder's names as they are."""
    path = catalog_path(root)
    db = read_only(path) if path.exists() else None
    if db is None:
        return None
    with closing(db):
        if meta(db, "names") != names_stamp(root) and not watched(root, path):
            return None
        pattern = "".join(f"[{c}]" if c in "*?[" else c for c in prefix) + "*"
        where = "FROM articles WHERE id GLOB ? AND id NOT GLOB '.*'"
        found = db.execute(f"SELECT id {where} ORDER BY id LIMIT ?", (pattern, IDS_SHOWN + 1))
        first = [row[0] for row in found]
        count = len(first)
        if count > IDS_SHOWN:
            (count,) = db.execute(f"SELECT count(*) {where}", (pattern,)).fetchone()
        return first, count
