"""PDF text layer with pypdfium2, page by page.

A PDF without text (a scan) is an error, not an empty extract: OCR is out of scope.
Lines are re-joined into paragraphs: a line continues the previous one when that one
runs to the right margin without ending a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ttdn.extract.document import Block, ReadResult
from ttdn.extract.errors import CorruptFile, NoTextLayer, UnsafeFile
from ttdn.extract.normalize import clean_line
from ttdn.extract.readers.common import convert_legacy, run_to_unicode

MAX_PAGES = 3000
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:trang\s+|page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I
)
_NEW_ITEM = re.compile(
    r"^(?:[-–—+•*]\s|[IVXLC]+[.)]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|Nơi nhận|TM\.|KT\.|TL\.|Q\.|TUQ\.)"
)
_ENDS = (".", ":", ";", "!", "?", "./.")


@dataclass(slots=True)
class _Seg:
    """A run of text pdfium keeps together (a line of a paragraph, one table cell line)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _segments(textpage: Any) -> list[_Seg]:
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = clean_line(textpage.get_text_bounded(left, bottom, right, top))
        if text:
            out.append(_Seg(text, left, bottom, right, top))
    return out


def _lines(segs: list[_Seg]) -> list[list[_Seg]]:
    """Segments on one baseline, in content order, make a line."""
    lines: list[list[_Seg]] = []
    for seg in segs:
        if lines:
            last = lines[-1][-1]
            if last.bottom - 2 <= seg.middle <= last.top + 2 and seg.left >= last.right - 2:
                lines[-1].append(seg)
                continue
        lines.append([seg])
    return lines


_CELL_GAP = 10.0


def _is_row(line: list[_Seg]) -> bool:
    return len(line) >= 2 and any(
        b.left - a.right > _CELL_GAP for a, b in zip(line, line[1:], strict=False)
    )


