"""brief run as the user runs it, in a process of its own: `python -m brief …`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).parent.parent


def brief(
    *args: str, cwd: Path = ROOT, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`brief ARGS` in `cwd`: its exit status and what it wrote, as text."""
    return subprocess.run(
        [sys.executable, "-m", "brief", *args], capture_output=True, text=True, cwd=cwd, env=env
    )
