"""Reading annotation files safely, keeping where every node stands for error messages.

YAML is read with PyYAML's safe loader (the C one where it is built), duplicate keys are
refused, and every problem is a `Problem` that points at a line and column, never a traceback.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from brief.annotations.model import (
    ARTICLE_PATTERN,
    PARTIAL_DATE_PATTERN,
    SLUG_PATTERN,
    URL_PATTERN,
    Annotation,
)
from brief.errors import BriefError
from brief.text.boundary import excerpt, shortened, visible
from brief.text.files import encoding_of, read_corpus_file

if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:  # the C loader where PyYAML was built with libyaml
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PATTERN_NAMES = {
    SLUG_PATTERN: "an id: lowercase letters and digits joined by hyphens, like mohammed-koman",
    PARTIAL_DATE_PATTERN: "an ISO 8601 date: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    URL_PATTERN: "an http(s) address, like https://example.org/news/1",
    ARTICLE_PATTERN: "an article id: a file stem in seeds/, like 000_99551782ef0ee64d",
}
M = TypeVar("M", bound=BaseModel)
MAX_BYTES = 2 * 1024 * 1024  # far above any article's annotations; refuses runaway files
MAX_VALUES = 10_000  # scalars (keys too), lists, mappings: a curated article has about 500
_SMALL = 16 * 1024  # bytes: too few to hold values enough to cost much
MAX_PROBLEMS = 50  # of a file against the schema, said one by one
# Problems the loader words itself, said as they are.
_OWN_PROBLEMS = ("duplicate key", "a key must be", "aliases (& and *)", "values: far more")
# What git (and brief merge) leave where two edits could not be merged: YAML cannot read past
# them, so they are named before it tries.
CONFLICT_MESSAGE = "unresolved merge conflict marker"
CONFLICT_MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: |$)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int  # 1-based; 0 when the whole file is concerned
    column: int
    message: str
    warning: bool = False

    def format(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None and self.path.is_relative_to(root):
            shown = self.path.relative_to(root)
        kind = "warning: " if self.warning else ""
        name = visible(str(shown), keep="")  # a name with a newline stays on its line
        where = f"{name}:{self.line}:{self.column}" if self.line else name
        return f"{where}: {kind}{self.message}"


class _Loader(_BaseLoader):
    """Safe loading that refuses duplicate keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: a key nothing names
                kind = "list" if isinstance(key_node, yaml.SequenceNode) else "mapping"
                raise yaml.constructor.ConstructorError(
                    None, None, f"a key must be a name such as who, not a {kind}",
                    key_node.start_mark,
                )  # fmt: skip
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                first = seen[key].start_mark
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {excerpt(key)} (first at line {first.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

    def construct_timestamp_text(self, node: yaml.ScalarNode) -> str:
        """Dates stay as written (2025-10-01): the schema checks them and points at them."""
        return str(self.construct_scalar(node))


_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _Loader.construct_mapping,
)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_timestamp_text)


@dataclass
class LoadedFile:
    """An annotation file as read: its model when valid, its nodes for pointing at problems."""

    path: Path
    text: str = ""
    data: Any = None
    root: yaml.Node | None = None
    annotation: Annotation | None = None
    problems: list[Problem] = field(default_factory=list)

    def position(self, location: tuple[int | str, ...]) -> tuple[int, int]:
        """Line and column (1-based) of the node at `location`, or of its nearest parent."""
        node = self.root
        best = (1, 1)
        for step in location:
            if node is None:
                break
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
            node = _child(node, step)
        if node is not None:
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
        return best


def _child(node: yaml.Node, step: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value  # type: ignore[no-any-return]
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]  # type: ignore[no-any-return]
    return None


def load_annotation(path: Path, raw: bytes | None = None) -> LoadedFile:
    """Read and validate one annotation file against the schema; problems are collected.
    `raw`: its bytes, if they were read already."""
    try:
        text = read_annotation_text(path, raw)
    except UnreadableFile as problem:
        loaded = LoadedFile(path)
        loaded.problems.append(Problem(path, problem.line, problem.column, problem.reason))
        return loaded
    return parse_annotation(path, text)


