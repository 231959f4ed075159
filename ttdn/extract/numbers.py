"""Numbers as Vietnamese and English texts write them.

Vietnamese groups thousands with '.' and marks decimals with ',' ("1.582.300", "54,7");
English does the opposite ("1,582,300", "54.7"). Scale words multiply ("4.816,2 triệu"
is 4,816,200,000). Leading zeros are counts ("08" is 8).
"""

from __future__ import annotations

import re

SCALE_VI = {"nghìn": 1e3, "ngàn": 1e3, "ngìn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
SCALE_EN = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}

# A number token in Vietnamese style; a stray decimal point ("10.5%") is accepted too.
VI_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+"
EN_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+"

_VI_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


# No count or amount in a report runs past 15 digits (a quadrillion đồng); the archive
# stores 16. Longer digit runs are codes or noise, and Python refuses to turn more than
# 4300 digits into an int at all.
MAX_DIGITS = 15


class NumberError(ValueError):
    """Text that is not a number in the expected style."""


def parse_number(token: str, style: str = "vi") -> float | int:
    """'1.582.300' -> 1582300, '54,7' -> 54.7, '08' -> 8; English style with style='en'.

    Integers come back as int so values print without '.0'."""
    token = token.strip()
    if not token or not token[0].isdigit():
        raise NumberError(f"not a number: {token[:40]!r}")
    if len(token) > 2 * MAX_DIGITS or sum(c.isdigit() for c in token) > MAX_DIGITS + 4:
        # Whole digits plus a few decimals at most; checked before any conversion.
        raise NumberError(f"too many digits for a number: {token[:20]!r}…")
    if style == "en":
        if _EN_GROUPED.fullmatch(token):
            token = token.replace(",", "")
        elif "," in token:
            raise NumberError(f"not an English number: {token!r}")
    else:
        if _VI_GROUPED.fullmatch(token):
            token = token.replace(".", "").replace(",", ".")
        elif token.count(",") == 1 and "." not in token:
            token = token.replace(",", ".")
        elif token.count(".") == 1 and "," not in token and len(token.split(".")[1]) <= 2:
            pass  # "10.5": a decimal point written the English way
        elif "." in token or "," in token:
            raise NumberError(f"not a Vietnamese number: {token!r}")
    if not re.fullmatch(r"\d+(?:\.\d+)?", token):
        raise NumberError(f"not a number: {token!r}")
    if "." in token:
        value = float(token)
        return int(value) if value.is_integer() and value < 1e15 else value
    return int(token)


def scale(value: float | int, factor: float) -> float | int:
    """Multiply without binary noise: 4816.2 × 1e6 gives 4816200000, not 4816199999.99."""
    if factor == 1:
        return value
    result = round(value * factor, 6)
    return int(result) if float(result).is_integer() else result


def format_vi(value: float | int, decimals: int | None = None) -> str:
    """The Vietnamese spelling of a number: 1582300 -> '1.582.300', 54.7 -> '54,7'."""
    if decimals is None:
        text = repr(float(value)) if isinstance(value, float) else str(value)
        if "e" in text:
            text = f"{value:f}"
    else:
        text = f"{value:.{decimals}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0") if decimals is None else frac
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{frac}" if frac else grouped
