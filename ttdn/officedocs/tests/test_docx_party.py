"""A Party body's report read back against Hướng dẫn 36-HD/VPTW."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ttdn.officedocs import write_docx
from ttdn.officedocs.layout import text_width_cm

from .docxread import (
    all_bold,
    all_italic,
    borders,
    cell_margin_cm,
    find_paragraph,
    grid_widths_cm,
    has_bottom_border,
    next_paragraph,
    none_bold,
    open_docx,
    rule_length_cm,
    sizes,
)
from .reports import party_report


@pytest.fixture(scope="module")
def document():
    return open_docx(write_docx(party_report()))


def test_the_party_name_heads_the_right_column_in_bold_capitals_with_a_rule(document):
    letterhead = document.tables[0]
    assert set(borders(letterhead).values()) == {"nil"}
    cell = letterhead.cell(0, 1)
    name = find_paragraph(cell.paragraphs, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert all_bold(name) and sizes(name) == {15}
    rule = next_paragraph(cell.paragraphs, name)
    assert has_bottom_border(rule)
    available = grid_widths_cm(letterhead)[1] - 2 * cell_margin_cm(letterhead)
    width = text_width_cm(name.text, 15, bold=True)
    assert rule_length_cm(rule, available) == pytest.approx(width, rel=0.05)


def test_the_party_letterhead_has_no_national_name_or_motto(document):
    texts = [p.text for row in document.tables[0].rows for c in row.cells for p in c.paragraphs]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    assert "Độc lập - Tự do - Hạnh phúc" not in texts


def test_the_issuing_body_sits_under_the_provincial_committee_with_a_star(document):
    cell = document.tables[0].cell(0, 0)
    assert [p.text for p in cell.paragraphs] == [
        "TỈNH ỦY BÌNH ĐỊNH",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
    ]
    assert none_bold(cell.paragraphs[0]) and all_bold(cell.paragraphs[1])
    assert sizes(cell.paragraphs[1]) == {14}


def test_the_number_has_no_colon_and_the_date_line_is_italic(document):
    letterhead = document.tables[0]
    number = letterhead.cell(1, 0).paragraphs[0]
    assert number.text == "Số 12-BC/TU"
    assert sizes(number) == {14}
    date_line = letterhead.cell(1, 1).paragraphs[0]
    assert date_line.text == "Bình Định, ngày 05 tháng 02 năm 2025"
    assert all_italic(date_line) and sizes(date_line) == {14}


def test_five_hyphens_follow_the_party_summary(document):
    title = find_paragraph(document.paragraphs, "BÁO CÁO")
    assert all_bold(title) and sizes(title) <= {15, 16}
    summary = next_paragraph(document.paragraphs, title)
    assert summary.text == "kết quả công tác thông tin đối ngoại năm 2024"
    assert all_bold(summary)
    separator = next_paragraph(document.paragraphs, summary)
    assert separator.text == "-----"
    assert separator.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_party_signature_keeps_the_slash_authority(document):
    closing = document.tables[-1]
    texts = [p.text for p in closing.cell(0, 1).paragraphs]
    assert texts == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Văn Nam"]
    assert closing.cell(0, 0).paragraphs[-1].text == "- Lưu Văn phòng Ban."


def test_an_unknown_style_is_refused_with_the_choices():
    report = party_report()
    report.style = "province"
    with pytest.raises(ValueError, match="'state' or 'party'"):
        write_docx(report)
