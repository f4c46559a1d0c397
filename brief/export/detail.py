"""Each article in detail (its title, source, summary and every curated item with its
evidence and notes), one decision as the brief lists it, and the people and organizations
across the articles."""

from __future__ import annotations

from collections.abc import Sequence

from brief.annotations.index import CorpusIndex, DecisionEntry
from brief.annotations.model import Annotation, Entity, Event, Item, Place, Source
from brief.article.model import short_id
from brief.export.document import (
    Block,
    Bullets,
    Heading,
    Inline,
    ListItem,
    Para,
    Table,
    address,
    ar,
    en,
)
from brief.export.document import either as either_run
from brief.export.labels import (
    label,
    labelled,
    page_language,
    reliability,
    section_title,
    word,
    words,
)
from brief.export.parts import (
    ArticleFacts,
    Citer,
    Names,
    cite_run,
    item,
    joined,
    note_line,
    text,
)


def decision_item(entry: DecisionEntry, names: Names, citer: Citer, lang: str) -> ListItem:
    """Kind and status, what, who made it, in which article; its evidence and note below."""
    d = entry.decision
    head: Inline = (
        words(lang, f"{word(lang, d.kind)}, {word(lang, d.status)}", strong=True),
        words(lang, ": "),
        *text(d.what, lang),
    )
    if d.by:
        head += (words(lang, f" ({label(lang, 'by')} "), *names.all(d.by), words(lang, ")"))
    head += (en(" ["), cite_run(entry.article, None), en("]"))
    return _item(head, d, entry.article, citer, lang)


def _item(
    head: Inline, annotated: Item, article_id: str, citer: Citer, lang: str, warning: bool = False
) -> ListItem:
    """An annotated item's line, with its evidence and its note below it."""
    evidence = citer.evidence(article_id, annotated.evidence, lang)
    return item(head, *evidence, *note_line(annotated.note, lang), warning=warning)


def article_detail(
    article: ArticleFacts, annotation: Annotation | None, names: Names, citer: Citer, lang: str
) -> list[Block]:
    title = text(annotation.title, page_language(lang)) if annotation else ()
    heading = (en(f"{short_id(article.id)}: "), *(title or (either_run(article.title),)))
    out: list[Block] = [Heading(3, heading)]
    # The curated title above, the article's own below, unless the heading already is it.
    curated = "".join(run.text for run in title).strip()
    if curated and curated != article.title.strip() and page_language(lang) != "ar":
        out.append(Para((ar(article.title),), lang="ar"))
    out.append(_source_table(article, annotation.source if annotation else None, lang))
    if annotation is None:
        return [*out, Para((words(lang, label(lang, "no_annotations")),))]
    out += _summary(annotation, lang)
    out += _entities(annotation, article, names, citer, lang)
    out += _events(annotation.events, article, names, citer, lang)
    out += _when(annotation, article, citer, lang)
    if annotation.decisions:
        entries = [DecisionEntry(article.id, d, ()) for d in annotation.decisions]
        out += [
            Heading(4, (words(lang, section_title(lang, "decisions")),)),
            Bullets(tuple(decision_item(e, names, citer, lang) for e in entries)),
        ]
    out += _discrepancies(annotation, article, citer, lang)
    if annotation.notes:
        marked = (words(lang, label(lang, "in_english")),) if page_language(lang) == "ar" else ()
        out += [
            Heading(4, (words(lang, label(lang, "notes")),)),
            Para((either_run(annotation.notes), *marked)),
        ]
    return out


def _source_table(article: ArticleFacts, source: Source | None, lang: str) -> Table:
    """Where the article comes from: the annotation's word, else what the article states."""
    meta, given = article.meta, source or Source()
    rows: list[tuple[str, Inline]] = []
    for key, value in (
        ("outlet", given.outlet or meta.outlet),
        ("agency", given.agency or meta.agency),
        ("author", given.author or meta.author),
        ("dateline", given.dateline or meta.dateline),
        ("published", given.published or meta.published),
        ("retrieved", given.retrieved),
        ("url", given.url),
    ):
        if value:
            rows.append((key, (address(value) if key == "url" else either_run(str(value)),)))
    rows.append(("reliability", (words(lang, reliability(lang, given.reliability)),)))
    count = f"{article.paragraphs} {label(lang, 'paragraphs')}"
    rows.append(("source", (en(article.id), words(lang, f" ({count})"))))
    header = (words(lang, label(lang, "field")), words(lang, label(lang, "value")))
    return Table(header, tuple(((words(lang, label(lang, k)),), v) for k, v in rows))


