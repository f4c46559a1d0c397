"""Forms for annotation items and the article's own fields: typed dialogs that validate as
the analyst types, with the schema's kinds and statuses to choose from."""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from brief.annotations.model import (
    ANNOTATION_STATUSES,
    CERTAINTIES,
    DECISION_STATUSES,
    ITEM_MODELS,
    KINDS,
    Annotation,
)
from brief.tui.panes import DIM, WARN, laid_out

# (field, label) per section: "x.ar" is the Arabic of bilingual field x; lists are comma-separated.
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "who": (
        ("id", "Id (lowercase-with-hyphens)"),
        ("name.ar", "Name, Arabic as written"),
        ("name.en", "Name, English"),
        ("kind", "Kind"),
        ("role.ar", "Role, Arabic"),
        ("role.en", "Role, English"),
        ("affiliation", "Affiliation: ids, comma-separated"),
        ("aliases", "Aliases: other spellings, comma-separated"),
    ),
    "where": (
        ("id", "Id"),
        ("name.ar", "Name, Arabic"),
        ("name.en", "Name, English"),
        ("kind", "Kind"),
        ("aliases", "Aliases, comma-separated"),
    ),
    "when": (
        ("date", "Date: YYYY, YYYY-MM, YYYY-MM-DD or a date-time"),
        ("certainty", "Certainty"),
        ("what.en", "What happened, English"),
        ("what.ar", "What happened, Arabic"),
    ),
    "decisions": (
        ("what.en", "What, English"),
        ("what.ar", "What, Arabic as written"),
        ("kind", "Kind"),
        ("status", "Status"),
        ("by", "By: ids from Who, comma-separated"),
    ),
}
LISTS = {"affiliation", "aliases", "by"}


