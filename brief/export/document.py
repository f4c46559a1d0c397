"""A brief as a document of blocks and runs, before any format: the builder says what the
brief holds, and each format's renderer alone turns the runs' text (from articles,
annotations and brief files) into document text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

ARABIC = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
# A stretch of Arabic inside other text: from an Arabic letter to the last one before a Latin
# letter, with the spaces, digits and punctuation between them.
_ARABIC_STRETCH = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
    "(?:[^A-Za-z\u00c0-\u024f]*[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff])?"
)


def segments(text: str) -> list[tuple[str, bool]]:
    """Text cut into stretches of Arabic (True) and the rest (False), so a quote in Arabic
    inside an English note keeps its own direction."""
    if ARABIC.search(text) is None:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    at = 0
    for found in _ARABIC_STRETCH.finditer(text):
        if found.start() > at:
            out.append((text[at : found.start()], False))
        out.append((found.group(), True))
        at = found.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


@dataclass(frozen=True, slots=True)
class Run:
    """Text in one language: "ar" is laid out right to left wherever it lands."""

    text: str
    lang: str = "en"
    strong: bool = False
    cite: bool = False  # a citation (000 ¶7): kept left to right in an Arabic page
    link: bool = False  # an address (a source's URL): a link where it is a safe one


Inline = tuple[Run, ...]


def en(text: str, strong: bool = False) -> Run:
    return Run(text, "en", strong)


def ar(text: str, strong: bool = False) -> Run:
    return Run(text, "ar", strong)


def address(url: str) -> Run:
    """A source's URL: a link in every format when `linkable`, else its text."""
    return Run(url, "en", link=True)


# What stays as it is in a link's address; the rest (spaces, controls, bidi controls, letters
# outside ASCII, quotes, angle brackets, backslashes) is percent-encoded.
_ADDRESS_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def linkable(url: str) -> str | None:
    """`url` as the target of a link: an http(s) address with a host, percent-encoded where a
    document could misread it; None for anything else (shown as text, not followed)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url.strip(), safe=_ADDRESS_SAFE)


def either(text: str, strong: bool = False) -> Run:
    """A run in the script most of its letters are written in (an English note may quote
    Arabic: the renderers give such stretches their own direction)."""
    letters = _LETTER.findall(text)
    arabic = sum(1 for letter in letters if ARABIC.match(letter))
    return Run(text, "ar" if arabic * 2 > len(letters) else "en", strong)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 to 4
    inline: Inline


@dataclass(frozen=True, slots=True)
class Para:
    inline: Inline
    lang: str | None = None  # "ar": a right-to-left paragraph in a left-to-right page
    warning: bool = False  # shown with a warning mark (a discrepancy)


@dataclass(frozen=True, slots=True)
class ListItem:
    inline: Inline
    children: tuple[Inline, ...] = ()
    warning: bool = False


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: Inline  # one run per column
    rows: tuple[tuple[Inline, ...], ...]


Block = Heading | Para | Bullets | Table


@dataclass
class Document:
    """The brief: its language ("en", "ar" or "both"), front matter and blocks."""

    lang: str
    title: str
    front: dict[str, Any]
    blocks: list[Block] = field(default_factory=list)

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"


def runs_of(blocks: list[Block]) -> list[Run]:
    """Every run of these blocks, in order."""
    out: list[Run] = []
    for block in blocks:
        if isinstance(block, Heading | Para):
            out += block.inline
        elif isinstance(block, Bullets):
            for entry in block.items:
                out += entry.inline
                for child in entry.children:
                    out += child
        else:
            out += block.header
            for row in block.rows:
                for cell in row:
                    out += cell
    return out
