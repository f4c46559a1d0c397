"""One article as the catalog indexes it: read, folded, hashed and split into the values of
its full-text columns. Runs in worker processes during a large build, so it returns plain
values. Plain Python, no UI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from brief.article.model import ArticleError
from brief.catalog.query import date_bounds
from brief.catalog.stamps import content_hash, read_stamped
from brief.catalog.tables import COLUMNS, pack_annotation


@dataclass(frozen=True, slots=True)
class Indexed:
    """One article read, folded and hashed in a worker: plain values, cheap to pass back."""

    id: str
    article_stamp: str
    article_hash: str
    annotation_stamp: str
    annotation_hash: str
    error: str | None
    row: tuple[object, ...]  # published, title, title_visual, outlet, ...
    annotation: bytes | None  # the valid annotation's JSON, packed
    columns: tuple[str, ...]  # trigram columns, in COLUMNS order
    dates: tuple[tuple[str, str], ...]
    unchanged: bool = False  # the bytes are those indexed: only the stamps moved


Job = tuple[Path, str, tuple[object, ...] | None]  # the corpus, an id, the hashes stored
Grams = tuple[set[str], ...]  # each column's characters and character pairs (_grams)


@dataclass(frozen=True, slots=True)
class Run:
    """Articles indexed one after another, and their grams gathered: for each column, each
    gram its articles hold, and which of them do (bit k: entries[k]). Gathered by the worker
    that read them: a gram per article and column would cost the process that stores them
    a step each, a million in a build of a thousand articles."""

    entries: list[Indexed]
    grams: tuple[dict[str, int], ...]


def index_run(jobs: list[Job]) -> Run:
    entries: list[Indexed] = []
    gathered: tuple[dict[str, int], ...] = tuple({} for _ in COLUMNS)
    for k, job in enumerate(jobs):
        entry, grams = _index_article(job)
        entries.append(entry)
        bit = 1 << k
        for held, column in zip(gathered, grams, strict=False):  # none for an unread article
            get = held.get
            for gram in column:
                held[gram] = get(gram, 0) | bit
    return Run(entries, gathered)


def _index_article(job: Job) -> tuple[Indexed, Grams]:
    """One article indexed, and its grams."""
    root, article_id, old_hashes = job
    article_file = root / "seeds" / f"{article_id}.txt"
    annotation_file = root / "annotations" / f"{article_id}.yaml"
    article_stamp, article_raw = read_stamped(article_file)
    annotation_stamp, annotation_raw = read_stamped(annotation_file)
    stamps = (article_stamp, annotation_stamp)
    hashes = (_hash(article_raw), _hash(annotation_raw))
    if old_hashes is not None and tuple(old_hashes) == hashes:
        unchanged = Indexed(
            article_id, *_pair(stamps, hashes), None, (), None, (), (), unchanged=True
        )
        return unchanged, ()
    # Imported here: a catalog in step with the files, or a file touched but not changed
    # (a checkout), needs none of them (the annotations' models cost 0.1-0.2 s to import).
    from brief.annotations.load import load_annotation
    from brief.article.model import read_article
    from brief.catalog.query import build_document
    from brief.text.bidi import visual_line

    try:
        article = read_article(article_file, article_raw)
    except ArticleError as error:  # kept as why, without the path: brief says it as it is
        why = str(error).removeprefix(f"{article_file}: ")
        empty = (None, article_id, article_id, None, 0, None, 0, 0, None)
        return Indexed(article_id, *_pair(stamps, hashes), why, empty, None, (), ()), ()
    annotation, problems = None, 0
    if stamps[1]:
        loaded = load_annotation(annotation_file, annotation_raw)
        annotation, problems = loaded.annotation, len(loaded.problems)
    doc = build_document(article, annotation)
    values = [
        [doc.text],
        doc.fields["notes"],
        doc.fields["who"],
        doc.fields["where"],
        doc.fields["decision"],
        doc.fields["status"],
        doc.fields["tag"],
    ]
    # What the text does not state, its annotation's source may (an imported page's date).
    source = annotation.source if annotation else None
    published = article.meta.published or (source.published if source else None)
    row = (
        published,
        article.title,
        # One-shot text: laid out without glyph objects or the paragraphs' cache.
        visual_line(article.title),
        article.meta.outlet or (source.outlet if source else None),
        len(article.paragraphs),
        annotation.status if annotation else None,
        len(annotation.items()) if annotation else 0,
        problems,
        source.url if source else None,
    )
    # The JSON without the defaults: what the model fills in again when it is read.
    packed = (
        pack_annotation(annotation.model_dump_json(exclude_defaults=True)) if annotation else None
    )
    indexed = Indexed(
        article_id,
        *_pair(stamps, hashes),
        None,
        row,
        packed,
        tuple("\n".join(v) for v in values),
        tuple(date_bounds(date) for date in doc.dates),
    )
    return indexed, tuple(_grams(v) for v in values)


def _hash(raw: bytes | None) -> str:
    return "" if raw is None else content_hash(raw)


def _pair(stamps: tuple[str, str], hashes: tuple[str, str]) -> tuple[str, str, str, str]:
    return stamps[0], hashes[0], stamps[1], hashes[1]


def _grams(values: list[str]) -> set[str]:
    """The distinct characters and character pairs of the values: a pair across a line break
    is left out, as no query term holds a line break."""
    joined = "\n".join(values)
    singles = set(joined)
    pairs = _pairs(joined)
    if "\n" in singles:
        singles.discard("\n")
        pairs.difference_update([f"{c}\n" for c in singles] + [f"\n{c}" for c in singles])
        pairs.discard("\n\n")
    return pairs | singles


def _pairs(text: str) -> set[str]:
    """The distinct character pairs of `text`. Words come back again and again, so the pairs
    of each word with the spaces around it are kept, and a text's are the union of its
    words' (its first and last word without the space they do not have)."""
    words = text.split(" ")
    if len(words) < 3:
        return set(map(str.__add__, text, text[1:]))
    first, last = f"{words[0]} ", f" {words[-1]}"
    ends = set(map(str.__add__, first, first[1:])) | set(map(str.__add__, last, last[1:]))
    return ends.union(*map(_WORD_PAIRS.__getitem__, words[1:-1]))


class _WordPairs(dict[str, frozenset[str]]):
    """The pairs of " word ", for the most frequent words: the first ones seen, up to a
    bound on what a worker keeps."""

    def __missing__(self, word: str) -> frozenset[str]:
        spaced = f" {word} "
        pairs = frozenset(map(str.__add__, spaced, spaced[1:]))
        if len(self) < WORDS_KEPT:
            self[word] = pairs
        return pairs


WORDS_KEPT = 50_000
_WORD_PAIRS = _WordPairs()
