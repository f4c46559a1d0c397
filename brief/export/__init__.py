"""Briefs to send: a selection of articles written for a decision-maker. Above brief.corpus.

markdown   the Markdown brief, Arabic in explicit direction markup, everything escaped
"""

__all__ = ["markdown"]
