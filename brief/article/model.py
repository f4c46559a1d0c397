"""An article file read into a clean model: title, paragraphs with their exact source text,
boilerplate and duplicates flagged (never deleted), and the metadata the text states."""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from brief.errors import BriefError
from brief.text.boundary import visible
from brief.text.dates import numeric_date, western_digits, written_dates
from brief.text.files import encoding_of, name_refusal, read_corpus_file, refusal

MAX_BYTES = 64 * 1024 * 1024
TITLE_MAX = 300  # characters: a longer "title" is a paragraph, as a page without headings has
TITLE_WORDS = 120  # characters of its first words that name the article then

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
_BOILERPLATE_MAX = 600  # characters: a caption is at most 25 words, the rest far shorter
_SENTENCE_END = (".", "!", "?", "؟", ":", "؛", "،")
_BULLETS = re.compile(r"^[\s•·*\-–—]+")
_GALLERY_COUNTER = re.compile(r"\s*[\d٠-٩]+\s*/\s*[\d٠-٩]+\s*$")
# News agencies as bylines write them.
AGENCIES = (
    "كونا", "واس", "وام", "قنا", "بنا", "العمانية", "سانا", "وفا", "أ ف ب", "أ.ف.ب",
    "رويترز", "الأناضول", "د ب أ", "شينخوا", "وكالة الأنباء",
)  # fmt: skip
# Each agency as a byline names it: a word of its own (compiled once: every article asks).
_AGENCY_NAMED = [
    (agency, re.compile(rf"(^|[\s\-–(]){re.escape(agency)}($|[\s:\-–)])")) for agency in AGENCIES
]
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
    title_paragraph: int  # the paragraph the title is (0: its first words, which stays shown)
    meta: Metadata
    paragraphs: tuple[Paragraph, ...]


# The controls a layout would drop (BEL, BS, VT, FF, CR: Rich's Text drops them) or end a row
# at (FS, GS, RS, NEL), as a picture, one character for one, so every offset into the article (a
# quote, a match, a selection) stays as it is. Other C1 controls the layout shows itself (¦CSI¦).
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES |= {0x7F: "\u2421", 0x85: "\u2424"}  # ␡, ␤
_PICTURED = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85]")


def controls_pictured(article: Article) -> Article:
    """`article` as it is laid out on a screen: every control in its text, title and header a
    picture (␇) in the control's place."""
    header = {k: v for k, v in dataclasses.asdict(article.meta).items() if isinstance(v, str)}
    if not any(_PICTURED.search(text) for text in (article.text, article.title, *header.values())):
        return article  # the common case: one scan, no copy

    def pictured(text: str) -> str:
        return text.translate(_PICTURES)

    return dataclasses.replace(
        article,
        text=pictured(article.text),
        title=pictured(article.title),
        meta=dataclasses.replace(article.meta, **{k: pictured(v) for k, v in header.items()}),
        paragraphs=tuple(dataclasses.replace(p, text=pictured(p.text)) for p in article.paragraphs),
    )


def short_id(article_id: str) -> str:
    """An article's name in lists and citations: the number its id starts with (`000` of
    `000_99551782ef0ee64d`, `004211` of a large archive's `004211_…`), else the whole id."""
    number, underscore, _ = article_id.partition("_")
    return number if underscore and number else article_id


def article_paths(seeds_dir: Path) -> list[Path]:
    """The article files, and folders named like one (said to be folders when named)."""
    if not seeds_dir.is_dir():
        raise ArticleError(f"{seeds_dir}: no such folder")
    return sorted(p for p in seeds_dir.glob("*.txt") if _is_article(p))


IDS_SHOWN = 5  # candidates an ambiguous reference shows


def refused(path: Path) -> str | None:
    """Why the corpus does not read this article file (its name, a FIFO, a link out of it…)."""
    return name_refusal(path.stem) or refusal(path, path.parent.parent)


def _is_article(path: Path) -> bool:
    """A file the corpus reads (or a folder, which then says it is one), not a FIFO, a
    broken link or a link out of the corpus."""
    if path.is_dir() and not path.is_symlink():
        return True
    return os.path.lexists(path) and refused(path) is None


