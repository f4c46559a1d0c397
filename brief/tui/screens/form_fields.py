"""What the forms ask, read from the annotation model: the kinds of item an article has (so a
kind added to the model is offered), and each kind's fields, with the schema's choices."""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from brief.annotations.model import Annotation, Bilingual
from brief.tui.editing import KIND_LABELS

LABELS = {  # where the model's own description reads badly as a label
    "id": "Id: lowercase-with-hyphens, the same in every file",
    "date": "Date: YYYY, YYYY-MM, YYYY-MM-DD or a date-time",
    "summary.en": "Summary (the bottom line), English",
    "tags": "Tags: ids, comma-separated",
}
# Lists of ids (of who, where and events): completed from the ids the corpus knows.
REFERENCES = {"by", "affiliation", "where", "participants", "follows", "about"}
LANGUAGES = (("ar", "Arabic as written"), ("en", "English"))


@dataclass(frozen=True, slots=True)
class FormField:
    key: str  # "name.ar": the Arabic of bilingual field `name`
    label: str
    choices: tuple[str, ...] = ()  # the schema's values: a menu
    is_list: bool = False  # comma-separated
    references: bool = False
    number: bool = False  # a whole number (an event's ordinal): written as one

    @property
    def widget_id(self) -> str:
        return widget_id(self.key)


def widget_id(key: str) -> str:
    """The id of the control of field `key` ("name.ar": field-name-ar)."""
    return f"field-{key.replace('.', '-')}"


def item_kinds() -> list[tuple[str, str]]:
    """(section, how it is offered) for every list of items an annotation holds, in model order."""
    return [
        (name, KIND_LABELS.get(name) or f"{name.capitalize()}: {(model.__doc__ or '').strip()}")
        for name, model in item_models().items()
    ]


def item_models() -> dict[str, type[BaseModel]]:
    found = {}
    for name, info in Annotation.model_fields.items():
        if get_origin(info.annotation) is list:
            (element,) = get_args(info.annotation)
            if isinstance(element, type) and issubclass(element, BaseModel):
                found[name] = element
    return found


def fields_of(model: type[BaseModel], names: tuple[str, ...] | None = None) -> list[FormField]:
    """The form fields of `model` (only `names`, in their order, when given); evidence apart."""
    fields = []
    for name in names or tuple(model.model_fields):
        info = model.model_fields[name]
        kind = _without_none(info.annotation)
        described = f": {info.description}" if info.description else ""
        if name == "evidence" or (isinstance(kind, type) and issubclass(kind, BaseModel)):
            if kind is Bilingual:
                for language, said in LANGUAGES:
                    key = f"{name}.{language}"
                    fields.append(FormField(key, LABELS.get(key, f"{name.capitalize()}, {said}")))
            continue
        label = LABELS.get(name)
        if get_origin(kind) is Literal:
            fields.append(FormField(name, label or name.capitalize(), get_args(kind)))
        elif get_origin(kind) is list:
            label = label or f"{name.capitalize()}{described}, comma-separated"
            fields.append(FormField(name, label, is_list=True, references=name in REFERENCES))
        elif kind is int:
            fields.append(FormField(name, label or f"{name.capitalize()}{described}", number=True))
        else:
            fields.append(FormField(name, label or f"{name.capitalize()}{described}"))
    return fields


def _without_none(kind: Any) -> Any:
    """X for X | None."""
    if get_origin(kind) in (Union, types.UnionType):
        kinds = [k for k in get_args(kind) if k is not type(None)]
        return kinds[0] if len(kinds) == 1 else kind
    return kind
