"""Where brief's settings files are, read as TOML: the corpus's `brief.toml` (or `[tool.brief]`
in its pyproject.toml) and the user's `config.toml` (platformdirs: ~/.config/brief/ on Linux).
Nothing is validated here (brief.settings does that, with pydantic), so a command that finds
no settings file starts without loading it."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

from brief.errors import BriefError


class SettingsError(BriefError):
    """Settings that cannot be used, said in one line with the file and key."""


def user_config_file() -> Path:
    """The user's settings file (it need not exist)."""
    return user_config_path("brief") / "config.toml"


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot read: {error}") from error


def corpus_settings(corpus: Path) -> tuple[Path, dict[str, Any]] | None:
    """The corpus's own settings file and its table: brief.toml, else pyproject's [tool.brief]."""
    if (corpus / "brief.toml").is_file():
        return corpus / "brief.toml", read_toml(corpus / "brief.toml")
    if (corpus / "pyproject.toml").is_file():
        table = read_toml(corpus / "pyproject.toml").get("tool", {}).get("brief")
        if isinstance(table, dict):
            return corpus / "pyproject.toml", table
    return None


def has_settings(corpus: Path, user_file: Path | None = None) -> bool:
    """Does any settings file apply to this corpus? (brief.toml, [tool.brief], config.toml)"""
    user = user_file if user_file is not None else user_config_file()
    return user.is_file() or corpus_settings(corpus) is not None


def default_corpus(user_file: Path | None = None) -> tuple[Path, Path] | None:
    """The corpus the user's config names (`corpus = "~/news"`; relative to the file's folder)
    and the file that names it; None when it names none."""
    user = user_file if user_file is not None else user_config_file()
    if not user.is_file():
        return None
    named = read_toml(user).get("corpus")
    if named is None:
        return None
    if not isinstance(named, str) or not named:
        raise SettingsError(f"{user}: corpus: expected a folder's path as a string")
    return user.parent / Path(named).expanduser(), user
