"""The annotation panel's content, in English or Arabic: plain text the reader lays out."""

from __future__ import annotations

from dataclasses import dataclass

from brief.annotations.model import Annotation, Bilingual, Section


@dataclass(frozen=True, slots=True)
class PanelItem:
    section: Section  # its heading: SECTION_TITLES
    key: str  # stable within the article: "who:3"
    label: str  # the item's first line
    detail: str  # a second line: role, certainty, status…
    quotes: tuple[str, ...]


def pick(text: Bilingual | None, language: str) -> str:
    """The text in `language`, falling back to the other one."""
    if text is None:
        return ""
    first, second = (text.ar, text.en) if language == "ar" else (text.en, text.ar)
    return first or second or ""


def panel_items(annotation: Annotation, language: str) -> list[PanelItem]:
    names = {e.id: pick(e.name, language) for e in annotation.who}
    items = [
        PanelItem(
            "who", f"who:{k}", pick(e.name, language), pick(e.role, language), tuple(e.evidence)
        )
        for k, e in enumerate(annotation.who)
    ]
    items += [
        PanelItem("where", f"where:{k}", pick(p.name, language), "", tuple(p.evidence))
        for k, p in enumerate(annotation.where)
    ]
    items += [
        PanelItem(
            "when",
            f"when:{k}",
            f"{w.date} · {w.certainty}",
            pick(w.what, language),
            tuple(w.evidence),
        )
        for k, w in enumerate(annotation.when)
    ]
    for k, d in enumerate(annotation.decisions):
        makers = ", ".join(names.get(b, b) for b in d.by)
        detail = f"{d.kind} · {d.status}" + (f" · {makers}" if makers else "")
        items.append(
            PanelItem(
                "decisions", f"decisions:{k}", pick(d.what, language), detail, tuple(d.evidence)
            )
        )
    return items


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