def _split_footnotes(lines: list[list[_Seg]]) -> tuple[list[list[_Seg]], list[str]]:
    """Footnotes sit at the foot of the page in a smaller type, each starting with its mark."""
    heights = sorted(seg.top - seg.bottom for line in lines for seg in line)
    if len(heights) < 5:
        return lines, []
    normal = heights[len(heights) // 2]
    cut = len(lines)
    while cut > 0 and all(seg.top - seg.bottom < 0.85 * normal for seg in lines[cut - 1]):
        cut -= 1
    notes: list[str] = []
    for line in lines[cut:]:
        text = " ".join(seg.text for seg in line)
        if re.match(r"^\d{1,3}\s", text) or not notes:
            notes.append(re.sub(r"^\d{1,3}\s+", "", text))
        else:
            notes[-1] = f"{notes[-1]} {text}"
    return lines[:cut], notes


def _page_blocks(
    segs: list[_Seg], page_no: int, tables: list[int], footnotes: list[str] | None = None
) -> list[Block]:
    lines = _lines(segs)
    if lines and len(lines[-1]) == 1 and _PAGE_NUMBER.match(lines[-1][0].text):
        lines = lines[:-1]
    lines, notes = _split_footnotes(lines)
    if footnotes is not None:
        footnotes.extend(notes)
    if lines and len(lines[-1]) == 1 and _PAGE_NUMBER.match(lines[-1][0].text):
        lines = lines[:-1]
    if lines and len(lines[0]) == 1 and _PAGE_NUMBER.match(lines[0][0].text):
        lines = lines[1:]
    if not lines:
        return []
    left_margin = min(x[0].left for x in lines)
    right_margin = max(x[-1].right for x in lines)
    width = max(1.0, right_margin - left_margin)
    centre = (left_margin + right_margin) / 2
    steps = sorted(
        abs(a[0].bottom - b[0].bottom)
        for a, b in zip(lines, lines[1:], strict=False)
        if abs(a[0].bottom - b[0].bottom) > 1
    )
    step = steps[len(steps) // 2] if steps else 14.0
    blocks: list[Block] = []
    prev: list[_Seg] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_row(line) and len(line) >= 3:
            i = _table(lines, i, step, width, page_no, tables, blocks)
            prev = None
            continue
        first, last_seg = line[0], line[-1]
        text = " ".join(x.text for x in line)
        centred = (
            abs((first.left + last_seg.right) / 2 - centre) < 15 and first.left - left_margin > 30
        )
        gap = prev is None or (prev[0].bottom - first.bottom) > 1.6 * step
        if blocks and prev is not None and not gap:
            last = blocks[-1]
            full = prev[-1].right >= right_margin - 20 and prev[0].left - left_margin < 45
            joins = not _NEW_ITEM.match(text) and not last.text.endswith(_ENDS) and not last.centred
            lower = text[:1].islower() and prev[-1].right > centre
            if joins and (full or lower):
                last.text = f"{last.text} {text}"
                prev = line
                i += 1
                continue
        blocks.append(Block(text, page=page_no, gap=gap, centred=centred))
        prev = line
        i += 1
    return blocks


def _column(header: list[tuple[float, float]], seg: _Seg) -> int:
    """The header column a cell segment sits under: most overlap, else nearest centre."""
    overlaps = [min(r, seg.right) - max(left, seg.left) for left, r in header]
    best = max(range(len(header)), key=lambda c: overlaps[c])
    if overlaps[best] > 0:
        return best
    middle = (seg.left + seg.right) / 2
    return min(range(len(header)), key=lambda c: abs((header[c][0] + header[c][1]) / 2 - middle))


def _table(
    lines: list[list[_Seg]],
    i: int,
    step: float,
    width: float,
    page_no: int,
    tables: list[int],
    out: list[Block],
) -> int:
    """Read a ruled table starting at ``lines[i]`` (its header row) into cell blocks."""
    header = [(seg.left, seg.right) for seg in lines[i]]
    tables[0] += 1
    tid = tables[0]
    rows: list[dict[int, list[str]]] = []
    bottom = lines[i][0].bottom
    while i < len(lines):
        line = lines[i]
        if line[0].bottom < bottom - 2.2 * step or (
            len(line) == 1 and line[0].right - line[0].left > 0.6 * width
        ):
            break
        for seg in line:
            col = _column(header, seg)
            if not rows or (col == 0 and len(rows[-1]) >= 2):
                rows.append({})
            rows[-1].setdefault(col, []).append(seg.text)
        bottom = min(seg.bottom for seg in line)
        i += 1
    for r, row in enumerate(rows):
        for c in sorted(row):
            out.append(Block(" ".join(row[c]), page=page_no, table=tid, row=r, col=c, centred=True))
    return i


# The bands of a page where running headers, footers and security stamps sit, as shares
# of its height; on the first page the stamp sits under the số, ký hiệu, in the top half.
_TOP_BAND = 0.2
_FIRST_PAGE_TOP = 0.5
_BOTTOM_BAND = 0.15


def _margin_lines(segs: list[_Seg], height: float, first: bool) -> list[str]:
    """The lines in the page's top and bottom bands, text runs far apart split by a tab:
    kept apart for the security-marking check (``ReadResult.margins``)."""
    top = height * (1 - (_FIRST_PAGE_TOP if first else _TOP_BAND))
    bottom = height * _BOTTOM_BAND
    band = [seg for seg in segs if seg.middle >= top or seg.middle <= bottom]
    out = []
    for line in _lines(band):
        text = line[0].text
        for a, b in zip(line, line[1:], strict=False):
            text += ("\t" if b.left - a.right > _CELL_GAP else " ") + b.text
        out.append(text)
    return out


def read_pdf(path: Path) -> ReadResult:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"damaged or truncated PDF: {exc}") from None
    try:
        pages = len(pdf)
        if pages == 0:
            raise CorruptFile("PDF has no pages")
        if pages > MAX_PAGES:
            raise UnsafeFile(f"PDF has {pages} pages (limit {MAX_PAGES})")
        blocks: list[Block] = []
        chars = 0
        tables = [0]
        footnotes: list[str] = []
        margins: list[str] = []
        for index in range(pages):
            page = pdf[index]
            try:
                height = page.get_height()
                textpage = page.get_textpage()
                try:
                    segs = _segments(textpage)
                finally:
                    textpage.close()
            finally:
                page.close()
            chars += sum(len(x.text) for x in segs)
            margins.extend(_margin_lines(segs, height, index == 0))
            blocks.extend(_page_blocks(segs, index + 1, tables, footnotes))
    finally:
        pdf.close()
    if chars < 10 or not blocks:
        raise NoTextLayer("no text layer (scanned PDF)")
    joined = "\n".join(b.text for b in blocks)
    converted, legacy = convert_legacy(joined)
    if legacy:
        for block, line in zip(blocks, converted.split("\n"), strict=False):
            block.text = line
    if legacy:
        margins = [run_to_unicode(line, legacy) for line in margins]
    return ReadResult(
        "pdf", blocks, pages=pages, footnotes=footnotes, encoding=legacy, margins=margins
    )
