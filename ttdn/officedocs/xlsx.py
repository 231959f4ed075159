"""Tables of a report as an XLSX workbook (openpyxl): one sheet per table.

Numbers stay numbers, with a "#,##0" / "#,##0.0" format that Excel and LibreOffice print
with the reader's own separators (1.582.300 on a Vietnamese system).
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .model import Cell, Table

SHEET_NAME_LIMIT = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def number_format(decimals: int) -> str:
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * decimals


def sheet_names(captions: list[str]) -> list[str]:
    """Unique sheet names of at most 31 characters without the characters Excel forbids."""
    names: list[str] = []
    taken: set[str] = set()
    for index, caption in enumerate(captions, start=1):
        base = _SHEET_FORBIDDEN.sub(" ", caption).strip().strip("'") or f"Bảng {index}"
        base = " ".join(base.split())[:SHEET_NAME_LIMIT].strip()
        name, copy = base, 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def write_xlsx(tables: list[Table], title: str) -> bytes:
    """A workbook with one sheet per table, header row bold and frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.language = "vi-VN"
    workbook.properties.creator = ""
    if not tables:
        workbook.create_sheet("Bảng")
    for table, name in zip(tables, sheet_names([t.caption for t in tables]), strict=True):
        _write_sheet(workbook.create_sheet(name), table, title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_value(value: Cell, is_number: bool) -> str | int | float | None:
    if isinstance(value, Decimal):
        # Whole Decimals stay integers so "#,##0" shows no stray decimals.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if value is None:
        return None
    return str(value)


def _write_sheet(sheet: Worksheet, table: Table, title: str) -> None:
    numbers = set(table.number_columns)
    bold = Font(bold=True)
    sheet.append([str(header) for header in table.headers])
    for cell in sheet[1]:
        cell.font = bold
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in table.rows:
        sheet.append([_cell_value(value, i in numbers) for i, value in enumerate(row)])
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.border = _BORDER
            if index in numbers and isinstance(cell.value, int | float):
                whole = isinstance(row[index], int) or isinstance(cell.value, int)
                cell.number_format = number_format(0 if whole else table.decimals)
            cell.alignment = Alignment(vertical="center", wrap_text=index not in numbers)
    # Freeze after the label column when the first column holds labels, not figures.
    sheet.freeze_panes = "A2" if 0 in numbers else "B2"
    for index, header in enumerate(table.headers, start=1):
        lengths = [len(str(header))] + [
            len(_shown(row[index - 1])) for row in table.rows if index - 1 < len(row)
        ]
        limit = 18 if index - 1 in numbers else 60
        sheet.column_dimensions[get_column_letter(index)].width = min(max(lengths) + 2, limit)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = table.caption or title


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # Thousands separators widen a number by a third.
        return str(value) + " " * (len(str(int(value))) // 3)
    return str(value)
