"""What an article is made of, from what a source holds: a page's main text and metadata
(trafilatura: title, date, author, site name, canonical address), a feed's entries (feedparser),
or a text file already in brief's article format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Literal

from brief.errors import BriefError

Kind = Literal["html", "feed", "text"]
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class ExtractError(BriefError):
    """A source that holds no article brief can read, said in one line."""


@dataclass(frozen=True)
class Page:
    """An article as extracted: its text as the source has it, and what is known of it."""

    title: str
    paragraphs: tuple[str, ...]
    url: str | None = None  # the canonical address, else where it was read
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date

    @property
    def text(self) -> str:
        """brief's article format: the title first, then one paragraph a line."""
        return "\n\n".join((self.title, *self.paragraphs)) + "\n"


@dataclass(frozen=True)
class Entry:
    """One entry of a feed: its article when the feed holds its text (`page`); else its page
    is fetched from `link`, and its summary as an article (`summary`) stands in when that
    page cannot be had."""

    link: str | None
    title: str
    page: Page | None
    summary: Page | None


def kind_of(data: bytes, content_type: str = "") -> Kind:
    """What the bytes are: a page, a feed or text; ExtractError for anything else."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    looks_feed = any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
    looks_html = head.startswith((b"<!doctype html", b"<html")) or any(
        tag in head for tag in (b"<html", b"<body", b"<head", b"<p>", b"<article")
    )
    if content_type in _FEED_TYPES or (content_type in _XML_TYPES and looks_feed):
        return "feed"
    if content_type in _HTML_TYPES:
        return "html"
    if content_type and content_type != "text/plain" and content_type not in _XML_TYPES:
        raise ExtractError(f"not an HTML page, a feed or text (Content-Type: {content_type})")
    if head.startswith(b"<?xml") or looks_feed:
        return "feed" if looks_feed else "html"
    if looks_html:
        return "html"
    if b"\x00" in data[:8192]:
        raise ExtractError("a binary file, not an HTML page, a feed or text")
    return "text"


def _clean(text: str | None) -> str | None:
    text = " ".join(text.split()) if text else ""
    return text or None


def _paragraphs(text: str, title: str) -> tuple[str, ...]:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    kept = [line for line in lines if line]
    if kept and kept[0] == title:  # the headline, which the file already starts with
        kept = kept[1:]
    return tuple(kept)


def _extracted(html: bytes | str, url: str | None = None) -> Any:
    """trafilatura's reading of a page: main text without navigation, share buttons, related
    links, ads or comments; None when it finds no text."""
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )


def page_of(html: bytes | str, url: str | None = None) -> Page:
    """The main text and metadata of a web page."""
    found = _extracted(html, url)
    if found is None or not found.text:
        raise ExtractError("no article text found in the page")
    title = _clean(found.title)
    paragraphs = _paragraphs(found.text, title or "")
    if title is None:
        if len(paragraphs) < 2:
            raise ExtractError("no title and too little text to take one from")
        title, paragraphs = paragraphs[0], paragraphs[1:]
    if not paragraphs:
        raise ExtractError("a title but no article text in the page")
    return Page(
        title=title,
        paragraphs=paragraphs,
        url=_clean(found.url) or url,
        outlet=_clean(found.sitename),
        author=_clean(found.author),
        published=_clean(found.date),
    )


def entries_of(data: bytes, url: str | None = None) -> tuple[str | None, list[Entry]]:
    """The feed's title (the outlet) and its entries, newest as the feed orders them."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url or ""})
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if parsed.get("bozo") and problem else ""
        raise ExtractError(f"not a feed, or a feed with no entries{detail}")
    outlet = _clean(parsed.feed.get("title"))
    return outlet, [_entry(entry, outlet) for entry in parsed.entries]


def _entry(entry: Any, outlet: str | None) -> Entry:
    """An entry whose content is the article's text is a page already; one with only a
    summary is not (its page is fetched)."""
    title = _clean(entry.get("title")) or ""
    link = _clean(entry.get("link"))
    parts = entry.get("content") or []
    html = "".join(part.get("value", "") for part in parts if "html" in part.get("type", ""))
    found = _extracted(f"<html><body><article>{html}</article></body></html>") if html else None
    paragraphs = _paragraphs(found.text, title) if found is not None and found.text else ()
    summary = entry.get("summary") or ""
    if "html" in (entry.get("summary_detail") or {}).get("type", "html"):
        summary = _html_text(summary)
    summarised = _paragraphs(summary, title)

    def article(title: str, paragraphs: tuple[str, ...]) -> Page | None:
        if not (title and paragraphs):
            return None
        author, published = _clean(entry.get("author")), _published(entry)
        return Page(title, paragraphs, link, outlet, author, published)

    if not title and len(summarised) > 1:  # a summary's first line is the best title left
        summary_page = article(summarised[0], summarised[1:])
    else:
        summary_page = article(title, summarised)
    return Entry(link, title, article(title, paragraphs), summary_page)


class _HtmlText(HTMLParser):
    """The text of a bit of HTML (a feed's summary), a line for each block in it."""

    BLOCKS = frozenset(
        ("p", "div", "br", "li", "ul", "ol", "blockquote", "tr", "table", "h1", "h2", "h3")
    )
    HIDDEN = frozenset(("script", "style"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _published(entry: Any) -> str | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return dt.date(moment.tm_year, moment.tm_mon, moment.tm_mday).isoformat()
