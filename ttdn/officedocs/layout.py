"""Page geometry, type sizes and text metrics of the two official layouts.

State bodies follow Decree 30/2020/NĐ-CP, Appendix I; Party bodies follow Hướng dẫn
36-HD/VPTW (2018). Every size here is inside the range the rule allows, so a test can
check the written file against the rule rather than against these numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

STATE = "state"
PARTY = "party"

FONT = "Times New Roman"
# A4 and margins in millimetres: top/bottom 20–25, left 30–35, right 15–20.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
# Word's default cell padding (0.08") on each side of a table cell; the letterhead and
# signature tables use less, so the motto fits beside the body name.
CELL_PADDING_CM = 0.19
LETTERHEAD_PADDING_CM = 0.1
# A body name column narrower than this wraps most names onto three lines.
LETTERHEAD_LEFT_MIN_CM = 5.5

FIRST_LINE_INDENT_CM = 1.27
PARAGRAPH_SPACING_PT = 6
LINE_SPACING = 1.15
SIGNATURE_SPACE_PT = 72


@dataclass(frozen=True)
class StyleSpec:
    """Type sizes (pt) and the letterhead's preferred right column (cm) of one layout."""

    header_right_cm: float
    motto_size: int  # Quốc hiệu / "ĐẢNG CỘNG SẢN VIỆT NAM"
    slogan_size: int  # Tiêu ngữ (state only)
    body_name_size: int  # governing and issuing body
    number_size: int
    date_size: int
    kind_size: int  # "BÁO CÁO"
    summary_size: int  # trích yếu
    body_size: int
    table_size: int
    recipients_label_size: int
    recipients_size: int
    signature_size: int
    number_prefix: str  # "Số:" (state) or "Số" (party)


SPECS: dict[str, StyleSpec] = {
    STATE: StyleSpec(
        header_right_cm=9.9,
        motto_size=13,
        slogan_size=14,
        body_name_size=13,
        number_size=13,
        date_size=14,
        kind_size=14,
        summary_size=14,
        body_size=14,
        table_size=12,
        recipients_label_size=12,
        recipients_size=11,
        signature_size=14,
        number_prefix="Số:",
    ),
    PARTY: StyleSpec(
        header_right_cm=8.5,
        motto_size=15,
        slogan_size=0,
        body_name_size=14,
        number_size=14,
        date_size=14,
        kind_size=16,
        summary_size=14,
        body_size=14,
        table_size=12,
        recipients_label_size=12,
        recipients_size=11,
        signature_size=14,
        number_prefix="Số",
    ),
}


def spec_for(style: str) -> StyleSpec:
    try:
        return SPECS[style]
    except KeyError:
        raise ValueError(f"Unknown document style {style!r}: use 'state' or 'party'.") from None


_NUMBER_PREFIX = re.compile(r"^\s*số\s*:?\s*", re.IGNORECASE)
_BLANK_NUMBER = " " * 6


def number_line(style: str, number: str | None) -> str:
    """The số/ký hiệu line: "Số: 125/BC-SVHTTDL" (state) or "Số 12-BC/TU" (party).

    A number given as its suffix only ("/BC-SVHTTDL", "-BC/TU") keeps a blank in front
    of it, because the clerk writes the number in when the report is registered.
    """
    prefix = spec_for(style).number_prefix
    text = _NUMBER_PREFIX.sub("", number or "").strip()
    if not text:
        return f"{prefix}{_BLANK_NUMBER}"
    if text[0] in "/-":
        return f"{prefix}{_BLANK_NUMBER}{text}"
    return f"{prefix} {text}"


@lru_cache(maxsize=4)
def _font_path(bold: bool, italic: bool) -> str | None:
    # Liberation Serif has Times New Roman's metrics, so widths measured with it are the
    # widths Word and LibreOffice lay out.
    from matplotlib import font_manager

    properties = font_manager.FontProperties(
        family=["Times New Roman", "Liberation Serif"],
        weight="bold" if bold else "normal",
        style="italic" if italic else "normal",
    )
    try:
        return font_manager.findfont(properties, fallback_to_default=False)
    except ValueError:
        return None


@lru_cache(maxsize=256)
def text_width_cm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Printed width of one line of text in Times New Roman, for sizing the short rules."""
    path = _font_path(bold, italic)
    if path:
        from PIL import ImageFont

        font = ImageFont.truetype(path, 1000)
        return font.getlength(text) / 1000 * size_pt / 72 * 2.54
    # Without the font, an average glyph of Times is about half an em (0.6 in bold caps).
    em = 0.62 if bold and text.isupper() else 0.5
    return len(text) * em * size_pt / 72 * 2.54
