"""The plain table of values (bảng số liệu), as CSV or as an XLSX template.

One row per value, the value in column D so that a message can name the cell
("Ô D14"): A indicator code, B option code ("" for the total), C the indicator's name
(and the option's), D the value as officials write it (1.234,5), E the measure unit,
F the unit code, G the period id. The first row is the heading. A template for one
unit and period lists every cell of the entry form with the values entered so far; an
empty D is left alone on import (clear a value on the entry form).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ttdn.exchange.dhis2 import MAX_LINES, FormatError
from ttdn.indicators.models import TOTAL, Indicator
from ttdn.lib import sheets
from ttdn.lib.cells import keep_text
from ttdn.lib.vnformat import NumberFormatError, parse_number

HEADING = ["Mã chỉ tiêu", "Mã phân tổ", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Mã đơn vị", "Kỳ"]
VALUE_COLUMN = "D"


@dataclass
class Cell:
    """One value of the table: ``value`` is None when column D was empty, ``error`` says
    why it could not be read ("Ô D14: …")."""

    indicator: str
    option: str
    org_unit: str
    period: str
    value: Decimal | None
    where: str
    error: str = ""


def template_rows(
    indicators: list[Indicator], unit_code: str, period_id: str, values: dict
) -> list[list]:
    """The rows of a unit's template for a period: every indicator × option, with the
    values it entered (``values``: (code, option) → Decimal)."""
    rows = []
    for indicator in indicators:
        for option in indicator.options():
            name = indicator.name
            if option != TOTAL or indicator.disaggregation:
                name = f"{name} — {indicator.option_label(option)}"
            rows.append(
                [indicator.code, option, name, values.get((indicator.code, option)),
                 indicator.measure_unit, unit_code, period_id]
            )  # fmt: skip
    return rows


def write_csv(rows: list[list]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel opens the Vietnamese text right."""
    return sheets.write_csv(HEADING, rows)


def write_xlsx(rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "So lieu"
    sheet.append(HEADING)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for row in rows:
        value = row[3]
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        sheet.append([*row[:3], value, *row[4:]])
        for cell in sheet[sheet.max_row]:
            keep_text(cell)
        sheet.cell(sheet.max_row, 4).fill = fill
        sheet.cell(sheet.max_row, 4).number_format = "#,##0.####"
    for column, width in zip("ABCDEFG", (28, 14, 60, 16, 14, 14, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(name: str, data: bytes) -> list[Cell]:
    """The cells of a table (CSV or XLSX); a cell whose value cannot be read carries the
    reason, the same the entry form gives."""
    grid = _xlsx_grid(data) if data[:2] == b"PK" or name.lower().endswith(".xlsx") else _csv(data)
    if not grid or [str(c or "").strip() for c in grid[0][:4]] != HEADING[:4]:
        raise FormatError(
            _("Dòng đầu của bảng phải là tiêu đề: %(heading)s.") % {"heading": ", ".join(HEADING)}
        )
    cells = []
    for number, row in enumerate(grid[1:], start=2):
        row = [*row, *[None] * (7 - len(row))]
        texts = ["" if c is None else str(c).strip() for c in row[:7]]
        if not any(texts):
            continue
        where = _("Ô %(cell)s") % {"cell": f"{VALUE_COLUMN}{number}"}
        cell = Cell(texts[0], texts[1], texts[5], texts[6], None, where)
        raw = row[3]
        try:
            cell.value = _number(raw)
        except (NumberFormatError, InvalidOperation) as error:
            cell.error = f"{where}: {error}"
        cells.append(cell)
    return cells


def _number(raw: object) -> Decimal | None:
    """A spreadsheet's number as it is; typed text read as the entry form reads it."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise NumberFormatError(_("“%(text)s” không phải số.") % {"text": raw})
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise NumberFormatError(_("“%(text)s” không phải số.") % {"text": raw})
        return Decimal(repr(raw))
    return parse_number(str(raw), "vi")


def _csv(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError(_("Tệp CSV phải lưu bằng bảng mã UTF-8.")) from None
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    rows: list[list] = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append(list(row))
        if len(rows) > MAX_LINES:
            raise FormatError(_("Tệp có quá %(n)d dòng.") % {"n": MAX_LINES})
    return rows


def _xlsx_grid(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        sheets.check_xlsx(data)
    except sheets.UnreadableSheet as error:
        raise FormatError(str(error)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise FormatError(_("Không đọc được tệp XLSX: %(e)s") % {"e": error}) from None
    rows: list[list] = []
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > MAX_LINES:
            raise FormatError(_("Tệp có quá %(n)d dòng.") % {"n": MAX_LINES})
    book.close()
    return rows
