"""Fetching a page or a feed: http(s) only, a timeout, a size limit, and redirects followed one
at a time (each hop checked), so a source can neither hang an import nor fill the disk."""

from __future__ import annotations

import codecs
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from brief import __version__
from brief.errors import BriefError

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)


class FetchError(BriefError):
    """Why a source could not be fetched, in a few words (its name is said before them)."""


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0  # seconds for the whole of one fetch, redirects included
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after redirects
    content_type: str  # the media type, lowercase, without parameters ("" when not given)
    charset: str | None
    body: bytes


def decoded(body: bytes, charset: str | None) -> bytes | str:
    """A page's body as text in the charset its HTTP header names (the header outranks the
    page's own <meta>, as in browsers), unless a byte order mark is there or Python knows no
    such charset: then the bytes, for the page's own declaration to decide."""
    if charset is None or body.startswith(_BOMS):
        return body
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def too_large_for(limits: Limits) -> str:
    mib = round(limits.max_bytes / 2**20, 2)  # as given: --max-size 0.01, not 0.00999928
    return f"larger than the {mib:g} MiB a source may be (--max-size)"


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


def scheme_of(source: str) -> str | None:
    """The scheme of an address (`ftp` of `ftp://…`, lowercase); None for a file's name."""
    found = _SCHEME.match(source)
    return found.group(1).lower() if found else None


def is_url(source: str) -> bool:
    return scheme_of(source) in ("http", "https")


def check_url(url: str, redirected: bool = False) -> None:
    where = f"redirected to {url}: " if redirected else ""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise FetchError(f"{where}not a valid address ({error})") from error
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{where}only http:// and https:// addresses are fetched")
    if not host:
        raise FetchError(f"{where}not a valid address (no host)")


def fetch(url: str, limits: Limits) -> Fetched:
    """The body at `url`, or FetchError saying what went wrong."""
    import urllib3

    check_url(url)
    deadline = time.monotonic() + limits.timeout
    pool = urllib3.PoolManager(
        headers={"User-Agent": f"brief/{__version__}", "Accept": ACCEPT}, retries=False
    )
    current = url
    try:
        for _ in range(limits.max_redirects + 1):
            left = max(0.1, deadline - time.monotonic())
            response = pool.request(
                "GET",
                current,
                redirect=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=left, read=left),
            )
            try:
                if response.status in (301, 302, 303, 307, 308):
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"HTTP {response.status} without a Location")
                    current = urljoin(current, location)
                    check_url(current, redirected=True)
                    continue
                if response.status >= 400:
                    reason = response.reason or ""
                    raise FetchError(f"HTTP {response.status} {reason}".rstrip())
                return _read(current, response, limits, deadline)
            finally:
                response.release_conn()
        raise FetchError(f"more than {limits.max_redirects} redirects")
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(_reason(error, limits)) from error
    finally:
        pool.clear()


def _read(current: str, response: object, limits: Limits, deadline: float) -> Fetched:
    import urllib3

    assert isinstance(response, urllib3.BaseHTTPResponse)
    declared = response.headers.get("Content-Length")
    too_large = too_large_for(limits)
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(too_large)
    chunks, size = [], 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(too_large)
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {limits.timeout:g} s (--timeout)")
        chunks.append(chunk)
    media, _, parameters = response.headers.get("Content-Type", "").partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ")
    return Fetched(current, media.strip().lower(), charset, b"".join(chunks))


def _reason(error: Exception, limits: Limits) -> str:
    """What went wrong, in a few words. urllib3 2 makes a failed lookup and a refused
    connection kinds of its TimeoutError, so the specific kinds are asked first."""
    import urllib3

    cause = error.__cause__
    if isinstance(error, urllib3.exceptions.NameResolutionError):
        if isinstance(cause, socket.gaierror) and cause.errno in _NO_SUCH_NAME:
            return "no such host"
        return f"cannot look up the host ({_said(cause)})"
    if isinstance(error, urllib3.exceptions.NewConnectionError):
        return f"cannot connect ({_said(cause)})"
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return f"timed out after {limits.timeout:g} s (--timeout)"
    if isinstance(error, urllib3.exceptions.SSLError):
        return "TLS failed (" + str(error).rsplit(":", 1)[-1].strip() + ")"
    if isinstance(error, urllib3.exceptions.ProtocolError):
        return "the connection broke off (" + str(error).rsplit(":", 1)[-1].strip(" ()'") + ")"
    if isinstance(error, urllib3.exceptions.LocationValueError):
        return "not a valid address"
    return str(error)


# getaddrinfo's answers for a name that does not exist (other failures are the lookup's own).
_NO_SUCH_NAME = {
    code for name in ("EAI_NONAME", "EAI_NODATA") if (code := getattr(socket, name, None))
}


def _said(cause: BaseException | None) -> str:
    """An OS error in its own words, lowercase: `connection refused`."""
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror[:1].lower() + cause.strerror[1:]
    return str(cause or "no reason given")