def read_nodes(text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML document's nodes (where each value stands) and its data, read safely;
    yaml.YAMLError when it is not YAML."""
    _refuse_what_expands(text)
    loader = _Loader(text)  # PyYAML's own reader (no libyaml) checks the characters here
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        try:
            return root, _plain_data(root, loader)
        except _NotPlain:  # the loader constructs it, and says what it refuses
            return root, loader.construct_document(root)
    finally:
        loader.dispose()


class _NotPlain(Exception):
    """A node _plain_data leaves to the loader."""


_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))


def _plain_data(node: yaml.Node, loader: _Loader) -> Any:
    """The data the loader would construct from these nodes, for what annotation files hold
    (strings, and mappings and lists of them), in a third of its time: PyYAML's constructor
    costs a build more than reading the files. A key repeated or not a string, a merge key or
    a tag of the user's is left to the loader (_NotPlain); another scalar, to its constructor."""
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_plain_data(item, loader) for item in node.value]
    if not isinstance(node, yaml.MappingNode) or node.tag != _MAP:
        raise _NotPlain
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise _NotPlain
        if key_node.value in mapping:
            raise _NotPlain
        mapping[key_node.value] = _plain_data(value_node, loader)
    return mapping


def parse_annotation(path: Path, text: str) -> LoadedFile:
    """Validate annotation text meant for `path` (a file's content, or an edit not yet saved)."""
    loaded, annotation = parse_file(path, text, Annotation, "schema: 2")
    loaded.annotation = annotation
    return loaded


def parse_file(path: Path, text: str, model: type[M], first: str) -> tuple[LoadedFile, M | None]:
    """YAML text read safely and validated against `model`; every problem points at a line.
    `first` is what an empty file should start with."""
    loaded = LoadedFile(path)
    loaded.text = text
    if not text.strip():
        loaded.problems.append(Problem(path, 1, 1, f"empty file: expected a mapping with {first}"))
        return loaded, None
    markers = list(CONFLICT_MARKER.finditer(text))
    for marker in markers:
        line = text.count("\n", 0, marker.start()) + 1
        message = (
            f"{CONFLICT_MESSAGE} {marker.group(1)}: keep one side (or both) and remove the markers"
        )
        loaded.problems.append(Problem(path, line, 1, message))
    if markers:
        return loaded, None
    try:
        loaded.root, loaded.data = read_nodes(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        loaded.problems.append(Problem(path, line, column, _yaml_message(error)))
        return loaded, None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        # libyaml counts the position in bytes of UTF-8, PyYAML's own reader in characters.
        before = text[: error.position]
        if _BaseLoader is not yaml.SafeLoader:
            before = text.encode()[: error.position].decode(errors="ignore")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "a byte"
        message = f"not valid YAML: the control character {character} is not allowed"
        loaded.problems.append(Problem(path, line, column, message))
        return loaded, None
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        loaded.problems.append(Problem(path, 1, 1, f"not valid YAML: {shortened(str(error), 160)}"))
        return loaded, None
    if loaded.data is None:  # no document, or an empty one: only comments, or `---`
        message = (
            f"empty file: it holds no data (comments at most); expected a mapping with {first}"
        )
        loaded.problems.append(Problem(path, 1, 1, message))
        return loaded, None
    if not isinstance(loaded.data, dict):
        kind = type(loaded.data).__name__
        loaded.problems.append(Problem(path, 1, 1, f"expected a mapping at the top, found {kind}"))
        return loaded, None
    try:
        return loaded, model.model_validate(loaded.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False)[:MAX_PROBLEMS]:
            location = tuple(detail["loc"])
            line, column = loaded.position(location)
            where = ".".join(str(step) for step in location)
            message = _schema_message(detail)
            loaded.problems.append(
                Problem(path, line, column, f"{where}: {message}" if where else message)
            )
        more = error.error_count() - MAX_PROBLEMS
        if more > 0:
            message = f"and {more:,} more problems against the schema; fix these first"
            loaded.problems.append(Problem(path, 0, 0, message))
    return loaded, None


def _refuse_what_expands(text: str) -> None:
    """Anchors and aliases are refused: nothing in the schema needs them, and a few nested
    aliases expand a 10 KB file into gigabytes ("billion laughs"). So is a file of more values
    than any annotation holds: each would cost its node, its model and its problems. Read as
    events, which expand and keep nothing, when the text could hold either."""
    if len(text) <= _SMALL and "&" not in text and "*" not in text:
        return
    values = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > MAX_VALUES:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"more than {MAX_VALUES:,} values: far more than an article's annotations "
                    "hold, refused",
                    event.start_mark,  # type: ignore[arg-type]  # the C parser's Mark is alike
                )  # fmt: skip
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            continue
        found = f"the alias *{anchor}" if isinstance(event, yaml.AliasEvent) else f"&{anchor}"
        raise yaml.constructor.ConstructorError(
            None, None,
            f"{shortened(found, 40)} is refused: annotation files have no anchors or "
            "aliases (& and *); write the value out",
            event.start_mark,  # type: ignore[arg-type]
        )  # fmt: skip


