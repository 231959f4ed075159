"""The body of a search entry as stored. No Django here: the archive's extraction child
makes the folded body of each document with it, and must start fast."""

from __future__ import annotations

import unicodedata

from ttdn.lib.textfold import fold_aligned

# PostgreSQL refuses a tsvector over 1 MB; 200,000 characters (~65 pages) stays well
# under it. The document's full text is kept whole on the document itself.
MAX_BODY_CHARS = 200_000


def search_body(text: str) -> str:
    """The text as a search entry keeps it: in NFC, cut at MAX_BODY_CHARS."""
    return unicodedata.normalize("NFC", text or "")[:MAX_BODY_CHARS]


def folded_search_body(text: str) -> str:
    """``search_body(text)`` folded with the same offsets (``fold_aligned``): the costly
    part of a search entry, which the extraction child makes."""
    return fold_aligned(search_body(text))
