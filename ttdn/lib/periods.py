"""Reporting periods (kỳ báo cáo): ids, dates and Vietnamese / English labels.

Ids follow DHIS2: ``202403`` (month), ``2024Q1`` (quarter), ``2024S1`` (six months),
``2024N9`` (first nine months), ``2024`` (year). No Django import: the extraction
engine uses this module too.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodType(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    SIX_MONTH = "six_month"
    NINE_MONTH = "nine_month"
    YEAR = "year"


class Convention(StrEnum):
    """How a period's dates are cut. Decree 09/2019/NĐ-CP closes data on the 14th:
    a six-month report covers 15/12 of the year before to 14/6."""

    CALENDAR = "calendar"
    DECREE_09_2019 = "decree09"


# Months covered (first, last) by each period type and index.
_SPAN = {
    PeriodType.QUARTER: {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)},
    PeriodType.SIX_MONTH: {1: (1, 6), 2: (7, 12)},
    PeriodType.NINE_MONTH: {1: (1, 9)},
    PeriodType.YEAR: {1: (1, 12)},
}
_ORDER = {
    PeriodType.MONTH: 0,
    PeriodType.QUARTER: 1,
    PeriodType.SIX_MONTH: 2,
    PeriodType.NINE_MONTH: 3,
    PeriodType.YEAR: 4,
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ROMAN_VALUE = {v: k for k, v in ROMAN.items()}
MONTH_NAMES_EN = list(calendar.month_name)


class PeriodError(ValueError):
    """A period id or label that does not name a period."""


@dataclass(frozen=True)
class Period:
    type: PeriodType
    year: int
    index: int = 1  # month 1–12, quarter 1–4, half 1–2; 1 for nine months and year

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2099:
            raise PeriodError(f"year out of range: {self.year}")
        limit = 12 if self.type is PeriodType.MONTH else len(_SPAN[self.type])
        if not 1 <= self.index <= limit:
            raise PeriodError(f"{self.type} index out of range: {self.index}")

    # ids -------------------------------------------------------------------
    @property
    def id(self) -> str:
        match self.type:
            case PeriodType.MONTH:
                return f"{self.year}{self.index:02d}"
            case PeriodType.QUARTER:
                return f"{self.year}Q{self.index}"
            case PeriodType.SIX_MONTH:
                return f"{self.year}S{self.index}"
            case PeriodType.NINE_MONTH:
                return f"{self.year}N9"
            case _:
                return f"{self.year}"

    def __str__(self) -> str:
        return self.id

    @classmethod
    def parse(cls, period_id: str) -> Period:
        return parse_period_id(period_id)

    # dates -----------------------------------------------------------------
    @property
    def months(self) -> tuple[int, int]:
        if self.type is PeriodType.MONTH:
            return (self.index, self.index)
        return _SPAN[self.type][self.index]

    @property
    def start(self) -> date:
        return date(self.year, self.months[0], 1)

    @property
    def end(self) -> date:
        last = self.months[1]
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def bounds(self, convention: Convention = Convention.CALENDAR) -> tuple[date, date]:
        """First and last day of data the period covers under a cut-off convention."""
        if convention is Convention.CALENDAR:
            return (self.start, self.end)
        first, last = self.months
        start = date(self.year, first, 1) - timedelta(days=1)
        start = start.replace(day=15)
        return (start, date(self.year, last, 14))

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def same_period_last_year(self) -> Period:
        return Period(self.type, self.year - 1, self.index)

    def previous(self) -> Period:
        if self.type is PeriodType.MONTH:
            return Period.of_month(
                self.year - (self.index == 1), 12 if self.index == 1 else self.index - 1
            )
        count = len(_SPAN[self.type])
        if self.index > 1:
            return Period(self.type, self.year, self.index - 1)
        return Period(self.type, self.year - 1, count)

    def sub_months(self) -> Iterator[Period]:
        first, last = self.months
        for month in range(first, last + 1):
            yield Period(PeriodType.MONTH, self.year, month)

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls(PeriodType.MONTH, year, month)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.months[1], _ORDER[self.type])

    # labels ----------------------------------------------------------------
    def label(self, language: str = "vi") -> str:
        return label_en(self) if language.startswith("en") else label_vi(self)


def half_year_in_hand(today: date) -> Period:
    """The six-month period an officer is working on at ``today``: the half in progress,
    except in its first month (January, July), when the half just ended is still being
    reported. June and December are the reporting months of Decree 09/2019 (data closed
    on the 14th), so they belong to the half they end: December is the second half."""
    if today.month == 1:
        return Period(PeriodType.SIX_MONTH, today.year - 1, 2)
    if today.month <= 7:
        return Period(PeriodType.SIX_MONTH, today.year, 1)
    return Period(PeriodType.SIX_MONTH, today.year, 2)


def label_vi(period: Period) -> str:
    match period.type:
        case PeriodType.MONTH:
            return f"tháng {period.index}/{period.year}"
        case PeriodType.QUARTER:
            return f"quý {ROMAN[period.index]}/{period.year}"
        case PeriodType.SIX_MONTH:
            part = "đầu" if period.index == 1 else "cuối"
            return f"6 tháng {part} năm {period.year}"
        case PeriodType.NINE_MONTH:
            return f"9 tháng đầu năm {period.year}"
        case _:
            return f"năm {period.year}"


def label_en(period: Period) -> str:
    match period.type:
        case PeriodType.MONTH:
            return f"{MONTH_NAMES_EN[period.index]} {period.year}"
        case PeriodType.QUARTER:
            return f"Q{period.index} {period.year}"
        case PeriodType.SIX_MONTH:
            part = "first" if period.index == 1 else "last"
            return f"{part} six months of {period.year}"
        case PeriodType.NINE_MONTH:
            return f"first nine months of {period.year}"
        case _:
            return f"year {period.year}"


_ID_RE = re.compile(r"^(\d{4})(?:(0[1-9]|1[0-2])|Q([1-4])|S([12])|(N9))?$")


def parse_period_id(period_id: str) -> Period:
    match = _ID_RE.match(period_id.strip().upper())
    if not match:
        raise PeriodError(
            f"not a period id: {period_id!r} (e.g. 202403, 2024Q1, 2024S1, 2024N9, 2024)"
        )
    year = int(match.group(1))
    if match.group(2):
        return Period(PeriodType.MONTH, year, int(match.group(2)))
    if match.group(3):
        return Period(PeriodType.QUARTER, year, int(match.group(3)))
    if match.group(4):
        return Period(PeriodType.SIX_MONTH, year, int(match.group(4)))
    if match.group(5):
        return Period(PeriodType.NINE_MONTH, year, 1)
    return Period(PeriodType.YEAR, year, 1)


# Label parsing ---------------------------------------------------------------
# Patterns run over NFC text; both tone placements (hoà / hòa) do not occur in these
# words, so plain NFC is enough. Case is ignored.
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_NAM = r"(?:\s*(?:năm|/|-)\s*)"
_LABEL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"(?P<n>6|sáu)\s+tháng\s+(?P<part>đầu|cuối)(?:\s+năm)?\s*[/-]?\s*{_YEAR}", re.I
        ),
        "half",
    ),
    (re.compile(rf"(?P<n>9|chín)\s+tháng\s+(?:đầu\s+)?năm\s+{_YEAR}", re.I), "nine"),
    (re.compile(rf"quý\s+(?P<q>IV|III|II|I|[1-4])(?:{_NAM}){_YEAR}", re.I), "quarter"),
    (re.compile(rf"tháng\s+(?P<m>1[0-2]|0?[1-9])(?:{_NAM}){_YEAR}", re.I), "month"),
    (re.compile(r"(?P<n>6|sáu)\s+tháng\s+(?P<part>đầu|cuối)", re.I), "half_noyear"),
    (re.compile(rf"(?:cả\s+)?năm\s+{_YEAR}", re.I), "year"),
    # English
    (
        re.compile(
            rf"(?:the\s+)?(?P<part>first|last|second)\s+(?:six\s+months|half)\s+(?:of\s+)?(?:the\s+year\s+)?{_YEAR}",
            re.I,
        ),
        "half_en",
    ),
    (re.compile(rf"(?:the\s+)?first\s+nine\s+months\s+(?:of\s+)?{_YEAR}", re.I), "nine_en"),
    (re.compile(rf"\b(?:the\s+)?(?:whole\s+)?year\s+(?:of\s+)?{_YEAR}", re.I), "year"),
    (re.compile(rf"\bQ(?P<q>[1-4])[\s/-]*{_YEAR}", re.I), "quarter"),
    (re.compile(rf"\b(?P<mname>{'|'.join(MONTH_NAMES_EN[1:])})\s+{_YEAR}", re.I), "month_en"),
]


@dataclass(frozen=True)
class PeriodMatch:
    period: Period
    label: str
    start: int
    end: int


def _period_from(kind: str, match: re.Match[str]) -> Period | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if year is None:
        return None
    if kind in ("half", "half_en"):
        first = groups["part"].lower() in ("đầu", "first")
        return Period(PeriodType.SIX_MONTH, year, 1 if first else 2)
    if kind in ("nine", "nine_en"):
        return Period(PeriodType.NINE_MONTH, year, 1)
    if kind == "quarter":
        q = groups["q"].upper()
        return Period(PeriodType.QUARTER, year, _ROMAN_VALUE.get(q) or int(q))
    if kind == "month":
        return Period(PeriodType.MONTH, year, int(groups["m"]))
    if kind == "month_en":
        names = [n.lower() for n in MONTH_NAMES_EN]
        return Period(PeriodType.MONTH, year, names.index(groups["mname"].lower()))
    if kind == "year":
        return Period(PeriodType.YEAR, year, 1)
    return None


def find_period_labels(text: str) -> list[PeriodMatch]:
    """Every period label in ``text``, in order, longest match first at each place."""
    text = unicodedata.normalize("NFC", text)
    found: list[PeriodMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _LABEL_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            period = _period_from(kind, match)
            if period is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(PeriodMatch(period, match.group(0), match.start(), match.end()))
    found.sort(key=lambda m: m.start)
    return found


def parse_period_label(label: str) -> Period:
    """The period a whole label names: '6 tháng đầu năm 2024' → 2024S1."""
    cleaned = " ".join(unicodedata.normalize("NFC", label).split())
    for match in find_period_labels(cleaned):
        if match.start == 0 and match.end == len(cleaned):
            return match.period
    raise PeriodError(f"not a period label: {label!r}")


def parse_period(value: str) -> Period:
    """An id or a label."""
    try:
        return parse_period_id(value)
    except PeriodError:
        return parse_period_label(value)


def periods_between(first: Period, last: Period) -> list[Period]:
    """Consecutive periods of one type from ``first`` to ``last`` inclusive."""
    if first.type is not last.type:
        raise PeriodError("periods of different types")
    out = [last]
    while out[-1] != first:
        if out[-1].sort_key < first.sort_key:
            raise PeriodError(f"{first} is after {last}")
        out.append(out[-1].previous())
    return out[::-1]
