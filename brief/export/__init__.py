"""Briefs to send: a selection of articles organised for a decision-maker. Above brief.corpus.

document   the brief as blocks and runs, before any format
labels     the brief's own words (headings, labels, vocabulary) in English and Arabic
parts      bilingual text, names of ids and citations, as every part writes them
build      the brief organised: judgements, events, timeline, discrepancies, sources
detail     each article in detail, and the people and organizations across them
markdown   the brief in Markdown as GitHub renders it (md_text: the one escaping function)
html       one self-contained printable HTML file (html_text: the one escaping function)
docx       Word, by pandoc from the HTML
formats    the formats by name or by the output file's suffix
"""

__all__ = ["build", "detail", "document", "docx", "formats", "html", "labels", "markdown", "parts"]
