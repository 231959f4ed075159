"""How officials write figures, dates and periods in the running text of a BÁO CÁO.

"08 dự án", "1.582.300 lượt khách", "54,7 triệu USD", "1.073 tỷ đồng", "tăng 12,5% so
với cùng kỳ năm 2023", "đạt 45,6% kế hoạch năm", "ngày 09/6/2022", "6 tháng cuối năm
2024". Rules fitted to the provincial reports (see docs/report-writing.md); no Django
import, so the drafting rules can be tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ttdn.lib.periods import Period, PeriodType
from ttdn.lib.vnformat import format_date, format_number

# Counts of 1–9 are written with a leading zero in every sample ("08 dự án", "03 phóng
# sự", "01 lãnh đạo"); no rule requires it and provinces differ, so it can be turned off.
PAD_SMALL_COUNTS = True
# Measures that are amounts rather than things counted: never padded.
UNPADDED_MEASURES = {"phút", "giờ", "đồng", "usd", "%", "km", "ha", "người theo dõi"}
BILLION = Decimal(1_000_000_000)
MILLION = Decimal(1_000_000)


def rounded(value: Decimal | float | int, places: int) -> Decimal:
    """Half-up rounding, as people round: 45,625 → 45,6 (Python's round() gives 45,62)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value: Decimal | float | int, places: int = 1) -> str:
    """1582300 → "1.582.300"; 54,70 → "54,7"; 13,0 → "13": at most ``places`` decimals,
    trailing zeros dropped."""
    amount = rounded(value, places)
    if amount == amount.to_integral_value():
        return format_number(int(amount))
    return format_number(amount.normalize())


def count(value: Decimal | float | int, noun: str = "", *, pad: bool | None = None) -> str:
    """A counted quantity: "08 dự án", "46 tin, bài", "1.230 lượt khách"."""
    pad = PAD_SMALL_COUNTS if pad is None else pad
    amount = Decimal(str(value))
    whole = amount == amount.to_integral_value()
    if whole and pad and 1 <= amount <= 9 and noun.casefold() not in UNPADDED_MEASURES:
        text = f"{int(amount):02d}"
    else:
        text = number(amount, 2)
    return f"{text} {noun}".strip()


def money(value: Decimal | float | int, currency: str = "VND") -> str:
    """Money as the reports print it: "1.073 tỷ đồng", "3,65 tỷ đồng", "850 triệu đồng",
    "54,7 triệu USD" and "4.816,2 triệu USD" (USD stays in millions)."""
    amount = Decimal(str(value))
    if currency.upper() == "USD":
        if abs(amount) >= MILLION / 10:
            return f"{number(amount / MILLION, 1)} triệu USD"
        return f"{number(amount, 0)} USD"
    if abs(amount) >= 100 * BILLION:
        return f"{number(amount / BILLION, 0)} tỷ đồng"
    if abs(amount) >= BILLION:
        return f"{number(amount / BILLION, 2)} tỷ đồng"
    if abs(amount) >= MILLION:
        return f"{number(amount / MILLION, 1)} triệu đồng"
    return f"{number(amount, 0)} đồng"


def percent(value: Decimal | float, places: int = 1) -> str:
    return f"{number(value, places)}%"


def change(
    current: Decimal | float | int | None,
    previous: Decimal | float | int | None,
    against: str,
    noun: str = "",
) -> str:
    """ "tăng 12,5% so với cùng kỳ năm 2023"; from zero the absolute change ("tăng 05 dự
    án so với …"); "bằng cùng kỳ năm 2023". ``against`` names the earlier period: "cùng
    kỳ năm 2023" or "năm 2023". Empty when either figure is missing."""
    if current is None or previous is None:
        return ""
    now, before = Decimal(str(current)), Decimal(str(previous))
    if now == before:
        return f"bằng {against}"
    verb = "tăng" if now > before else "giảm"
    if before == 0:
        return f"{verb} {count(abs(now - before), noun)} so với {against}"
    share = abs(now - before) / before * 100
    if rounded(share, 1) == 0:
        return f"tương đương {against}"
    return f"{verb} {percent(share)} so với {against}"


def against_label(period: Period) -> str:
    """How the year-earlier period is named after "so với": a year report compares with
    "năm 2023", any other with "cùng kỳ năm 2023"."""
    earlier = period.same_period_last_year()
    if period.type is PeriodType.YEAR:
        return f"năm {earlier.year}"
    return f"cùng kỳ năm {earlier.year}"


def plan_share(current: Decimal | float | int, target: Decimal | float | int, of: str) -> str:
    """ "đạt 45,6% kế hoạch năm"; at or past the target, "vượt kế hoạch" is said too.
    ``of`` is what the target covers: "năm", "6 tháng", "năm 2024"."""
    share = Decimal(str(current)) / Decimal(str(target)) * 100
    text = f"đạt {percent(share)} kế hoạch {of}".rstrip()
    if rounded(share, 1) > 100:
        text += ", vượt kế hoạch đề ra"
    return text


day = format_date  # "08/12/2022", "23/02/2022", "09/6/2022"


def day_month(value: date) -> str:
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}/{month}"


