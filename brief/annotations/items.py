"""The annotation panel's content, in English or Arabic: plain text the reader lays out.

In panel order: who, where, the events each with the decisions taken at it, the dates, the
decisions at no event, the discrepancies (marked as warnings), and the curator's notes."""

from __future__ import annotations

from dataclasses import dataclass

from brief.annotations.model import Annotation, Bilingual, Decision, Event
from brief.annotations.vocabulary import SECTION_TITLES, Section

PANEL_TITLES: dict[str, dict[str, str]] = {
    language: {**{str(k): v for k, v in titles.items()}, "notes": notes}
    for (language, titles), notes in zip(SECTION_TITLES.items(), ("Notes", "ملاحظات"), strict=True)
}
WARNING_MARK = "⚠ "
DECISION_MARK = "↳ "  # a decision shown under the event it was taken at


@dataclass(frozen=True, slots=True)
class PanelItem:
    section: Section | None  # the list it is an item of (None: the notes, not an item)
    key: str  # stable within the article: "who:3"
    label: str  # the item's first line
    detail: str  # a second line: role, certainty, status…
    quotes: tuple[str, ...]
    group: str = ""  # the heading it is shown under (PANEL_TITLES); its section if empty
    note: str = ""  # the curator's note on it
    warning: bool = False  # a discrepancy: shown with a warning mark

    @property
    def heading(self) -> str:
        return self.group or self.section or "notes"


def pick(text: Bilingual | None, language: str) -> str:
    """The text in `language`, falling back to the other one."""
    if text is None:
        return ""
    first, second = (text.ar, text.en) if language == "ar" else (text.en, text.ar)
    return first or second or ""


def panel_items(annotation: Annotation, language: str) -> list[PanelItem]:
    names = {e.id: pick(e.name, language) for e in annotation.who}
    names |= {p.id: pick(p.name, language) for p in annotation.where}
    items = [
        PanelItem(
            "who",
            f"who:{k}",
            pick(e.name, language),
            pick(e.role, language),
            tuple(e.evidence),
            note=e.note or "",
        )
        for k, e in enumerate(annotation.who)
    ]
    items += [
        PanelItem(
            "where", f"where:{k}", pick(p.name, language), "", tuple(p.evidence), note=p.note or ""
        )
        for k, p in enumerate(annotation.where)
    ]
    events = {event.id for event in annotation.events}
    for k, event in enumerate(annotation.events):
        items.append(_event_item(k, event, names, language))
        items += [
            _decision_item(n, d, names, language, group="events")
            for n, d in enumerate(annotation.decisions)
            if d.event == event.id
        ]
    items += [
        PanelItem(
            "when",
            f"when:{k}",
            f"{w.date or 'undated'} · {w.certainty}",
            pick(w.what, language),
            tuple(w.evidence),
            note=w.note or "",
        )
        for k, w in enumerate(annotation.when)
    ]
    items += [
        _decision_item(k, d, names, language)
        for k, d in enumerate(annotation.decisions)
        if d.event not in events
    ]
    names |= {e.id: pick(e.name, language) for e in annotation.events}
    for k, d in enumerate(annotation.discrepancies):
        # The other articles by number, then what it is about by name (an id defined in
        # another file, by its id).
        shown = [*(a.split("_")[0] for a in d.articles), *(names.get(i, i) for i in d.about)]
        items.append(
            PanelItem(
                "discrepancies",
                f"discrepancies:{k}",
                WARNING_MARK + pick(d.what, language),
                ", ".join(shown),
                tuple(d.evidence),
                note=d.note or "",
                warning=True,
            )
        )
    if annotation.notes:
        items.append(PanelItem(None, "notes", annotation.notes, "", ()))
    return items


def _event_item(k: int, event: Event, names: dict[str, str], language: str) -> PanelItem:
    ordinal = f" {event.ordinal}" if event.ordinal else ""
    when = f"{event.date} · {event.certainty}" if event.date else "undated"
    places = ", ".join(names.get(i, i) for i in event.where)
    detail = " · ".join(part for part in (f"{event.kind}{ordinal}", when, places) if part)
    return PanelItem(
        "events",
        f"events:{k}",
        pick(event.name, language),
        detail,
        tuple(event.evidence),
        note=event.note or "",
    )


def _decision_item(
    k: int, d: Decision, names: dict[str, str], language: str, group: str = ""
) -> PanelItem:
    makers = ", ".join(names.get(b, b) for b in d.by)
    detail = f"{d.kind} · {d.status}" + (f" · {makers}" if makers else "")
    label = pick(d.what, language)
    return PanelItem(
        "decisions",
        f"decisions:{k}",
        DECISION_MARK + label if group else label,
        detail,
        tuple(d.evidence),
        group=group,
        note=d.note or "",
    )


def arabic_missing(annotation: Annotation) -> list[str]:
    """The items whose name, role or what has no Arabic: "who:3.role". The brief in Arabic
    falls back to English for them, marked."""
    missing = []
    for section, k, item in annotation.items():
        for name in ("name", "role", "what"):
            text = getattr(item, name, None)
            if text is not None and not text.ar:
                missing.append(f"{section}:{k}.{name}")
    return missing
