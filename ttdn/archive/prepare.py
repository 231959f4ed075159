"""What the extraction child prepares besides the extract, so that the process storing
the results does less per document: the security marking at the top of the text, and the
folded text the search index takes. No Django here (the child must start fast).
"""

from __future__ import annotations

import re
import unicodedata

from ttdn.lib.textfold import fold_aligned

# PostgreSQL refuses a tsvector over 1 MB; 200,000 characters (~65 pages) stays well
# under it. The document's full text is kept whole on the document itself.
MAX_BODY_CHARS = 200_000

# Decree 30/2020 puts the độ mật stamp on its own near the top of the first page, under
# the số/ký hiệu. Only a line (or a table cell / tab-separated part of a line) that is
# the marking alone counts: "bảo mật thông tin" or "mật khẩu" in prose never does.
_MARKING = re.compile(
    r"^[\W_]*(?:độ\s+mật\s*[:：]?\s*)?(tuyệt\s+mật|tối\s+mật|mật)[\W_]*$", re.IGNORECASE
)
_PARTS = re.compile(r"\t|\s{3,}|\|")
TOP_LINES = 40


def security_marking(text: str, top_lines: int = TOP_LINES) -> str:
    """'MẬT', 'TỐI MẬT' or 'TUYỆT MẬT' when the top of ``text`` carries that marking."""
    if not text:
        return ""
    seen = 0
    for line in unicodedata.normalize("NFC", text).splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > top_lines:
            break
        for part in _PARTS.split(line):
            match = _MARKING.match(part.strip())
            if match:
                return " ".join(match.group(1).upper().split())
    return ""


def search_body(text: str) -> str:
    """The text as a search entry keeps it: in NFC, cut at MAX_BODY_CHARS."""
    return unicodedata.normalize("NFC", text or "")[:MAX_BODY_CHARS]


def folded_search_body(text: str) -> str:
    """``search_body(text)`` folded with the same offsets (``fold_aligned``): the costly
    part of a search entry, which the extraction child makes."""
    return fold_aligned(search_body(text))
