"""Tables written for people to open in a spreadsheet: CSV (UTF-8 with a byte order
mark, so Excel shows Vietnamese right) and XLSX, numbers and dates as officials write
them in CSV and as real numbers and dates in XLSX. Text a spreadsheet would run as a
formula stays text (ttdn/lib/cells.py). And the check an uploaded XLSX passes before
openpyxl opens it (``check_xlsx``)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ttdn.lib.cells import csv_text, keep_text
from ttdn.lib.vnformat import format_number

# A table people fill in is a few hundred KB at most; anything that expands past this is
# not one.
MAX_XLSX_BYTES = 50 * 1024 * 1024
MAX_XLSX_MEMBERS = 200

# XLSX sheet names: at most 31 characters, none of these.
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def text_cell(value: Any) -> str:
    """A value as the CSV shows it: 1.234,5; 09/06/2024; có / không."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | Decimal | float):
        return format_number(Decimal(str(value)))
    return csv_text(str(value))


def sheet_cell(value: Any) -> Any:
    """A value as an XLSX cell holds it: numbers and dates stay what they are."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date | int | float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def write_csv(heading: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_text(str(h)) for h in heading])
    for row in rows:
        writer.writerow([text_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode()


def write_xlsx(heading: Sequence[Any], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title.translate(_SHEET_FORBIDDEN)[:31] or "Sheet1"
    sheet.append([str(h) for h in heading])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([sheet_cell(value) for value in row])
        for cell in sheet[sheet.max_row]:
            keep_text(cell)
            if isinstance(cell.value, datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class UnreadableSheet(ValueError):
    """An uploaded XLSX refused before it is opened; the message says why."""


def check_xlsx(data: bytes) -> None:
    """Refuse a zip bomb before openpyxl inflates it: the directory is read, nothing
    decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableSheet(_("Tệp XLSX bị hỏng hoặc không phải XLSX.")) from None
    if len(members) > MAX_XLSX_MEMBERS or sum(m.file_size for m in members) > MAX_XLSX_BYTES:
        raise UnreadableSheet(_("Tệp XLSX quá lớn khi giải nén: không phải một mẫu số liệu."))
