"""The Phụ lục as XLSX read back: title rows, STT, fonts, number formats, page setup."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ttdn.officedocs import Appendix, Table, write_annex, write_xlsx
from ttdn.officedocs.xlsx import decimal_format, sheet_names, whole_format

from .reports import FIGURES

NOTE = "(Kèm theo Báo cáo số 12/BC-UBND ngày 03/7/2024 của UBND tỉnh Bình Định)"


@pytest.fixture(scope="module")
def workbook():
    table = Table(
        caption="",
        headers=["Chỉ tiêu", "Đơn vị tính", "6 tháng đầu năm 2024", "Tăng, giảm (%)"],
        rows=[
            ["Khách du lịch", "lượt khách", Decimal(1582300), Decimal("12.5")],
            ["- khách quốc tế", "", Decimal(62000), Decimal("-13.3")],
            ["Tổng thu từ du lịch", "tỷ đồng", Decimal("1073.4"), None],
        ],
        number_columns=[2, 3],
        decimals=None,
        signed_columns=[3],
        numbered=True,
    )
    first = Appendix("Phụ lục I", "Kết quả thực hiện các chỉ tiêu", NOTE, [table])
    second = Appendix("Phụ lục II", "Theo đơn vị", NOTE, [FIGURES])
    data = write_annex([first, second], "Báo cáo 6 tháng đầu năm 2024")
    return load_workbook(io.BytesIO(data))


def test_each_appendix_gets_a_sheet_named_after_it(workbook):
    assert workbook.sheetnames == ["Phụ lục I", "Phụ lục II"]
    assert workbook.properties.title == "Báo cáo 6 tháng đầu năm 2024"


def test_the_title_rows_are_merged_across_the_table(workbook):
    sheet = workbook.worksheets[0]
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "PHỤ LỤC I",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        NOTE,
    ]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:E1", "A2:E2", "A3:E3"} <= merged
    assert sheet["A1"].font.bold and sheet["A3"].font.italic


def test_rows_are_numbered_and_parts_take_no_number(workbook):
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[5]]
    assert header == ["STT", "Chỉ tiêu", "Đơn vị tính", "6 tháng đầu năm 2024", "Tăng, giảm (%)"]
    assert [sheet.cell(row=r, column=1).value for r in (6, 7, 8)] == ["1", None, "2"]
    assert sheet.freeze_panes == "A6"
    assert sheet.print_title_rows == "$5:$5"


def test_every_cell_is_times_new_roman(workbook):
    sheet = workbook.worksheets[0]
    names = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert names == {"Times New Roman"}


def test_whole_numbers_carry_their_dots_whatever_the_readers_locale(workbook):
    sheet = workbook.worksheets[0]
    assert sheet["D6"].value == 1582300
    assert sheet["D6"].number_format == '0"."000"."000'
    assert sheet["D7"].number_format == '0"."000'
    assert whole_format(999) == "0"
    assert whole_format(1234) == '0"."000'


def test_decimals_and_changes_stay_numbers_in_a_vietnamese_format(workbook):
    sheet = workbook.worksheets[0]
    assert sheet["D8"].value == pytest.approx(1073.4)
    assert sheet["D8"].number_format == decimal_format(1)
    assert sheet["E6"].value == pytest.approx(12.5)
    assert sheet["E6"].number_format == decimal_format(1, signed=True)
    assert sheet["E6"].number_format.startswith("[$-42A]+")
    assert sheet["E8"].value is None


def test_the_page_is_set_up_for_printing(workbook):
    sheet = workbook.worksheets[0]
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_margins.left == pytest.approx(0.6)
    assert "&P" in sheet.oddFooter.center.text
    assert sheet.row_dimensions[5].height >= 30  # the header wraps on two lines


def test_sheet_names_drop_forbidden_characters_and_are_cut_between_words():
    assert sheet_names(["Quý I/2024: [tổng]", "", ""]) == ["Quý I 2024 tổng", "Bảng 2", "Bảng 3"]
    long = "Bảng 2. Số lượng tin, bài, ảnh, video thông tin đối ngoại phân theo ngôn ngữ"
    first, second = sheet_names([long, long])
    assert first == "Bảng 2. Số lượng tin, bài, ảnh"
    assert len(second) <= 31 and second.endswith("(2)")
    assert not second[:-4].endswith(("vid", "ản"))


def test_tables_without_an_appendix_still_give_a_workbook():
    book = load_workbook(io.BytesIO(write_xlsx([FIGURES], "Bảng")))
    assert len(book.sheetnames) == 1
    assert load_workbook(io.BytesIO(write_xlsx([], "Trống"))).sheetnames == ["Phụ lục"]


def test_text_that_looks_like_a_formula_stays_text_and_numbers_stay_numbers():
    hyperlink, dde = '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0"
    table = Table(
        caption="",
        headers=["Đơn vị", "Ghi chú", "Số tin, bài", "Tăng, giảm (%)"],
        rows=[
            [hyperlink, "+84 256 3822 111", Decimal(1250), Decimal("-13.3")],
            [dde, "@SUM(A1:A9)", Decimal(-4), None],
        ],
        number_columns=[2, 3],
        decimals=None,
        signed_columns=[3],
        numbered=False,
    )
    annex = Appendix("Phụ lục I", "=1+1", "-2+3", [table])
    sheet = load_workbook(io.BytesIO(write_annex([annex], "Báo cáo"))).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    written = {c.value: c for c in texts}
    for text in (hyperlink, dde, "+84 256 3822 111", "@SUM(A1:A9)", "=1+1", "-2+3"):
        assert written[text].data_type == "s", text
        assert written[text].quotePrefix, text
    numbers = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, int | float)]
    assert sorted(c.value for c in numbers) == [-13.3, -4, 1250]
    assert {c.data_type for c in numbers} == {"n"}
