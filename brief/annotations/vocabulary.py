"""The annotations' vocabulary: the values a field may take and the item lists, in panel
order, with their titles. Plain typing, no pydantic: the reader's first screen and its help
name them before the models are loaded (brief.annotations.model)."""

from __future__ import annotations

from typing import Literal, get_args

AnnotationStatus = Literal["draft", "curated", "reviewed"]
EntityKind = Literal["person", "organization", "group"]
PlaceKind = Literal["country", "city", "region", "venue", "other"]
EventKind = Literal["conference", "session", "meeting", "workshop", "exercise", "other"]
Certainty = Literal["stated", "inferred", "approximate", "unknown"]  # the surest first
DecisionKind = Literal["decision", "recommendation", "proposal", "announcement", "statement"]
DecisionStatus = Literal[
    "proposed",
    "recommended",
    "called-for",
    "adopted",
    "approved",
    "set",
    "announced",
    "welcomed",
    "stated",
    "under-study",
    "referred",
]
Reliability = Literal["A", "B", "C", "D", "E", "F"]  # the Admiralty scale
# The item lists, in panel order.
Section = Literal["who", "where", "events", "when", "decisions", "discrepancies"]

ANNOTATION_STATUSES: tuple[AnnotationStatus, ...] = get_args(AnnotationStatus)
CERTAINTIES: tuple[Certainty, ...] = get_args(Certainty)
DECISION_STATUSES: tuple[DecisionStatus, ...] = get_args(DecisionStatus)
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
RELIABILITIES: tuple[Reliability, ...] = get_args(Reliability)
SECTIONS: tuple[Section, ...] = get_args(Section)
KINDS: dict[str, tuple[str, ...]] = {  # by section; a when has no kind
    "who": get_args(EntityKind),
    "where": get_args(PlaceKind),
    "events": EVENT_KINDS,
    "decisions": get_args(DecisionKind),
}
SECTION_TITLES: dict[str, dict[Section, str]] = {
    "en": {
        "who": "Who",
        "where": "Where",
        "events": "Events",
        "when": "When",
        "decisions": "Decisions",
        "discrepancies": "Discrepancies",
    },
    "ar": {
        "who": "مَن",
        "where": "أين",
        "events": "الأحداث",
        "when": "متى",
        "decisions": "القرارات",
        "discrepancies": "التباينات",
    },
}
RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
