"""An annotation file's text cut into its parts: the top-level keys and, in the item lists,
each item, each with the comment lines right above it (a hand comment goes where what it
stands above goes). `brief merge` merges these parts; brief's writer deletes an item by them,
so that a comment above the next item stays there."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from brief.annotations.load import read_nodes
from brief.errors import BriefError


def _field(*names: str) -> Callable[[dict[str, Any]], object]:
    return lambda item: [item.get(name) for name in names]


# How an item is known across the three versions, by section.
IDENTITY: dict[str, Callable[[dict[str, Any]], object]] = {
    "who": _field("id"),
    "where": _field("id"),
    "events": _field("id"),
    "when": _field("date", "what"),
    "decisions": _field("what", "evidence"),
    "discrepancies": _field("what", "evidence"),
}


class Unmergeable(BriefError):
    """A version that is not a YAML mapping: merged line by line instead."""


@dataclass
class Block:
    """Lines of the file that belong together: a top-level key, or one item of a list."""

    lines: list[str]
    data: Any

    @property
    def text(self) -> str:
        return "".join(self.lines).rstrip("\n")


@dataclass
class Section(Block):
    name: str = ""
    head: list[str] = field(default_factory=list)  # an item list: up to its first item
    items: dict[tuple[str, int], Block] | None = None  # None: merged as one block
    indent: int = 0  # the column of the items' dashes


@dataclass
class Document:
    head: list[str]  # what comes before the first key (the schema line, comments)
    sections: dict[str, Section]


def is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def leading_start(lines: list[str], at: int, low: int, indent: int) -> int:
    """Where the comment lines right above line `at` start (those indented at most `indent`,
    down to line `low`): they stand above it, and go where it goes."""
    start = at
    while start > low and is_comment(lines[start - 1]) and indent_of(lines[start - 1]) <= indent:
        start -= 1
    return start


def identity(section: str, item: Any) -> str:
    key = IDENTITY[section](item) if isinstance(item, dict) else item
    return json.dumps(key, sort_keys=True, ensure_ascii=False, default=str)


def split(text: str) -> Document:
    """The file's keys and items, each with its lines."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    try:
        root, data = read_nodes(text)
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        raise Unmergeable(str(error)) from error
    if root is None:
        return Document(lines, {})
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise Unmergeable("not a mapping")
    keys = [(key.value, key.start_mark.line, value) for key, value in root.value]
    starts = [leading_start(lines, line, 0, 0) for _, line, _ in keys]
    ends = [*starts[1:], len(lines)]
    sections = {}
    for (name, line, node), start, end in zip(keys, starts, ends, strict=True):
        section = Section(lines[start:end], data[name], name=name)
        if name in IDENTITY and isinstance(node, yaml.SequenceNode):
            _split_items(section, lines, node, line + 1, start, end)
        sections[name] = section
    return Document(lines[: starts[0]] if starts else lines, sections)


def _split_items(
    section: Section, lines: list[str], node: yaml.SequenceNode, low: int, start: int, end: int
) -> None:
    """Cut an item list into its items; a list in another form stays one block."""
    if not node.value:
        section.head, section.items = section.lines, {}
        return
    if node.flow_style or not all(isinstance(item, yaml.MappingNode) for item in node.value):
        return
    dashes = []
    for item in node.value:
        line, column = item.start_mark.line, item.start_mark.column
        before = lines[line][:column].rstrip()
        if not before.endswith("-") or before[:-1].strip():
            return  # not "  - key: …": kept whole
        dashes.append((line, len(before) - 1))
    section.indent = dashes[0][1]
    item_starts = [leading_start(lines, line, low, column) for line, column in dashes]
    item_ends = [*item_starts[1:], end]
    section.head = lines[start : item_starts[0]]
    section.items = {}
    seen: dict[str, int] = {}
    for value, first, last in zip(section.data, item_starts, item_ends, strict=True):
        known_as = identity(section.name, value)
        seen[known_as] = seen.get(known_as, -1) + 1  # the same twice: the first, the second
        section.items[(known_as, seen[known_as])] = Block(lines[first:last], value)


def join(document: Document) -> str:
    """The text of the parts, in order."""
    return "".join(document.head) + "".join(
        "".join(section.lines) for section in document.sections.values()
    )


def without_item(text: str, section: str, index: int) -> str | None:
    """The text with the section's item `index` and its own comment lines taken out (the
    section too when it was its last item); None when the section is not a list of items."""
    document = split(text)
    part = document.sections.get(section)
    if part is None or part.items is None or not 0 <= index < len(part.items):
        return None
    kept = [block for k, block in enumerate(part.items.values()) if k != index]
    if kept:
        part.lines = [*part.head, *(line for block in kept for line in block.lines)]
    else:
        del document.sections[section]
    return join(document)
