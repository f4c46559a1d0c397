"""One article as the catalog indexes it: read, folded, hashed and split into the values of
its full-text columns. Runs in worker processes during a large build, so it returns plain
values. Plain Python, no UI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from brief.article.model import ArticleError
from brief.catalog.query import date_bounds
from brief.catalog.stamps import file_hash, stamp


@dataclass(frozen=True, slots=True)
class Indexed:
    """One article read, folded and hashed in a worker: plain values, cheap to pass back."""

    id: str
    article_stamp: str
    article_hash: str
    annotation_stamp: str
    annotation_hash: str
    error: str | None
    row: tuple[object, ...]  # published, title, title_visual, outlet, paragraphs, status, ...
    columns: tuple[str, ...]  # trigram columns, in COLUMNS order
    grams: tuple[str, ...]
    dates: tuple[tuple[str, str], ...]
    unchanged: bool = False  # the bytes are those indexed: only the stamps moved


def index_article(job: tuple[Path, str, tuple[object, ...] | None]) -> Indexed:
    # Imported here: a catalog in step with the files answers without them.
    from brief.annotations.load import load_annotation
    from brief.article.model import read_article
    from brief.catalog.query import build_document
    from brief.text.bidi import visual_line

    root, article_id, old_hashes = job
    article_file = root / "seeds" / f"{article_id}.txt"
    annotation_file = root / "annotations" / f"{article_id}.yaml"
    stamps = (stamp(article_file) or "", stamp(annotation_file) or "")  # "": not read
    hashes = (file_hash(article_file), file_hash(annotation_file) if stamps[1] else "")
    if old_hashes is not None and tuple(old_hashes) == hashes:
        return Indexed(article_id, *_pair(stamps, hashes), None, (), (), (), (), unchanged=True)
    try:
        article = read_article(article_file)
    except ArticleError as error:  # kept as why, without the path: brief says it as it is
        why = str(error).removeprefix(f"{article_file}: ")
        empty = (None, article_id, article_id, None, 0, None, 0, 0, None)
        return Indexed(article_id, *_pair(stamps, hashes), why, empty, (), (), ())
    annotation, problems = None, 0
    if stamps[1]:
        loaded = load_annotation(annotation_file)
        annotation, problems = loaded.annotation, len(loaded.problems)
    doc = build_document(article, annotation)
    values = [
        [doc.text],
        doc.fields["all"],
        doc.fields["who"],
        doc.fields["where"],
        doc.fields["decision"],
        doc.fields["status"],
        doc.fields["tag"],
    ]
    # What the text does not state, its annotation's source may (an imported page's date).
    source = annotation.source if annotation else None
    row = (
        article.meta.published or (source.published if source else None),
        article.title,
        visual_line(article.title),
        article.meta.outlet or (source.outlet if source else None),
        len(article.paragraphs),
        annotation.status if annotation else None,
        len(annotation.items()) if annotation else 0,
        problems,
        annotation.model_dump_json() if annotation else None,
    )
    return Indexed(
        article_id,
        *_pair(stamps, hashes),
        None,
        row,
        tuple("\n".join(v) for v in values),
        tuple(_grams(v) for v in values),
        tuple(date_bounds(date) for date in doc.dates),
    )


def _pair(stamps: tuple[str, str], hashes: tuple[str, str]) -> tuple[str, str, str, str]:
    return stamps[0], hashes[0], stamps[1], hashes[1]


def _grams(values: list[str]) -> str:
    """The distinct characters and character pairs of each value, as ASCII tokens. A pair
    across a line break is left out: no query term holds a line break."""
    joined = "\n".join(values)
    grams = set(joined) | set(map(str.__add__, joined, joined[1:]))
    return "\n".join(g for g in grams if "\n" not in g).translate(_TOKENS)


def hex_tokens(text: str) -> str:
    return text.translate(_TOKENS)


class _HexTable(dict[int, str]):
    """str.translate table: each character to six hex digits, a line break to a space."""

    def __missing__(self, code: int) -> str:
        self[code] = value = f"{code:06x}"
        return value


_TOKENS = _HexTable({ord("\n"): " "})
