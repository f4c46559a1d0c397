"""Programs run in a pseudo-terminal as a person runs them: keys typed once the screen shows
something, then the bytes the terminal got and the exit status."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def run_in_pty(
    argv: Sequence[str],
    env: Mapping[str, str],
    keys: Sequence[tuple[bytes, bytes]] = (),
    cwd: Path | None = None,
    lines: int = 24,
    columns: int = 100,
    timeout: float = 30,
) -> tuple[bytes, int]:
    """Run `argv` in a `columns` x `lines` pseudo-terminal with exactly `env`; each (wait for,
    type) pair waits until the output holds the first, then types the second. A program still
    running after `timeout` seconds is killed (status -9)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program in a terminal
        if cwd is not None:
            os.chdir(cwd)
        os.execve(argv[0], list(argv), dict(env))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    output = b""
    pending = list(keys)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pending and pending[0][0] in output:
            time.sleep(0.5)  # let the program settle into waiting for keys
            os.write(fd, pending.pop(0)[1])
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the program has quit: the terminal is gone
                break
            if not chunk:
                break
            output += chunk
    else:  # the deadline passed with the program still running
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return output, os.waitstatus_to_exitcode(status)