def span(start: date, end: date | None = None) -> str:
    """When something happened: "ngày 12/3/2024", "từ ngày 18 đến ngày 21/4/2024",
    "từ ngày 01/7 đến ngày 31/12/2024"."""
    if end is None or end == start:
        return f"ngày {day(start)}"
    if start.year != end.year:
        return f"từ ngày {day(start)} đến ngày {day(end)}"
    if start.month != end.month:
        return f"từ ngày {day_month(start)} đến ngày {day(end)}"
    return f"từ ngày {start.day:02d} đến ngày {day(end)}"


def next_period(period: Period) -> Period:
    """The period the "Phương hướng" section plans for."""
    match period.type:
        case PeriodType.SIX_MONTH:
            return Period(PeriodType.SIX_MONTH, period.year + (period.index == 2), 3 - period.index)
        case PeriodType.NINE_MONTH:
            return Period(PeriodType.QUARTER, period.year, 4)
        case PeriodType.YEAR:
            return Period(PeriodType.YEAR, period.year + 1)
        case _:
            return next_of_same_type(period)


def next_of_same_type(period: Period) -> Period:
    if period.type is PeriodType.MONTH:
        if period.index == 12:
            return Period(PeriodType.MONTH, period.year + 1, 1)
        return Period(PeriodType.MONTH, period.year, period.index + 1)
    if period.index == 4:
        return Period(PeriodType.QUARTER, period.year + 1, 1)
    return Period(PeriodType.QUARTER, period.year, period.index + 1)


def next_period_label(period: Period) -> str:
    """ "6 tháng cuối năm 2024" after the first half; "3 tháng cuối năm 2018" after nine
    months; "năm 2025" after a year; "quý IV/2024" after the third quarter."""
    if period.type is PeriodType.NINE_MONTH:
        return f"3 tháng cuối năm {period.year}"
    return next_period(period).label()


def target_scope(target: Period, report: Period) -> str:
    """How a plan's period is named after "kế hoạch": "năm" for the year being reported
    on, else the period itself ("6 tháng đầu năm 2024")."""
    if target.type is PeriodType.YEAR and target.year == report.year:
        return "năm"
    if target == report:
        return ""
    return target.label()


def join(items: list[str], last: str = "và") -> str:
    """ "A", "A và B", "A, B và C"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str) -> str:
    """Capitalised, one final full stop (a closing quotation mark or bracket stays)."""
    text = " ".join(text.split()).strip(" ;,")
    if not text:
        return ""
    text = upper_first(text)
    return text if text[-1] in ".!?" else text + "."


@dataclass(frozen=True)
class Quantity:
    """A figure and how it is written: counted things, money or a plain amount."""

    value: Decimal
    noun: str  # the measure unit: "tin, bài", "lượt khách", "đồng", "USD"
    kind: str = "count"  # count, money, amount

    def __str__(self) -> str:
        if self.kind == "money":
            return money(self.value, "USD" if self.noun.upper() == "USD" else "VND")
        if self.kind == "amount":
            return f"{number(self.value, 2)} {self.noun}".strip()
        return count(self.value, self.noun)
