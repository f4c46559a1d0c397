"""Editing annotation files without losing work.

The YAML is edited as a round-trip document (ruamel.yaml), so an analyst's hand-written
comments and layout survive; new content is written in one canonical form (schema key order,
one item per list entry, UTF-8 as is). Every save is validated first, refused when the file
changed on disk since it was read, and atomic (temporary file, fsync, rename).
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief.annotations.load import Problem, read_annotation_text
from brief.annotations.model import PARTIAL_DATE_PATTERN, SCHEMA_LINE, SCHEMA_VERSION
from brief.annotations.validate import annotation_path, check_text
from brief.errors import BriefError
from brief.text.files import check_writable_within
from brief.text.files import write_atomic as write_atomic  # where edits are saved from

# ruamel.yaml is imported where a file is edited, not with this module: its import costs a
# tenth of the reader's first screen, which needs none of it.
if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

TOP_ORDER = (
    "schema", "article", "status", "title", "summary", "source",
    "who", "where", "events", "when", "decisions", "discrepancies", "tags", "notes",
)  # fmt: skip
ITEM_ORDER: dict[str, tuple[str, ...]] = {  # by Section
    "who": ("id", "name", "kind", "role", "affiliation", "aliases", "evidence", "note"),
    "where": ("id", "name", "kind", "aliases", "evidence", "note"),
    "events": (
        "id", "name", "kind", "ordinal", "date", "certainty", "where", "participants",
        "follows", "evidence", "note",
    ),
    "when": ("date", "certainty", "what", "event", "evidence", "note"),
    "decisions": ("what", "kind", "status", "by", "event", "evidence", "note"),
    "discrepancies": ("what", "articles", "about", "evidence", "note"),
}  # fmt: skip
BILINGUAL_ORDER = ("ar", "en")


class ConflictError(BriefError):
    """The file changed on disk since it was read; `diff` says how."""

    def __init__(self, path: Path, diff: str) -> None:
        super().__init__(f"{path.name} changed on disk since it was read; nothing was overwritten")
        self.path = path
        self.diff = diff


class EditError(BriefError):
    """An edit that would make the file invalid; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"line {first.line}: {first.message}{more}")
        self.problems = problems


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, order and quoting kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long Arabic line
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _canonical(value: Any, order: Sequence[str] = ()) -> Any:
    """Plain data as round-trip YAML in canonical form: keys in `order`, strings quoted."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, Mapping):
        mapping = CommentedMap()
        keys = [k for k in order if k in value] + [k for k in value if k not in order]
        for key in keys:
            item = value[key]
            if item in (None, "", [], {}):
                continue
            child_order = BILINGUAL_ORDER if isinstance(item, Mapping) else ()
            mapping[key] = _canonical(item, child_order)
        return mapping
    if isinstance(value, list | tuple):
        return CommentedSeq(_canonical(v) for v in value)
    if isinstance(value, str) and key_like(value):
        return value
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    return value


def on_disk(path: Path) -> str | None:
    """An annotation file as it is on disk (None: there is none), read as Python reads text
    (universal newlines); bytes that are not UTF-8, and what the corpus does not read (a FIFO,
    a link out of it), are refused saying why (UnreadableFile)."""
    if not os.path.lexists(path):
        return None
    text = read_annotation_text(path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# An id or article stem with a letter in it, or a date: YAML reads either back as text.
_PLAIN = re.compile(rf"(?=[0-9a-z_-]*[a-z])[0-9a-z][0-9a-z_-]*|{PARTIAL_DATE_PATTERN.strip('^$')}")


def key_like(text: str) -> bool:
    """Ids, kinds, statuses and dates read best unquoted (and YAML reads them back as text)."""
    return _PLAIN.fullmatch(text) is not None


@dataclass
class AnnotationFile:
    """One article's annotation file, open for editing."""

    corpus: Path
    article_id: str
    loaded_text: str | None  # the file as read (None: it did not exist)
    document: CommentedMap

    @property
    def path(self) -> Path:
        return annotation_path(self.corpus, self.article_id)

    @classmethod
    def open(cls, corpus: Path, article_id: str, title: str = "") -> AnnotationFile:
        """The file for `article_id`, or a new document when it has none yet."""
        path = annotation_path(corpus, article_id)
        text = on_disk(path)
        if text is not None:
            return cls(corpus, article_id, text, _yaml().load(text))
        document = _canonical(
            {
                "schema": SCHEMA_VERSION,
                "article": article_id,
                "status": "draft",
                "title": {"ar": title},
            },
            TOP_ORDER,
        )
        document.yaml_set_start_comment(SCHEMA_LINE.removeprefix("# "))
        return cls(corpus, article_id, None, document)

    def render(self) -> str:
        out = io.StringIO()
        _yaml().dump(self.document, out)
        return out.getvalue()

    # Edits: each changes the document in memory; save() writes it.
    def set_field(self, key: str, value: Any) -> None:
        if key not in ("title", "summary", "status", "tags", "notes", "source"):
            raise ValueError(f"{key!r} is not an article field")
        if value in (None, "", [], {}):
            self.document.pop(key, None)
            return
        order = BILINGUAL_ORDER if key in ("title", "summary") else ()
        new = _canonical(value, order) if isinstance(value, Mapping | list) else _canonical(value)
        if key in self.document:
            # As an item's values: comments kept where values stay, the style a value had.
            from ruamel.yaml.comments import CommentedMap

            old = self.document[key]
            if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
                _merge(old, new, order)
                return
            _keep_style(old, new)
            self.document[key] = new
        else:
            self.document.insert(self._position_for(key), key, new)

    def add_item(self, section: str, item: Mapping[str, Any]) -> int:
        """Append an item to `section`; its index."""
        from ruamel.yaml.comments import CommentedSeq

        if section in ("events", "discrepancies") and self.document.get("schema") == 1:
            # Items only schema 2 has: the file becomes v2, which holds all of v1 as it is.
            self.document["schema"] = SCHEMA_VERSION
        sequence = self.document.get(section)
        if sequence is None:
            sequence = CommentedSeq()
            self.document.insert(self._position_for(section), section, sequence)
        sequence.append(self._styled(section, _canonical(item, ITEM_ORDER[section])))
        return len(sequence) - 1

    def replace_item(self, section: str, index: int, item: Mapping[str, Any]) -> None:
        """Replace the item's values, keeping its comments and layout where values stay."""
        _merge(
            self.document[section][index],
            self._styled(section, _canonical(item, ITEM_ORDER[section])),
            ITEM_ORDER[section],
        )

    def _styled(self, section: str, item: CommentedMap) -> CommentedMap:
        """A new item in the style the file already uses: a name written `{ar: …, en: …}` in
        its items is written so in the new one, a list in brackets in brackets."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        for key, value in item.items():
            if not isinstance(value, CommentedMap | CommentedSeq):
                continue
            flow = _style_of(self.document, section, key)
            if flow is True:
                value.fa.set_flow_style()
            elif flow is False:
                value.fa.set_block_style()
        return item

    def delete_item(self, section: str, index: int) -> None:
        """Delete the item with the comment lines above it; a comment above the next item
        stays there (ruamel keeps it on the deleted item's last value)."""
        from brief.annotations.regions import Unmergeable, without_item

        try:
            text = without_item(self.render(), section, index)
        except Unmergeable:
            text = None
        if text is not None:
            self.document = _yaml().load(text)
            return
        del self.document[section][index]
        if not self.document[section]:
            del self.document[section]

    def _position_for(self, key: str) -> int:
        return index_in(TOP_ORDER, key, self.document)

    # Saving.
    def disk_text(self) -> str | None:
        return on_disk(self.path)

    def save(self) -> str:
        """Validate and write atomically; the text written. Refuses an invalid document
        (EditError) and a file changed on disk since it was read (ConflictError)."""
        text = self.render()
        problems = [p for p in check_text(self.corpus, self.path, text) if not p.warning]
        if problems:
            raise EditError(problems)
        on_disk = self.disk_text()
        if on_disk != self.loaded_text:
            raise ConflictError(self.path, unified_diff(self.loaded_text or "", on_disk or ""))
        check_writable_within(self.path, self.corpus)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, text)
        self.loaded_text = text
        return text


