"""A Markdown brief of a selection of articles, ready to send.

Arabic stays in logical order, inside explicit direction markup that GitHub and pandoc honour
(`<div dir="rtl" lang="ar">` blocks, `<bdi>` inline). Everything that comes from an article or
an annotation is escaped for where it lands, so a quote cannot inject markup, links or HTML.
The same corpus and query give the same bytes: only the generation time varies, and it can be
pinned (--generated or SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

import yaml

from brief.annotations.index import CorpusIndex
from brief.annotations.model import (
    SECTION_TITLES,
    Annotation,
    Bilingual,
    Entity,
    Place,
    Section,
    Source,
    When,
)
from brief.article.model import Article, short_id
from brief.corpus import Corpus
from brief.errors import BriefError

LANGUAGES = ("en", "ar", "both")
# What can start markup inside a line: emphasis, code, links and images, HTML, table cells,
# strikethrough, and the "://" of an autolink.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|!~]|:(?=//))")
_ARABIC = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


class ExportError(BriefError):
    """A brief that cannot be made as asked, said in one line."""


def generation_time(pinned: str | None = None) -> str:
    """ISO 8601, UTC: `pinned`, else SOURCE_DATE_EPOCH, else now."""
    if pinned:
        try:
            return dt.datetime.fromisoformat(pinned).isoformat()
        except ValueError:
            raise ExportError(
                f"--generated {pinned!r} is not an ISO 8601 time, such as 2026-01-01T09:00:00"
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and not epoch.isdigit():
        raise ExportError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def md(text: str) -> str:
    """Text for Markdown inline content: every Markdown and HTML special character escaped."""
    flat = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def rtl_inline(text: str) -> str:
    """Arabic inside a line: isolated, so it keeps its own direction among English."""
    return f'<bdi dir="rtl" lang="ar">{md(text)}</bdi>'


def rtl_block(text: str) -> str:
    """An Arabic paragraph. An HTML block is not Markdown, so only HTML escaping applies."""
    flat = " ".join(text.split())
    return f'<div dir="rtl" lang="ar">{html.escape(flat, quote=False)}</div>'


def either(text: str) -> str:
    """Inline text in whatever script it is written in."""
    return rtl_inline(text) if _ARABIC.search(text) else md(text)


def _bilingual(text: Bilingual | None, lang: str) -> str:
    """English with the Arabic original beside it (or one of them, by `lang`)."""
    if text is None:
        return ""
    parts = []
    if lang in ("en", "both") and text.en:
        parts.append(md(text.en))
    if (lang in ("ar", "both") or not text.en) and text.ar:
        parts.append(rtl_inline(text.ar))
    return " · ".join(parts)


def _cite(article: Article, quote: str) -> str:
    """An evidence quote with the article id and the paragraph it stands in."""
    wanted = unicodedata.normalize("NFC", quote)
    number = next(
        (p.number for p in article.paragraphs if wanted in unicodedata.normalize("NFC", p.text)),
        None,
    )
    where = f"{short_id(article.id)} ¶{number}" if number else short_id(article.id)
    return f"{rtl_inline(quote)} ({md(where)})"


def export_brief(
    corpus: Corpus, article_ids: Iterable[str], *, query: str = "", lang: str = "both",
    generated: str | None = None,
) -> str:  # fmt: skip
    """The Markdown brief of `article_ids`, in the order given."""
    if lang not in LANGUAGES:
        raise ValueError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    ids = list(article_ids)
    front = {
        "title": f"Brief: {query}" if query else "Brief: all articles",
        "generated": generation_time(generated),
        "query": query,
        "articles": ids,
    }
    out = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).rstrip(), "---", ""]
    out += ["# Brief", "", "## Bottom line", ""]
    annotations = corpus.annotations_of(ids)
    titles = corpus.catalog.titles(ids)
    # Each article is read once, as its section is written: a brief of thousands stays small.
    for article_id in ids:
        annotation = annotations.get(article_id)
        summary = _bilingual(annotation.summary, lang) if annotation else ""
        title = _title(titles[article_id], annotation, lang)
        out.append(f"- **{title}** ({md(short_id(article_id))}): {summary or 'no summary yet'}")
    out.append("")
    for article_id in ids:
        out += _article_section(corpus.article(article_id), annotations.get(article_id), lang)
    out += _across(CorpusIndex.of(annotations), ids, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _title(title: str, annotation: Annotation | None, lang: str) -> str:
    if annotation is not None and annotation.title.en and lang != "ar":
        return md(annotation.title.en)
    return rtl_inline(title)


def _article_section(article: Article, annotation: Annotation | None, lang: str) -> list[str]:
    out = [f"## {md(short_id(article.id))}: {_title(article.title, annotation, lang)}", ""]
    out += [rtl_block(article.title), ""]
    out += _source_table(article, annotation.source if annotation else None)
    if annotation is None:
        return [*out, "_No annotations yet._", ""]
    out += _summary(annotation.summary, lang)
    out += _entities("who", annotation.who, article, lang)
    out += _entities("where", annotation.where, article, lang)
    out += _when(annotation.when, article, lang)
    out += _decisions(annotation, article, lang)
    return out


def _source_table(article: Article, source: Source | None) -> list[str]:
    """Where the article comes from: the annotation's word, else what the article states."""
    meta, given = article.meta, source or Source()
    rows = [
        ("Outlet", given.outlet or meta.outlet),
        ("Agency", given.agency or meta.agency),
        ("Author", given.author or meta.author),
        ("Dateline", given.dateline or meta.dateline),
        ("Published", given.published or meta.published),
        ("Source", f"{article.id} ({len(article.paragraphs)} paragraphs)"),
    ]
    out = ["| Field | Value |", "| --- | --- |"]
    out += [f"| {label} | {either(str(value))} |" for label, value in rows if value]
    return [*out, ""]


