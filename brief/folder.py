"""The corpus folder: found (`--corpus`, then `BRIEF_CORPUS`, then the current folder or one it
is in, then `corpus = "…"` in the user's config) and made (`brief init`)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from brief.config import default_corpus, user_config_file
from brief.errors import BriefError

CORPUS_ENV = "BRIEF_CORPUS"
MERGE_DRIVER = "brief merge %O %A %B %P"
# What git should not keep: the catalog (an index of the files), the cookies of clients waiting
# for a watcher, edits kept for recovery (one analyst's, not the team's).
GITIGNORE = (".brief-index.sqlite*", ".brief-cookie-*", ".brief-recovery/")
GITATTRIBUTES = ("annotations/*.yaml merge=brief",)
BRIEF_TOML = """\
# brief's settings for this corpus; they win over the user's config.toml.
# bidi = "app"          # "terminal": leave reordering to a terminal that does bidi itself
# shape = false         # join Arabic letters, for terminals that do not
# language = "en"       # annotations in "en" or "ar"
"""


class FolderError(BriefError):
    """No corpus where brief looked, or one that cannot be made: said with how to set it."""


def is_corpus(folder: Path) -> bool:
    return (folder / "seeds").is_dir()


def _how_to_set() -> str:
    return (
        f'pass --corpus DIR, set {CORPUS_ENV}=DIR, or put corpus = "DIR" in '
        f"{user_config_file()}; brief init DIR makes a new corpus"
    )


def find_corpus(given: str | None = None, cwd: Path | None = None) -> Path:
    """The corpus brief works on, or FolderError saying where it looked and how to set it."""
    named: list[tuple[str, Path]] = []
    if given:
        named.append((f"--corpus {given}", Path(given)))
    elif os.environ.get(CORPUS_ENV):
        named.append((f"{CORPUS_ENV}={os.environ[CORPUS_ENV]}", Path(os.environ[CORPUS_ENV])))
    for where, folder in named:
        if not folder.exists():
            raise FolderError(f"{where}: {folder} does not exist; brief init {folder} makes one")
        if not folder.is_dir():
            raise FolderError(f"{where}: {folder} is not a folder; {_how_to_set()}")
        if not is_corpus(folder):
            raise FolderError(f"{where}: {folder} has no seeds/ folder; {_how_to_set()}")
        return folder
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_corpus(folder):
            return folder
    configured = default_corpus()
    if configured is not None:
        folder, config = configured
        if not is_corpus(folder):
            lacks = "does not exist" if not folder.exists() else "has no seeds/ folder"
            raise FolderError(
                f'corpus = "{folder}" in {config}: it {lacks}; brief init {folder} makes one there'
            )
        return folder
    raise FolderError(f"no corpus: the current folder has no seeds/ folder; {_how_to_set()}")


@dataclass
class Made:
    """What `brief init` did: each path it made, each it added lines to, what it set in git."""

    made: list[Path] = field(default_factory=list)
    extended: list[Path] = field(default_factory=list)
    git: list[str] = field(default_factory=list)  # what was set in git


def init_corpus(folder: Path, schema: dict[str, object], git: bool = False) -> Made:
    """Make `folder` a corpus; what is already there is kept (lines brief needs are added to
    .gitignore and .gitattributes). With `git`: a repository if it is in none, and the merge
    driver set in its config."""
    if folder.exists() and not folder.is_dir():
        raise FolderError(f"{folder} is a file: brief init needs a folder")
    made = Made()
    try:
        for sub in (folder, folder / "seeds", folder / "annotations"):
            if not sub.is_dir():
                sub.mkdir(parents=True)
                made.made.append(sub)
        schema_text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        _new_file(folder / "annotations" / "schema.json", schema_text, made)
        _new_file(folder / "brief.toml", BRIEF_TOML, made)
        _lines_in(folder / ".gitignore", GITIGNORE, made)
        _lines_in(folder / ".gitattributes", GITATTRIBUTES, made)
    except OSError as error:
        raise FolderError(f"cannot make a corpus in {folder}: {error.strerror or error}") from error
    if git:
        made.git = wire_git(folder)
    return made


def _new_file(path: Path, text: str, made: Made) -> None:
    if path.exists():
        return
    path.write_text(text, encoding="utf-8")
    made.made.append(path)


def _lines_in(path: Path, lines: tuple[str, ...], made: Made) -> None:
    """Add each line the file lacks, keeping what it holds."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    missing = [line for line in lines if line not in text.splitlines()]
    if not missing:
        return
    joined = "\n".join(missing) + "\n"
    path.write_text(text + ("\n" if text and not text.endswith("\n") else "") + joined, "utf-8")
    (made.extended if text else made.made).append(path)


def merge_driver_command() -> str:
    """The driver git runs: the `brief` on PATH by its full path, else this Python's brief, so
    that it runs where that PATH is not git's (a venv not activated, an editor's git)."""
    found = shutil.which("brief")
    if found:
        return f"{shlex.quote(str(Path(found).absolute()))} {MERGE_DRIVER.removeprefix('brief ')}"
    return f"{shlex.quote(sys.executable)} -m {MERGE_DRIVER}"


def merge_driver_missing(folder: Path) -> bool:
    """Whether the corpus is in git and asks for brief's merge driver (.gitattributes) while
    git has none set: the case of every clone, since git does not copy a repository's config."""
    attributes = folder / ".gitattributes"
    try:
        wanted = "merge=brief" in attributes.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not wanted or shutil.which("git") is None:
        return False
    if _git(folder, "config", "--get", "merge.brief.driver", check=False).returncode == 0:
        return False
    return _git(folder, "rev-parse", "--git-dir", check=False).returncode == 0


def wire_git(folder: Path) -> list[str]:
    """A repository for the corpus if it is in none, and brief's merge driver in its config."""
    if shutil.which("git") is None:
        raise FolderError("--git: git is not installed (the corpus was made without it)")
    done = []
    inside = _git(folder, "rev-parse", "--is-inside-work-tree", check=False)
    if inside.returncode != 0:
        _git(folder, "init", "--quiet")
        done.append("git init")
    settings = (
        ("merge.brief.name", "brief annotations: a three-way merge by item"),
        ("merge.brief.driver", merge_driver_command()),
    )
    for key, value in settings:
        _git(folder, "config", key, value)
        done.append(f"git config {key} {json.dumps(value)}")
    return done


def _git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise FolderError(f"git {args[0]} in {folder}: {result.stderr.strip()}")
    return result