def _summary(annotation: Annotation, lang: str) -> list[Block]:
    summary = annotation.summary
    if summary is None:
        return []
    out: list[Block] = [Heading(4, (words(lang, label(lang, "summary")),))]
    if lang == "ar":
        return [*out, Para(text(summary, lang))]
    if summary.en:
        out.append(Para((en(summary.en),)))
    if summary.ar and (lang == "both" or not summary.en):
        out.append(Para((ar(summary.ar),), lang="ar"))
    return out


def _entities(
    annotation: Annotation, article: ArticleFacts, names: Names, citer: Citer, lang: str
) -> list[Block]:
    """Who and where: each name with its id (and its role), then evidence and note."""
    out: list[Block] = []
    sections: tuple[tuple[str, Sequence[Entity | Place]], ...] = (
        ("who", annotation.who),
        ("where", annotation.where),
    )
    for section, entries in sections:
        if not entries:
            continue
        listed = []
        for entry in entries:
            head: Inline = (*text(entry.name, lang, strong=True), en(f" ({entry.id})"))
            role = text(entry.role, lang) if isinstance(entry, Entity) else ()
            if role:
                head += (words(lang, ": "), *role)
            listed.append(_item(head, entry, article.id, citer, lang))
        out += [Heading(4, (words(lang, section_title(lang, section)),)), Bullets(tuple(listed))]
    return out


def _events(
    events: Sequence[Event], article: ArticleFacts, names: Names, citer: Citer, lang: str
) -> list[Block]:
    if not events:
        return []
    listed = []
    for event in events:
        date = event.date or label(lang, "undated")
        certainty = word(lang, event.certainty or "unknown")
        head: Inline = (
            *text(event.name, lang, strong=True),
            en(f" ({event.id}): "),
            en(date),
            words(lang, f" ({certainty})"),
        )
        if event.where:
            head += (words(lang, " · "), *names.all(event.where))
        listed.append(_item(head, event, article.id, citer, lang))
    return [Heading(4, (words(lang, section_title(lang, "events")),)), Bullets(tuple(listed))]


def _when(annotation: Annotation, article: ArticleFacts, citer: Citer, lang: str) -> list[Block]:
    if not annotation.when:
        return []
    listed = []
    for when in annotation.when:
        date = when.date or label(lang, "undated")
        head: Inline = (
            en(date, strong=True),
            words(lang, f" ({word(lang, when.certainty)}): "),
            *text(when.what, lang),
        )
        listed.append(_item(head, when, article.id, citer, lang))
    return [Heading(4, (words(lang, section_title(lang, "when")),)), Bullets(tuple(listed))]


def _discrepancies(
    annotation: Annotation, article: ArticleFacts, citer: Citer, lang: str
) -> list[Block]:
    if not annotation.discrepancies:
        return []
    listed = []
    for d in annotation.discrepancies:
        head: Inline = (words(lang, label(lang, "warning"), strong=True), *text(d.what, lang))
        if d.articles:
            others = joined(((cite_run(a, None),) for a in d.articles), lang)
            head += (words(lang, " · "), *labelled(lang, "others", others))
        listed.append(_item(head, d, article.id, citer, lang, warning=True))
    title = (words(lang, section_title(lang, "discrepancies")),)
    return [Heading(4, title), Bullets(tuple(listed))]


def across(index: CorpusIndex, ids: list[str], lang: str) -> list[Block]:
    """The people and organizations of these articles, merged by id."""
    chosen = set(ids)
    header = tuple(words(lang, label(lang, k)) for k in ("entity", "arabic", "aliases", "article"))
    rows = []
    for entry in sorted(index.entities.values(), key=lambda e: e.id):
        articles = [a for a in entry.articles if a in chosen]
        if entry.section != "who" or not articles:
            continue
        name = entry.name.ar if page_language(lang) == "ar" else entry.name.en
        aliases = joined(((either_run(a),) for a in sorted(entry.aliases)), lang)
        rows.append(
            (
                (either_run(name or entry.id, strong=True), en(f" ({entry.id})")),
                (ar(entry.name.ar),) if entry.name.ar else (),
                aliases,
                joined(((cite_run(a, None),) for a in articles), lang),
            )
        )
    heading = Heading(2, (words(lang, label(lang, "people")),))
    if not rows:
        return [heading, Para((words(lang, label(lang, "no_people")),))]
    return [heading, Table(header, tuple(rows))]
