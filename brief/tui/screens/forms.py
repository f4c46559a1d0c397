"""Forms for annotation items and the article's own fields: typed dialogs that validate as the
analyst types, with the schema's choices in menus. Tab and Shift+Tab move between the fields,
Enter to the next one, ctrl+s saves, Esc cancels. A field's problem is said, in plain words, once
the analyst has left the field or tried to save."""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, TextArea

from brief.annotations.model import SCHEMA_VERSION, Annotation
from brief.tui.editing import ARTICLE_FIELDS
from brief.tui.screens.dialogs import Confirm, DialogBox
from brief.tui.screens.form_fields import FormField, fields_of, item_models, widget_id
from brief.tui.screens.problems import Problem, in_plain_words
from brief.tui.widgets.fields import TextBox, TextField, text_box, text_field
from brief.tui.widgets.footer import KeyFooter
from brief.tui.widgets.laid_out import LaidOutText

DIM = Style(dim=True)
WARN = Style(color="red", bold=True)
EVIDENCE = "evidence"  # the quotes: a box of their own, not a field (fields_of leaves them out)


class IdSuggester(Suggester):
    """Completes the last comma-separated id from the ids the corpus knows (→ accepts)."""

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

    # The keys that move the focus act as they are read (priority), before the keys typed after
    # them: a non-priority Tab acts only once it has gone through the field, by when the keys
    # typed after it may have been handed to the same field.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "app.focus_next", "Next field", priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", priority=True),
        Binding("enter", "next_field", "Next field", show=False, priority=True),
    ]
    title_text = ""
    opened_with: dict[str, Any] | None = None  # what the form held when it opened
    last: tuple[str, ...] = ()  # fields shown after what compose_more adds

    def __init__(self, fields: list[FormField], current: dict[str, Any], ids: list[str]) -> None:
        super().__init__()
        self.fields = fields
        self.current = current
        self.known_ids = ids
        self.left: set[str] = set()  # the keys of the fields the analyst has left
        self.tried = False  # to save: every problem is said from then on

    def compose(self) -> ComposeResult:
        # The fields scroll; the title, the problems and the buttons stay in view.
        with Vertical(id="form-frame"):
            yield Label(f"{self.title_text}  (ctrl+s saves, Esc cancels)", id="form-title")
            with DialogBox(id="form-fields"):
                for field in self.fields:
                    if field.key not in self.last:
                        yield Label(field.label, classes="form-label")
                        yield self._control(field)
                yield from self.compose_more()
                for field in self.fields:
                    if field.key in self.last:
                        yield Label(field.label, classes="form-label")
                        yield self._control(field)
            yield LaidOutText(id="form-problems")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyFooter()

    def compose_more(self) -> ComposeResult:
        yield from ()

    def _control(self, field: FormField) -> Widget:
        current = _get(self.current, field.key)
        if field.choices:
            value = current if current in field.choices else Select.NULL
            # A required choice left blank is flagged, not guessed.
            options = [(choice, choice) for choice in field.choices]
            return Select(options, value=value, id=field.widget_id, allow_blank=True, compact=True)
        text = ", ".join(current) if isinstance(current, list) else str(current or "")
        suggester = IdSuggester(self.known_ids) if field.references else None
        return text_field(text, id=field.widget_id, suggester=suggester, compact=True)

    def on_mount(self) -> None:
        self.opened_with = self.value()
        self._check()
        # Focus on the first field scrolled its label away: the form is shown from its top.
        self.call_after_refresh(self.query_one(DialogBox).scroll_home, animate=False)

    def value(self) -> dict[str, Any]:
        """What is typed, as plain data."""
        data: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.widget_id}")
            value: Any
            if isinstance(widget, Select):
                value = None if widget.value is Select.NULL else widget.value
            else:
                assert isinstance(widget, TextField)
                value = widget.value.strip()
                if field.is_list:
                    value = [v.strip() for v in value.split(",") if v.strip()]
                elif field.number and value.isdecimal():
                    value = int(value)
            if value not in (None, "", []):
                _set(data, field.key, value)
        return data

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        raise NotImplementedError

    def _said(self, problems: list[Problem]) -> list[Problem]:
        """The problems to show: those of the fields left (all of them once a save was tried);
        one of the whole item once any field was left."""
        if self.tried:
            return problems
        return [p for p in problems if self.left and all(k in self.left for k in self._keys(p))]

    def _field_keys(self) -> list[str]:
        """The keys of the form's fields, the evidence quotes' too."""
        return [*(f.key for f in self.fields), EVIDENCE]

    def _keys(self, problem: Problem) -> list[str]:
        """The fields a problem is about ("name": its Arabic and its English)."""
        keys = self._field_keys()
        return [k for k in keys if k == problem.key or k.startswith(f"{problem.key}.")]

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _check(self) -> None:
        problems = self.problems(self.value())
        said = self._said(problems)
        if said:
            message = Text("\n".join(p.text for p in said), style=WARN)
        else:
            message = Text("" if problems else "✓ valid", style=DIM)
        self.query_one("#form-problems", LaidOutText).update([message])

    @on(events.DescendantBlur)
    def _left(self, event: events.DescendantBlur) -> None:
        """A field left: its problems are said from now on (not when its own menu opened)."""
        widget = event.widget
        if self.focused is not None and widget in self.focused.ancestors_with_self:
            return
        for key in self._field_keys():
            if widget.id == widget_id(key):
                self.left.add(key)
        self._check()

    def action_next_field(self) -> None:
        """Enter in a text field: the next field (elsewhere Enter is the control's own)."""
        if not isinstance(self.focused, TextField):
            raise SkipAction()
        self.focus_next()

    def action_save(self) -> None:
        """Save; refused while the form has problems: all of them said, the first focused."""
        data = self.value()
        problems = self.problems(data)
        if not problems:
            self.dismiss(data)
            return
        self.tried = True
        self._check()
        about = self._keys(problems[0])
        if about:
            self.query_one(f"#{widget_id(about[0])}").focus()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Esc: close, after asking when something was typed (nothing typed is lost unasked)."""
        if self.value() == self.opened_with:
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        question = "Discard what you typed in this form?"
        self.app.push_screen(
            Confirm(question, yes="Discard", no="Keep editing", default=False), discard
        )


class ItemForm(FormScreen):
    """Add or edit one item of a section (who, where, when, decisions, …)."""

    last = ("event", "note")  # the event and the note come after the evidence

    def __init__(
        self,
        section: str,
        article_text: str,
        item: dict[str, Any] | None = None,
        known_ids: list[str] | None = None,
        quote: str | None = None,
    ) -> None:
        self.section = section
        self.model = item_models()[section]
        super().__init__(fields_of(self.model), item or {}, known_ids or [])
        self.article_text = unicodedata.normalize("NFC", article_text)
        self.quote = quote
        self.title_text = f"{'Edit' if item else 'Add'} {section} item"

    def compose_more(self) -> ComposeResult:
        yield Label("Evidence: exact quotes from the article, one per line", classes="form-label")
        quotes = list(self.current.get("evidence") or [])
        if self.quote and self.quote not in quotes:
            quotes.append(self.quote)
        yield text_box("\n".join(quotes), id=widget_id(EVIDENCE))

    def value(self) -> dict[str, Any]:
        data = super().value()
        quotes = self.query_one(f"#{widget_id(EVIDENCE)}", TextBox).text.split("\n")
        data["evidence"] = [q for q in quotes if q.strip()]
        return data

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        found = []
        try:
            self.model.model_validate(data)
        except ValidationError as error:
            found = in_plain_words(error)
        for quote in data.get("evidence", []):
            if unicodedata.normalize("NFC", quote) not in self.article_text:
                found.append(Problem("evidence", f"Evidence: not in the article: {quote[:40]}"))
        return found


class ArticleForm(FormScreen):
    """The article's status, title, summary and tags."""

    title_text = "Article fields"

    def __init__(self, current: dict[str, Any]) -> None:
        current = {**current, "status": current.get("status") or "draft"}
        super().__init__(fields_of(Annotation, ARTICLE_FIELDS), current, [])

    def value(self) -> dict[str, Any]:
        data = super().value()
        data.setdefault("status", "draft")
        data.setdefault("title", {})
        return data

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        try:
            Annotation.model_validate({"schema": SCHEMA_VERSION, "article": "x", **data})
        except ValidationError as error:
            return in_plain_words(error)
        return []
