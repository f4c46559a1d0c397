"""An article file read into a clean model: title, paragraphs with their exact source text,
boilerplate and duplicates flagged (never deleted), and the metadata the text states."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from brief.errors import BriefError
from brief.text.boundary import visible
from brief.text.dates import numeric_date, western_digits, written_dates
from brief.text.files import encoding_of, name_refusal, read_corpus_file, refusal

MAX_BYTES = 64 * 1024 * 1024

# Boilerplate, by the whole (stripped) text of a paragraph.
_BOILERPLATE_TEXT = {
    "شارك": "share-button",
    "مشاركة": "share-button",
    "share": "share-button",
    "advertisements": "advertisement",
    "advertisement": "advertisement",
    "إعلان": "advertisement",
    "قد تقرأ أيضا": "read-also",
    "قد تقرأ أيضاً": "read-also",
    "اقرأ أيضا": "read-also",
    "اقرأ أيضاً": "read-also",
    "إقرأ أيضا": "read-also",
    "اقرأ المزيد": "read-also",
}
# Words a page glues to the next text when it is flattened ("قد تقرأ أيضاأكد كومان…").
_GLUED_WORDS = [
    *sorted((w for w in _BOILERPLATE_TEXT if not w.isascii()), key=len, reverse=True),
    "Advertisements",
]
_COUNTER = re.compile(r"^[\d٠-٩]{1,6}$")
_RELATIVE_TIME = re.compile(
    r"^(منذ|قبل)\s+([\d٠-٩]+\s+)?(ثانية|ثوان|دقيقة|دقائق|ساعة|ساعات|يوم|أيام|يومين|أسبوع|أسابيع|"
    r"شهر|شهور|أشهر|شهرين|سنة|سنوات|عام|أعوام)$"
)
_PHOTO_CREDIT = re.compile(r"\((تصوير|صورة|الصورة|أرشيفية)[^)]*\)")
_TIMESTAMP_MAX = 60  # a line longer than this is not a bare timestamp
_SENTENCE_END = (".", "!", "?", "؟", ":", "؛", "،")
_BULLETS = re.compile(r"^[\s•·*\-–—]+")
_GALLERY_COUNTER = re.compile(r"\s*[\d٠-٩]+\s*/\s*[\d٠-٩]+\s*$")
# News agencies as bylines write them.
AGENCIES = (
    "كونا", "واس", "وام", "قنا", "بنا", "العمانية", "سانا", "وفا", "أ ف ب", "أ.ف.ب",
    "رويترز", "الأناضول", "د ب أ", "شينخوا", "وكالة الأنباء",
)  # fmt: skip
_AUTHOR = re.compile(r"كتب(?:ت)?\s+([^-–:]+?)\s*[-–]")
_OUTLET_DATELINE = re.compile(r"^(?P<outlet>[^_]{3,60}?)\s*_(?P<city>\S+)")


class ArticleError(BriefError):
    """An article that cannot be read, said in one line."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based and stable, for citing: every non-blank paragraph has one
    text: str  # exact source characters
    line: int  # 1-based line of the source file
    start: int  # offset of `text` in Article.text
    boilerplate: str | None  # why it is not content ("share-button", "caption"…), else None
    duplicate_of: int | None  # number of the earlier paragraph it repeats
    heading: bool  # the title or a sub-heading


@dataclass(frozen=True, slots=True)
class Metadata:
    outlet: str | None
    author: str | None
    agency: str | None
    dateline: str | None  # the city the story is filed from, as written
    published: str | None  # ISO 8601
    published_text: str | None  # the source text the date was read from


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    path: Path
    text: str
    title: str
    title_paragraph: int
    meta: Metadata
    paragraphs: tuple[Paragraph, ...]


def short_id(article_id: str) -> str:
    """An article's name in lists and citations: the number its id starts with (`000` of
    `000_99551782ef0ee64d`, `004211` of a large archive's `004211_…`), else the whole id."""
    number, underscore, _ = article_id.partition("_")
    return number if underscore and number else article_id


def article_paths(seeds_dir: Path) -> list[Path]:
    """The article files, and folders named like one (said to be folders when named)."""
    if not seeds_dir.is_dir():
        raise ArticleError(f"{seeds_dir}: no such folder")
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_dir() or not refused(p))


