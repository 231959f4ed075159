"""Files generated for the tests (nothing large is committed)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def write_docx_with_xml_of(path: Path, size: int) -> Path:
    """A DOCX whose document.xml expands to about ``size`` bytes of ordinary paragraphs,
    compressing about 10:1 as long reports do (well under the zip-bomb ratio)."""
    import random

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    head, tail = source.read("word/document.xml").decode().split("<w:body>")
    rnd = random.Random(1)
    words = "báo cáo công tác thông tin đối ngoại".split()
    pool = [
        "<w:p><w:r><w:t>" + " ".join(rnd.choices(words, k=30)) + "</w:t></w:r></w:p>"
        for _ in range(500)
    ]
    count = size // len(pool[0])
    body = head + "<w:body>" + "".join(rnd.choices(pool, k=count)) + tail
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = body if info.filename == "word/document.xml" else source.read(info.filename)
            out.writestr(info.filename, data)
    return path
