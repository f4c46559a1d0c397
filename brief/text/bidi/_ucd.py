"""The Unicode Character Database the engine reads: unicodedata2, pinned to the version its
generated tables (_tables.py) are of, so classes, categories, mirrors and brackets agree on any
Python (3.11's own unicodedata is Unicode 14.0, 3.12's 15.0, 3.13's 15.1)."""

from __future__ import annotations

from collections.abc import Callable

import unicodedata2

from brief.text.bidi._tables import UNICODE_VERSION

if unicodedata2.unidata_version != UNICODE_VERSION:
    raise ImportError(
        f"brief.text.bidi's tables are of Unicode {UNICODE_VERSION}, unicodedata2 of "
        f"{unicodedata2.unidata_version}: install unicodedata2=={UNICODE_VERSION} or regenerate "
        "the tables (scripts/gen_bidi_tables.py)"
    )

bidirectional: Callable[[str], str] = unicodedata2.bidirectional
category: Callable[[str], str] = unicodedata2.category
normalize: Callable[[str, str], str] = unicodedata2.normalize
