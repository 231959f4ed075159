"""Reading a written DOCX back the way a reviewer checks a printed one: by what is set."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def runs_with_text(paragraph: DocxParagraph):
    return [run for run in paragraph.runs if run.text.strip()]


def sizes(paragraph: DocxParagraph) -> set[float]:
    return {run.font.size.pt for run in runs_with_text(paragraph)}


def all_bold(paragraph: DocxParagraph) -> bool:
    runs = runs_with_text(paragraph)
    return bool(runs) and all(run.font.bold for run in runs)


def all_italic(paragraph: DocxParagraph) -> bool:
    runs = runs_with_text(paragraph)
    return bool(runs) and all(run.font.italic for run in runs)


def none_bold(paragraph: DocxParagraph) -> bool:
    return not any(run.font.bold for run in runs_with_text(paragraph))


def has_bottom_border(paragraph: DocxParagraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    bottom = ppr.find(f"{W}pBdr/{W}bottom")
    return bottom is not None and bottom.get(qn("w:val")) not in (None, "nil", "none")


def rule_length_cm(paragraph: DocxParagraph, available_cm: float) -> float:
    fmt = paragraph.paragraph_format
    left = (fmt.left_indent or Length(0)).cm
    right = (fmt.right_indent or Length(0)).cm
    return available_cm - left - right


def grid_widths_cm(table: DocxTable) -> list[float]:
    return [
        int(column.get(qn("w:w"))) / 567 for column in table._tbl.tblGrid.findall(f"{W}gridCol")
    ]


def cell_margin_cm(table: DocxTable) -> float:
    margin = table._tbl.tblPr.find(f"{W}tblCellMar/{W}left")
    return 0.19 if margin is None else int(margin.get(qn("w:w"))) / 567


def borders(table: DocxTable) -> dict[str, str]:
    element = table._tbl.tblPr.find(f"{W}tblBorders")
    if element is None:
        return {}
    return {child.tag.replace(W, ""): child.get(qn("w:val")) for child in element}


def find_paragraph(paragraphs, text: str) -> DocxParagraph:
    for paragraph in paragraphs:
        if paragraph.text == text:
            return paragraph
    raise AssertionError(f"No paragraph reads {text!r}: {[p.text for p in paragraphs]}")


def next_paragraph(paragraphs, paragraph: DocxParagraph) -> DocxParagraph:
    items = list(paragraphs)
    index = next(i for i, p in enumerate(items) if p._p is paragraph._p)
    return items[index + 1]
