"""Small pieces of the official layout: numbers, recipients, cells, name breaks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ttdn.officedocs import OfficialReport, Signature, official_date_line, write_docx
from ttdn.officedocs.layout import number_line
from ttdn.officedocs.writer import _balanced, format_cell, recipient_lines

from .docxread import open_docx


def test_a_state_number_is_printed_after_so_colon():
    assert number_line("state", "125/BC-SVHTTDL") == "Số: 125/BC-SVHTTDL"
    assert number_line("state", "Số: 125/BC-SVHTTDL") == "Số: 125/BC-SVHTTDL"


def test_a_number_given_as_its_suffix_leaves_a_blank_for_the_clerk():
    assert number_line("state", "/BC-SVHTTDL") == "Số:      /BC-SVHTTDL"
    assert number_line("party", "-BC/TU") == "Số      -BC/TU"
    assert number_line("state", None) == "Số:      "


def test_a_party_number_has_no_colon():
    assert number_line("party", "12-BC/TU") == "Số 12-BC/TU"
    assert number_line("party", "Số 12-BC/TU") == "Số 12-BC/TU"


def test_recipient_lines_take_dashes_semicolons_and_a_final_full_stop():
    lines = recipient_lines(["- Sở Ngoại vụ;", "UBND tỉnh (b/c)", "  "], "Lưu: VT, TTĐN.")
    assert lines == ["- Sở Ngoại vụ;", "- UBND tỉnh (b/c);", "- Lưu: VT, TTĐN."]


def test_without_an_archive_line_the_last_recipient_ends_the_list():
    assert recipient_lines(["Sở Ngoại vụ"], "") == ["- Sở Ngoại vụ."]


def test_cells_print_counts_whole_and_measures_with_the_table_decimals():
    assert format_cell(1582300, True, 1) == "1.582.300"
    assert format_cell(54.7, True, 1) == "54,7"
    assert format_cell(Decimal("12.25"), True, 1) == "12,2"
    assert format_cell(2024, False, 0) == "2024"
    assert format_cell(None, True, 1) == ""
    assert format_cell("—", True, 1) == "—"


def test_a_long_body_name_breaks_into_two_lines_the_longer_first():
    assert _balanced("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 13, True, 6.3) == (
        "SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH"
    )
    assert _balanced("UBND TỈNH ĐỒNG NAI", 13, False, 6.3) == "UBND TỈNH ĐỒNG NAI"


def test_the_date_line_pads_days_below_ten_and_the_first_two_months():
    assert official_date_line("Đồng Nai", date(2024, 7, 3)) == "Đồng Nai, ngày 03 tháng 7 năm 2024"
    assert official_date_line("Huế", date(2022, 2, 5)) == "Huế, ngày 05 tháng 02 năm 2022"


def test_a_bare_report_without_date_recipients_or_signature_still_writes():
    report = OfficialReport(
        style="state",
        governing_body=None,
        issuing_body="UBND XÃ AN HÒA",
        number="/BC-UBND",
        place="An Hòa",
        issued_on=None,
        summary="Kết quả công tác thông tin đối ngoại năm 2024",
        archive="",
        signature=Signature(
            authority=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], position=None, name=None
        ),
    )
    document = open_docx(write_docx(report))
    letterhead = document.tables[0]
    assert letterhead.cell(1, 0).paragraphs[0].text == "Số:      /BC-UBND"
    assert letterhead.cell(1, 1).paragraphs[0].text.startswith("An Hòa, ngày")
    left = document.tables[-1].cell(0, 0)
    assert not left.text.strip()


def test_control_characters_from_pasted_text_are_dropped_not_fatal():
    from ttdn.officedocs import Paragraph

    report = OfficialReport(
        style="state",
        governing_body=None,
        issuing_body="SỞ NGOẠI VỤ",
        number=None,
        place="Huế",
        issued_on=date(2024, 1, 9),
        blocks=[Paragraph("Tin\x0b bài\x00 tiếng Anh")],
    )
    document = open_docx(write_docx(report))
    assert "Tin bài tiếng Anh" in [p.text for p in document.paragraphs]


def test_the_library_imports_without_django():
    import subprocess
    import sys

    code = "import sys, ttdn.officedocs; print(any(m.startswith('django') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
