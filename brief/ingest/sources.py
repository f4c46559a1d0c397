"""Each source named on the command line (a saved page, a feed as a file or an address, a page's
address, a text file, `-` for standard input) imported in turn: every article it holds added,
skipped when the corpus has it, or failed with one line that names it."""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit
from urllib.request import url2pathname

from brief.errors import BriefError
from brief.ingest.adding import Added, Adding, Skipped, today
from brief.ingest.extract import Entry, ExtractError, Page, entries_of, kind_of, page_of
from brief.ingest.fetch import (
    FetchError,
    Limits,
    decoded,
    fetch,
    is_url,
    scheme_of,
    too_large_for,
)

if TYPE_CHECKING:
    from brief.catalog.sync import Progress

STDIN = "-"
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Place:
    """Which entry of a feed an article is: its number of how many, its title and link."""

    number: int
    count: int
    title: str
    link: str | None


@dataclass(frozen=True)
class Outcome:
    """What became of one article: added, skipped, or failed (and why); or, with none of
    these, a note on the way (a feed's number of entries)."""

    origin: str  # the source as named
    result: Added | Skipped | None = None
    failure: str | None = None
    entry: Place | None = None  # the feed's entry it is, if it is one
    note: str | None = None


@dataclass
class Counts:
    added: int = 0
    skipped: int = 0
    failed: int = 0


# Told each outcome and note with the number of its source and how many sources there are.
Report = Callable[[Outcome, int, int], None]


