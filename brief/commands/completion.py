"""`brief completion bash|zsh|fish`: the script that gives a shell Tab completion of brief's
commands, options and article ids (argcomplete: the shell asks brief itself at each Tab)."""

from __future__ import annotations

import argparse
import sys

from brief.text.boundary import Terminal

SUMMARY = "print the Tab completion script for bash, zsh or fish"
SHELLS = ("bash", "zsh", "fish")


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("shell", choices=SHELLS, help="the shell")
    command.epilog = (
        'bash: eval "$(brief completion bash)" in ~/.bashrc; zsh: the same in ~/.zshrc;\n'
        "fish: brief completion fish > ~/.config/fish/completions/brief.fish"
    )
    command.formatter_class = argparse.RawDescriptionHelpFormatter


def run(args: argparse.Namespace) -> int:
    from argcomplete.shell_integration import shellcode

    # brief's own text, a script for the shell: no control in it to show.
    Terminal.of(sys.stdout).write(shellcode(["brief"], shell=args.shell))
    return 0