class IdSuggester(Suggester):
    """Completes the last comma-separated id from the ids the corpus knows."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.ids = sorted(ids)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        last = last.lstrip()
        if not last:
            return None
        match = next((i for i in self.ids if i.startswith(last) and i != last), None)
        if match is None:
            return None
        return f"{head}, {match}" if head else match


def _get(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        data = data.get(part) if isinstance(data, dict) else None  # type: ignore[assignment]
    return data


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


class FormScreen(ModalScreen[dict[str, Any] | None]):
    """A form that shows its problems as the analyst types and saves only when there are none;
    dismissed with the plain data, or None."""

    BINDINGS: ClassVar = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def value(self) -> dict[str, Any]:
        raise NotImplementedError

    def problems(self, data: dict[str, Any]) -> list[str]:
        raise NotImplementedError

    def show_problems(self, problems: list[str]) -> None:
        message = Text("\n".join(problems), style=WARN) if problems else Text("✓ valid", style=DIM)
        self.query_one("#form-problems", Static).update(message)
        self.query_one("#save", Button).disabled = bool(problems)

    def action_save(self) -> None:
        data = self.value()
        if not self.problems(data):
            self.dismiss(data)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ItemForm(FormScreen):
    """Add or edit one who / where / when / decision item."""

    def __init__(
        self,
        section: str,
        article_text: str,
        item: dict[str, Any] | None = None,
        known_ids: list[str] | None = None,
        quote: str | None = None,
    ) -> None:
        super().__init__()
        self.section = section
        self.article_text = unicodedata.normalize("NFC", article_text)
        self.item = item or {}
        self.known_ids = known_ids or []
        self.quote = quote

    def compose(self) -> ComposeResult:
        verb = "Edit" if self.item else "Add"
        with VerticalScroll(id="form-box"):
            yield Label(f"{verb} {self.section} item  (ctrl+s saves, Esc cancels)", id="form-title")
            for key, label in FIELDS[self.section]:
                yield Label(label, classes="form-label")
                name = key.split(".")[0]
                if name in ("kind", "status", "certainty"):
                    choices = {
                        "kind": KINDS.get(self.section, ()),
                        "status": DECISION_STATUSES,
                    }.get(name, CERTAINTIES)
                    current = _get(self.item, key)
                    yield Select(
                        [(c, c) for c in choices],
                        value=current if current in choices else Select.NULL,
                        id=f"field-{key.replace('.', '-')}",
                        allow_blank=True,  # a required choice left blank is flagged, not guessed
                    )
                    continue
                value = _get(self.item, key)
                text = ", ".join(value) if isinstance(value, list) else str(value or "")
                suggester = IdSuggester(self.known_ids) if name in ("by", "affiliation") else None
                yield Input(text, id=f"field-{key.replace('.', '-')}", suggester=suggester)
            yield Label(
                "Evidence: exact quotes from the article, one per line", classes="form-label"
            )
            quotes = list(self.item.get("evidence") or [])
            if self.quote and self.quote not in quotes:
                quotes.append(self.quote)
            yield TextArea("\n".join(quotes), id="field-evidence", soft_wrap=True)
            yield Static("", id="evidence-preview")
            yield Static("", id="form-problems")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._check()

    def value(self) -> dict[str, Any]:
        """The item as typed, in plain data."""
        data: dict[str, Any] = {}
        for key, _ in FIELDS[self.section]:
            widget = self.query_one(f"#field-{key.replace('.', '-')}")
            if isinstance(widget, Select):
                raw = widget.value
                value: Any = None if raw is Select.NULL else raw
            else:
                assert isinstance(widget, Input)
                value = widget.value.strip()
                if key.split(".")[0] in LISTS:
                    value = [v.strip() for v in value.split(",") if v.strip()]
            if value not in (None, "", []):
                _set(data, key, value)
        quotes = self.query_one("#field-evidence", TextArea).text.split("\n")
        data["evidence"] = [q for q in quotes if q.strip()]
        return data

    def problems(self, data: dict[str, Any]) -> list[str]:
        found = []
        try:
            ITEM_MODELS[self.section].model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(step) for step in detail["loc"])
                found.append(f"{where}: {str(detail['msg']).removeprefix('Value error, ')}")
        for quote in data.get("evidence", []):
            if unicodedata.normalize("NFC", quote) not in self.article_text:
                found.append(f"evidence not in the article: {quote[:40]}")
        return found

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _check(self) -> None:
        data = self.value()
        problems = self.problems(data)
        width = max(self.app.size.width - 16, 30)
        preview = [laid_out(q, width, rows=2) for q in data.get("evidence", [])]
        self.query_one("#evidence-preview", Static).update(
            Text("\n").join(preview) if preview else Text("(no quote yet)", style=DIM)
        )
        self.show_problems(problems)


class ArticleForm(FormScreen):
    """The article's title, summary, status and tags."""

    KEYS = (
        ("title.ar", "Title, Arabic"),
        ("title.en", "Title, English"),
        ("summary.en", "Summary (the bottom line), English"),
        ("summary.ar", "Summary, Arabic"),
        ("tags", "Tags: ids, comma-separated"),
    )

    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form-box"):
            yield Label("Article fields  (ctrl+s saves, Esc cancels)", id="form-title")
            yield Label("Status", classes="form-label")
            status = self.current.get("status", "draft")
            yield Select([(s, s) for s in ANNOTATION_STATUSES], value=status, id="status")
            for key, label in self.KEYS:
                yield Label(label, classes="form-label")
                value = _get(self.current, key)
                text = ", ".join(value) if isinstance(value, list) else str(value or "")
                yield Input(text, id=f"field-{key.replace('.', '-')}")
            yield Static("", id="form-problems")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def value(self) -> dict[str, Any]:
        status = self.query_one("#status", Select).value
        data: dict[str, Any] = {"status": status if status is not Select.NULL else "draft"}
        for key, _ in self.KEYS:
            text = self.query_one(f"#field-{key.replace('.', '-')}", Input).value.strip()
            value: Any = (
                [t.strip() for t in text.split(",") if t.strip()] if key == "tags" else text
            )
            if value:
                _set(data, key, value)
        data.setdefault("title", {})
        return data

    def problems(self, data: dict[str, Any]) -> list[str]:
        probe = {"schema": 1, "article": "x", **data}
        try:
            Annotation.model_validate(probe)
        except ValidationError as error:
            return [f"{'.'.join(str(s) for s in d['loc'])}: {d['msg']}" for d in error.errors()]
        return []

    @on(Input.Changed)
    @on(Select.Changed)
    def _check(self) -> None:
        self.show_problems(self.problems(self.value()))


class Confirm(ModalScreen[bool]):
    """A yes/no question, with details below it (problems, a diff)."""

    BINDINGS: ClassVar = [Binding("escape", "dismiss(False)", "No")]

    def __init__(self, question: str, details: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.details, self.yes, self.no = question, details, yes, no

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form-box"):
            yield Label(self.question, id="form-title")
            if self.details:
                yield Static(Text(self.details), id="confirm-details")
            with Horizontal(id="form-buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)
