"""One reader per file format behind one registry.

``read(path)`` sniffs the file's first bytes, checks its size, and hands it to the reader
of its format. A file whose content does not match its extension is read by what it is,
if that is a format the engine knows, so a report saved as ``.txt`` from Word still reads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ttdn.extract.document import ReadResult
from ttdn.extract.errors import (
    CorruptFile,
    ExtractError,
    MemoryLimitExceeded,
    UnsafeFile,
    UnsupportedFormat,
)
from ttdn.extract.safety import memory_limit_mb

# Files past this size are refused before any parser sees them.
MAX_FILE_BYTES = 100 * 1024 * 1024

Reader = Callable[[Path], ReadResult]

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".docm": "docx",
    ".doc": "doc",
    ".rtf": "doc",
    ".odt": "doc",
    ".pdf": "pdf",
}


def _reader(fmt: str) -> Reader:
    # Imported on demand: a txt-only run never loads lxml, pdfium or trafilatura.
    if fmt == "txt":
        from ttdn.extract.readers.txt import read_txt

        return read_txt
    if fmt == "html":
        from ttdn.extract.readers.html import read_html

        return read_html
    if fmt == "docx":
        from ttdn.extract.readers.docx import read_docx

        return read_docx
    if fmt == "pdf":
        from ttdn.extract.readers.pdf import read_pdf

        return read_pdf
    if fmt == "doc":
        from ttdn.extract.readers.docx import read_legacy_word

        return read_legacy_word
    raise UnsupportedFormat(f"unsupported format: {fmt}")


def sniff(head: bytes) -> str | None:
    """The format the first bytes show, or None when they show nothing specific."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE2 compound file: Word 97-2003
    if head.startswith(b"{\\rtf"):
        return "doc"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        b"<html" in head[:1024].lower() or b"<body" in head[:2048].lower()
    ):
        return "html"
    return None


_NAMES = {
    "pdf": "a PDF",
    "zip": "a zip archive",
    "doc": "a Word 97-2003 or RTF document",
    "html": "an HTML page",
}


def detect_format(path: Path, head: bytes) -> str:
    """The reader for a file. Binary content that contradicts the extension is an error
    (a PDF named .docx was mislabelled by someone; say so rather than guess)."""
    suffix = path.suffix.lower()
    ext = EXTENSIONS.get(suffix)
    if ext is None:
        raise UnsupportedFormat(f"unsupported file type: {suffix or '(no extension)'}")
    seen = sniff(head)
    if ext == "docx":
        if seen == "zip":
            return "docx"
        raise CorruptFile(
            f"not a DOCX file: the content is {_NAMES.get(seen or '', 'not a zip archive')}"
        )
    if ext == "pdf":
        if seen == "pdf":
            return "pdf"
        raise CorruptFile(f"not a PDF file: the content is {_NAMES.get(seen or '', 'not PDF')}")
    if ext == "doc":
        if seen in ("doc", "zip"):
            return "doc"
        raise CorruptFile(
            f"not a {suffix} document: the content is {_NAMES.get(seen or '', 'plain text')}"
        )
    # Text formats: binary containers are mislabelled; HTML saved as .txt reads as HTML.
    if seen in ("pdf", "zip", "doc"):
        raise CorruptFile(f"not a {suffix} file: the content is {_NAMES[seen]}")
    if seen == "html":
        return "html"
    return ext


def _peak_mb() -> float:
    """This process's largest address space so far (VmPeak), 0 where unknown."""
    try:
        with open("/proc/self/status") as status:
            line = next(row for row in status if row.startswith("VmPeak:"))
    except (OSError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024


def read(path: str | os.PathLike[str]) -> ReadResult:
    """Read any supported file into normalised blocks; raises ExtractError subclasses only."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise ExtractError("not a regular file")
        with p.open("rb") as fh:
            head = fh.read(4096)
    except ExtractError:
        raise
    except OSError as exc:
        raise ExtractError(f"cannot open: {exc.strerror or exc}") from None
    if size == 0:
        raise CorruptFile("empty file")
    if size > MAX_FILE_BYTES:
        raise UnsafeFile(
            f"file too large: {size // (1024 * 1024)} MB (limit {MAX_FILE_BYTES // (1024 * 1024)} MB)"
        )
    fmt = detect_format(p, head)
    reader = _reader(fmt)
    peak_before = _peak_mb()
    try:
        return reader(p)
    except ExtractError:
        raise
    except MemoryError:
        limit = memory_limit_mb()
        if limit:
            raise MemoryLimitExceeded(limit, f"reading {fmt.upper()}") from None
        raise UnsafeFile("file needs too much memory to read") from None
    except RecursionError:
        raise CorruptFile("file structure nested too deeply") from None
    except Exception as exc:  # a parser's own error on broken input
        # A C parser (lxml) that cannot allocate says "unknown error", not MemoryError:
        # this file took the address space to within 10 % of the limit.
        limit, peak = memory_limit_mb(), _peak_mb()
        if limit and peak > peak_before and peak >= 0.9 * limit:
            raise MemoryLimitExceeded(limit, f"reading {fmt.upper()}") from None
        raise CorruptFile(
            f"cannot read {fmt.upper()}: {type(exc).__name__}: {str(exc)[:160]}"
        ) from None
