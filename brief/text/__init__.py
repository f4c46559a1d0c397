"""Text algorithms, at the bottom of brief: they import nothing else of it.

bidi    bidirectional layout for the terminal (UAX #9 levels, line breaking, L1-L4, shaping)
fold    Arabic-aware folding for matching, with a map back to the source characters
dates   dates as Arabic news text writes them, read into ISO 8601
boundary  the one way text from files leaves brief: controls and bidi controls made visible,
        for a terminal (a stream every command writes through) and for a document
files   which files a corpus reads (regular files only, links kept inside), and their encoding
"""

__all__ = ["bidi", "boundary", "dates", "files", "fold"]
