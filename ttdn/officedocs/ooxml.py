"""Small WordprocessingML helpers for what python-docx has no API for.

Kept apart from the layout code so the writer reads as a description of the document.
"""

from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from .layout import FONT

_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
# XML 1.0 refuses these; python-docx would raise deep inside lxml on a stray one.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: object) -> str:
    return _XML_INVALID.sub("", "" if text is None else str(text))


def _child(parent, tag: str):
    """The child element ``tag`` of ``parent``, created at the end if missing."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    return element


def set_fonts(rpr) -> None:
    """Times New Roman for every script slot, so Vietnamese text never falls back."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _name_fonts(fonts)


def _name_fonts(fonts) -> None:
    # Theme attributes (asciiTheme="minorHAnsi") win over named fonts: drop them.
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(slot), None)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def add_run(
    paragraph: DocxParagraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Run:
    run = paragraph.add_run(clean_text(text))
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    if underline:
        run.font.underline = True
    set_fonts(run._r.get_or_add_rPr())
    return run


def set_document_defaults(document: DocumentObject, size: float) -> None:
    """Times New Roman and Vietnamese as the document defaults and in the Normal style."""
    # python-docx's template carries Word 2010's stylesWithEffects copy of the styles, with
    # theme fonts; Word prefers styles.xml, so the stale copy is dropped, not kept in step.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)
    styles = document.styles.element
    doc_defaults = _child(styles, "w:docDefaults")
    rpr_default = _child(doc_defaults, "w:rPrDefault")
    rpr = _child(rpr_default, "w:rPr")
    set_fonts(rpr)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "vi-VN")
    # Every style, used or not, so text pasted into the file later stays in the same face.
    for fonts in styles.iter(qn("w:rFonts")):
        _name_fonts(fonts)
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        set_fonts(style.element.get_or_add_rPr())
    document.styles["Normal"].font.size = Pt(size)


def bottom_border(paragraph: DocxParagraph, size_eighths: int = 6) -> None:
    """A solid line under the paragraph, as long as the space between its indents."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    # pBdr must come before spacing/ind/jc in pPr (schema order), or Word repairs the file.
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def table_borders(table: DocxTable, value: str) -> None:
    """Set every edge of the table to ``value`` ("nil" for none, "single" for a grid)."""
    tblpr = table._tbl.tblPr
    existing = tblpr.find(qn("w:tblBorders"))
    if existing is not None:
        tblpr.remove(existing)
    borders = OxmlElement("w:tblBorders")
    for edge in _EDGES:
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    # tblBorders follows tblW/jc/tblInd in the schema; before tblLayout/tblCellMar/tblLook.
    anchor = None
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        anchor = tblpr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tblpr.append(borders)


def set_column_widths(table: DocxTable, widths_cm: list[float]) -> None:
    """Fix the table grid and every cell width.

    LibreOffice lays a table out from w:tblGrid and ignores cell widths alone, which is
    how a header column ends up too narrow and the national motto wraps.
    """
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    grid = tbl.tblGrid
    for column in list(grid):
        grid.remove(column)
    for width in widths_cm:
        column = OxmlElement("w:gridCol")
        column.set(qn("w:w"), str(int(Cm(width).twips)))
        grid.append(column)
    tblpr = tbl.tblPr
    tblw = _child(tblpr, "w:tblW")
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def set_cell_margins(table: DocxTable, left_right_cm: float) -> None:
    """Narrow the left and right padding of every cell of the table."""
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(Cm(left_right_cm).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tblpr.append(margins)


def repeat_as_header(row: _Row) -> None:
    """Repeat the row at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    _child(trpr, "w:tblHeader").set(qn("w:val"), "true")


def keep_row_together(row: _Row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.insert(0, OxmlElement("w:cantSplit"))


def set_outline_level(paragraph: DocxParagraph, level: int) -> None:
    """Mark a heading for the navigation pane and the PDF bookmarks without a Heading style."""
    ppr = paragraph._p.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(max(0, min(level - 1, 8))))
    ppr.append(outline)


def add_page_field(paragraph: DocxParagraph, size: float) -> None:
    """A PAGE field: Word and LibreOffice print the current page number in its place."""
    parts: list[tuple[str, str | None]] = [
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ]
    for kind, value in parts:
        run = add_run(paragraph, "", size)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = value
            run._r.append(instr)
        elif kind == "text":
            run.text = value or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
