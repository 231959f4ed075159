"""A state body's report read back against Decree 30/2020/NĐ-CP, rule by rule."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from ttdn.officedocs import write_docx
from ttdn.officedocs.layout import TEXT_WIDTH_CM, text_width_cm

from .docxread import (
    W,
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
    runs_with_text,
    sizes,
)
from .reports import RECIPIENTS, TRICKY_TEXT, state_report

TITLE_TEXTS = {"BÁO CÁO", "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024"}


@pytest.fixture(scope="module")
def data() -> bytes:
    return write_docx(state_report())


@pytest.fixture(scope="module")
def document(data):
    return open_docx(data)


@pytest.fixture(scope="module")
def parts(data) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


@pytest.fixture(scope="module")
def letterhead(document):
    return document.tables[0]


@pytest.fixture(scope="module")
def closing(document):
    return document.tables[-1]


def body_paragraphs(document):
    """Top-level paragraphs of the body with text, past the title block."""
    return [
        p
        for p in document.paragraphs
        if p.text.strip()
        and p.text not in TITLE_TEXTS
        and not p.text.startswith("Bảng")
        and not p.text.startswith("Biểu đồ")
    ]


def test_the_page_is_a4(document):
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297


def test_each_margin_is_within_the_decree_range(document):
    section = document.sections[0]
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20


def test_every_font_declaration_is_times_new_roman_for_every_script(parts):
    declarations = 0
    # numbering.xml names Symbol for the template's unused bullet glyphs: not text.
    for name, root in parts.items():
        if name == "word/numbering.xml":
            continue
        for fonts in root.iter(f"{W}rFonts"):
            declarations += 1
            for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
                assert fonts.get(f"{W}{slot}") == "Times New Roman", (name, slot)
            # A theme font would override the named one.
            assert not [key for key in fonts.attrib if "heme" in key], name
    assert declarations > 20
    defaults = parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}ascii") == "Times New Roman"
    assert defaults.get(f"{W}eastAsia") == "Times New Roman"


def test_the_letterhead_is_a_borderless_two_column_table_with_its_grid_set(letterhead):
    assert len(letterhead.columns) == 2
    widths = grid_widths_cm(letterhead)
    assert len(widths) == 2 and all(width > 5 for width in widths)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_CM, abs=0.05)
    assert set(borders(letterhead).values()) == {"nil"}
    assert not letterhead._tbl.findall(f".//{W}tcBorders")
    # The motto column fits "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line.
    inner = widths[1] - 2 * cell_margin_cm(letterhead)
    assert inner > text_width_cm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)


def test_the_national_name_is_bold_capitals_of_12_to_13_points(letterhead):
    cell = letterhead.cell(0, 1)
    name = find_paragraph(cell.paragraphs, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all_bold(name)
    assert sizes(name) <= {12, 13}
    assert name.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_motto_is_bold_13_to_14_points_not_capitals_with_a_rule_as_long(letterhead):
    cell = letterhead.cell(0, 1)
    motto = find_paragraph(cell.paragraphs, "Độc lập - Tự do - Hạnh phúc")
    assert all_bold(motto)
    assert sizes(motto) <= {13, 14}
    rule = next_paragraph(cell.paragraphs, motto)
    assert has_bottom_border(rule) and not rule.text
    available = grid_widths_cm(letterhead)[1] - 2 * cell_margin_cm(letterhead)
    motto_width = text_width_cm(motto.text, sizes(motto).pop(), bold=True)
    assert rule_length_cm(rule, available) == pytest.approx(motto_width, rel=0.05)


def test_the_governing_body_is_regular_and_the_issuing_body_bold_capitals(letterhead):
    cell = letterhead.cell(0, 0)
    governing = find_paragraph(cell.paragraphs, "UBND TỈNH ĐỒNG NAI")
    assert none_bold(governing) and sizes(governing) <= {12, 13}
    issuing = find_paragraph(cell.paragraphs, "SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH")
    assert all_bold(issuing) and sizes(issuing) <= {12, 13}
    assert issuing.text == issuing.text.upper()


def test_a_short_rule_of_a_third_to_a_half_sits_under_the_issuing_body(letterhead):
    cell = letterhead.cell(0, 0)
    issuing = find_paragraph(cell.paragraphs, "SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH")
    rule = next_paragraph(cell.paragraphs, issuing)
    assert has_bottom_border(rule)
    assert rule.alignment == WD_ALIGN_PARAGRAPH.CENTER
    available = grid_widths_cm(letterhead)[0] - 2 * cell_margin_cm(letterhead)
    line = max(text_width_cm(text, 13, bold=True) for text in issuing.text.split("\n"))
    assert line / 3 <= rule_length_cm(rule, available) <= line / 2


def test_the_number_line_reads_so_colon_in_13_points(letterhead):
    number = find_paragraph(letterhead.cell(1, 0).paragraphs, "Số: 125/BC-SVHTTDL")
    assert sizes(number) == {13}
    assert none_bold(number)


def test_the_place_and_date_line_is_italic_with_the_official_padding(letterhead):
    line = letterhead.cell(1, 1).paragraphs[0]
    assert line.text == "Đồng Nai, ngày 03 tháng 7 năm 2024"
    assert all_italic(line)
    assert sizes(line) <= {13, 14}


def test_the_title_is_bold_centred_and_the_summary_bold_with_a_rule_under_it(document):
    title = find_paragraph(document.paragraphs, "BÁO CÁO")
    assert all_bold(title) and sizes(title) <= {13, 14}
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    summary = next_paragraph(document.paragraphs, title)
    assert summary.text == "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024"
    assert all_bold(summary) and sizes(summary) <= {13, 14}
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert has_bottom_border(next_paragraph(document.paragraphs, summary))


def test_body_paragraphs_are_13_to_14_points_justified_indented_and_spaced(document):
    paragraphs = body_paragraphs(document)
    assert len(paragraphs) >= 8
    for paragraph in paragraphs:
        fmt = paragraph.paragraph_format
        assert sizes(paragraph) <= {13, 14}, paragraph.text
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, paragraph.text
        assert Cm(1) <= fmt.first_line_indent <= Cm(1.27), paragraph.text
        assert (fmt.space_after or 0) >= Pt(6) or (fmt.space_before or 0) >= Pt(6)
        assert 1.0 <= fmt.line_spacing <= 1.5


def test_headings_are_bold_and_marked_as_outline_levels(document):
    expected = {
        "I. KẾT QUẢ THỰC HIỆN": "0",
        "1. Công tác tuyên truyền, quảng bá hình ảnh địa phương": "1",
        "a) Trên báo chí và môi trường mạng": "2",
    }
    for text, level in expected.items():
        heading = find_paragraph(document.paragraphs, text)
        assert all_bold(heading), text
        outline = heading._p.pPr.find(f"{W}outlineLvl")
        assert outline.get(qn("w:val")) == level
        assert heading.paragraph_format.keep_with_next


def test_ampersands_tags_and_quotes_come_through_literally(document, parts):
    assert find_paragraph(document.paragraphs, TRICKY_TEXT)
    xml = etree.tostring(parts["word/document.xml"], encoding="unicode")
    assert "&amp; &lt;b&gt;quảng bá&lt;/b&gt;" in xml
    assert not parts["word/document.xml"].findall(".//b")


def test_the_figures_table_spans_the_text_width_with_borders_and_a_repeated_header(document):
    table = document.tables[1]
    assert sum(grid_widths_cm(table)) == pytest.approx(TEXT_WIDTH_CM, abs=0.05)
    assert set(borders(table).values()) == {"single"}
    header = table.rows[0]
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    for cell in header.cells:
        assert all_bold(cell.paragraphs[0])


def test_table_numbers_are_vietnamese_style_and_right_aligned(document):
    table = document.tables[1]
    first = table.rows[1].cells
    assert first[2].text == "1.582.300"
    assert first[3].text == "54,7"
    assert table.rows[3].cells[3].text == ""
    for cell in (first[2], first[3]):
        assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    for row in table.rows:
        for cell in row.cells:
            assert sizes(cell.paragraphs[0]) <= {12, 13}


def test_the_chart_is_a_png_picture_with_its_caption(document):
    find_paragraph(document.paragraphs, "Biểu đồ 1. Tin, bài thông tin đối ngoại theo quý")
    pictures = document.inline_shapes
    assert len(pictures) == 1
    assert pictures[0].width.cm == pytest.approx(15, abs=0.01)
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1 and images[0].blob.startswith(b"\x89PNG")


def test_recipients_follow_a_bold_italic_12_point_label_in_11_points(closing):
    assert set(borders(closing).values()) == {"nil"}
    paragraphs = closing.cell(0, 0).paragraphs
    label = paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert all_bold(label) and all_italic(label) and sizes(label) == {12}
    lines = paragraphs[1:]
    assert [line.text for line in lines[:-1]] == [f"- {name};" for name in RECIPIENTS]
    assert lines[-1].text == "- Lưu: VT, VP."
    for line in lines:
        assert sizes(line) == {11}
        assert none_bold(line)


def test_the_signature_block_has_bold_capital_authority_and_position_then_the_name(closing):
    paragraphs = [p for p in closing.cell(0, 1).paragraphs]
    assert [p.text for p in paragraphs] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Minh Hà"]
    for paragraph in paragraphs:
        assert all_bold(paragraph) and sizes(paragraph) <= {13, 14}
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraphs[0].text.isupper() and paragraphs[1].text.isupper()
    # Room for the signature and the seal above the name.
    assert paragraphs[2].paragraph_format.space_before >= Pt(48)


def test_page_numbers_are_a_centred_page_field_from_page_two(document, parts):
    section = document.sections[0]
    sectpr = section._sectPr
    assert sectpr.find(f"{W}titlePg") is not None
    assert section.different_first_page_header_footer
    header = section.header
    assert not header.is_linked_to_previous
    paragraph = header.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [node.text.strip() for node in paragraph._p.iter(f"{W}instrText")]
    assert instructions == ["PAGE"]
    kinds = [node.get(qn("w:fldCharType")) for node in paragraph._p.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert sizes(paragraph) <= {13, 14}
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(f"{W}instrText"))
    assert not "".join(p.text for p in first.paragraphs).strip()


def test_the_file_carries_no_thumbnail_of_another_document(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [name for name in archive.namelist() if "thumbnail" in name]
        assert "word/stylesWithEffects.xml" not in archive.namelist()


def test_document_properties_name_the_report_and_not_the_library(document):
    properties = document.core_properties
    assert properties.title.startswith("BÁO CÁO Kết quả công tác")
    assert properties.author == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert "python-docx" not in (properties.comments + properties.author)


def test_runs_carry_explicit_sizes_so_no_text_depends_on_word_defaults(document):
    for paragraph in document.paragraphs:
        for run in runs_with_text(paragraph):
            assert run.font.size is not None, run.text
