"""Guards that run before any parser touches an uploaded file.

A 1 MB DOCX can hold a 1 GiB document.xml; python-docx then needs ~2 GB of memory. The
zip's directory is read (cheap, no decompression) and the file is refused when it has
too many members, declares too much uncompressed data, or compresses implausibly well.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ttdn.extract.errors import CorruptFile, UnsafeFile

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
# Office XML compresses 5–20×; 100× only happens with padding built to inflate.
MAX_RATIO = 100
_RATIO_FLOOR = 2 * 1024 * 1024  # small members may compress well without harm


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
    if required and required not in {m.filename for m in members}:
        raise CorruptFile(f"not a Word document (no {required})")
