"""Schema v2 of an article's annotations: the typed model the code validates with.

annotations/schema.json is generated from these classes (`brief schema`), so editors and brief
check files against one definition. Schema v1 files are still read: v1 is v2 without events,
discrepancies, the source's url, retrieval date and reliability, and the items' event and note
(`brief migrate` rewrites a v1 file as v2).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from brief.annotations.vocabulary import (
    RELIABILITY_MEANING,
    SECTIONS,
    AnnotationStatus,
    Certainty,
    DecisionKind,
    DecisionStatus,
    EntityKind,
    EventKind,
    PlaceKind,
    Reliability,
    Section,
)

SCHEMA_VERSION = 2
SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = (
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
    r"([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?)?)?$"
)
URL_PATTERN = r'^https?://[^\s<>"]+$'
ARTICLE_PATTERN = r"^[^/\\\s]+$"


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


_DATE_DESCRIPTION = "ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or a date-time (YYYY-MM-DDTHH:MM[:SS])"

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
    # What the model accepts, said to editors too: the text, or a bare year YAML reads as a
    # number (date: 2022).
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": _DATE_DESCRIPTION,
        }
    ),
]
Evidence = Annotated[
    list[Quote],
    Field(min_length=1, description="quotes from this article that prove the item"),
]
Note = Annotated[
    Text | None,
    Field(description="the curator's word on the item: why it is read so, what is inferred"),
]


# The schema's vocabulary, named once: the forms, the panel and the export take it from here.
def _one_of(meanings: dict[str, str]) -> str:
    return "; ".join(f"{value}: {meaning}" for value, meaning in meanings.items())


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict):
    """Text in Arabic as written and in English."""

    ar: Text | None = Field(default=None, description="Arabic, as written in the article")
    en: Text | None = Field(default=None, description="English")


class Source(Strict):
    """Where the article comes from."""

    outlet: Text | None = Field(default=None, description="the newspaper, site or channel")
    agency: Text | None = Field(default=None, description="the news agency it credits")
    author: Text | None = Field(default=None, description="who wrote it")
    dateline: Text | None = Field(default=None, description="where it was filed from")
    published: PartialDate | None = Field(default=None, description="when it was published")
    url: Annotated[str, StringConstraints(pattern=URL_PATTERN)] | None = Field(
        default=None, description="where it can be read: an http(s) address"
    )
    retrieved: PartialDate | None = Field(default=None, description="when it was saved or imported")
    reliability: Reliability | None = Field(
        default=None,
        description="the source's reliability on the Admiralty scale: "
        + _one_of(RELIABILITY_MEANING),
    )


class Entity(Strict):
    """A person, organization or group taking part in the story."""

    id: Slug
    name: Bilingual = Field(description="the name as the article gives it, and in English")
    kind: EntityKind = Field(
        description="person: one named or titled individual; organization: a body with a "
        "structure; group: people acting together (participants, delegations)"
    )
    role: Bilingual | None = Field(default=None, description="its role or title in this story")
    affiliation: list[Slug] = Field(default_factory=list, description="ids of who it belongs to")
    aliases: list[Text] = Field(default_factory=list, description="other spellings in articles")
    evidence: Evidence
    note: Note = None


class Place(Strict):
    """A place the story happens in or names."""

    id: Slug
    name: Bilingual = Field(description="the name as the article gives it, and in English")
    kind: PlaceKind | None = Field(
        default=None, description="country, city, region, venue (a building or seat) or other"
    )
    aliases: list[Text] = Field(default_factory=list, description="other spellings in articles")
    evidence: Evidence
    note: Note = None


def _dated(date: str | None, certainty: str | None) -> None:
    """A date has a certainty; a certainty other than unknown has a date."""
    if date is not None and certainty is None:
        raise ValueError("a date needs its certainty: stated, inferred, approximate or unknown")
    if date is None and certainty not in (None, "unknown"):
        raise ValueError(f"certainty {certainty!r} needs a date (or say certainty: unknown)")


_CERTAINTY_DESCRIPTION = (
    "stated: the article gives it; inferred: read from the article and other sources (say how "
    "in note); approximate: a bound or a range; unknown: the article gives no usable date"
)


class Event(Strict):
    """A meeting, session or conference: what decisions are taken at. The same event in two
    files has the same id."""

    id: Slug
    name: Bilingual = Field(description="the event's name, as the article gives it")
    kind: EventKind = Field(
        description="conference, session (of a council), meeting, workshop, exercise or other"
    )
    ordinal: int | None = Field(
        default=None, ge=1, description="its number in its series: 2 for 'the second'"
    )
    date: PartialDate | None = Field(default=None, description="when it took place")
    certainty: Certainty | None = Field(default=None, description=_CERTAINTY_DESCRIPTION)
    where: list[Slug] = Field(default_factory=list, description="ids from where")
    participants: list[Slug] = Field(default_factory=list, description="ids from who")
    follows: list[Slug] = Field(
        default_factory=list, description="ids of earlier events of the same series"
    )
    evidence: Evidence
    note: Note = None

    @model_validator(mode="after")
    def _date_and_certainty(self) -> Event:
        _dated(self.date, self.certainty)
        return self


class When(Strict):
    """A moment the article reports."""

    date: PartialDate | None = Field(default=None, description="when; leave out only when unknown")
    certainty: Certainty = Field(description=_CERTAINTY_DESCRIPTION)
    what: Bilingual = Field(description="what happened then")
    event: Slug | None = Field(
        default=None, description="the id of the event it dates, from events"
    )
    evidence: Evidence
    note: Note = None

    @model_validator(mode="after")
    def _date_and_certainty(self) -> When:
        _dated(self.date, self.certainty)
        return self


class Decision(Strict):
    """A decision, recommendation, proposal, announcement or statement."""

    what: Bilingual = Field(description="what was decided or said")
    kind: DecisionKind = Field(
        description="decision: binding; recommendation: asks others to act; proposal: put "
        "forward for a decision; announcement: made known; statement: a view or a call"
    )
    status: DecisionStatus = Field(
        description="how far it went, as the article says: proposed, recommended, called-for, "
        "adopted, approved, set (put in place, no adopter named), announced, welcomed, stated, "
        "under-study, referred (sent to another body to decide)"
    )
    by: list[Slug] = Field(
        default_factory=list, description="ids from who; empty when the article names no actor"
    )
    event: Slug | None = Field(
        default=None, description="the id of the event it was taken at, if stated"
    )
    evidence: Evidence
    note: Note = None


class Discrepancy(Strict):
    """Where sources disagree, or this article is unclear, as data."""

    what: Bilingual = Field(description="what differs, in a sentence")
    articles: list[Annotated[str, StringConstraints(pattern=ARTICLE_PATTERN)]] = Field(
        default_factory=list, description="ids of the other articles involved"
    )
    about: list[Slug] = Field(
        default_factory=list, description="ids of the events or entities it concerns"
    )
    evidence: Evidence
    note: Note = None


class Annotation(Strict):
    """One article's curated annotations: annotations/<article-stem>.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_version: Literal[1, 2] = Field(
        alias="schema", description="the schema version: 2 (1 is still read)"
    )
    article: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="the article's file stem in seeds/"
    )
    status: AnnotationStatus = Field(
        description="draft: not yet checked; curated: checked against the article; reviewed: "
        "checked by a second analyst"
    )
    title: Bilingual = Field(description="the article's title")
    summary: Bilingual | None = Field(
        default=None, description="the bottom line, one to three sentences"
    )
    source: Source | None = Field(default=None, description="where the article comes from")
    who: list[Entity] = Field(default_factory=list, description="people, organizations, groups")
    where: list[Place] = Field(default_factory=list, description="places")
    events: list[Event] = Field(
        default_factory=list, description="meetings, sessions and conferences (schema 2)"
    )
    when: list[When] = Field(default_factory=list, description="dated moments")
    decisions: list[Decision] = Field(
        default_factory=list, description="decisions, recommendations, proposals, statements"
    )
    discrepancies: list[Discrepancy] = Field(
        default_factory=list, description="where sources disagree (schema 2)"
    )
    tags: list[Slug] = Field(default_factory=list, description="topics, as ids")
    notes: str | None = Field(default=None, description="free text: what the curator noticed")

    @model_validator(mode="after")
    def _v2_fields_need_v2(self) -> Annotation:
        if self.schema_version == 1:
            used = [name for name in ("events", "discrepancies") if getattr(self, name)]
            if used:
                raise ValueError(
                    f"{' and '.join(used)} need schema: 2 (brief migrate rewrites a v1 file)"
                )
        return self

    def items(
        self,
    ) -> list[tuple[Section, int, Entity | Place | Event | When | Decision | Discrepancy]]:
        """Every annotated item with its section and position, in panel order."""
        return [(name, k, item) for name in SECTIONS for k, item in enumerate(getattr(self, name))]


Item = Entity | Place | Event | When | Decision | Discrepancy

# The model of each section's items (the forms validate an item alone).
ITEM_MODELS: dict[str, type[Strict]] = {
    "who": Entity,
    "where": Place,
    "events": Event,
    "when": When,
    "decisions": Decision,
    "discrepancies": Discrepancy,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an annotation file, for annotations/schema.json."""
    schema = Annotation.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "brief annotations, schema v2"
    return schema
