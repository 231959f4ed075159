"""Errors the extraction engine raises. Callers catch ``ExtractError`` only."""

from __future__ import annotations


class ExtractError(Exception):
    """A file that cannot be turned into an extract; the message says why in one line."""


class UnsupportedFormat(ExtractError):
    """The file is not one of the formats the engine reads."""


class UnsafeFile(ExtractError):
    """The file looks built to exhaust memory or time (zip bomb, oversized input)."""


class CorruptFile(ExtractError):
    """The file claims a format but its content is broken or truncated."""


class NoTextLayer(ExtractError):
    """A PDF with pages but no text (a scan); OCR is out of scope."""


class ConversionError(ExtractError):
    """A legacy format (.doc) could not be converted."""


class ClassifiedDocument(ExtractError):
    """The document carries a security marking (MẬT, TỐI MẬT, TUYỆT MẬT): state secrets
    are not extracted (``ttdn.extract.marking``)."""
