"""Dates as Arabic news text writes them, read into ISO 8601.

الأربعاء 1 أكتوبر 2025 10:15 مساءً   -> 2025-10-01T22:15:00
03-02-2020 05:11 مساءً               -> 2020-03-02T17:11:00 or 2020-02-03T17:11:00
١ مارس ٢٠٢٠م                          -> 2020-03-01
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# Egyptian (Western) and Levantine (Syriac) month names, with common spellings.
MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9,
    "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    "كانون الاول": 12,
}  # fmt: skip
_PM = ("مساءً", "مساء", "م")
_AM = ("صباحاً", "صباحا", "ص")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_MERIDIEM = "|".join(map(re.escape, _PM + _AM))
_TIME = rf"(?:\s+(\d{{1,2}}):(\d{{2}})(?:\s*({_MERIDIEM})(?!\w))?)?"
# "٢٠٢٠م": the م of the Gregorian era stands right after the year.
WRITTEN_DATE = re.compile(rf"(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})(?:م(?!\w))?{_TIME}")
NUMERIC_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}){_TIME}")


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"
    start: int  # where it stands in the text it was found in
    end: int


_EASTERN_DIGIT = re.compile("[٠-٩۰-۹]")


def western_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as 0-9; one character for one, so offsets hold."""
    # str.translate is slow on long non-ASCII text: most text has no such digit at all.
    return text.translate(_DIGITS) if _EASTERN_DIGIT.search(text) else text


def _iso(
    year: int, month: int, day: int, hour: str | None, minute: str | None, mer: str | None
) -> str | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if hour is None or minute is None:
        return date.isoformat()
    h, m = int(hour), int(minute)
    if mer in _PM and h < 12:
        h += 12
    elif mer in _AM and h == 12:
        h = 0
    if h > 23 or m > 59:
        return date.isoformat()
    return dt.datetime(year, month, day, h, m).isoformat()


def written_dates(text: str) -> list[FoundDate]:
    """Dates with a month name, in the order they stand."""
    found = []
    for match in WRITTEN_DATE.finditer(western_digits(text)):
        day, month, year, hour, minute, mer = match.groups()
        iso = _iso(int(year), MONTHS[month], int(day), hour, minute, mer)
        if iso:
            found.append(FoundDate(iso, match.start(), match.end()))
    return found


def numeric_date(
    text: str, not_before: str | Callable[[], str | None] | None = None
) -> FoundDate | None:
    """A DD-MM-YYYY or MM-DD-YYYY date. When both readings are valid, the one that is not
    before `not_before` (the latest date the article itself reports) wins: a report is not
    published before what it reports. Without such evidence, day first, as Arab outlets write.
    `not_before` may be a function that finds it, called only when both readings are valid."""
    match = NUMERIC_DATE.search(western_digits(text))
    if match is None:
        return None
    first, second, year, hour, minute, mer = match.groups()
    day_first = _iso(int(year), int(second), int(first), hour, minute, mer)
    month_first = _iso(int(year), int(first), int(second), hour, minute, mer)
    readings = [r for r in (day_first, month_first) if r]
    if callable(not_before) and len(readings) == 2:
        not_before = not_before()
    if isinstance(not_before, str) and len(readings) == 2:
        after = [r for r in readings if r[:10] >= not_before[:10]]
        if len(after) == 1:
            readings = after
    return FoundDate(readings[0], match.start(), match.end()) if readings else None
