"""Reader settings: `brief.toml` in the corpus (or `[tool.brief]` in its pyproject.toml), then
the user's `config.toml` (platformdirs: ~/.config/brief/ on Linux). The corpus wins where both
set a value, since a corpus may need its own direction or shaping."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_config_path
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from brief.errors import BriefError

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


class SettingsError(BriefError):
    """Settings that cannot be used, said in one line with the file and key."""


class Panels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    list_width: int = Field(default=38, ge=20, le=120)
    annotations_width: int = Field(default=46, ge=24, le=120)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bidi: Literal["app", "terminal"] = "app"
    shape: bool = False
    theme: str = "textual-dark"
    language: Literal["en", "ar"] = "en"
    panels: Panels = Field(default_factory=Panels)
    keys: dict[str, str] = Field(default_factory=dict)
    # Links in seeds/ or annotations/ that lead out of the corpus are not followed unless this
    # is true, and only the user's own config.toml can say so: a shared corpus must not allow
    # itself to carry ~/.ssh/id_rsa into a brief.
    follow_outside_links: bool = False

    @field_validator("keys")
    @classmethod
    def _known_actions(cls, keys: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(keys) - set(DEFAULT_KEYS))
        if unknown:
            raise ValueError(
                f"unknown action {unknown[0]!r}; actions are: {', '.join(sorted(DEFAULT_KEYS))}"
            )
        return keys

    def key_for(self, action: str) -> str:
        return self.keys.get(action, DEFAULT_KEYS[action])


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read: {error}") from error


def _sources(corpus: Path, user_file: Path | None) -> list[tuple[Path, dict[str, Any]]]:
    """(file, table) pairs, lowest precedence first."""
    found = []
    user = user_file if user_file is not None else user_config_file()
    if user.is_file():
        found.append((user, _read(user)))
    if (corpus / "brief.toml").is_file():
        found.append((corpus / "brief.toml", _read(corpus / "brief.toml")))
    elif (corpus / "pyproject.toml").is_file():
        table = _read(corpus / "pyproject.toml").get("tool", {}).get("brief")
        if isinstance(table, dict):
            found.append((corpus / "pyproject.toml", table))
    return found


def user_config_file() -> Path:
    return user_config_path("brief") / "config.toml"


def follows_outside_links(user_file: Path | None = None) -> bool:
    """Whether the user's own config.toml allows links that lead out of a corpus."""
    user = user_file if user_file is not None else user_config_file()
    table = _read(user) if user.is_file() else {}
    return _validated(user, table).follow_outside_links


def _validated(path: Path, table: dict[str, Any]) -> Settings:
    try:
        return Settings.model_validate(table)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(step) for step in detail["loc"])
        message = str(detail["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{path}: {where}: {message}") from error


def load_settings(corpus: Path, user_file: Path | None = None) -> Settings:
    merged: dict[str, Any] = {}
    for path, table in _sources(corpus, user_file):
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
    return Settings.model_validate(merged)
