"""Tables exported to XLSX read back: sheets, frozen header, number formats."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ttdn.officedocs import Table, write_xlsx
from ttdn.officedocs.xlsx import sheet_names

from .reports import FIGURES

LONG = "Bảng 2. Số lượng tin, bài, ảnh, video thông tin đối ngoại phân theo ngôn ngữ"


@pytest.fixture(scope="module")
def workbook():
    second = Table(
        caption=LONG,
        headers=["Ngôn ngữ", "Số lượng"],
        rows=[["Tiếng Anh", Decimal("1250")], ["Tiếng Trung", Decimal("12.5")]],
        number_columns=[1],
        decimals=1,
    )
    third = Table(caption=LONG, headers=["Năm", "Giá trị"], rows=[[2023, 3]], number_columns=[0, 1])
    data = write_xlsx([FIGURES, second, third], "Báo cáo 6 tháng đầu năm 2024")
    return load_workbook(io.BytesIO(data))


def test_each_table_gets_its_own_uniquely_named_sheet(workbook):
    names = workbook.sheetnames
    assert len(names) == 3
    assert len(set(names)) == 3
    assert all(len(name) <= 31 for name in names)
    assert names[0] == "Bảng 1. Kết quả thông tin đối n"
    assert names[2].endswith("(2)")
    assert workbook.properties.title == "Báo cáo 6 tháng đầu năm 2024"


def test_the_header_row_is_bold_and_frozen_after_the_label_column(workbook):
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == FIGURES.headers
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    # A table whose first column holds figures freezes only the header row.
    assert workbook.worksheets[2].freeze_panes == "A2"


def test_numbers_stay_numbers_with_thousands_and_decimal_formats(workbook):
    sheet = workbook.worksheets[0]
    assert sheet["C2"].value == 1582300
    assert sheet["C2"].number_format == "#,##0"
    assert sheet["D2"].value == pytest.approx(54.7)
    assert sheet["D2"].number_format == "#,##0.0"
    assert sheet["D4"].value is None
    second = workbook.worksheets[1]
    assert second["B2"].value == 1250 and second["B2"].number_format == "#,##0"
    assert second["B3"].value == pytest.approx(12.5) and second["B3"].number_format == "#,##0.0"


def test_columns_are_widened_to_their_content(workbook):
    sheet = workbook.worksheets[0]
    label = sheet.column_dimensions["A"].width
    assert label >= len("Lượt truy cập Cổng thông tin điện tử")
    assert 8 <= sheet.column_dimensions["C"].width <= 18


def test_sheet_names_drop_characters_excel_forbids():
    assert sheet_names(["Quý I/2024: [tổng]", "", ""]) == ["Quý I 2024 tổng", "Bảng 2", "Bảng 3"]


def test_an_empty_list_of_tables_still_gives_a_workbook():
    workbook = load_workbook(io.BytesIO(write_xlsx([], "Trống")))
    assert workbook.sheetnames == ["Bảng"]
