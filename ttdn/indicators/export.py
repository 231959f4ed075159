"""The totals table as an XLSX workbook: Vietnamese number formats, frozen header."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ttdn.indicators.services import Totals
from ttdn.lib.cells import keep_text

# Excel shows these with the reader's own separators (1.582.300 on a Vietnamese system).
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = '+0.0"%";-0.0"%";0.0"%"'


def totals_workbook(table: Totals, language: str = "vi") -> bytes:
    vi = not language.startswith("en")
    book = Workbook()
    sheet = book.active
    sheet.title = (table.period.id + (" tong hop" if vi else " totals"))[:31]
    headers = [
        "Chỉ tiêu" if vi else "Indicator",
        "Phân tổ" if vi else "Breakdown",
        "Đơn vị tính" if vi else "Unit",
        table.period.label(language),
        table.previous_period.label(language),
        "Thay đổi (%)" if vi else "Change (%)",
        "Ghi chú" if vi else "Notes",
        *[branch.display_name(language) for branch in table.branches],
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        keep_text(cell)  # branch headers are unit names
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        option = row.indicator.option_label(row.option, language) if row.option else ""
        change = row.change
        values = [
            row.indicator.display_name(language),
            option,
            row.indicator.display_unit(language),
            row.total,
            row.previous,
            round(change, 1) if change is not None else None,
            "; ".join(row.notes()) or None,
            *[row.by_branch.get(branch.pk) for branch in table.branches],
        ]
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in values])
        for cell in sheet[sheet.max_row]:
            keep_text(cell)
        number_format = INTEGER_FORMAT if row.indicator.value_type == "integer" else DECIMAL_FORMAT
        for column in [4, 5, *range(8, len(values) + 1)]:
            sheet.cell(row=sheet.max_row, column=column).number_format = number_format
        sheet.cell(row=sheet.max_row, column=6).number_format = PERCENT_FORMAT
    sheet.freeze_panes = "D2"
    widths = [46, 14, 14, 16, 16, 12, 30] + [18] * len(table.branches)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
