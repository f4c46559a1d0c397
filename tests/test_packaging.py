"""brief as a user installs it: every package it imports declared, a LICENSE, and a wheel that,
installed in a fresh venv outside the repository, makes a corpus whose schema check-jsonschema
holds its files to; the sdist carries its tests."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def _imported_modules() -> set[str]:
    """The top-level modules brief's code imports, but the standard library's and its own."""
    found = set()
    for path in (ROOT / "brief").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "brief"}


def test_every_imported_package_is_declared() -> None:
    declared = {
        Requirement(line).name.lower().replace("_", "-")
        for line in PYPROJECT["project"]["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    for module in sorted(_imported_modules()):
        names = {name.lower().replace("_", "-") for name in distributions.get(module, [])}
        assert names & declared, f"{module} (from {names or 'nothing installed'}) is not declared"


def test_licence() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"  # an SPDX expression
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def _tracked_copy(target: Path) -> Path:
    """The files git tracks (what a clone has), without build folders of earlier builds."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:  # not a git checkout (an unpacked sdist): the folder as it is
        shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "build", "*.egg-info"))
        return target
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def _build(source: Path, out: Path, *what: str) -> Path:
    """`python -m build`, skipped with the reason when building is impossible here (no build
    frontend, or no index to fetch setuptools from)."""
    if importlib.util.find_spec("build") is None:
        pytest.skip("the build frontend is not installed (pip install build)")
    done = subprocess.run(
        [sys.executable, "-m", "build", *what, "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 and "Could not find a version that satisfies" in done.stdout:
        pytest.skip(f"cannot build here: no package index for setuptools ({done.stdout[-200:]})")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (built,) = out.iterdir()
    return built


def test_an_installed_wheel_makes_a_corpus_outside_the_repository(tmp_path: Path) -> None:
    wheel = _build(_tracked_copy(tmp_path / "source"), tmp_path / "dist", "--wheel")
    with __import__("zipfile").ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "brief/tui/brief.tcss" in names and "brief/py.typed" in names
    assert not any(name.startswith(("tests/", "briefs/", "seeds/")) for name in names)
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True
    )
    if installed.returncode != 0 and "No matching distribution" in installed.stderr:
        pytest.skip(f"cannot install brief's dependencies here: {installed.stderr[-300:]}")
    assert installed.returncode == 0, installed.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env |= {"XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": f"{python.parent}:/usr/bin:/bin"}

    def brief(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(python.parent / "brief"), *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=elsewhere, env=env)

    assert brief("--version").stdout == f"brief {importlib.metadata.version('brief')}\n"
    made = brief("init", "news")
    assert made.returncode == 0, made.stderr
    page = ROOT / "tests" / "fixtures" / "import" / "alkhaleej.html"
    imported = brief("import", "--corpus", "news", str(page))
    assert imported.returncode == 0, imported.stderr
    listed = brief("list", "--corpus", "news")
    assert listed.stdout.startswith("000_") and "2025-10-02" in listed.stdout
    assert brief("validate", "--strict", "--corpus", "news").returncode == 0
    schema = elsewhere / "news" / "annotations" / "schema.json"
    drafts = [str(p) for p in (elsewhere / "news" / "annotations").glob("*.yaml")]
    checked = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *drafts],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout


def test_the_sdist_carries_its_tests(tmp_path: Path) -> None:
    sdist = _build(_tracked_copy(tmp_path / "source"), tmp_path / "dist", "--sdist")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "LICENSE",
        "tests/test_import.py",
        "tests/fixtures/import/alkhaleej.html",
        "tests/golden/brief_all.md",
        "seeds/000_99551782ef0ee64d.txt",
        "annotations/000_99551782ef0ee64d.yaml",
        "annotations/schema.json",
        "benchmarks/import_speed.py",
    ):
        assert needed in names, needed
