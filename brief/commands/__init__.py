"""Commands of the command line that brief.cli's table names, each parsed and run in its own
module (their libraries imported only when the command runs, so `brief list` starts fast).

init        `brief init [DIR]`: a new corpus, and brief's merge driver set in git
importing   `brief import SOURCE…`: saved pages, feeds, URLs, text files and stdin
merging     `brief merge BASE OURS THEIRS [PATH]`: git's merge driver for annotation files
completion  `brief completion bash|zsh|fish`: Tab completion for a shell
"""

__all__ = ["completion", "importing", "init", "merging"]
