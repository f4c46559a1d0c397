"""The reader's structure: helper modules that do not reach into the app, nor into the catalog
but through the corpus. (No import cycle inside brief/tui: the import-linter contract that
tests/test_layers.py runs, TYPE_CHECKING imports counted.)"""

from __future__ import annotations

import re
from pathlib import Path

TUI = Path(__file__).parent.parent / "brief" / "tui"


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