def refused(path: Path) -> str | None:
    """Why the corpus does not read this article file (its name, a FIFO, a link out of it…)."""
    return name_refusal(path.stem) or refusal(path, path.parent.parent)


def resolve_article(seeds_dir: Path, ref: str) -> Path:
    """The article whose id is `ref` or starts with it (a unique prefix: 000). A file the
    corpus does not read is named only in full, and then said why."""
    named = seeds_dir / f"{ref}.txt"
    if (
        "/" not in ref
        and os.path.lexists(named)
        and not (named.is_dir() and not named.is_symlink())
    ):
        reason = refused(named)
        if reason is not None:
            raise ArticleError(f"{named}: {reason}")
    paths = {p.stem: p for p in article_paths(seeds_dir)}
    if ref in paths:
        return paths[ref]
    candidates = sorted(stem for stem in paths if stem.startswith(ref))
    if len(candidates) == 1:
        return paths[candidates[0]]
    if candidates:
        shown = ", ".join(visible(c, keep="") for c in candidates[:5])
        shown += ", …" if len(candidates) > 5 else ""
        raise ArticleError(f"{ref!r} matches {len(candidates)} articles: {shown}")
    raise ArticleError(f"no article {ref!r} in {seeds_dir} (brief list shows the ids)")


def read_article(path: Path) -> Article:
    text = _read_text(path)
    paragraphs = _paragraphs(text)
    if not paragraphs:
        raise ArticleError(f"{path}: empty article (no text)")
    title_number, outlet_number = _title(paragraphs)
    title_paragraph = paragraphs[title_number - 1]
    paragraphs = _flag(paragraphs, title_number, outlet_number)
    title = title_paragraph.text.strip().rstrip(" .")
    outlet = paragraphs[outlet_number - 1].text.strip() if outlet_number else None
    return Article(
        path.stem, path, text, title, title_number, _metadata(paragraphs, outlet), tuple(paragraphs)
    )


def _read_text(path: Path) -> str:
    if path.is_dir() and not path.is_symlink():
        raise ArticleError(f"{path}: is a directory, not an article")
    try:
        raw = read_corpus_file(path, MAX_BYTES)
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror or error})") from error
    known = encoding_of(raw) if b"\x00" in raw else None  # UTF-16, or binary data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        known = encoding_of(raw)
        where = f"invalid byte 0x{raw[error.start]:02x} at offset {error.start}"
        raise ArticleError(f"{path}: {known or f'not UTF-8 text ({where})'}") from error
    if known:
        raise ArticleError(f"{path}: {known}")
    return text.removeprefix("\ufeff")


def _paragraphs(text: str) -> list[Paragraph]:
    """Every non-blank line, a boilerplate word glued to its text split off."""
    found: list[Paragraph] = []
    offset = 0
    for line_number, line in enumerate(text.split("\n"), 1):
        content = line.removesuffix("\r")
        if content.strip():
            for piece_start, piece in _split_glued(content):
                found.append(
                    Paragraph(
                        len(found) + 1, piece, line_number, offset + piece_start, None, None, False
                    )
                )
        offset += len(line) + 1
    return found


def _split_glued(line: str) -> list[tuple[int, str]]:
    """ "قد تقرأ أيضاأكد كومان…" is two paragraphs. Split only where the rest starts a new word
    (a hamza on alef, or the article ال), so "شاركت الأمانة…" stays whole."""
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    for word in _GLUED_WORDS:
        if stripped.startswith(word) and len(stripped) > len(word):
            rest = stripped[len(word) :]
            if (
                rest[0] in "أإآ"
                or rest.startswith("ال")
                or (word.isascii() and not rest[0].islower())
            ):
                cut = lead + len(word)
                return [(0, line[:cut]), (cut, line[cut:])]
    return [(0, line)]


