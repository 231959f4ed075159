"""The security marking (độ mật) of a state-secret document: MẬT, TỐI MẬT, TUYỆT MẬT.

Decree 30/2020/NĐ-CP puts the độ mật stamp on its own under the số, ký hiệu of the first
page, in capitals and usually in a box; copies and extracts carry it, and some offices
stamp it in the header or footer of every page. What is looked for is the stamp, not the
words: a line, table cell, text box or PDF text run that is the marking alone — boxed,
letter-spaced ("T U Y Ệ T  M Ậ T"), without diacritics ("TOI MAT") — or the "Độ mật:"
field. Prose about the rules ("bảo vệ bí mật nhà nước", "mật độ", "quan hệ mật thiết")
never is a line of its own, and a list of the three degrees ("- Tuyệt mật;") is a list.

Where: on the first page (the first ``TOP_LINES`` lines) and in the header and footer of
every page (``ReadResult.margins``, filled by the readers) a stamp in any case counts;
anywhere else only one written in capitals, as stamps are.

No Django here: the extraction child and ``ttdn extract`` use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ttdn.extract.document import ReadResult
from ttdn.lib.textfold import unaccent

TOP_LINES = 40
# A stamp is short, even letter-spaced and boxed; longer lines are not looked at.
_MAX_STAMP_CHARS = 48

# Compared once spaces are removed and the text is in capitals; a plain A, O, E or D
# stands for the letter with its marks (text typed without diacritics), never another
# marked letter: "MẶT" (side) and "MẤT" (lost) are other words.
_STAMP = re.compile(
    r"^(?:[ĐD][ỘO]M[ẬA]T[:：]?)?(?P<mark>(?:TUY[ỆE]T|T[ỐO]I)?M[ẬA]T)$",
)
_FRAME = re.compile(r"^[\W_]+|[\W_]+$")
_LIST_ITEM = re.compile(r"^\s*[-–—+•*]\s|[;,]\s*$")
_CELLS = re.compile(r"[\t|]")
_WIDE = re.compile(r"\s{3,}")
_SPACES = re.compile(r"\s+")
_CANONICAL = {"MAT": "MẬT", "TOIMAT": "TỐI MẬT", "TUYETMAT": "TUYỆT MẬT"}


def _stamp(part: str, any_case: bool) -> str:
    """The marking ``part`` is the stamp of, in its canonical form, or ""."""
    part = part.strip()
    if not part or len(part) > _MAX_STAMP_CHARS or _LIST_ITEM.search(part):
        return ""
    bare = _FRAME.sub("", part)
    if not bare:
        return ""
    compact = _SPACES.sub("", bare)
    match = _STAMP.match(compact.upper())
    if match is None:
        return ""
    if not any_case:
        mark = compact[match.start("mark") :]
        if mark != mark.upper():
            return ""
    return _CANONICAL[unaccent(match.group("mark"))]


def _parts(line: str) -> Iterable[str]:
    """The line, its cells (tab- or bar-separated), and runs of a cell's wide-spaced
    pieces, longest first: "Số: 7\t\tT Ố I   M Ậ T" holds "T Ố I   M Ậ T", not only
    "M Ậ T"."""
    yield line
    for cell in _CELLS.split(line):
        pieces = _WIDE.split(cell.strip())
        for size in range(min(3, len(pieces)), 0, -1):
            for start in range(len(pieces) - size + 1):
                yield " ".join(pieces[start : start + size])


def _first_stamp(lines: Iterable[str], any_case: bool) -> str:
    for line in lines:
        if "t" not in line and "T" not in line:
            continue
        for part in _parts(line):
            found = _stamp(part, any_case)
            if found:
                return found
    return ""


def security_marking(text: str, top_lines: int = TOP_LINES) -> str:
    """'MẬT', 'TỐI MẬT' or 'TUYỆT MẬT' when ``text`` carries that stamp: in any case
    among its first ``top_lines`` non-blank lines, in capitals anywhere."""
    if not text:
        return ""
    lines = [line for line in unicodedata.normalize("NFC", text).splitlines() if line.strip()]
    return _first_stamp(lines[:top_lines], True) or _first_stamp(lines[top_lines:], False)


def document_marking(result: ReadResult) -> str:
    """The marking of a document as a reader read it: its text (first page in any case,
    the rest in capitals), its footnotes, and the headers, footers and text boxes the
    reader kept apart in ``margins`` (in any case)."""
    margins = unicodedata.normalize("NFC", "\n".join(result.margins)).splitlines()
    notes = unicodedata.normalize("NFC", "\n".join(result.footnotes)).splitlines()
    return (
        security_marking(result.text) or _first_stamp(margins, True) or _first_stamp(notes, False)
    )
