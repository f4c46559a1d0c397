"""Settings: `brief.toml` in the corpus (or `[tool.brief]` in its pyproject.toml), then the
user's `config.toml` (platformdirs: ~/.config/brief/ on Linux). The corpus wins where both set a
value, since a corpus may need its own direction or shaping. Only the user's file may name a
default corpus (`corpus = "~/news"`): a corpus cannot point elsewhere."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from brief.config import SettingsError, corpus_settings, read_toml, user_config_file

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter

__all__ = [
    "DEFAULT_KEYS", "Panels", "Settings", "SettingsError", "follows_outside_links",
    "load_settings",
]  # fmt: skip

# Actions whose keys can be remapped, with their default keys (comma-separated).
DEFAULT_KEYS = {
    "next_article": "n,right_square_bracket",
    "previous_article": "p,left_square_bracket",
    "search": "slash",
    "filter": "f",
    "toggle_language": "t",
    "help": "question_mark",
    "quit": "q",
    "top": "g,home",
    "bottom": "G,end",
    "entities": "e",
    "timeline": "T",
    "toggle_fold": "z",
    "export": "o",
    "undo": "u,ctrl+z",
}

# The settings are plain dataclasses, validated by pydantic when a settings file is read:
# without one (most starts of the reader) pydantic is not even imported. Their constraints
# are pydantic's own schemas, made when the first file is validated.
_FORBID = {"extra": "forbid"}  # pydantic's config for a stdlib dataclass


class _Between:
    """An int within bounds (pydantic's int schema with ge and le)."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> Any:  # pydantic-core's CoreSchema
        from pydantic import Field

        return handler.generate_schema(Annotated[int, Field(ge=self.low, le=self.high)])


class _Checked:
    """A value checked after pydantic's own validation (a ValueError says why not)."""

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> Any:  # pydantic-core's CoreSchema
        from pydantic import AfterValidator

        return handler.generate_schema(Annotated[source, AfterValidator(self.check)])


def _known_actions(keys: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(keys) - set(DEFAULT_KEYS))
    if unknown:
        raise ValueError(
            f"unknown action {unknown[0]!r}; actions are: {', '.join(sorted(DEFAULT_KEYS))}"
        )
    return keys


@dataclasses.dataclass(frozen=True)
class Panels:
    __pydantic_config__ = _FORBID
    list_width: Annotated[int, _Between(20, 120)] = 38
    annotations_width: Annotated[int, _Between(24, 120)] = 46


@dataclasses.dataclass(frozen=True)
class Settings:
    __pydantic_config__ = _FORBID
    corpus: str | None = None  # the user's default corpus, from config.toml only
    bidi: Literal["app", "terminal"] = "app"
    shape: bool = False
    theme: str = "textual-dark"
    language: Literal["en", "ar"] = "en"
    panels: Panels = dataclasses.field(default_factory=Panels)
    keys: Annotated[dict[str, str], _Checked(_known_actions)] = dataclasses.field(
        default_factory=dict
    )
    # Links in seeds/ or annotations/ that lead out of the corpus are not followed unless this
    # is true, and only the user's own config.toml can say so: a shared corpus must not allow
    # itself to carry ~/.ssh/id_rsa into a brief.
    follow_outside_links: bool = False

    def key_for(self, action: str) -> str:
        return self.keys.get(action, DEFAULT_KEYS[action])


@cache
def _adapter() -> TypeAdapter[Settings]:
    from pydantic import TypeAdapter

    return TypeAdapter(Settings)


def _sources(corpus: Path, user_file: Path | None) -> list[tuple[Path, dict[str, Any]]]:
    """(file, table) pairs, lowest precedence first."""
    found = []
    user = user_file if user_file is not None else user_config_file()
    if user.is_file():
        found.append((user, read_toml(user)))
    own = corpus_settings(corpus)
    if own is not None:
        path, table = own
        if "corpus" in table:
            raise SettingsError(f"{path}: corpus: only the user's {user} can name a default corpus")
        found.append(own)
    return found


def follows_outside_links(user_file: Path | None = None) -> bool:
    """Whether the user's own config.toml allows links that lead out of a corpus."""
    user = user_file if user_file is not None else user_config_file()
    if not user.is_file():
        return Settings.follow_outside_links
    return _validated(user, read_toml(user)).follow_outside_links


def _validated(path: Path, table: dict[str, Any]) -> Settings:
    from pydantic import ValidationError

    try:
        return _adapter().validate_python(table)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(step) for step in detail["loc"])
        message = str(detail["msg"]).removeprefix("Value error, ")
        if detail["type"] == "unexpected_keyword_argument":  # a key no setting has
            message = "Extra inputs are not permitted"
        raise SettingsError(f"{path}: {where}: {message}") from error


def load_settings(corpus: Path, user_file: Path | None = None) -> Settings:
    merged: dict[str, Any] = {}
    sources = _sources(corpus, user_file)
    if not sources:
        return Settings()
    for path, table in sources:
        if path.parent == corpus and "follow_outside_links" in table:
            raise SettingsError(
                f"{path}: follow_outside_links: only your own config.toml can allow links "
                "out of a corpus (a shared corpus must not allow itself)"
            )
        _validated(path, table)
        for key, value in table.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return _adapter().validate_python(merged)