class Importer:
    def __init__(self, adding: Adding, limits: Limits, report: Report, total: int) -> None:
        self.adding = adding
        self.limits = limits
        self.report = report
        self.number = 0  # of the source being imported
        self.total = total
        self.counts = Counts()

    def outcome(self, outcome: Outcome) -> None:
        if isinstance(outcome.result, Added):
            self.counts.added += 1
        elif isinstance(outcome.result, Skipped):
            self.counts.skipped += 1
        elif outcome.failure is not None:
            self.counts.failed += 1
        self.report(outcome, self.number, self.total)

    def source(self, source: str, stdin: BinaryIO) -> None:
        """Import one source; a failure is its outcome, never an exception."""
        self.number += 1
        origin = "standard input" if source == STDIN else source
        try:
            if source == STDIN:
                data = stdin.read(self.limits.max_bytes + 1)
                if len(data) > self.limits.max_bytes:
                    raise FetchError(too_large_for(self.limits))
                self.contents(origin, data, "", None, today())
            elif is_url(source):
                fetched = fetch(source, self.limits)
                self.contents(
                    origin,
                    fetched.body,
                    fetched.content_type,
                    fetched.url,
                    today(),
                    fetched.charset,
                )
            else:
                data, retrieved = self.file(file_path(source))
                self.contents(origin, data, "", None, retrieved)
        except BriefError as error:
            self.outcome(Outcome(origin, failure=str(error)))

    def file(self, path: Path) -> tuple[bytes, str]:
        """A file's bytes and the day it was saved; only a regular file is read (a FIFO is
        never waited on)."""
        from brief.text.files import read_regular_file

        try:
            if path.is_dir():
                raise ExtractError("a folder: name its files (brief import DIR/*.html)")
            data = read_regular_file(path, self.limits.max_bytes)
            saved = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
        except OSError as error:
            if error.errno == errno.EFBIG:
                raise ExtractError(f"{error.strerror} (--max-size)") from error
            raise ExtractError(f"cannot read: {error.strerror or error}") from error
        return data, saved

    def contents(
        self,
        origin: str,
        data: bytes,
        content_type: str,
        url: str | None,
        retrieved: str,
        charset: str | None = None,  # the one an HTTP header names
    ) -> None:
        kind = kind_of(data, content_type)
        if kind == "feed":
            self.feed(origin, data, url)
        elif kind == "html":
            self.page(origin, page_of(decoded(data, charset), url), retrieved)
        else:
            text = decoded(data, charset)
            if isinstance(text, bytes):
                try:
                    text = text.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise ExtractError(f"not UTF-8 text (byte {error.start})") from error
            text = text.removeprefix("\ufeff")
            source = {"url": url, "retrieved": retrieved}
            self.outcome(Outcome(origin, self.adding.add(text, source, from_text=True)))

    def page(
        self,
        origin: str,
        page: Page,
        retrieved: str,
        outlet: str | None = None,
        entry: Place | None = None,
        notes: str | None = None,
    ) -> None:
        source = {
            "url": page.url,
            "outlet": page.outlet or outlet,
            "author": page.author,
            "published": page.published,
            "retrieved": retrieved,
        }
        added = self.adding.add(page.text, source, title=page.title, notes=notes)
        self.outcome(Outcome(origin, added, entry=entry))

    def feed(self, origin: str, data: bytes, url: str | None) -> None:
        outlet, entries = entries_of(data, url)
        count = f"{len(entries)} entries" if len(entries) != 1 else "1 entry"
        self.outcome(Outcome(origin, note=f"a feed of {count}"))
        for number, entry in enumerate(entries, 1):
            place = Place(number, len(entries), entry.title, entry.link)
            try:
                self.entry(origin, entry, place, outlet)
            except BriefError as error:
                self.outcome(Outcome(origin, failure=str(error), entry=place))

    def entry(self, origin: str, entry: Entry, place: Place, outlet: str | None) -> None:
        """A feed's entry: its text in the feed, else its page, else its summary."""
        if entry.page is not None:
            self.page(origin, entry.page, today(), entry=place)
            return
        known = self.adding.known(entry.link)
        if known is not None:
            self.outcome(Outcome(origin, known, entry=place))
            return
        try:
            page = self.linked_page(entry.link)
        except BriefError as error:
            if entry.summary is None:
                raise ExtractError(f"{error}; the entry has no summary either") from error
            said = f"{error}; its summary was imported instead"
            self.outcome(Outcome(origin, entry=place, note=said))
            notes = f"The text is the feed's summary, as on {today()} {error}."
            self.page(origin, entry.summary, today(), entry=place, notes=notes)
            return
        self.page(origin, page, today(), outlet, entry=place)

    def linked_page(self, link: str | None) -> Page:
        """The page an entry links to, or BriefError saying why it cannot be had."""
        if not link:
            raise ExtractError("it has no link to a page")
        if not is_url(link):
            raise ExtractError("its link is not an http(s) address")
        try:
            fetched = fetch(link, self.limits)
        except FetchError as error:
            raise FetchError(f"its page could not be fetched: {error}") from error
        if kind_of(fetched.body, fetched.content_type) != "html":
            raise ExtractError("its page is not an HTML page")
        try:
            return page_of(decoded(fetched.body, fetched.charset), fetched.url)
        except ExtractError as error:
            raise ExtractError(f"its page could not be read: {error}") from error


def file_path(source: str) -> Path:
    """The file a source names: a path, or a file:// address on this machine; any other
    address (ftp://, …) is refused, as only http(s) is fetched."""
    scheme = scheme_of(source)
    if scheme is None:
        return Path(source)
    if scheme != "file":
        raise FetchError("only http:// and https:// addresses are fetched")
    parts = urlsplit(source)
    if parts.netloc not in ("", "localhost"):
        raise FetchError("a file:// address names a file on this machine (file:///PATH)")
    return Path(url2pathname(parts.path))


def import_sources(
    root: Path,
    sources: list[str],
    stdin: BinaryIO,
    report: Report,
    limits: Limits = DEFAULT_LIMITS,
    known: tuple[dict[str, str], dict[str, str]] | None = None,
    progress: Progress | None = None,
) -> Counts:
    """Import every source into the corpus at `root`. `known`: what the corpus has (the
    catalog's hashes and addresses), read from its catalog when not given (`progress`: of
    bringing the catalog in step first)."""
    if known is None:
        from brief.corpus import open_corpus

        corpus = open_corpus(root, progress)
        try:
            known = corpus.catalog.known_sources()
        finally:
            corpus.catalog.close()
    importer = Importer(Adding(root, *known), limits, report, len(sources))
    for source in sources:
        importer.source(source, stdin)
    return importer.counts
