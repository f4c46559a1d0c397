"""Settings: `brief.toml` in the corpus (or `[tool.brief]` in its pyproject.toml), then the
user's `config.toml` (platformdirs: ~/.config/brief/ on Linux). The corpus wins where both set a
value, since a corpus may need its own direction or shaping. Only the user's file may name a
default corpus (`corpus = "~/news"`): a corpus cannot point elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from brief.config import SettingsError, corpus_settings, read_toml, user_config_file

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


class Panels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    list_width: int = Field(default=38, ge=20, le=120)
    annotations_width: int = Field(default=46, ge=24, le=120)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    corpus: str | None = None  # the user's default corpus, from config.toml only
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
    table = read_toml(user) if user.is_file() else {}
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
