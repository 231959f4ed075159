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


class LimitExceeded(ExtractError):
    """Reading the file went past a limit set to protect the server; ``limit`` in the
    unit the message gives (MB or seconds)."""

    detail: str  # what was being read, set by each kind of limit

    def __init__(self, message: str, limit: float) -> None:
        super().__init__(message)
        self.limit = limit

    def __reduce__(self) -> tuple[type, tuple[float, str]]:  # survives pickling
        return (type(self), (self.limit, self.detail))


class MemoryLimitExceeded(LimitExceeded):
    def __init__(self, limit_mb: float, detail: str = "") -> None:
        message = f"vượt giới hạn bộ nhớ {limit_mb:g} MB (memory limit exceeded)"
        super().__init__(f"{message}: {detail}" if detail else message, limit_mb)
        self.detail = detail


class TimeLimitExceeded(LimitExceeded):
    def __init__(self, limit_s: float, detail: str = "") -> None:
        message = f"quá thời gian xử lý {limit_s:g} giây (time limit exceeded)"
        super().__init__(f"{message}: {detail}" if detail else message, limit_s)
        self.detail = detail
