"""Every reader, fed random bytes, returns an extract or raises ExtractError — nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttdn.extract import extract
from ttdn.extract.errors import ExtractError

PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]
NAMES = ["f.txt", "f.html", "f.docx", "f.pdf", "f.htm"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(min_size=0, max_size=4000), st.sampled_from(NAMES))
def test_every_reader_raises_only_extract_errors_on_random_bytes(prefix, noise, name):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(prefix + noise)
        try:
            result = extract(path)
        except ExtractError as exc:
            assert str(exc)
            return
        assert result["source"]["filename"] == name


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=3000))
def test_any_text_file_gives_a_schema_shaped_extract_or_a_clear_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            result = extract(path)
        except ExtractError:
            return
        assert set(result) >= {"kind", "title", "number", "facts", "references", "period"}
        assert all(isinstance(f["value"], int | float) for f in result["facts"])