def _is_heading_like(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    return (
        _boilerplate(text) is None
        and not text.endswith(_SENTENCE_END)
        and len(text.split()) <= 16
        and len(text) <= 140
    )


def _title(paragraphs: list[Paragraph]) -> tuple[int, int | None]:
    """(title paragraph, outlet paragraph or None). The headline is the first short line with
    no sentence-final punctuation among the first few; a lede sentence or a timestamp before it
    is not a title. A line of at most three words right before another heading is the outlet's
    name (seed 000: "حال الكويت"). Without such a line, the first content paragraph is it."""
    head = [p for p in paragraphs[:6] if _boilerplate(p.text.strip()) is None]
    candidates = [p for p in head if _is_heading_like(p)]
    if not candidates:
        return (head[0] if head else paragraphs[0]).number, None
    first = candidates[0]
    following = [p for p in head if p.number > first.number]
    if len(first.text.split()) <= 3 and following and _is_heading_like(following[0]):
        return following[0].number, first.number
    return first.number, None


def _duplicate_key(text: str) -> str:
    text = _GALLERY_COUNTER.sub("", _BULLETS.sub("", text))
    return " ".join(text.split())


def _boilerplate(text: str) -> str | None:
    reason = _BOILERPLATE_TEXT.get(text.lower())
    if reason:
        return reason
    if _COUNTER.match(text):
        return "counter"
    if _RELATIVE_TIME.match(text):
        return "relative-time"
    if _PHOTO_CREDIT.search(text) and len(text.split()) <= 25:
        return "caption"
    if len(text) <= _TIMESTAMP_MAX:
        digits = western_digits(text)
        date = numeric_date(digits) or next(iter(written_dates(digits)), None)
        if date and len(text) - (date.end - date.start) <= 12:
            return "timestamp"
    return None


def _flag(paragraphs: list[Paragraph], title: int, outlet: int | None) -> list[Paragraph]:
    flagged: list[Paragraph] = []
    seen: dict[str, int] = {}
    for p in paragraphs:
        text = p.text.strip()
        reason = "outlet" if p.number == outlet else _boilerplate(text)
        key = _duplicate_key(text)
        duplicate_of = seen.get(key) if reason is None and len(key) > 3 else None
        if duplicate_of is None and reason is None:
            seen.setdefault(key, p.number)
        heading = p.number == title or (
            reason is None and p.number > title and _is_heading_like(p) and len(text.split()) >= 3
        )
        if duplicate_of is not None:
            heading = flagged[duplicate_of - 1].heading
        flagged.append(Paragraph(p.number, p.text, p.line, p.start, reason, duplicate_of, heading))
    return flagged


def _metadata(paragraphs: list[Paragraph], outlet: str | None) -> Metadata:
    """What the byline and timestamp lines state: nothing is guessed from the body."""
    body = [
        p for p in paragraphs if p.boilerplate is None and not p.heading and p.duplicate_of is None
    ]
    # The byline ends at the first colon that is not in a time of day ("10:15").
    byline = re.split(r"(?<!\d):|:(?!\d)", body[0].text, maxsplit=1)[0] if body else ""
    if len(byline) > 160:
        byline = byline[:160]
    latest_reported = max((d.iso for p in body for d in written_dates(p.text)), default=None)
    published = published_text = None
    for p in paragraphs:
        if p.boilerplate == "timestamp":
            found = numeric_date(p.text, latest_reported) or next(iter(written_dates(p.text)), None)
            if found:
                published, published_text = found.iso, p.text.strip()
                break
    if published is None and byline:
        dates = written_dates(byline)
        if dates:
            published, published_text = dates[0].iso, byline[dates[0].start : dates[0].end]
    author = _AUTHOR.search(byline)
    agency = next(
        (a for a in AGENCIES if re.search(rf"(^|[\s\-–(]){re.escape(a)}($|[\s:\-–)])", byline)),
        None,
    )
    dateline = None
    segments = [s.strip(" :") for s in re.split(r"\s[-–]\s", byline)]
    for segment in segments[1:]:
        if (
            segment
            and segment != agency
            and len(segment.split()) <= 2
            and not any(c.isdigit() for c in segment)
        ):
            dateline = segment
            break
    outlet_dateline = _OUTLET_DATELINE.match(body[0].text) if body else None
    if outlet_dateline:
        outlet = outlet or outlet_dateline.group("outlet").strip()
        dateline = dateline or outlet_dateline.group("city")
    return Metadata(
        outlet=outlet,
        author=author.group(1).strip() if author else None,
        agency=agency,
        dateline=dateline,
        published=published,
        published_text=published_text,
    )