def resolve_article(
    seeds_dir: Path, ref: str, starting: tuple[list[str], int] | None = None
) -> Path:
    """The article whose id is `ref` or starts with it (a unique prefix: 000). An id is opened
    directly; one the corpus does not read is said why. `starting`, when known (from the
    catalog): the first ids that start with `ref`, in order (IDS_SHOWN of them at least), and
    how many do; else the folder is listed."""
    if ref and not ref.startswith(".") and "/" not in ref and "\0" not in ref:  # a name, no path
        path = seeds_dir / f"{ref}.txt"
        if path.is_dir() and not path.is_symlink():
            return path  # a folder: reading it says it is one
        if os.path.lexists(path):
            reason = refused(path)
            if reason is not None:
                raise ArticleError(f"{path}: {reason}")
            return path
    if starting is None:
        if not seeds_dir.is_dir():
            raise ArticleError(f"{seeds_dir}: no such folder")
        stems = sorted(
            name[:-4]
            for name in os.listdir(seeds_dir)  # only the names that start with ref stat'ed
            if name.endswith(".txt")
            and name.startswith(ref)
            and not name.startswith(".")
            and _is_article(seeds_dir / name)
        )
        starting = stems, len(stems)
    first, count = starting
    if count == 1:
        return seeds_dir / f"{first[0]}.txt"
    if count:
        shown = ", ".join(visible(c, keep="") for c in first[:IDS_SHOWN])
        shown += ", …" if count > IDS_SHOWN else ""
        raise ArticleError(f"{ref!r} matches {count} articles: {shown}")
    raise ArticleError(f"no article {ref!r} in {seeds_dir} (brief list shows the ids)")


def read_article(path: Path, raw: bytes | None = None) -> Article:
    """The article in `path`; `raw`: its bytes, if they were read already."""
    text = _read_text(path, raw)
    paragraphs = _paragraphs(text)
    if not paragraphs:
        raise ArticleError(f"{path}: empty article (no text)")
    title_number, outlet_number = _title(paragraphs)
    title = paragraphs[title_number - 1].text.strip().rstrip(" .")
    if len(title) > TITLE_MAX:  # no headline: a paragraph's first words name it, and it stays
        title, title_number = _first_words(title, TITLE_WORDS), 0
    paragraphs = _flag(paragraphs, title_number, outlet_number)
    outlet = paragraphs[outlet_number - 1].text.strip() if outlet_number else None
    return Article(
        path.stem, path, text, title, title_number, _metadata(paragraphs, outlet), tuple(paragraphs)
    )


def _read_bytes(path: Path) -> bytes:
    if path.is_dir() and not path.is_symlink():
        raise ArticleError(f"{path}: is a directory, not an article")
    try:
        return read_corpus_file(path, MAX_BYTES)
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror or error})") from error


def _first_words(text: str, limit: int) -> str:
    """The words of `text` that fit in `limit` characters, and … (a word longer is cut)."""
    cut = text[: limit + 1]
    if len(cut) <= limit:
        return cut
    shorter = cut.rsplit(maxsplit=1)[0] if " " in cut.strip() else cut[:limit]
    return shorter.rstrip(" .،,") + "…"


def _read_text(path: Path, raw: bytes | None) -> str:
    if raw is None or len(raw) > MAX_BYTES:  # read (again): the read says what is refused
        raw = _read_bytes(path)
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
        len(text) <= 140  # first: a paragraph of megabytes is not split to count its words
        and _boilerplate(text) is None
        and not text.endswith(_SENTENCE_END)
        and len(text.split()) <= 16
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
    if len(first.text.split(maxsplit=3)) <= 3 and following and _is_heading_like(following[0]):
        return following[0].number, first.number
    return first.number, None


def _duplicate_key(text: str) -> str:
    if len(text) > _BOILERPLATE_MAX * 20:  # a page's worth: compared as it stands
        return text
    text = _BULLETS.sub("", text)
    if "/" in text:  # the counter's search costs more than the rest, and needs its "/"
        text = _GALLERY_COUNTER.sub("", text)
    return " ".join(text.split())


def _boilerplate(text: str) -> str | None:
    if len(text) > _BOILERPLATE_MAX:  # every kind is short: a long paragraph is not read
        return None
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


def _latest_reported(body: list[Paragraph]) -> str | None:
    """The latest date the body's paragraphs state: every one is searched, so only when a
    timestamp's day and month could be either way round."""
    return max((d.iso for b in body for d in written_dates(b.text)), default=None)


def _metadata(paragraphs: list[Paragraph], outlet: str | None) -> Metadata:
    """What the byline and timestamp lines state: nothing is guessed from the body."""
    body = [
        p for p in paragraphs if p.boilerplate is None and not p.heading and p.duplicate_of is None
    ]
    # The byline ends at the first colon that is not in a time of day ("10:15").
    byline = re.split(r"(?<!\d):|:(?!\d)", body[0].text, maxsplit=1)[0] if body else ""
    if len(byline) > 160:
        byline = byline[:160]
    published = published_text = None
    for p in paragraphs:
        if p.boilerplate == "timestamp":
            found = numeric_date(p.text, partial(_latest_reported, body)) or next(
                iter(written_dates(p.text)), None
            )
            if found:
                published, published_text = found.iso, p.text.strip()
                break
    if published is None and byline:
        dates = written_dates(byline)
        if dates:
            published, published_text = dates[0].iso, byline[dates[0].start : dates[0].end]
    author = _AUTHOR.search(byline)
    agency = next(
        # The name looked for first (in C): most bylines name no agency.
        (agency for agency, named in _AGENCY_NAMED if agency in byline and named.search(byline)),
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
