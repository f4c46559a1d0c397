"""An article added to the corpus: a stable, unique id, `seeds/<id>.txt` in brief's article
format, and a draft annotation with its source filled in. What the corpus already has (the same
text, or the same address) is skipped; an article is added whole or not at all."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.annotations.model import URL_PATTERN
from brief.annotations.store import AnnotationFile, write_atomic
from brief.catalog.stamps import content_hash
from brief.errors import BriefError
from brief.text.bidi import is_rtl_text

_NUMBERED = re.compile(r"^(\d+)_")


@dataclass(frozen=True)
class Added:
    article_id: str
    title: str


@dataclass(frozen=True)
class Skipped:
    reason: str
    article_id: str


class Adding:
    """Adds articles to one corpus, knowing what it has: the catalog's hashes of the article
    files and the addresses their annotations give, and what this run added."""

    def __init__(self, root: Path, hashes: dict[str, str], urls: dict[str, str]) -> None:
        self.root = root
        self.hashes = dict(hashes)
        self.urls = dict(urls)
        numbers = [
            int(found.group(1))
            for path in (root / "seeds").glob("*.txt")
            if (found := _NUMBERED.match(path.name))
        ]
        self.next_number = max(numbers, default=-1) + 1

    def known(self, url: str | None) -> Skipped | None:
        """The article an address was imported as, if it was."""
        if url and url in self.urls:
            return Skipped(f"already imported from {url}", self.urls[url])
        return None

    def add(
        self,
        text: str,
        source: dict[str, Any],
        title: str | None = None,
        from_text: bool = False,
        notes: str | None = None,
    ) -> Added | Skipped:
        """Add an article (its text as it will stay) and its draft annotation: `source` as
        the annotation's source (with `from_text`, what the article's own lines state fills
        the rest: outlet, author, agency, dateline, date), `title` as its title (default: the
        article's own), `notes` as its notes."""
        from brief.article.model import ArticleError, read_article

        if not any(unicodedata.category(char)[0] in "LMNPS" for char in text):
            raise BriefError("empty article, nothing imported")  # blanks or invisibles alone
        data = text.encode("utf-8")
        digest = content_hash(data)
        if digest in self.hashes:
            return Skipped("the same text is already there", self.hashes[digest])
        url = source.get("url")
        if url is not None and not re.match(URL_PATTERN, url):
            source = {key: value for key, value in source.items() if key != "url"}
            url = None
        known = self.known(url)
        if known is not None:
            return known
        article_id = f"{self.next_number:03d}_{digest[:16]}"
        path = self.root / "seeds" / f"{article_id}.txt"
        if path.exists():
            raise BriefError(f"{path} is there already: nothing was written")
        write_atomic(path, text)
        try:
            try:
                article = read_article(path)  # an article brief cannot read is not added
            except ArticleError as error:  # said of the source: the file is not kept
                raise BriefError(str(error).removeprefix(f"{path}: ")) from error
            title = title or article.title
            if from_text:
                meta = article.meta
                stated = {
                    "outlet": meta.outlet,
                    "agency": meta.agency,
                    "author": meta.author,
                    "dateline": meta.dateline,
                    "published": meta.published,
                }
                source = {**stated, **{k: v for k, v in source.items() if v}}
            annotation = AnnotationFile.open(self.root, article_id)
            annotation.set_field("title", {"ar" if is_rtl_text(title) else "en": title})
            annotation.set_field("source", {k: v for k, v in source.items() if v})
            annotation.set_field("notes", notes)
            annotation.save()
        except BaseException:
            path.unlink(missing_ok=True)  # an article is added whole or not at all
            raise
        self.next_number += 1
        self.hashes[digest] = article_id
        if url:
            self.urls[url] = article_id
        return Added(article_id, title)


def today() -> str:
    return dt.date.today().isoformat()
