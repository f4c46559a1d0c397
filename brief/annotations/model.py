"""Schema v1 of an article's annotations: the typed model the code validates with.

annotations/schema.json is generated from these classes (`brief schema`), so editors and brief
check files against one definition.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

SCHEMA_VERSION = 1
SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = (
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
    r"([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?)?)?$"
)


def _date_text(value: Any) -> Any:
    """YAML reads a bare 2025 as an int (and other loaders 2025-10-01 as a date): all are
    kept as ISO 8601 text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


def _real_date(value: str) -> str:
    """The pattern admits 2025-02-30; the calendar does not."""
    if len(value) >= 10:
        dt.date.fromisoformat(value[:10])
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="stable lowercase id: the same id in two files is the same entity"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Quote = Annotated[
    str,
    StringConstraints(min_length=2),
    Field(description="exact text of the article (compared after Unicode NFC)"),
]
PartialDate = Annotated[
    str,
    BeforeValidator(_date_text),
    StringConstraints(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(_real_date),
    Field(description="ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or a date-time"),
]
Evidence = Annotated[list[Quote], Field(min_length=1, description="quotes that prove the item")]

# The schema's vocabulary, named once: the forms, the panel and the export take it from here.
AnnotationStatus = Literal["draft", "curated", "reviewed"]
EntityKind = Literal["person", "organization", "group"]
PlaceKind = Literal["country", "city", "region", "venue", "other"]
Certainty = Literal["stated", "inferred", "approximate", "unknown"]  # the surest first
DecisionKind = Literal["decision", "recommendation", "proposal", "announcement", "statement"]
DecisionStatus = Literal[
    "proposed",
    "recommended",
    "called-for",
    "adopted",
    "approved",
    "announced",
    "welcomed",
    "stated",
    "under-study",
    "referred",
]
Section = Literal["who", "where", "when", "decisions"]  # the item lists, in panel order

ANNOTATION_STATUSES: tuple[AnnotationStatus, ...] = get_args(AnnotationStatus)
CERTAINTIES: tuple[Certainty, ...] = get_args(Certainty)
DECISION_STATUSES: tuple[DecisionStatus, ...] = get_args(DecisionStatus)
SECTIONS: tuple[Section, ...] = get_args(Section)
KINDS: dict[str, tuple[str, ...]] = {  # by section; a when has no kind
    "who": get_args(EntityKind),
    "where": get_args(PlaceKind),
    "decisions": get_args(DecisionKind),
}
SECTION_TITLES: dict[str, dict[Section, str]] = {
    "en": {"who": "Who", "where": "Where", "when": "When", "decisions": "Decisions"},
    "ar": {"who": "مَن", "where": "أين", "when": "متى", "decisions": "القرارات"},
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    """Text in Arabic as written and in English."""

    ar: Text | None = None
    en: Text | None = None


class Source(Strict):
    outlet: Text | None = None
    agency: Text | None = None
    author: Text | None = None
    dateline: Text | None = None
    published: PartialDate | None = None


class Entity(Strict):
    """A person, organization or group taking part in the story."""

    id: Slug
    name: Bilingual
    kind: EntityKind
    role: Bilingual | None = None
    affiliation: list[Slug] = Field(default_factory=list, description="ids of who it belongs to")
    aliases: list[Text] = Field(default_factory=list, description="other spellings in articles")
    evidence: Evidence


class Place(Strict):
    id: Slug
    name: Bilingual
    kind: PlaceKind | None = None
    aliases: list[Text] = Field(default_factory=list)
    evidence: Evidence


class When(Strict):
    date: PartialDate
    certainty: Certainty
    what: Bilingual
    evidence: Evidence


class Decision(Strict):
    what: Bilingual
    kind: DecisionKind
    status: DecisionStatus
    by: list[Slug] = Field(default_factory=list, description="ids from who")
    evidence: Evidence


class Annotation(Strict):
    """One article's curated annotations: annotations/<article-stem>.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_version: Literal[1] = Field(alias="schema")
    article: Annotated[str, StringConstraints(min_length=1)]
    status: AnnotationStatus
    title: Bilingual
    summary: Bilingual | None = None
    source: Source | None = None
    who: list[Entity] = Field(default_factory=list)
    where: list[Place] = Field(default_factory=list)
    when: list[When] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    tags: list[Slug] = Field(default_factory=list)
    notes: str | None = None

    def items(self) -> list[tuple[Section, int, Entity | Place | When | Decision]]:
        """Every annotated item with its section and position, in panel order."""
        return [(name, k, item) for name in SECTIONS for k, item in enumerate(getattr(self, name))]


# The model of each section's items (the forms validate an item alone).
ITEM_MODELS: dict[str, type[Strict]] = {
    "who": Entity,
    "where": Place,
    "when": When,
    "decisions": Decision,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an annotation file, for annotations/schema.json."""
    schema = Annotation.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "brief annotations, schema v1"
    return schema