def migrate(corpus: Path, path: Path) -> bool:
    """Rewrite a schema v1 file as v2, comments and layout kept (v1 is a subset of v2, so only
    the version changes); False when it is v2 already. Refused, nothing written, when the
    result would not validate."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError

    try:
        document = _yaml().load(on_disk(path) or "")
    except YAMLError as error:  # brief validate says where
        raise EditError([Problem(path, 1, 1, f"not valid YAML: {error}")]) from error
    if not isinstance(document, CommentedMap) or document.get("schema") == SCHEMA_VERSION:
        return False
    document["schema"] = SCHEMA_VERSION
    out = io.StringIO()
    _yaml().dump(document, out)
    problems = [p for p in check_text(corpus, path, out.getvalue()) if not p.warning]
    if problems:
        raise EditError(problems)
    write_atomic(path, out.getvalue())
    return True


def _style_of(document: CommentedMap, section: str, key: str) -> bool | None:
    """Whether `key`'s maps and lists are written in flow style ({…}, […]) in the section's
    items, else in other sections' items, as most of them are; None when none has one."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    for sections in ((section,), tuple(name for name in ITEM_ORDER if name != section)):
        styles = [
            bool(item[key].fa.flow_style())
            for name in sections
            for item in document.get(name) or ()
            if isinstance(item, CommentedMap)
            and isinstance(item.get(key), CommentedMap | CommentedSeq)
        ]
        if styles:
            return styles.count(True) > len(styles) / 2
    return None


