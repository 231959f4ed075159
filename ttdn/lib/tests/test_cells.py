"""Text that spreadsheets would read as formulas (OWASP's list) and how writers keep it."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from ttdn.lib.cells import csv_text, from_csv_text, is_formula_text, keep_text

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]
PLAIN = ["Phường Quy Nhơn", "1.250", " =1", "'=1", "", "a=b"]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_starting_a_formula_is_recognised_and_marked_for_csv(text):
    assert is_formula_text(text)
    assert csv_text(text) == "'" + text
    assert from_csv_text(csv_text(text)) == text


@pytest.mark.parametrize("value", [*PLAIN, -5, -1.5, Decimal("-3"), None])
def test_other_text_and_every_number_are_left_alone(value):
    assert not is_formula_text(value)
    assert csv_text(value) == value


def test_a_marked_field_is_read_back_only_when_the_mark_hides_a_formula():
    assert from_csv_text("'quoted'") == "'quoted'"
    assert from_csv_text("'") == "'"


def test_an_openpyxl_cell_with_formula_text_becomes_a_text_cell():
    sheet = Workbook().active
    formula, number = sheet["A1"], sheet["A2"]
    formula.value, number.value = "=1+1", -4
    assert formula.data_type == "f"
    keep_text(formula)
    keep_text(number)
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=1+1", "s", True)
    assert (number.value, number.data_type, number.quotePrefix) == (-4, "n", False)
