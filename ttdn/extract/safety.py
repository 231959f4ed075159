"""Guards that run before any parser touches an uploaded file.

A 1 MB DOCX can hold a 1 GiB document.xml; python-docx then needs ~2 GB of memory. The
zip's directory is read (cheap, no decompression) and the file is refused when it has
too many members, declares too much uncompressed data, or compresses implausibly well.
"""

from __future__ import annotations

import resource
import zipfile
from pathlib import Path

from ttdn.extract.errors import CorruptFile, MemoryLimitExceeded, UnsafeFile

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
# Office XML compresses 5–20×; 100× only happens with padding built to inflate.
MAX_RATIO = 100
_RATIO_FLOOR = 2 * 1024 * 1024  # small members may compress well without harm
# Reading an XML member with python-docx takes about 9.4 times its size (a 190 MB
# document.xml: 1.8 GB); refused at once when that cannot fit under the memory limit.
XML_MEMORY_FACTOR = 8


def memory_limit_mb() -> int | None:
    """This process's address-space limit (the extraction child's), None when unlimited."""
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    return None if soft == resource.RLIM_INFINITY else soft // (1024 * 1024)


def check_zip(path: Path, *, required: str | None = None) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise CorruptFile("damaged or truncated zip container") from None
    except (OSError, ValueError, EOFError) as exc:
        raise CorruptFile(f"unreadable zip container: {exc}") from None
    if len(members) > MAX_MEMBERS:
        raise UnsafeFile(f"zip holds {len(members)} members (limit {MAX_MEMBERS})")
    total = 0
    for info in members:
        size = info.file_size
        total += size
        if size > MAX_MEMBER_BYTES:
            raise UnsafeFile(
                f"zip member {info.filename} would expand to {size // (1024 * 1024)} MB"
            )
        if size > _RATIO_FLOOR and size > MAX_RATIO * max(1, info.compress_size):
            raise UnsafeFile(
                f"zip member {info.filename} compresses {size // max(1, info.compress_size)}:1 (zip bomb)"
            )
    if total > MAX_TOTAL_BYTES:
        raise UnsafeFile(
            f"zip would expand to {total // (1024 * 1024)} MB (limit {MAX_TOTAL_BYTES // (1024 * 1024)} MB)"
        )
    limit = memory_limit_mb()
    xml = [m for m in members if m.filename.endswith(".xml")]
    largest = max(xml, key=lambda m: m.file_size, default=None)
    if limit and largest and largest.file_size * XML_MEMORY_FACTOR > limit * 1024 * 1024:
        need = largest.file_size * XML_MEMORY_FACTOR // (1024 * 1024)
        raise MemoryLimitExceeded(
            limit,
            f"{largest.filename} expands to {largest.file_size // (1024 * 1024)} MB, "
            f"about {need} MB to read",
        )
    if required and required not in {m.filename for m in members}:
        raise CorruptFile(f"not a Word document (no {required})")
