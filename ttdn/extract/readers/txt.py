"""Plain-text reports: UTF-8 (with or without BOM), UTF-16, Windows-1258, and legacy
TCVN3/VNI texts, which are converted to Unicode."""

from __future__ import annotations

import codecs
from pathlib import Path

from ttdn.extract.document import ReadResult
from ttdn.extract.errors import CorruptFile
from ttdn.extract.legacy import decode_legacy_bytes
from ttdn.extract.readers.common import convert_legacy, line_blocks, vietnamese_ratio

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or "\x7f" <= c <= "\x9f")
    bad += sample.count("\ufffd")
    return bad / len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with; raises CorruptFile for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if b"\x00" in data[:65536]:
        raise CorruptFile("binary content, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: an 8-bit legacy font encoding (TCVN3, VNI) first — VNI bytes also pass
    # for Windows-1258 text — then Windows-1258 itself.
    legacy = decode_legacy_bytes(data)
    if legacy is not None:
        return legacy
    cp1258 = data.decode("cp1258", errors="replace")
    if vietnamese_ratio(cp1258) > 0.08 and _control_ratio(cp1258) < 0.01:
        return cp1258, "cp1258"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace"), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def read_txt(path: Path) -> ReadResult:
    data = path.read_bytes()
    text, encoding = decode(data)
    if _control_ratio(text) > 0.02:
        raise CorruptFile("binary content, not text")
    text, legacy = convert_legacy(text)
    blocks = line_blocks(text)
    if not blocks:
        raise CorruptFile("no text in file")
    return ReadResult("txt", blocks, encoding=legacy or encoding)
