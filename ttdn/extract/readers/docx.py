"""Word documents: DOCX read with python-docx; .doc/.rtf/.odt converted with LibreOffice.

Paragraphs and tables come in reading order (``Document.iter_inner_content()``). Word's
automatic numbering has no text in the file, so the visible labels ("I.", "1.", "a)")
are rebuilt from numbering.xml. Runs in legacy fonts (.VnTime, VNI-Times) are converted
to Unicode. Footnotes are kept apart from the body text, and so are the headers,
footers and text boxes (``ReadResult.margins``), where a security stamp may sit.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import olefile

from ttdn.extract.document import Block, ReadResult
from ttdn.extract.errors import ConversionError, CorruptFile, TimeLimitExceeded
from ttdn.extract.normalize import clean_line
from ttdn.extract.readers.common import (
    convert_legacy,
    font_encoding,
    prose_problem,
    run_to_unicode,
)
from ttdn.extract.safety import check_zip
from ttdn.lib import libreoffice
from ttdn.lib.processes import scratch_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
MAX_TABLE_DEPTH = 5


def _val(el: Any, name: str = "val") -> str | None:
    return None if el is None else el.get(f"{_W}{name}")


def _is_on(el: Any) -> bool:
    if el is None:
        return False
    return _val(el) not in ("0", "false", "off", "none")


# Numbering -------------------------------------------------------------------------------
def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: aa, bb, …
    n = max(1, n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    match fmt:
        case "upperRoman":
            return _roman(n)
        case "lowerRoman":
            return _roman(n).lower()
        case "upperLetter":
            return _letters(n).upper()
        case "lowerLetter":
            return _letters(n)
        case "decimalZero":
            return f"{n:02d}"
        case "none":
            return ""
        case _:
            return str(n)


class Numbering:
    """Counters per numId and level, turning numPr references into visible labels."""

    def __init__(self, part: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId → lvl → …
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        if part is None:
            return
        root = part.element
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            levels = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl") or 0)
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = int(_val(lvl.find(f"{_W}start")) or 1)
                levels[ilvl] = (fmt, text, start)
            self.levels[aid] = levels
        for num in root.iterchildren(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            aid = _val(num.find(f"{_W}abstractNumId"))
            overrides = {}
            for ov in num.iterchildren(f"{_W}lvlOverride"):
                start = ov.find(f"{_W}startOverride")
                if start is not None:
                    overrides[int(ov.get(f"{_W}ilvl") or 0)] = int(_val(start) or 1)
            if nid is not None and aid is not None:
                self.nums[nid] = (aid, overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums or num_id == "0":
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        fmt, text, start = levels[ilvl]
        start = overrides.get(ilvl, start)
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if fmt == "bullet":
            return "-" if text.strip() in ("-", "–", "—", "") else "•"
        label = text
        for level in range(ilvl, -1, -1):
            lvl_fmt, _, lvl_start = levels.get(level, ("decimal", "", 1))
            counted = counters[level]
            value = counted if counted is not None else overrides.get(level, lvl_start)
            label = label.replace(f"%{level + 1}", format_counter(value, lvl_fmt))
        return label.strip()


# Styles ------------------------------------------------------------------------------------
class StyleInfo:
    """What a paragraph style gives its text: outline level, bold, centring, font, numbering."""

    def __init__(self, document: Any) -> None:
        self.styles: dict[str, Any] = {}
        try:
            root = document.styles.element
        except Exception:  # a document without styles.xml
            root = None
        if root is not None:
            for style in root.iterchildren(f"{_W}style"):
                sid = style.get(f"{_W}styleId")
                if sid:
                    self.styles[sid] = style
        self.cache: dict[str, dict[str, Any]] = {}

    def info(self, sid: str | None) -> dict[str, Any]:
        sid = sid or "Normal"
        if sid in self.cache:
            return self.cache[sid]
        chain: list[Any] = []
        current = self.styles.get(sid)
        seen = set()
        while current is not None and len(chain) < 10:
            chain.append(current)
            seen.add(current.get(f"{_W}styleId"))
            base = _val(current.find(f"{_W}basedOn"))
            current = self.styles.get(base) if base and base not in seen else None
        info: dict[str, Any] = {
            "heading": None,
            "bold": False,
            "centred": False,
            "font": None,
            "num": None,
        }
        for style in reversed(chain):  # base first, derived styles override
            name = (_val(style.find(f"{_W}name")) or "").lower()
            if name.startswith(("heading ", "tiêu đề ")) and name.split()[-1].isdigit():
                info["heading"] = int(name.split()[-1])
            ppr = style.find(f"{_W}pPr")
            if ppr is not None:
                jc = _val(ppr.find(f"{_W}jc"))
                if jc:
                    info["centred"] = jc == "center"
                outline = _val(ppr.find(f"{_W}outlineLvl"))
                if outline is not None and outline.isdigit() and int(outline) < 9:
                    info["heading"] = int(outline) + 1
                num = ppr.find(f"{_W}numPr")
                if num is not None:
                    info["num"] = (
                        _val(num.find(f"{_W}numId")),
                        int(_val(num.find(f"{_W}ilvl")) or 0),
                    )
            rpr = style.find(f"{_W}rPr")
            if rpr is not None:
                b = rpr.find(f"{_W}b")
                if b is not None:
                    info["bold"] = _is_on(b)
                fonts = rpr.find(f"{_W}rFonts")
                if fonts is not None:
                    info["font"] = (
                        fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or info["font"]
                    )
        self.cache[sid] = info
        return info


# Reading ------------------------------------------------------------------------------------
class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            part = None
        self.numbering = Numbering(part)
        self.styles = StyleInfo(document)
        self.default_font = self._default_font()
        self.blocks: list[Block] = []
        self.tables = 0
        self.legacy_runs = 0

    def _default_font(self) -> str | None:
        try:
            root = self.document.styles.element
        except Exception:
            return None
        fonts = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        return None if fonts is None else fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi")

    def paragraph(
        self, p: Any, table: int | None = None, row: int | None = None, col: int | None = None
    ) -> None:
        ppr = p.find(f"{_W}pPr")
        sid = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        style = self.styles.info(sid)
        style_font = style["font"] or self.default_font
        parts: list[str] = []
        bold_chars = 0
        total_chars = 0
        for r in p.iter(f"{_W}r"):
            # Deleted text of tracked changes is not part of the document.
            if r.getparent() is not None and r.getparent().tag == f"{_W}del":
                continue
            rpr = r.find(f"{_W}rPr")
            font = style_font
            bold = style["bold"]
            if rpr is not None:
                fonts = rpr.find(f"{_W}rFonts")
                if fonts is not None:
                    font = fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or font
                b = rpr.find(f"{_W}b")
                if b is not None:
                    bold = _is_on(b)
            pieces = []
            for child in r:
                tag = child.tag
                if tag == f"{_W}t":
                    pieces.append(child.text or "")
                elif tag == f"{_W}tab":
                    pieces.append(" ")
                elif tag in (f"{_W}br", f"{_W}cr"):
                    pieces.append("\n")
            text = "".join(pieces)
            if not text:
                continue
            encoding = font_encoding(font)
            if encoding:
                text = run_to_unicode(text, encoding)
                self.legacy_runs += 1
            parts.append(text)
            visible = len(text.strip())
            total_chars += visible
            if bold:
                bold_chars += visible
        text = "".join(parts)
        label = ""
        num = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_ref = None
        if num is not None:
            num_ref = (_val(num.find(f"{_W}numId")), int(_val(num.find(f"{_W}ilvl")) or 0))
        elif style["num"]:
            num_ref = style["num"]
        if num_ref and num_ref[0] and text.strip():
            label = self.numbering.label(num_ref[0], num_ref[1])
        centred = style["centred"]
        if ppr is not None:
            jc = _val(ppr.find(f"{_W}jc"))
            if jc:
                centred = jc == "center"
        lines = [clean_line(x) for x in text.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            if self.blocks:
                self.blocks[-1].gap = True  # an empty paragraph separates like a blank line
            return
        if label:
            lines[0] = f"{label} {lines[0]}"
        bold_all = total_chars > 0 and bold_chars >= 0.9 * total_chars
        for line in lines:
            self.blocks.append(
                Block(
                    line,
                    heading=style["heading"],
                    bold=bold_all,
                    centred=centred,
                    table=table,
                    row=row,
                    col=col,
                    label=label,
                )
            )

    def table(self, tbl: Any, depth: int = 0) -> None:
        if depth > MAX_TABLE_DEPTH:
            return
        self.tables += 1
        tid = self.tables
        for r_index, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
            col = 0
            for tc in tr.iterchildren(f"{_W}tc"):
                tcpr = tc.find(f"{_W}tcPr")
                span = 1
                if tcpr is not None:
                    vmerge = tcpr.find(f"{_W}vMerge")
                    if vmerge is not None and _val(vmerge) != "restart":
                        col += 1
                        continue  # the continuation of a cell merged from above
                    grid = _val(tcpr.find(f"{_W}gridSpan"))
                    span = int(grid) if grid and grid.isdigit() else 1
                for child in tc:
                    if child.tag == f"{_W}p":
                        self.paragraph(child, tid, r_index, col)
                    elif child.tag == f"{_W}tbl":
                        self.table(child, depth + 1)
                col += span

    def body(self) -> None:
        for item in self.document.iter_inner_content():
            element = item._element
            if element.tag == f"{_W}p":
                self.paragraph(element)
            elif element.tag == f"{_W}tbl":
                self.table(element)

    def footnotes(self) -> list[str]:
        out: list[str] = []
        try:
            rels = self.document.part.rels.values()
        except AttributeError:
            return out
        for rel in rels:
            if rel.reltype.endswith("/footnotes") and not rel.is_external:
                from lxml import etree

                parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
                root = etree.fromstring(rel.target_part.blob, parser)
                for note in root.iterchildren(f"{_W}footnote"):
                    if note.get(f"{_W}type") in (
                        "separator",
                        "continuationSeparator",
                        "continuationNotice",
                    ):
                        continue
                    text = clean_line("".join(t.text or "" for t in note.iter(f"{_W}t")))
                    if text:
                        out.append(text)
        return out


def _margin_paragraph(p: Any) -> str:
    """A header, footer or text-box paragraph as one line, tabs kept (they set a stamp
    apart from the text beside it), runs in legacy fonts converted."""
    parts: list[str] = []
    for r in p.iter(f"{_W}r"):
        if r.getparent() is not None and r.getparent().tag == f"{_W}del":
            continue
        rpr = r.find(f"{_W}rPr")
        fonts = rpr.find(f"{_W}rFonts") if rpr is not None else None
        font = fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") if fonts is not None else None
        pieces = []
        for child in r:
            if child.tag == f"{_W}t":
                pieces.append(child.text or "")
            elif child.tag == f"{_W}tab":
                pieces.append("\t")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
        text = "".join(pieces)
        encoding = font_encoding(font)
        parts.append(run_to_unicode(text, encoding) if encoding and text else text)
    return "".join(parts)


# Paragraphs taken as the top of a page after a page break (a stamp on a later page).
PAGE_TOP_PARAGRAPHS = 3


def _page_tops(body: Any) -> list[Any]:
    """The first paragraphs of each page the file marks: after a hard page break, a
    paragraph set to start a page, or where Word last laid a page out."""
    tops: list[Any] = []
    left = 0
    for p in body.iterchildren(f"{_W}p"):
        starts = p.find(f"{_W}pPr/{_W}pageBreakBefore") is not None
        starts = starts or next(p.iter(f"{_W}lastRenderedPageBreak"), None) is not None
        if starts:
            left = PAGE_TOP_PARAGRAPHS
        if left and "".join(t.text or "" for t in p.iter(f"{_W}t")).strip():
            tops.append(p)
            left -= 1
        if any(br.get(f"{_W}type") == "page" for br in p.iter(f"{_W}br")):
            left = PAGE_TOP_PARAGRAPHS
    return tops


def margin_lines(document: Any) -> list[str]:
    """Every paragraph of every header and footer part (all sections, first-page and
    even-page ones too), of every text box in the body, and the first paragraphs of
    each page the file marks, one line each."""
    from lxml import etree

    roots = []
    try:
        rels = list(document.part.rels.values())
    except AttributeError:
        rels = []
    for rel in rels:
        if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
            continue
        element = getattr(rel.target_part, "element", None)
        if element is None:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            element = etree.fromstring(rel.target_part.blob, parser)
        roots.append(element.iter(f"{_W}p"))
    body = document.element.body
    for box in body.iter(f"{_W}txbxContent"):
        roots.append(box.iter(f"{_W}p"))
    roots.append(iter(_page_tops(body)))
    lines = []
    for paragraphs in roots:
        for p in paragraphs:
            text = _margin_paragraph(p)
            if text.strip():
                lines.append(text)
    return lines


def read_docx(path: Path) -> ReadResult:
    check_zip(path, required="word/document.xml")
    import docx

    try:
        document = docx.Document(str(path))
    except (KeyError, ValueError) as exc:
        raise CorruptFile(f"not a Word document: {exc}") from None
    reader = _Reader(document)
    reader.body()
    notes = reader.footnotes()
    blocks = reader.blocks
    encoding = "legacy-fonts" if reader.legacy_runs else None
    if not reader.legacy_runs and blocks:
        # Legacy text in a font the file does not name (e.g. the default font changed).
        joined = "\n".join(b.text for b in blocks)
        converted, legacy = convert_legacy(joined)
        if legacy:
            for block, line in zip(blocks, converted.split("\n"), strict=False):
                block.text = line
            encoding = legacy
    if not blocks:
        raise CorruptFile("no text in Word document")
    margins = margin_lines(document)
    if encoding and encoding != "legacy-fonts":
        margins = [run_to_unicode(line, encoding) for line in margins]
    return ReadResult("docx", blocks, footnotes=notes, encoding=encoding, margins=margins)


# Legacy Word formats ----------------------------------------------------------------------
# Below the import worker's 120 s per file, so LibreOffice is stopped here first.
CONVERT_TIMEOUT = 90


def convert_with_soffice(
    path: Path, target: str, out_dir: Path, *, timeout: float | None = None
) -> Path:
    """Convert with a LibreOffice of its own into ``out_dir`` (ttdn.lib.libreoffice)."""
    timeout = CONVERT_TIMEOUT if timeout is None else timeout
    try:
        return libreoffice.convert(path, target, out_dir, timeout=timeout)
    except libreoffice.NotInstalled:
        raise ConversionError(
            f"{path.suffix} files need LibreOffice (soffice) to convert; it is not installed"
        ) from None
    except libreoffice.TimedOut as exc:
        raise TimeLimitExceeded(exc.timeout, f"LibreOffice converting {path.name}") from None
    except libreoffice.ConversionFailed as exc:
        raise ConversionError(f"LibreOffice could not convert {path.name}: {exc}") from None


def check_word_container(path: Path) -> None:
    """A Word 97-2003 file is an OLE compound file holding a WordDocument stream. Bytes
    that only start like one are refused here in milliseconds, before LibreOffice spends
    a minute importing them as text."""
    with path.open("rb") as fh:
        if fh.read(len(olefile.MAGIC)) != olefile.MAGIC:
            return  # RTF, or an ODT/DOCX saved as .doc: LibreOffice reads those
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("WordDocument"):
                raise CorruptFile("not a Word document: the OLE file has no WordDocument stream")
    except CorruptFile:
        raise
    except OSError as exc:  # olefile.OleFileError: a broken sector chain or directory
        raise CorruptFile(f"damaged Word 97-2003 file: {str(exc)[:160]}") from None
    except Exception:  # olefile trips over header fields of impossible size
        raise CorruptFile("damaged Word 97-2003 file: its OLE header is invalid") from None


def read_legacy_word(path: Path) -> ReadResult:
    check_word_container(path)
    scratch = scratch_dir("doc")
    try:
        converted = convert_with_soffice(path, "docx", scratch)
        result = read_docx(converted)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    problem = prose_problem(result.text)
    if problem:
        raise CorruptFile(f"LibreOffice read no document text, only {problem}")
    result.format = "docx"
    return result
