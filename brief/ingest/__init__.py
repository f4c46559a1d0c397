"""`brief import`: articles brought into a corpus from saved pages, feeds, URLs and text.

fetch      http(s) only, with a timeout, a size limit and redirects followed one at a time
extract    a page's main text and metadata (trafilatura), a feed's entries (feedparser), text
adding     an article added to the corpus: its id, its text file, its draft annotation
sources    each source named on the command line, imported with progress, failures one line
"""

__all__ = ["adding", "extract", "fetch", "sources"]
