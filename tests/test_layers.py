"""brief's layers as import-linter contracts (pyproject.toml, [tool.importlinter]): the code
keeps them, and each is broken by an import it forbids, so that such an import fails CI (which
runs lint-imports, and this suite)."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS = "brief is layered: a module imports only from the layers below its own"
CYCLES = "no import cycles inside any package, TYPE_CHECKING imports included"

# A file, an import added to it, and the contract that import breaks.
VIOLATIONS = [
    ("settings.py", "from brief.corpus import Corpus", LAYERS),
    ("text/fold.py", "from brief.errors import BriefError", "text imports nothing else of brief"),
    (
        "article/model.py",
        "from brief.annotations.model import Annotation",
        "the article imports only text (and errors): not even its annotations",
    ),
    (
        "annotations/index.py",
        "from brief.catalog.query import parse",
        "annotations import only text and the article (quotes are checked against it)",
    ),
    (
        "catalog/watch.py",
        "from brief.export.markdown import export_brief",
        "the catalog imports no corpus, export, reader or CLI",
    ),
    ("export/markdown.py", "import textual", "only brief.tui imports Textual"),
    (
        "catalog/tables.py",
        "if TYPE_CHECKING:\n    from brief.catalog.sync import Plan",
        CYCLES,
    ),
]


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"},
        capture_output=True,
        text=True,
    )


def test_the_code_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 7 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(("file", "line", "contract"), VIOLATIONS)
def test_each_contract_is_broken_by_what_it_forbids(
    tmp_path: Path, file: str, line: str, contract: str
) -> None:
    shutil.copytree(ROOT / "brief", tmp_path / "brief", ignore=shutil.ignore_patterns("__py*"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    source = tmp_path / "brief" / file
    text = source.read_text("utf-8")
    if "TYPE_CHECKING" in line and "import TYPE_CHECKING" not in text:
        line = "from typing import TYPE_CHECKING\n" + line
    source.write_text(f"{text}\n{line}  # noqa\n", "utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    assert f"{contract} BROKEN" in result.stdout, result.stdout


def test_each_package_names_its_modules() -> None:
    """A package's __init__ offers its modules (`__all__`), and its docstring says what each is."""
    for init in sorted((ROOT / "brief").glob("*/__init__.py")):
        package = init.parent
        modules = sorted(
            p.stem if p.is_file() else p.name
            for p in package.iterdir()
            if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
        )
        offered = importlib.import_module(f"brief.{package.name}")
        assert sorted(offered.__all__) == modules, package
        assert offered.__doc__ is not None
        assert all(f"\n{name} " in offered.__doc__ for name in modules), package