def _merge(old: CommentedMap, new: CommentedMap, order: Sequence[str] = BILINGUAL_ORDER) -> None:
    """Make `old` hold `new`'s values in place: unchanged values keep their comments and their
    flow or block style, a changed map or list keeps its style."""
    from ruamel.yaml.comments import CommentedMap

    for key in [k for k in old if k not in new]:
        del old[key]
    for key, value in new.items():
        if key not in old:
            old.insert(index_in(order, key, old), key, value)
        elif isinstance(old[key], CommentedMap) and isinstance(value, CommentedMap):
            _merge(old[key], value)
        elif old[key] != value:
            _keep_style(old[key], value)
            old[key] = value


def _keep_style(old: Any, new: Any) -> None:
    """A map or list that replaces another is written in its style: flow ({…}, […]) or block."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap | CommentedSeq) and hasattr(new, "fa"):
        new.fa.set_flow_style() if old.fa.flow_style() else new.fa.set_block_style()


def index_in(order: Sequence[str], key: str, keys: Iterable[str]) -> int:
    """Where `key` goes among `keys` (a mapping's, say), following `order`: after the last
    that `order` does not put after it (a key it does not know goes last)."""

    def rank(name: str) -> int:
        return order.index(name) if name in order else len(order)

    position = 0
    for k, existing in enumerate(keys):
        if rank(existing) <= rank(key):
            position = k + 1
    return position


def unified_diff(before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), "read", "on disk"
        )
    )


@dataclass
class EditHistory:
    """The session's saves, newest last, so they can be undone one by one."""

    saves: list[tuple[Path, str | None, str]] = field(default_factory=list)  # path, before, after

    def record(self, path: Path, before: str | None, after: str) -> None:
        self.saves.append((path, before, after))

    def undo(self) -> Path | None:
        """Put back the file as it was before the last save; None when nothing is left. A file
        changed on disk since that save is not touched (ConflictError)."""
        if not self.saves:
            return None
        path, before, after = self.saves[-1]
        now = on_disk(path)
        if now != after:
            raise ConflictError(path, unified_diff(after, now or ""))
        self.saves.pop()
        if before is None:
            path.unlink()
        else:
            write_atomic(path, before)
        return path
