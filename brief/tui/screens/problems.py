"""A form's problems in plain words, each under the field it is about: pydantic's errors as an
analyst reads them ("Id: required", "Evidence: at least one quote from the article")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from brief.annotations.model import PARTIAL_DATE_PATTERN, SLUG_PATTERN, URL_PATTERN

LANGUAGES = {"ar": "Arabic", "en": "English"}
PATTERNS = {
    SLUG_PATTERN: "lowercase letters, digits and hyphens, such as arab-states",
    PARTIAL_DATE_PATTERN: "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    URL_PATTERN: "a web address: https://…",
}
TOO_FEW = {"evidence": "at least one quote from the article"}


@dataclass(frozen=True, slots=True)
class Problem:
    key: str  # the field it is about ("name" both of its languages, "name.ar"); "" the item
    text: str


def in_plain_words(error: ValidationError) -> list[Problem]:
    """One problem a line, named by its field: what is wrong, not pydantic's wording."""
    return [_problem(detail) for detail in error.errors()]


def _problem(detail: Any) -> Problem:
    loc = [step for step in detail["loc"] if isinstance(step, str)]
    if not loc:  # the item as a whole (a date and its certainty that disagree)
        return Problem("", _said(detail))
    key, name = loc[0], loc[0].replace("_", " ").capitalize()
    if len(loc) > 1 and loc[1] in LANGUAGES:
        key, name = f"{key}.{loc[1]}", f"{name}, {LANGUAGES[loc[1]]}"
    said = _said(detail)
    if detail["type"] != "missing" and any(isinstance(s, int) for s in detail["loc"]):
        said = f"{str(detail['input'])[:40]!r}: {said}"  # one value of a list
    return Problem(key, f"{name}: {said}")


def _said(detail: Any) -> str:
    kind, context = detail["type"], detail.get("ctx") or {}
    loc = [step for step in detail["loc"] if isinstance(step, str)]
    if kind == "missing":
        return "required"
    if kind == "too_short":
        return TOO_FEW.get(loc[0] if loc else "", "at least one")
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(context.get("pattern", ""), "not in the form it takes")
    if kind == "string_too_short":
        return f"at least {context.get('min_length')} characters"
    if kind == "string_too_long":
        return f"at most {context.get('max_length')} characters"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "a whole number"
    if kind == "literal_error":
        return f"one of {context.get('expected')}"
    return str(detail["msg"]).removeprefix("Value error, ")
