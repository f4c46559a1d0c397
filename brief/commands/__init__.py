"""The commands of the command line, each parsed and run in its own module: its SUMMARY, its
`arguments(parser)` and its `run(args)`; brief.cli's parser names them. Their libraries are
imported only when the command runs, so `brief list` starts fast.

common      what they share: the corpus, its answer and what it left out, display modes, help
init        `brief init [DIR]`: a new corpus, and brief's merge driver set in git
importing   `brief import SOURCE…`: saved pages, feeds, URLs, text files and stdin
showing     `brief show ID`: an article as the reader lays it out
listing     `brief list [QUERY…]`: the articles a query matches
validating  `brief validate [PATH…]`: annotation files against the schema and articles
exporting   `brief export [QUERY…]`: a brief in Markdown, HTML or Word
editing     `brief edit ID`: an article's annotations in $VISUAL/$EDITOR
watching    `brief watch`: the catalog kept in step as files change
schema      `brief schema`: the JSON Schema of annotation (or brief) files
migrating   `brief migrate [PATH…]`: schema v1 files rewritten as v2
merging     `brief merge BASE OURS THEIRS [PATH]`: git's merge driver for annotation files
completion  `brief completion bash|zsh|fish`: Tab completion for a shell
"""

__all__ = [
    "common",
    "completion",
    "editing",
    "exporting",
    "importing",
    "init",
    "listing",
    "merging",
    "migrating",
    "schema",
    "showing",
    "validating",
    "watching",
]
