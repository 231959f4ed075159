"""The Phụ lục of a report as an XLSX workbook (openpyxl), as a clerk would send it: one
sheet per Phụ lục with its title rows ("PHỤ LỤC I", the title, "(Kèm theo Báo cáo số …)")
merged across the table, an STT column, Times New Roman, and numbers that stay numbers.

Whole numbers carry a format with the dots written in ("1.582.300" whatever the reader's
system uses: Excel and LibreOffice otherwise print the separators of the reader's locale);
figures with decimals use a Vietnamese-locale format, which LibreOffice honours.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ttdn.lib.cells import keep_text

from .layout import FONT
from .model import Appendix, Cell, Table

SHEET_NAME_LIMIT = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
SIZE = 12
VIETNAMESE = "[$-42A]"  # the locale tag of vi-VN in a number format


def whole_format(value: int, signed: bool = False) -> str:
    """A format printing ``value`` with dots between thousands whatever the locale:
    1582300 → 0"."000"."000."""
    groups = (len(str(abs(value))) - 1) // 3
    body = "0" + '"."000' * groups
    return f'"+"{body};-{body};0' if signed else body


def decimal_format(places: int, signed: bool = False) -> str:
    body = "#,##0" + ("." + "0" * places if places else "")
    return f"{VIETNAMESE}+{body};-{body};0" if signed else VIETNAMESE + body


def number_format(decimals: int) -> str:
    return decimal_format(max(decimals, 0))


def sheet_names(captions: list[str]) -> list[str]:
    """Unique sheet names of at most 31 characters without the characters Excel forbids,
    cut between words."""
    names: list[str] = []
    taken: set[str] = set()
    for index, caption in enumerate(captions, start=1):
        base = _SHEET_FORBIDDEN.sub(" ", caption).strip().strip("'") or f"Bảng {index}"
        base = _cut(" ".join(base.split()), SHEET_NAME_LIMIT)
        name, copy = base, 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = _cut(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut > 0 else text[:limit]).rstrip(" ,;-–")


def write_annex(appendices: list[Appendix], title: str) -> bytes:
    """One sheet per Phụ lục (one per table when a Phụ lục holds several)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.language = "vi-VN"
    workbook.properties.creator = ""
    sheets = [
        (appendix, table)
        for appendix in appendices
        for table in appendix.blocks
        if isinstance(table, Table)
    ]
    if not sheets:
        workbook.create_sheet("Phụ lục")
    names = sheet_names([appendix.label for appendix, _table in sheets])
    for (appendix, table), name in zip(sheets, names, strict=True):
        _write_sheet(workbook.create_sheet(name), appendix, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(tables: list[Table], title: str) -> bytes:
    """Tables without a Phụ lục around them, one sheet each, titled by their captions."""
    return write_annex(
        [Appendix(t.caption or title, t.caption or title, "", [t]) for t in tables], title
    )


def _cell_value(value: Cell) -> str | int | float | None:
    if isinstance(value, Decimal):
        # Whole Decimals stay integers so the format shows no stray decimals.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if value is None:
        return None
    return str(value)


def _places(value: Cell) -> int:
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if isinstance(value, float):
        text = repr(value)
        return len(text.split(".")[1]) if "." in text else 0
    return 0


def _write_sheet(sheet: Worksheet, appendix: Appendix, table: Table) -> None:
    from .writer import numbered_rows

    headers, rows, number_columns, signed_columns = numbered_rows(table)
    numbers, signed = set(number_columns), set(signed_columns)
    width = len(headers)
    font = Font(name=FONT, size=SIZE)
    bold = Font(name=FONT, size=SIZE, bold=True)
    title_rows = [
        (appendix.label.upper(), Font(name=FONT, size=SIZE + 1, bold=True)),
        (appendix.title.upper(), Font(name=FONT, size=SIZE + 1, bold=True)),
        (appendix.note, Font(name=FONT, size=SIZE, italic=True)),
    ]
    row_number = 0
    for text, style in title_rows:
        if not text:
            continue
        row_number += 1
        cell = sheet.cell(row=row_number, column=1, value=text)
        keep_text(cell)
        cell.font = style
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.merge_cells(
            start_row=row_number, start_column=1, end_row=row_number, end_column=width
        )
        sheet.row_dimensions[row_number].height = 21 if len(text) < 90 else 36
    if row_number:
        row_number += 1  # a blank row before the table
    header_row = row_number + 1
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=column, value=str(header))
        keep_text(cell)
        cell.font = bold
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    longest_header = max(len(str(h)) for h in headers)
    sheet.row_dimensions[header_row].height = 16 * max(2, min(4, longest_header // 12 + 1))
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            index = column - 1
            cell = sheet.cell(row=header_row + offset, column=column, value=_cell_value(value))
            keep_text(cell)
            cell.font = font
            cell.border = _BORDER
            if index in numbers and isinstance(cell.value, int | float):
                if isinstance(cell.value, int):
                    cell.number_format = whole_format(cell.value, index in signed)
                else:
                    cell.number_format = decimal_format(_places(value), index in signed)
                cell.alignment = Alignment(horizontal="right", vertical="center")
            elif headers[index] == "STT":
                cell.alignment = Alignment(horizontal="center", vertical="center")
            else:
                cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column, header in enumerate(headers, start=1):
        index = column - 1
        lengths = [len(str(header)) if index in numbers else 12] + [
            len(_shown(row[index])) for row in rows if index < len(row)
        ]
        limit = 18 if index in numbers else 60
        floor = 5 if header == "STT" else 8
        sheet.column_dimensions[get_column_letter(column)].width = max(
            floor, min(max(lengths) + 2, limit)
        )
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if width > 6 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.oddFooter.center.font = FONT
    sheet.print_options.horizontalCentered = True


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # Thousands separators widen a number by a third.
        return str(value) + " " * (len(str(int(value))) // 3)
    return str(value)
