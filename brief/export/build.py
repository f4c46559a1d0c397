"""The brief organised for a decision-maker: the analyst's key judgements and gaps (from a
brief file) or the bottom line, then by event what happened, when, where, who took part and
what was decided, across every article that reports it; the timeline of events; where the
sources disagree; the sources; then each article in detail."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from brief.annotations.briefing import CONFIDENCE_TITLES, BriefFile, cited_article
from brief.annotations.index import CorpusIndex, EventEntry
from brief.annotations.items import pick
from brief.annotations.model import Annotation
from brief.corpus import Corpus
from brief.errors import BriefError
from brief.export.detail import across, article_detail, decision_item
from brief.export.document import (
    Block,
    Bullets,
    Document,
    Heading,
    Inline,
    Para,
    Table,
    address,
    ar,
    either,
    en,
    runs_of,
)
from brief.export.labels import label, labelled, page_language, reliability, word, words
from brief.export.parts import Citer, Names, cite_run, item, joined, note_line, text
from brief.text.boundary import for_document

LANGUAGES = ("en", "ar", "both")


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


def build_brief(
    corpus: Corpus, article_ids: Iterable[str], *, query: str = "", lang: str = "both",
    generated: str | None = None, brief: BriefFile | None = None,
) -> Document:  # fmt: skip
    """The brief of `article_ids`, in the order given."""
    if lang not in LANGUAGES:
        raise ValueError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    ids = list(article_ids)
    annotations = corpus.annotations_of(ids)
    index = CorpusIndex.of(annotations)
    names, citer = Names(index, lang), Citer(corpus)
    for article_id in ids:  # each article read once, its text not kept
        citer.learn(corpus.article(article_id), annotations.get(article_id))
    title = _title(brief, query, lang)
    when = generation_time(generated)
    front = {"title": title, "generated": when, "query": query, "articles": ids}
    doc = Document(lang, title, front)
    count = f"{len(ids)} {label(lang, 'article_count_one' if len(ids) == 1 else 'articles_count')}"
    shown = f" · {label(lang, 'query')}: " if query else ""
    doc.blocks += [
        Heading(1, (words(lang, title),)),
        Para((words(lang, f"{label(lang, 'generated')} "), en(when),
              words(lang, f" · {count}{shown}"), *((en(query),) if query else ()))),
    ]  # fmt: skip
    if brief is not None:
        doc.blocks += _judgements(corpus, brief, citer, lang)
    else:
        doc.blocks += _bottom_line(corpus, ids, annotations, lang)
    doc.blocks += _events(index, names, citer, lang)
    doc.blocks += _timeline(index, lang)
    doc.blocks += _discrepancies(index, names, citer, lang)
    doc.blocks += _sources(citer, ids, annotations, lang)
    doc.blocks.append(Heading(2, (words(lang, label(lang, "detail")),)))
    for article_id in ids:
        facts = citer.facts[article_id]
        doc.blocks += article_detail(facts, annotations.get(article_id), names, citer, lang)
    doc.blocks += across(index, ids, lang)
    # The output boundary shows every control (each format's text function); a brief whose
    # sources held bidi controls says so at its top, in every format.
    warning = for_document("".join(run.text for run in runs_of(doc.blocks))).warning
    if warning is not None:
        doc.blocks.insert(2, Para((en(warning, strong=True),), warning=True))
    return doc


def _title(brief: BriefFile | None, query: str, lang: str) -> str:
    chosen = pick(brief.title, page_language(lang)) if brief is not None else ""
    if chosen:  # the brief file's title in the page's language, else in the other
        return chosen
    return f"{label(lang, 'brief')}: {query or label(lang, 'all')}"


def _judgements(corpus: Corpus, brief: BriefFile, citer: Citer, lang: str) -> list[Block]:
    out: list[Block] = []
    if brief.key_judgements:
        judged = []
        for judgement in brief.key_judgements:
            confidence = CONFIDENCE_TITLES[page_language(lang)][judgement.confidence]
            cites = tuple(
                (words(lang, f"{label(lang, 'evidence')}: "),
                 *citer.cite(cited_article(corpus.root, c), c.evidence))
                for c in judgement.citations
            )  # fmt: skip
            head = (words(lang, f"[{confidence}] ", strong=True), *text(judgement.what, lang))
            judged.append(item(head, *cites))
        out += [Heading(2, (words(lang, label(lang, "key_judgements")),)), Bullets(tuple(judged))]
    for key in ("gaps", "collection_needs"):
        entries = getattr(brief, key)
        if entries:
            out += [
                Heading(2, (words(lang, label(lang, key)),)),
                Bullets(tuple(item(text(entry, lang)) for entry in entries)),
            ]
    return out


def _bottom_line(
    corpus: Corpus, ids: list[str], annotations: dict[str, Annotation], lang: str
) -> list[Block]:
    """Without a brief file: each article's summary, the curator's bottom line."""
    titles = corpus.catalog.titles(ids)
    lines = []
    for article_id in ids:
        annotation = annotations.get(article_id)
        title = text(annotation.title, page_language(lang), True) if annotation else ()
        if not title:
            title = (either(titles[article_id], strong=True),)
        summary = annotation.summary if annotation else None
        # Both languages: the Arabic summary on its own line, right to left, not inside the
        # English one.
        shown = text(summary, "en" if lang == "both" else lang)
        arabic = (
            (ar(summary.ar),) if lang == "both" and summary and summary.en and summary.ar else ()
        )
        lines.append(
            item((*title, en(" ("), cite_run(article_id, None), en("): "),
                  *(shown or (words(lang, label(lang, "no_summary")),))), arabic)
        )  # fmt: skip
    return [Heading(2, (words(lang, label(lang, "bottom_line")),)), Bullets(tuple(lines))]


def _events(index: CorpusIndex, names: Names, citer: Citer, lang: str) -> list[Block]:
    out: list[Block] = [Heading(2, (words(lang, label(lang, "events")),))]
    ordered = [index.events[row.event] for row in index.timeline if row.event in index.events]
    if not ordered:
        return [*out, Para((words(lang, label(lang, "no_events")),))]
    for entry in ordered:
        out += _event(entry, index, names, citer, lang)
    loose = [d for d in index.decisions if d.decision.event not in index.events]
    if loose:
        out.append(Heading(3, (words(lang, label(lang, "other_decisions")),)))
        out.append(Bullets(tuple(decision_item(d, names, citer, lang) for d in loose)))
    return out


def _event(
    entry: EventEntry, index: CorpusIndex, names: Names, citer: Citer, lang: str
) -> list[Block]:
    number = label(lang, "number")
    kind = word(lang, entry.kind) + (f" ({number} {entry.ordinal})" if entry.ordinal else "")
    date = entry.date or label(lang, "undated")
    facts = [
        item(labelled(lang, "kind", (words(lang, kind),))),
        item(labelled(lang, "when", (en(date), words(lang, f" ({word(lang, entry.certainty)})")))),
    ]
    for key, ids in (("where", entry.where), ("participants", entry.participants)):
        if ids:
            facts.append(item(labelled(lang, key, names.all(ids))))
    if entry.follows:
        earlier = joined((_event_name(index, i, lang) for i in entry.follows), lang)
        facts.append(item(labelled(lang, "follows", earlier)))
    reported = joined(((cite_run(a, None),) for a in entry.articles), lang)
    evidence = [
        line for a, event in entry.reports for line in citer.evidence(a, event.evidence, lang)
    ]
    notes = [line for a, event in entry.reports for line in note_line(event.note, lang, a)]
    facts.append(item(labelled(lang, "reported", reported), *evidence, *notes))
    out: list[Block] = [Heading(3, _event_name(index, entry.id, lang)), Bullets(tuple(facts))]
    out.append(Heading(4, (words(lang, label(lang, "decisions")),)))
    if not entry.decisions:
        return [*out, Para((words(lang, label(lang, "no_decisions")),))]
    return [*out, Bullets(tuple(decision_item(d, names, citer, lang) for d in entry.decisions))]


def _event_name(index: CorpusIndex, event_id: str, lang: str) -> Inline:
    entry = index.events.get(event_id)
    if entry is None:
        return (en(event_id),)
    return text(entry.name, page_language(lang))


def _timeline(index: CorpusIndex, lang: str) -> list[Block]:
    header = tuple(words(lang, label(lang, k)) for k in ("date", "certainty", "what", "article"))
    rows = tuple(
        (
            (en(row.date or label(lang, "undated")),),
            (words(lang, word(lang, row.certainty)),),
            text(row.what, lang),
            joined(((cite_run(a, None),) for a in row.articles), lang),
        )
        for row in index.timeline
    )
    heading = Heading(2, (words(lang, label(lang, "timeline")),))
    if not rows:
        return [heading, Para((words(lang, label(lang, "no_dates")),))]
    return [heading, Table(header, rows)]


def _discrepancies(index: CorpusIndex, names: Names, citer: Citer, lang: str) -> list[Block]:
    out: list[Block] = [Heading(2, (words(lang, label(lang, "discrepancies")),))]
    if not index.discrepancies:
        return [*out, Para((words(lang, label(lang, "no_discrepancies")),))]
    entries = []
    for found in index.discrepancies:
        d, article_id = found.discrepancy, found.article
        children: list[Inline] = [
            (words(lang, f"{label(lang, 'this_article')} "), cite_run(article_id, None),
             words(lang, ": "), *citer.cite(article_id, quote))
            for quote in d.evidence
        ]  # fmt: skip
        if d.articles:
            others = joined(((cite_run(a, None),) for a in d.articles), lang)
            children.append(labelled(lang, "others", others))
        if d.about:
            about = joined(
                (
                    _event_name(index, i, lang) if i in index.events else names.of(i)
                    for i in d.about
                ),
                lang,
            )
            children.append(labelled(lang, "about", about))
        children += note_line(d.note, lang)
        head = (words(lang, label(lang, "warning"), strong=True), *text(d.what, lang))
        entries.append(item(head, *children, warning=True))
    return [*out, Bullets(tuple(entries))]


def _sources(
    citer: Citer, ids: list[str], annotations: dict[str, Annotation], lang: str
) -> list[Block]:
    """Every article: outlet, author, published, URL, reliability; "unknown" where not known."""
    keys = ("article", "outlet", "author", "published", "url", "reliability")
    header = tuple(words(lang, label(lang, k)) for k in keys)
    unknown = (words(lang, label(lang, "unknown")),)
    rows = []
    for article_id in ids:
        annotation = annotations.get(article_id)
        given = annotation.source if annotation and annotation.source else None
        meta = citer.facts[article_id].meta
        outlet = (given.outlet if given else None) or meta.outlet
        author = (given.author if given else None) or meta.author
        published = (given.published if given else None) or meta.published
        url = given.url if given else None
        rows.append(
            (
                (cite_run(article_id, None),),
                (either(outlet),) if outlet else unknown,
                (either(author),) if author else unknown,
                (en(published),) if published else unknown,
                (address(url),) if url else unknown,
                (words(lang, reliability(lang, given.reliability if given else None)),),
            )
        )
    return [Heading(2, (words(lang, label(lang, "sources")),)), Table(header, tuple(rows))]