class UnreadableFile(BriefError):
    """An annotation file that cannot be read as text: a folder, too large, not UTF-8."""

    def __init__(self, path: Path, reason: str, line: int = 0, column: int = 0) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason
        self.line = line
        self.column = column


def read_annotation_text(path: Path, raw: bytes | None = None) -> str:
    """An annotation file's text (from `raw`, its bytes, if they were read already);
    UnreadableFile says why it cannot be read."""
    if raw is not None and len(raw) <= MAX_BYTES:
        return decoded(path, raw)
    if path.is_dir() and not path.is_symlink():  # read (again): the read says what is refused
        raise UnreadableFile(path, "is a directory, not an annotation file")
    try:
        raw = read_corpus_file(path, MAX_BYTES)
    except OSError as error:
        if error.errno == errno.EFBIG:
            reason = f"file is {error.strerror} for an annotation file"
        else:
            reason = f"cannot read: {error.strerror or error}"
        raise UnreadableFile(path, reason) from error
    return decoded(path, raw)


def decoded(path: Path, raw: bytes) -> str:
    """An annotation file's bytes as text; bytes that are not UTF-8 are refused, with where,
    and named when they are another encoding (UTF-16…)."""
    known = encoding_of(raw) if b"\x00" in raw else None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        reason = encoding_of(raw) or (
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})"
        )
        raise UnreadableFile(path, reason, line, column) from error
    if known:
        raise UnreadableFile(path, known, 1, 1)
    return text


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "not valid YAML"
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '").replace("tag:yaml.org,2002:", "!!")
        return f"unsafe or unknown YAML tag {excerpt(tag)} refused: annotation files are plain data"
    if any(mine in problem for mine in _OWN_PROBLEMS):
        return problem
    if error.context:
        return f"not valid YAML: {error.context}, {shortened(problem, 160)}"
    return f"not valid YAML: {shortened(problem, 160)}"


def _schema_message(detail: Any) -> str:
    kind = detail["type"]
    if kind == "missing":
        return "required field missing"
    if kind == "extra_forbidden":
        return "unknown field (not in the schema)"
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}, not {excerpt(detail['input'])}"
    if kind == "string_pattern_mismatch":
        expected = _PATTERN_NAMES.get(detail["ctx"]["pattern"], detail["ctx"]["pattern"])
        return f"{excerpt(detail['input'])} is not {expected}"
    if kind == "too_short":
        count = detail["ctx"]["min_length"]
        return f"needs at least {count} {'entry' if count == 1 else 'entries'}"
    return shortened(str(detail["msg"]).removeprefix("Value error, "), 160)
