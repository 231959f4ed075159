"""Vietnamese number and date formatting and parsing: 1.582.300; 54,7; 03/07/2024."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation


class NumberFormatError(ValueError):
    pass


def format_number(
    value: Decimal | float | int | None, decimals: int | None = None, language: str = "vi"
) -> str:
    """1582300 → "1.582.300"; 54.7 → "54,7" (English: "1,582,300", "54.7")."""
    if value is None:
        return ""
    if decimals is None and (
        isinstance(value, int)
        or (isinstance(value, Decimal) and value == value.to_integral_value())
        or (isinstance(value, float) and value.is_integer())
    ):  # whole numbers, by far the most common: a province page prints thousands
        whole = f"{int(value):,}"
        return whole if language.startswith("en") else whole.replace(",", ".")
    number = Decimal(str(value))
    if decimals is None:
        number = number.normalize()
        exponent = number.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    text = f"{number:,.{decimals}f}"
    if language.startswith("en"):
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_percent(value: float | Decimal | None, language: str = "vi") -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else ""
    return f"{sign}{format_number(round(Decimal(str(value)), 1), 1, language)}%"


_VI_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")


def parse_number(text: str, language: str = "vi") -> Decimal:
    """Read a number typed by a person: "1.582.300", "54,7", "1582300".

    A dot followed by exactly three digits groups thousands in Vietnamese; "54.7" is
    refused with a clear message rather than read as 547.
    """
    raw = text.strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        raise NumberFormatError("Chưa nhập số.")
    if language.startswith("en"):
        cleaned = raw.replace(",", "")
        if not _PLAIN.match(cleaned):
            raise NumberFormatError(f"“{text}” không phải là số.")
        return Decimal(cleaned)
    if _VI_NUMBER.match(raw):
        return Decimal(raw.replace(".", "").replace(",", "."))
    if re.match(r"^[+-]?\d+\.\d{1,2}$|^[+-]?\d+\.\d{4,}$", raw):
        raise NumberFormatError(
            f"“{text}”: dùng dấu phẩy cho phần thập phân và dấu chấm phân cách hàng nghìn "
            "(ví dụ 54,7 hoặc 1.582.300)."
        )
    raise NumberFormatError(f"“{text}” không phải là số (ví dụ 1.582.300 hoặc 54,7).")


def format_date(day: date | None) -> str:
    """A date as officials write it in running text: "08/12/2022", "23/02/2022",
    "09/6/2022" (the day always two digits, the month padded only for January and
    February, as on the date line)."""
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def official_date_line(place: str, day: date | None, year: int | None = None) -> str:
    """The place-and-date line of an official document (Decree 30/2020).

    Days below 10 and months 1–2 carry a leading zero: "ngày 05 tháng 02 năm 2022",
    "ngày 03 tháng 7 năm 2024". A missing date leaves the blanks to fill by hand, with
    the year when it is known: "Tuy Phước, ngày     tháng     năm 2023".
    """
    if day is None:
        return f"{place}, ngày     tháng     năm {year or ''}".rstrip()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def plain_number(value: Decimal | None) -> int | float | None:
    """Whole numbers as int (12, not 12.0), others as float: for JSON and spreadsheets."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def change_percent(
    current: Decimal | float | None, previous: Decimal | float | None
) -> float | None:
    if current is None or previous in (None, 0):
        return None
    return float((Decimal(str(current)) - Decimal(str(previous))) / Decimal(str(previous)) * 100)


def to_decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise NumberFormatError(str(value)) from error