def _summary(summary: Bilingual | None, lang: str) -> list[str]:
    out: list[str] = []
    if summary is None:
        return out
    if lang != "ar" and summary.en:
        out += [f"**Summary.** {md(summary.en)}", ""]
    if lang != "en" and summary.ar:
        out += [rtl_block(summary.ar), ""]
    return out


def _entities(
    section: Section, entries: Sequence[Entity | Place], article: Article, lang: str
) -> list[str]:
    """Who or where: each name with its id (and a person's role), then its evidence."""
    if not entries:
        return []
    out = [f"### {SECTION_TITLES['en'][section]}", ""]
    for entry in entries:
        role = _bilingual(entry.role if isinstance(entry, Entity) else None, lang)
        line = f"- **{_bilingual(entry.name, lang)}** ({md(entry.id)})"
        out.append(line + (f": {role}" if role else ""))
        out += _evidence(article, entry.evidence)
    return [*out, ""]


def _when(whens: Sequence[When], article: Article, lang: str) -> list[str]:
    if not whens:
        return []
    out = [f"### {SECTION_TITLES['en']['when']}", ""]
    for when in whens:
        date = md(when.date or "undated")
        out.append(f"- **{date}** ({md(when.certainty)}): {_bilingual(when.what, lang)}")
        out += _evidence(article, when.evidence)
    return [*out, ""]


def _decisions(annotation: Annotation, article: Article, lang: str) -> list[str]:
    """Each decision's kind and status, what it is, who made it, then its evidence."""
    if not annotation.decisions:
        return []
    out = [f"### {SECTION_TITLES['en']['decisions']}", ""]
    names = {e.id: e.name.en or e.name.ar or e.id for e in annotation.who}
    for decision in annotation.decisions:
        makers = ", ".join(either(names.get(b, b)) for b in decision.by)
        head = f"- **{md(decision.kind)}, {md(decision.status)}**"
        out.append(
            f"{head}: {_bilingual(decision.what, lang)}" + (f" (by {makers})" if makers else "")
        )
        out += _evidence(article, decision.evidence)
    return [*out, ""]


def _evidence(article: Article, quotes: Sequence[str]) -> list[str]:
    return [f"  - evidence: {_cite(article, quote)}" for quote in quotes]


def _across(index: CorpusIndex, ids: list[str], lang: str) -> list[str]:
    chosen = set(ids)
    out = ["## Across articles", "", "### People and organizations", ""]
    out += ["| Entity | Arabic | Aliases | Articles |", "| --- | --- | --- | --- |"]
    for entry in sorted(index.entities.values(), key=lambda e: e.id):
        articles = [a for a in entry.articles if a in chosen]
        if entry.section != "who" or not articles:
            continue
        aliases = ", ".join(either(a) for a in sorted(entry.aliases))
        out.append(
            f"| **{md(entry.name.en or entry.id)}** ({md(entry.id)}) | "
            f"{rtl_inline(entry.name.ar) if entry.name.ar else ''} | {aliases} | "
            f"{md(', '.join(short_id(a) for a in articles))} |"
        )
    out += [
        "",
        "### Timeline",
        "",
        "| Date | Certainty | What | Article |",
        "| --- | --- | --- | --- |",
    ]
    for item in index.timeline:
        if item.article in chosen:
            what = _bilingual(item.when.what, lang)
            out.append(
                f"| {md(item.when.date or 'undated')} | {md(item.when.certainty)} | {what} | "
                f"{md(short_id(item.article))} |"
            )
    out += ["", "### Decisions by status", ""]
    by_status: dict[str, list[str]] = defaultdict(list)
    for decision in index.decisions:
        if decision.article in chosen:
            makers = ", ".join(either(m) for m in decision.makers)
            line = f"- {_bilingual(decision.decision.what, lang)} ({md(short_id(decision.article))}"
            by_status[decision.decision.status].append(
                line + (f"; by {makers})" if makers else ")")
            )
    for status in sorted(by_status):
        out += [f"#### {md(status)}", "", *by_status[status], ""]
    return out
