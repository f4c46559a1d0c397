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
from brief.ingest.extract import ExtractError, Page, entries_of, kind_of, page_of
from brief.ingest.fetch import FetchError, Limits, fetch, is_url, scheme_of

if TYPE_CHECKING:
    from brief.catalog.sync import Progress

STDIN = "-"
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Outcome:
    """What became of one article: added, skipped, or failed (and why)."""

    origin: str  # the source as named, or a feed's entry in it
    result: Added | Skipped | None = None
    failure: str | None = None


@dataclass
class Counts:
    added: int = 0
    skipped: int = 0
    failed: int = 0


# Told each outcome with how many are done and how many are known so far (a feed's entries
# are known once it is read), and each remark (a feed's number of entries).
Report = Callable[[Outcome, int, int], None]
Remark = Callable[[str], None]


class Importer:
    def __init__(
        self, adding: Adding, limits: Limits, report: Report, remark: Remark, total: int
    ) -> None:
        self.adding = adding
        self.limits = limits
        self.report = report
        self.remark = remark
        self.total = total
        self.counts = Counts()

    def outcome(self, outcome: Outcome) -> None:
        if isinstance(outcome.result, Added):
            self.counts.added += 1
        elif isinstance(outcome.result, Skipped):
            self.counts.skipped += 1
        else:
            self.counts.failed += 1
        done = self.counts.added + self.counts.skipped + self.counts.failed
        self.report(outcome, done, self.total)

    def source(self, source: str, stdin: BinaryIO) -> None:
        """Import one source; a failure is its outcome, never an exception."""
        origin = "standard input" if source == STDIN else source
        try:
            if source == STDIN:
                data = stdin.read(self.limits.max_bytes + 1)
                if len(data) > self.limits.max_bytes:
                    raise FetchError("larger than the --max-size limit")
                self.contents(origin, data, "", None, today())
            elif is_url(source):
                fetched = fetch(source, self.limits)
                self.contents(origin, fetched.body, fetched.content_type, fetched.url, today())
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
        self, origin: str, data: bytes, content_type: str, url: str | None, retrieved: str
    ) -> None:
        kind = kind_of(data, content_type)
        if kind == "feed":
            self.feed(origin, data, url)
        elif kind == "html":
            self.page(origin, page_of(data, url), retrieved)
        else:
            try:
                text = data.decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError as error:
                raise ExtractError(f"not UTF-8 text (byte {error.start})") from error
            source = {"url": url, "retrieved": retrieved}
            self.outcome(Outcome(origin, self.adding.add(text, source, from_text=True)))

    def page(self, origin: str, page: Page, retrieved: str, outlet: str | None = None) -> None:
        source = {
            "url": page.url,
            "outlet": page.outlet or outlet,
            "author": page.author,
            "published": page.published,
            "retrieved": retrieved,
        }
        self.outcome(Outcome(origin, self.adding.add(page.text, source, title=page.title)))

    def feed(self, origin: str, data: bytes, url: str | None) -> None:
        outlet, entries = entries_of(data, url)
        self.total += len(entries) - 1  # the feed stands for its entries from now on
        self.remark(f"{origin}: a feed of {len(entries)} entries")
        for number, entry in enumerate(entries, 1):
            named = f"{origin} #{number}" + (f" ({entry.link})" if entry.link else "")
            try:
                if entry.page is not None:
                    self.page(named, entry.page, today())
                    continue
                known = self.adding.known(entry.link)
                if known is not None:
                    self.outcome(Outcome(named, known))
                    continue
                if not entry.link or not is_url(entry.link):
                    raise ExtractError("the entry has only a summary, and no page to fetch")
                fetched = fetch(entry.link, self.limits)
                if kind_of(fetched.body, fetched.content_type) != "html":
                    raise ExtractError("the entry's link is not an HTML page")
                self.page(named, page_of(fetched.body, fetched.url), today(), outlet)
            except BriefError as error:
                self.outcome(Outcome(named, failure=str(error)))


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
    remark: Remark,
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
    importer = Importer(Adding(root, *known), limits, report, remark, len(sources))
    for source in sources:
        importer.source(source, stdin)
    return importer.counts
