"""Dates in Vietnamese and English texts: '10/4/2013', 'ngày 08 tháng 12 năm 2022',
'10-4-2013', 'April 10, 2013', '10 April 2013'."""

from __future__ import annotations

import re
from datetime import date

MONTHS_EN = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH_EN = "|".join(sorted(MONTHS_EN, key=len, reverse=True))

NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?((?:19|20)\d{2})(?!\d)"
)
WORDS_DATE_VI = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})(?!\d)", re.I
)
WORDS_DATE_EN = re.compile(
    rf"\b(?:({_MONTH_EN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})"
    rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_EN})\.?,?\s+((?:19|20)\d{{2}}))\b",
    re.I,
)


def make_date(year: int | str, month: int | str, day: int | str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except (ValueError, TypeError):
        return None


def parse_date(text: str) -> date | None:
    """The first date written in ``text``, or None."""
    found = find_date(text)
    return found[0] if found else None


def find_date(text: str) -> tuple[date, int, int] | None:
    """(date, start, end) of the first well-formed date in ``text``."""
    best: tuple[date, int, int] | None = None
    for pattern in (NUMERIC_DATE, WORDS_DATE_VI, WORDS_DATE_EN):
        for m in pattern.finditer(text):
            if pattern is NUMERIC_DATE:
                d = make_date(m.group(4), m.group(3), m.group(1))
            elif pattern is WORDS_DATE_VI:
                d = make_date(m.group(3), m.group(2), m.group(1))
            elif m.group(1):
                d = make_date(m.group(3), MONTHS_EN[m.group(1).lower()], m.group(2))
            else:
                d = make_date(m.group(6), MONTHS_EN[m.group(5).lower()], m.group(4))
            if d is not None:
                if best is None or m.start() < best[1]:
                    best = (d, m.start(), m.end())
                break
    return best
