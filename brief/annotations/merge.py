"""`brief merge`: a three-way merge of one annotation file by item, for git (a merge driver).

Each file is cut into its top-level keys and, in the item lists, into its items, each with the
comment lines right above it: a hand comment moves with what it stands above. Items are matched
by identity (ids for who, where and events; date and what for when; what and evidence for
decisions and discrepancies), so two analysts who each add an item both keep theirs, wherever
each put it. What only one side changed is taken from that side, as its text; an item (or key)
that both changed is merged by its lines when they do not touch, and is otherwise a conflict:
git's markers around that item alone. The result is the text of ours with those changes in
place, so what neither side touched is byte for byte as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from brief.annotations.regions import (
    Block,
    Section,
    Unmergeable,
    indent_of,
    split,
)
from brief.annotations.store import TOP_ORDER, index_in

START, MIDDLE, END = "<<<<<<< ours\n", "=======\n", ">>>>>>> theirs\n"


@dataclass
class Merged:
    text: str
    conflicts: int
    by_lines: bool = False  # a version was not YAML: merged as lines only


def _parses(lines: list[str]) -> bool:
    try:
        yaml.safe_load("".join(lines))
    except yaml.YAMLError:
        return False
    return True


class _Merge:
    def __init__(self) -> None:
        self.conflicts = 0

    def conflict(self, ours: list[str], theirs: list[str]) -> list[str]:
        self.conflicts += 1
        return [START, *ours, MIDDLE, *theirs, END]

    def blocks(self, base: Block | None, ours: Block, theirs: Block) -> list[str]:
        """One key or item both sides have: the side that changed it, else their lines merged
        when the changes do not touch, else a conflict around it."""
        from merge3 import Merge3

        base_text = base.text if base else None
        if theirs.text in (ours.text, base_text):
            return ours.lines
        if ours.text == base_text:
            return theirs.lines
        merger = Merge3(base.lines if base else [], ours.lines, theirs.lines)
        if all(region[0] != "conflict" for region in merger.merge_regions()):
            merged = list(merger.merge_lines())
            if _parses(merged):
                return merged
        if ours.data == theirs.data:  # the same values, commented differently: ours' comments
            return ours.lines
        return self.conflict(ours.lines, theirs.lines)

    def one_sided(self, base: Block | None, kept: Block, ours_kept: bool) -> list[str]:
        """A key or item one side has and the other not: added, or removed by the other."""
        if base is None:
            return kept.lines  # added
        if kept.text == base.text:
            return []  # removed by the other side, and not changed by this one
        return self.conflict(kept.lines, []) if ours_kept else self.conflict([], kept.lines)

    def section(
        self, base: Section | None, ours: Section | None, theirs: Section | None
    ) -> list[str]:
        if ours is None and theirs is None:
            return []
        if ours is None or theirs is None:
            kept = ours or theirs
            assert kept is not None
            return self.one_sided(base, kept, ours_kept=theirs is None)
        if (
            ours.items is not None
            and theirs.items is not None
            and (base is None or base.items is not None)
        ):
            return self.items(base, ours, theirs)
        if ours.name == "tags" and all(isinstance(v, list) for v in (ours.data, theirs.data)):
            return self.tags(base, ours, theirs)
        return self.blocks(base, ours, theirs)

    def items(self, base: Section | None, ours: Section, theirs: Section) -> list[str]:
        assert ours.items is not None and theirs.items is not None
        base_items = base.items if base is not None and base.items is not None else {}
        placed: list[tuple[tuple[str, int], list[str], bool]] = []  # key, lines, ours' addition
        for key, mine in ours.items.items():
            if key in theirs.items:
                placed.append(
                    (key, self.blocks(base_items.get(key), mine, theirs.items[key]), False)
                )
            else:
                added = key not in base_items
                placed.append((key, self.one_sided(base_items.get(key), mine, True), added))
        order = list(theirs.items)
        for position, key in enumerate(order):
            if key in ours.items:
                continue
            lines = self.one_sided(base_items.get(key), theirs.items[key], ours_kept=False)
            lines = _reindent(lines, theirs.indent, ours.indent if ours.items else theirs.indent)
            at = 0
            for earlier in reversed(order[:position]):
                found = [k for k, (placed_key, _, _) in enumerate(placed) if placed_key == earlier]
                if found:
                    at = found[0] + 1
                    break
            while at < len(placed) and placed[at][2]:  # after ours' own additions there
                at += 1
            placed.insert(at, (key, lines, False))
        body = [line for _, lines, _ in placed for line in lines]
        head = theirs.head if ours.head == (base.head if base else ours.head) else ours.head
        if not body:
            return []  # no item left: the key goes, as brief's writer leaves it
        return [_block_key(line, ours.name) for line in head] + body

    def tags(self, base: Section | None, ours: Section, theirs: Section) -> list[str]:
        """A list of words: what either side added, less what either removed."""
        base_tags = base.data if base is not None and isinstance(base.data, list) else []
        removed = {tag for tag in base_tags if tag not in ours.data or tag not in theirs.data}
        merged = [tag for tag in ours.data if tag not in removed]
        merged += [tag for tag in theirs.data if tag not in merged and tag not in removed]
        for side in (ours, theirs):
            if merged == side.data:
                return side.lines
        at = _key_line(ours.lines, "tags")
        if ours.lines[at].split("#")[0].strip() != "tags:":  # flow, as ours writes it
            return [*ours.lines[:at], f"tags: [{', '.join(str(tag) for tag in merged)}]\n"]
        return [*ours.lines[: at + 1], *(f"  - {tag}\n" for tag in merged)]


def _key_line(lines: list[str], name: str) -> int:
    return next(k for k, line in enumerate(lines) if line.startswith(f"{name}:"))


_EMPTY_FLOW = re.compile(r"^(?P<key>[a-z]+):\s*\[\s*\]\s*(?P<comment>#.*)?$")


def _block_key(line: str, name: str) -> str:
    """`who: []` becomes `who:` once it has items."""
    found = _EMPTY_FLOW.match(line.rstrip("\n"))
    if found is None or found.group("key") != name:
        return line
    comment = f"  {found.group('comment')}" if found.group("comment") else ""
    return f"{name}:{comment}\n"


def _reindent(lines: list[str], was: int, wanted: int) -> list[str]:
    """Theirs' item at ours' indentation, so the list stays one list."""
    shift = wanted - was
    if shift == 0:
        return lines
    if shift > 0:
        return [" " * shift + line if line.strip() else line for line in lines]
    return [line[min(-shift, indent_of(line)) :] for line in lines]


def _key_order(ours: Iterable[str], theirs: Iterable[str]) -> list[str]:
    """Ours' keys in ours' order, theirs' new ones where the schema's order puts them."""
    order = list(ours)
    for name in theirs:
        if name not in order:
            order.insert(index_in(TOP_ORDER, name, order), name)
    return order


def merge_texts(base: str, ours: str, theirs: str) -> Merged:
    """The three-way merge of one annotation file's versions."""
    try:
        documents = [split(text) for text in (base, ours, theirs)]
    except Unmergeable:
        return _merge_lines(base, ours, theirs)
    old, mine, their = documents
    merge = _Merge()
    head = their.head if mine.head == old.head else mine.head
    lines = list(head)
    for name in _key_order(mine.sections, their.sections):
        lines += merge.section(
            old.sections.get(name), mine.sections.get(name), their.sections.get(name)
        )
    return Merged("".join(lines), merge.conflicts)


def _merge_lines(base: str, ours: str, theirs: str) -> Merged:
    from merge3 import Merge3

    merger = Merge3(
        base.splitlines(keepends=True),
        ours.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    )
    conflicts = sum(region[0] == "conflict" for region in merger.merge_regions())
    text = "".join(merger.merge_lines(name_a="ours", name_b="theirs"))
    return Merged(text, conflicts, by_lines=True)
