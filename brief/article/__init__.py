"""An article: its file read into paragraphs, and how it looks on screen. Above brief.text.

model    the file read into paragraphs that keep their exact source text, with its metadata
blocks   what an article shows before any layout: header, paragraphs, folded duplicates
layout   its rows at a width, laid out lazily, with highlights (the reader and `brief show`)
ansi     those rows as terminal lines with SGR styles (`brief show`)
"""

__all__ = ["ansi", "blocks", "layout", "model"]
