"""The reader's structure: no import cycle inside brief/tui (imports under TYPE_CHECKING
counted), and helper modules that do not reach into the app."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TUI = Path(__file__).parent.parent / "brief" / "tui"


def _module(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The brief.tui modules `path` imports, wherever the import stands (TYPE_CHECKING too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from brief.tui import messages` imports the module brief.tui.messages.
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("brief.tui.")}


def import_graph(root: Path = TUI) -> dict[str, set[str]]:
    modules = {_module(path, root): path for path in root.rglob("*.py")}
    return {name: _imports(path) & set(modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every module that can reach itself, with the path back to it."""
    found = []
    for start in sorted(graph):
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for target in sorted(graph[node]):
                if target == start:
                    found.append([*path, start])
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
    return found


def test_no_import_cycle_inside_the_reader() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_sees_type_checking_imports(tmp_path: Path) -> None:
    package = tmp_path / "brief" / "tui"
    package.mkdir(parents=True)
    (package / "a.py").write_text("from brief.tui import b\n", encoding="utf-8")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from brief.tui.a import A\n",
        encoding="utf-8",
    )
    assert cycles(import_graph(package)) == [
        ["brief.tui.a", "brief.tui.b", "brief.tui.a"],
        ["brief.tui.b", "brief.tui.a", "brief.tui.b"],
    ]


def test_helper_modules_do_not_write_the_apps_attributes() -> None:
    """Messages up, calls down: outside app.py nothing assigns to `app.<name>`."""
    writes = re.compile(r"\bapp\.\w+\s*(=|\+=|-=)[^=]")
    found = [
        f"{path.relative_to(TUI)}:{k}: {line.strip()}"
        for path in TUI.rglob("*.py")
        if path.name != "app.py"
        for k, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if writes.search(line)
    ]
    assert found == []


def test_the_reader_reaches_the_catalog_only_through_the_corpus() -> None:
    found = [
        f"{path.relative_to(TUI)}: {line.strip()}"
        for path in TUI.rglob("*.py")
        for line in path.read_text(encoding="utf-8").split("\n")
        if re.search(r"(?<!brief)\.catalog\.", line)  # brief.catalog.query: the language
    ]
    assert found == []
