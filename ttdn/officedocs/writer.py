"""Write an OfficialReport as a DOCX laid out to Decree 30/2020 or Hướng dẫn 36-HD/VPTW.

The document is built with python-docx directly (no template), so no text ever passes
through a template engine and "&", "<b>" or quotes arrive in the file as typed.
"""

from __future__ import annotations

import copy
import io
from datetime import UTC, datetime
from decimal import Decimal

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from ttdn.lib.vnformat import format_number, official_date_line

from . import layout
from .layout import (
    LETTERHEAD_LEFT_MIN_CM,
    LETTERHEAD_PADDING_CM,
    PARTY,
    TEXT_WIDTH_CM,
    StyleSpec,
    spec_for,
    text_width_cm,
)
from .model import Appendix, Cell, Chart, Heading, OfficialReport, Paragraph, Signature, Table
from .ooxml import (
    add_page_field,
    add_run,
    bottom_border,
    clean_text,
    keep_row_together,
    repeat_as_header,
    set_cell_margins,
    set_column_widths,
    set_document_defaults,
    set_outline_level,
    table_borders,
)

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
CAPTION_SIZE = 13
CHART_WIDTH_CM = 15.0
CLOSING_LEFT_CM = 7.5


def write_docx(report: OfficialReport) -> bytes:
    """The report as DOCX bytes."""
    spec = spec_for(report.style)
    document = Document()
    set_document_defaults(document, spec.body_size)
    _set_up_page(document.sections[0], spec)
    _write_letterhead(document, report, spec)
    _write_title(document, report, spec)
    for block in report.blocks:
        if isinstance(block, Heading):
            _write_heading(document, block, spec)
        elif isinstance(block, Paragraph):
            _write_paragraph(document, block, spec)
        elif isinstance(block, Table):
            write_table(document, block, spec)
        elif isinstance(block, Chart):
            _write_chart(document, block)
        else:
            raise TypeError(f"Cannot write a {type(block).__name__} block.")
    _write_closing(document, report, spec)
    for appendix in report.appendices:
        _write_appendix(document, appendix, spec)
    _set_properties(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Page ---------------------------------------------------------------------------------


def _set_up_page(section: Section, spec: StyleSpec) -> None:
    section.page_width = Mm(layout.PAGE_WIDTH_MM)
    section.page_height = Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin = Mm(layout.MARGIN_TOP_MM)
    section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(layout.MARGIN_LEFT_MM)
    section.right_margin = Mm(layout.MARGIN_RIGHT_MM)
    section.header_distance = Mm(layout.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(layout.HEADER_DISTANCE_MM)
    # The first page carries no number; numbering shows from page 2, centred at the top.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    _format(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
    add_page_field(paragraph, spec.number_size)


def _format(
    paragraph: DocxParagraph,
    alignment: WD_ALIGN_PARAGRAPH,
    *,
    before: float = 0,
    after: float = 0,
    first_line_cm: float | None = None,
    line_spacing: float = 1.0,
) -> DocxParagraph:
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line_spacing
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    return paragraph


def _centred(container, text: str, size: float, **style: bool) -> DocxParagraph:
    paragraph = _format(container.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER)
    add_run(paragraph, text, size, **style)
    return paragraph


def _rule(container, length_cm: float, available_cm: float) -> DocxParagraph:
    """A short centred line: an empty paragraph with a bottom border, indented to length."""
    paragraph = _format(container.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER)
    indent = max(0.0, (available_cm - length_cm) / 2)
    paragraph.paragraph_format.left_indent = Cm(indent)
    paragraph.paragraph_format.right_indent = Cm(indent)
    # The paragraph mark sets the height of an empty paragraph: keep the line close.
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    rpr.append(size)
    ppr.append(rpr)
    bottom_border(paragraph)
    return paragraph


# Letterhead: issuing body, number, motto and date (the ô số 1–4 of the decree) ---------


def _balanced(text: str, size: float, bold: bool, width_cm: float) -> str:
    """Break a body name too long for one line into two even lines, the longer first.

    "SỞ VĂN HÓA, THỂ THAO / VÀ DU LỊCH" rather than a lone word left on the second line.
    """
    if "\n" in text or text_width_cm(text, size, bold) <= width_cm:
        return text
    words = text.split()
    candidates = []
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widths = text_width_cm(first, size, bold), text_width_cm(second, size, bold)
        if max(widths) <= width_cm:
            candidates.append((widths[0] < widths[1], max(widths), f"{first}\n{second}"))
    return min(candidates)[2] if candidates else text


def _widest_line(text: str, size: float, bold: bool, available: float) -> float:
    return min(available, max(text_width_cm(line, size, bold) for line in text.split("\n") if line))


def letterhead_widths(report: OfficialReport, spec: StyleSpec) -> tuple[float, float]:
    """Column widths (cm) of the letterhead: the right one holds the motto on one line."""
    if report.style == PARTY:
        widest = text_width_cm(PARTY_NAME, spec.motto_size, True)
    else:
        widest = max(
            text_width_cm(NATIONAL_NAME, spec.motto_size, True),
            text_width_cm(NATIONAL_MOTTO, spec.slogan_size, True),
        )
    date_line = official_date_line(report.place, report.issued_on, report.year)
    widest = max(widest, text_width_cm(date_line, spec.date_size, italic=True))
    # Slack for rounding between font versions, so a hair of difference never wraps.
    needed = widest + 2 * LETTERHEAD_PADDING_CM + 0.3
    right = min(max(spec.header_right_cm, needed), TEXT_WIDTH_CM - LETTERHEAD_LEFT_MIN_CM)
    right = round(right, 2)
    return round(TEXT_WIDTH_CM - right, 2), right


def _write_letterhead(document: DocumentObject, report: OfficialReport, spec: StyleSpec) -> None:
    table = document.add_table(rows=2, cols=2)
    table_borders(table, "nil")
    left_cm, right_cm = letterhead_widths(report, spec)
    set_column_widths(table, [left_cm, right_cm])
    set_cell_margins(table, LETTERHEAD_PADDING_CM)
    left_width = left_cm - 2 * LETTERHEAD_PADDING_CM
    right_width = right_cm - 2 * LETTERHEAD_PADDING_CM
    top_left, top_right = table.rows[0].cells
    bottom_left, bottom_right = table.rows[1].cells
    size = spec.body_name_size

    cell_paragraphs = _CellWriter(top_left)
    if report.governing_body:
        governing = _balanced(report.governing_body.upper(), size, False, left_width)
        cell_paragraphs.centred(governing, size)
    issuing = _balanced(report.issuing_body.upper(), size, True, left_width)
    cell_paragraphs.centred(issuing, size, bold=True)
    if report.style == PARTY:
        cell_paragraphs.centred("*", size)
    else:
        # Decree 30: a line one third to one half as long as the name, centred under it.
        _rule(top_left, 0.4 * _widest_line(issuing, size, True, left_width), left_width)

    cell_paragraphs = _CellWriter(top_right)
    if report.style == PARTY:
        cell_paragraphs.centred(PARTY_NAME, spec.motto_size, bold=True)
        _rule(top_right, text_width_cm(PARTY_NAME, spec.motto_size, True), right_width)
    else:
        cell_paragraphs.centred(NATIONAL_NAME, spec.motto_size, bold=True)
        cell_paragraphs.centred(NATIONAL_MOTTO, spec.slogan_size, bold=True)
        _rule(top_right, text_width_cm(NATIONAL_MOTTO, spec.slogan_size, True), right_width)

    number = _CellWriter(bottom_left).centred(
        layout.number_line(report.style, report.number), spec.number_size
    )
    number.paragraph_format.space_before = Pt(6)
    date_line = _CellWriter(bottom_right).centred(
        official_date_line(report.place, report.issued_on, report.year), spec.date_size, italic=True
    )
    date_line.paragraph_format.space_before = Pt(6)


class _CellWriter:
    """Adds centred paragraphs to a table cell, reusing the empty one a new cell holds."""

    def __init__(self, cell: _Cell) -> None:
        self.cell = cell
        self.fresh = True

    def paragraph(self, alignment: WD_ALIGN_PARAGRAPH) -> DocxParagraph:
        if self.fresh:
            self.fresh = False
            paragraph = self.cell.paragraphs[0]
        else:
            paragraph = self.cell.add_paragraph()
        return _format(paragraph, alignment)

    def centred(self, text: str, size: float, **style: bool) -> DocxParagraph:
        paragraph = self.paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        add_run(paragraph, text, size, **style)
        return paragraph


def _write_title(document: DocumentObject, report: OfficialReport, spec: StyleSpec) -> None:
    kind = _centred(document, report.kind_title.upper(), spec.kind_size, bold=True)
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.keep_with_next = True
    if report.summary:
        summary = _centred(document, report.summary, spec.summary_size, bold=True)
        summary.paragraph_format.keep_with_next = True
        widest = _widest_line(report.summary, spec.summary_size, True, TEXT_WIDTH_CM)
    else:
        widest = text_width_cm(report.kind_title, spec.kind_size, True)
    if report.style == PARTY:
        # Hướng dẫn 36: five hyphens under the subject line.
        separator = _centred(document, "-----", spec.summary_size)
    else:
        separator = _rule(document, 0.4 * widest, TEXT_WIDTH_CM)
    separator.paragraph_format.space_after = Pt(12)


# Body ---------------------------------------------------------------------------------


def _body_format(paragraph: DocxParagraph) -> DocxParagraph:
    return _format(
        paragraph,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=layout.PARAGRAPH_SPACING_PT,
        first_line_cm=layout.FIRST_LINE_INDENT_CM,
        line_spacing=layout.LINE_SPACING,
    )


def _write_heading(document: DocumentObject, heading: Heading, spec: StyleSpec) -> None:
    paragraph = _body_format(document.add_paragraph())
    paragraph.paragraph_format.keep_with_next = True
    # Items "a)" read as bold italic in official reports; sections and items are bold.
    add_run(paragraph, heading.text, spec.body_size, bold=True, italic=heading.level >= 3)
    set_outline_level(paragraph, heading.level)


def _write_paragraph(document: DocumentObject, block: Paragraph, spec: StyleSpec) -> None:
    paragraph = _body_format(document.add_paragraph())
    add_run(paragraph, block.text, spec.body_size, bold=block.bold, italic=block.italic)


def _caption(document: DocumentObject, text: str) -> None:
    paragraph = _centred(document, text, CAPTION_SIZE, bold=True)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.keep_with_next = True


def _spacer(document: DocumentObject) -> None:
    _format(document.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT, after=layout.PARAGRAPH_SPACING_PT)


def format_cell(value: Cell, is_number: bool, decimals: int | None, signed: bool = False) -> str:
    """Text of one table cell: numbers Vietnamese-style (1.582.300; 54,7) in number columns;
    ``decimals`` None prints a Decimal with the places it carries."""
    if value is None:
        return ""
    if is_number and isinstance(value, bool):
        return str(value)
    text = None
    if is_number and isinstance(value, int):
        text = format_number(value, 0)
    elif is_number and isinstance(value, float | Decimal):
        number = Decimal(str(value))
        if decimals is None:
            text = format_number(number.normalize() if number else Decimal(0))
        else:
            text = format_number(round(number, decimals), decimals)
    if text is None:
        return str(value)
    if signed and Decimal(str(value)) > 0:
        return "+" + text
    return text


STT = "STT"


def numbered_rows(table: Table) -> tuple[list[str], list[list[Cell]], list[int], list[int]]:
    """Headers, rows and column indexes with the STT column in front when asked for: the
    rows of parts ("- tiếng Anh") under a total take no number."""
    if not table.numbered:
        return table.headers, table.rows, table.number_columns, table.signed_columns
    rows, count = [], 0
    for row in table.rows:
        part = isinstance(row[0], str) and row[0].startswith("- ")
        if not part:
            count += 1
        rows.append(["" if part else str(count), *row])
    shift = [index + 1 for index in table.number_columns]
    signed = [index + 1 for index in table.signed_columns]
    return [STT, *table.headers], rows, shift, signed


def column_widths(
    headers: list[str], texts: list[list[str]], numbers: set[int], size: float
) -> list[float]:
    """Widths (cm) from content: a figure never wraps mid-digit, a header may wrap between
    words, the label columns share what is left."""
    pad = 2 * layout.CELL_PADDING_CM + 0.15
    needs = []
    for index, header in enumerate(headers):
        column = [row[index] for row in texts if index < len(row)]
        widest_word = max((text_width_cm(word, size, True) for word in header.split()), default=0.0)
        if index in numbers or header == STT:
            widest = max([text_width_cm(text, size) for text in column] + [widest_word])
            needs.append(widest + pad)
        else:
            longest = max([text_width_cm(text, size) for text in column] + [widest_word])
            needs.append(-(longest + pad))  # flexible: shares the rest
    fixed = sum(n for n in needs if n > 0)
    flexible = sum(-n for n in needs if n < 0)
    rest = max(TEXT_WIDTH_CM - fixed, 2.5)
    return [need if need > 0 else rest * -need / flexible for need in needs]


def write_table(document: DocumentObject, table: Table, spec: StyleSpec) -> None:
    if table.caption:
        _caption(document, table.caption)
    headers, rows, number_columns, signed_columns = numbered_rows(table)
    columns = len(headers)
    numbers, signed = set(number_columns), set(signed_columns)
    texts = [
        [
            format_cell(value, index in numbers, table.decimals, index in signed)
            for index, value in enumerate(row)
        ]
        for row in rows
    ]
    docx_table = document.add_table(rows=2 if texts else 1, cols=columns)
    docx_table.style = document.styles["Table Grid"]
    table_borders(docx_table, "single")
    set_column_widths(docx_table, column_widths(headers, texts, numbers, spec.table_size))
    header = docx_table.rows[0]
    repeat_as_header(header)
    for index, title in enumerate(headers):
        _fill_cell(header.cells[index], title, spec.table_size, WD_ALIGN_PARAGRAPH.CENTER, True)
    if texts:
        _write_rows(docx_table, headers, numbers, texts, spec)
    _spacer(document)


def _write_rows(docx_table, headers: list[str], numbers: set[int], texts, spec) -> None:
    """The body rows: one row laid out through python-docx, the others copies of it with
    their own text. Filling cells one by one through python-docx costs about 1 ms a cell,
    most of a province's report with its hundred communes."""
    template = docx_table.rows[1]
    keep_row_together(template)
    for index, cell in enumerate(template.cells):
        if index in numbers:
            alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif headers[index] == STT:
            alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            alignment = WD_ALIGN_PARAGRAPH.LEFT
        _fill_cell(cell, " ", spec.table_size, alignment, False)
    model = template._tr
    body = model.getparent()
    text_tag = qn("w:t")
    for position, values in enumerate(texts):
        row = model if position == 0 else copy.deepcopy(model)
        for index, element in enumerate(row.iter(text_tag)):
            element.text = clean_text(values[index] if index < len(values) else "")
        if position:
            body.append(row)


def _fill_cell(cell: _Cell, text: str, size: float, alignment, bold: bool) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = _format(cell.paragraphs[0], alignment, before=2, after=2)
    add_run(paragraph, text, size, bold=bold)


def _write_chart(document: DocumentObject, chart: Chart) -> None:
    from .charts import render_chart  # matplotlib loads only when a chart is drawn

    _caption(document, chart.title)
    paragraph = _format(document.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER)
    png = render_chart(chart, with_title=False)
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(min(CHART_WIDTH_CM, TEXT_WIDTH_CM)))
    _spacer(document)


# Closing: Nơi nhận (recipients) and signature ------------------------------------------


def recipient_lines(recipients: list[str], archive: str) -> list[str]:
    """ "- Sở Thông tin và Truyền thông;" ... "- Lưu: VT, TTĐN." """
    lines = [_bare(line) for line in recipients if _bare(line)]
    formatted = [f"- {line};" for line in lines]
    if _bare(archive):
        formatted.append(f"- {_bare(archive)}.")
    elif formatted:
        formatted[-1] = formatted[-1][:-1] + "."
    return formatted


def _bare(line: str) -> str:
    return line.strip().lstrip("-–•+ ").rstrip(" ;,.").strip()


def _write_closing(document: DocumentObject, report: OfficialReport, spec: StyleSpec) -> None:
    _spacer(document)
    table = document.add_table(rows=1, cols=2)
    table_borders(table, "nil")
    set_column_widths(table, [CLOSING_LEFT_CM, TEXT_WIDTH_CM - CLOSING_LEFT_CM])
    set_cell_margins(table, LETTERHEAD_PADDING_CM)
    keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    lines = recipient_lines(report.recipients, report.archive)
    if lines:
        writer = _CellWriter(left)
        label = writer.paragraph(WD_ALIGN_PARAGRAPH.LEFT)
        add_run(label, "Nơi nhận:", spec.recipients_label_size, bold=True, italic=True)
        for line in lines:
            add_run(writer.paragraph(WD_ALIGN_PARAGRAPH.LEFT), line, spec.recipients_size)
    if report.signature:
        _write_signature(right, report.signature, spec)


def _write_signature(cell: _Cell, signature: Signature, spec: StyleSpec) -> None:
    writer = _CellWriter(cell)
    size = spec.signature_size
    for line in signature.authority:
        if line.strip():
            writer.centred(line.strip().upper(), size, bold=True)
    if signature.position:
        writer.centred(signature.position.strip().upper(), size, bold=True)
    # The blank above the name is where the signature and seal go.
    name = writer.centred(signature.name or "", size, bold=True)
    name.paragraph_format.space_before = Pt(layout.SIGNATURE_SPACE_PT)


def _write_appendix(document: DocumentObject, appendix: Appendix, spec: StyleSpec) -> None:
    """A Phụ lục on a new page: label, title and the "(Kèm theo …)" line, then tables."""
    label = _centred(document, appendix.label, spec.body_size, bold=True)
    label.paragraph_format.page_break_before = True
    label.paragraph_format.keep_with_next = True
    title = _centred(document, appendix.title.upper(), spec.body_size, bold=True)
    title.paragraph_format.keep_with_next = True
    note = _centred(document, appendix.note, spec.body_size - 1, italic=True)
    note.paragraph_format.space_after = Pt(12)
    note.paragraph_format.keep_with_next = True
    for block in appendix.blocks:
        if isinstance(block, Table):
            write_table(document, block, spec)
        elif isinstance(block, Chart):
            _write_chart(document, block)
        elif isinstance(block, Paragraph):
            _write_paragraph(document, block, spec)
        else:
            raise TypeError(f"Cannot write a {type(block).__name__} block in an appendix.")


def _set_properties(document: DocumentObject, report: OfficialReport) -> None:
    properties = document.core_properties
    properties.title = " ".join(part for part in (report.kind_title, report.summary) if part)
    properties.author = report.issuing_body
    properties.last_modified_by = report.issuing_body
    properties.comments = ""
    properties.language = "vi-VN"
    properties.created = properties.modified = datetime.now(UTC).replace(microsecond=0)
    # The template's thumbnail shows some other document in file browsers.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
