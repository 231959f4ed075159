"""Spreadsheet cells that stay text. Names of units, titles and notes come from people; one
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would become a live
formula in Excel or LibreOffice (formula injection: ``=HYPERLINK(…)`` sending data away,
``=cmd|' /C calc'!A0`` starting a program). Every XLSX and CSV writer asks
``is_formula_text`` and writes such text as text; numbers are never touched.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_MARK = "'"


def is_formula_text(value: object) -> bool:
    """True for text a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def keep_text(cell: Any) -> None:
    """Make an openpyxl cell holding formula-like text a text cell, as if typed after an
    apostrophe: shown as written, never evaluated, not even once edited."""
    if is_formula_text(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def csv_text(value: Any) -> Any:
    """The value for a CSV field: formula-like text after an apostrophe, as OWASP advises;
    anything else as it is."""
    return CSV_TEXT_MARK + value if is_formula_text(value) else value


def from_csv_text(value: str) -> str:
    """A field as ``csv_text`` wrote it, back to the text it was."""
    unmarked = value.removeprefix(CSV_TEXT_MARK)
    return unmarked if unmarked != value and is_formula_text(unmarked) else value
