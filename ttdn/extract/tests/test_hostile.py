"""Hostile and broken files end in a clear ExtractError, fast and in bounded memory.

Each file is generated here (nothing large is committed) and extracted in a child
process, so the test can measure that process's time and peak memory.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from ttdn.extract import extract
from ttdn.extract.errors import CorruptFile, ExtractError, UnsafeFile, UnsupportedFormat
from ttdn.extract.tests.files import write_docx_with_xml_of

TIME_LIMIT_S = 5.0
MEMORY_LIMIT_MB = 300

_CHILD = """
import json, sys, time
start = time.perf_counter()
from ttdn.extract import extract
from ttdn.extract.errors import ExtractError
try:
    extract(sys.argv[1])
    outcome = {"ok": True}
except ExtractError as exc:
    outcome = {"ok": False, "error": type(exc).__name__, "message": str(exc)}
outcome["seconds"] = time.perf_counter() - start
# VmHWM is this process image's own peak; ru_maxrss would carry over the forking
# test runner's peak across exec.
with open("/proc/self/status") as status:
    hwm = next(line for line in status if line.startswith("VmHWM:"))
outcome["peak_mb"] = int(hwm.split()[1]) / 1024
print(json.dumps(outcome))
"""


def run_isolated(path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _docx_bytes(text: str = "Báo cáo") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rewrite_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(
                item.filename, content if item.filename == name else source.read(item.filename)
            )
    return out.getvalue()


def _bomb(path: Path) -> Path:
    # 64 MB of one repeated character deflates ~1000:1 into a < 100 KB ".docx".
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"A" * (1 << 20)
            for _ in range(64):
                member.write(chunk)
    return path


def _minimal_pdf(text: str) -> bytes:
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _assert_clear_and_bounded(outcome: dict, error: str | None = None) -> None:
    assert outcome["seconds"] < TIME_LIMIT_S, outcome
    assert outcome["peak_mb"] < MEMORY_LIMIT_MB, outcome
    if error:
        assert outcome["ok"] is False and outcome["error"] == error, outcome
        assert outcome["message"] and "\n" not in outcome["message"]


def test_it_refuses_a_zip_bomb_named_docx_before_parsing_it(tmp_path):
    path = _bomb(tmp_path / "bomb.docx")
    assert path.stat().st_size < 1_000_000
    outcome = run_isolated(path)
    _assert_clear_and_bounded(outcome, "UnsafeFile")
    assert "zip bomb" in outcome["message"]


def test_it_refuses_a_zip_with_thousands_of_members(tmp_path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(6000):
            archive.writestr(f"x/{i}.xml", "")
    with pytest.raises(UnsafeFile, match="members"):
        extract(path)


def test_it_never_resolves_an_external_entity_in_a_docx(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = _docx_bytes()
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = body.replace("?>", "?>" + doctype, 1).replace("Báo cáo", "&xxe; Báo cáo")
    path = tmp_path / "xxe.docx"
    path.write_bytes(_rewrite_member(data, "word/document.xml", body.encode()))
    outcome = run_isolated(path)
    _assert_clear_and_bounded(outcome)
    try:
        text = json.dumps(extract(path), ensure_ascii=False)
    except ExtractError as exc:
        text = str(exc)
    assert "TOP-SECRET-CONTENT" not in text


def test_it_reports_a_truncated_pdf_as_damaged(tmp_path):
    whole = _minimal_pdf("Bao cao ket qua cong tac thong tin doi ngoai")
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    outcome = run_isolated(path)
    _assert_clear_and_bounded(outcome)
    assert outcome["ok"] is False and outcome["error"] in ("CorruptFile", "NoTextLayer")


def test_it_reads_the_whole_minimal_pdf_it_truncates_above(tmp_path):
    path = tmp_path / "whole.pdf"
    path.write_bytes(_minimal_pdf("Bao cao ket qua cong tac thong tin doi ngoai"))
    assert "Bao cao" in (extract(path)["title"] or "")


def test_it_says_a_pdf_without_text_is_a_scan(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_minimal_pdf("").replace(b"() Tj", b""))
    with pytest.raises(ExtractError, match="no text layer"):
        extract(path)


def test_it_refuses_a_50_mb_html_page_quickly(tmp_path):
    path = tmp_path / "huge.html"
    row = b"<div class='x'><p>Thong tin doi ngoai 1.234 tin, bai.</p></div>\n"
    with path.open("wb") as fh:
        fh.write(b"<html><body>")
        for _ in range((50 << 20) // len(row)):
            fh.write(row)
        fh.write(b"</body></html>")
    outcome = run_isolated(path)
    _assert_clear_and_bounded(outcome, "UnsafeFile")


def test_it_reads_a_deeply_nested_html_page_without_recursing(tmp_path):
    path = tmp_path / "deep.html"
    text = "Các cơ quan báo chí đăng 1.250 tin, bài về thông tin đối ngoại trong năm 2023. " * 4
    path.write_text(
        "<html><body>" + "<div>" * 5000 + f"<p>{text}</p>" + "</div>" * 5000 + "</body></html>"
    )
    outcome = run_isolated(path)
    _assert_clear_and_bounded(outcome)


def test_it_refuses_binary_noise_named_txt(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(os.urandom(200_000))
    outcome = run_isolated(path)
    _assert_clear_and_bounded(outcome, "CorruptFile")


def test_it_refuses_an_empty_file(tmp_path):
    for name in ("empty.txt", "empty.docx", "empty.pdf", "empty.html"):
        path = tmp_path / name
        path.write_bytes(b"")
        with pytest.raises(CorruptFile, match="empty file"):
            extract(path)


def test_it_names_the_real_format_of_a_file_with_the_wrong_extension(tmp_path):
    pdf_as_docx = tmp_path / "report.docx"
    pdf_as_docx.write_bytes(_minimal_pdf("Bao cao"))
    with pytest.raises(CorruptFile, match="not a DOCX file: the content is a PDF"):
        extract(pdf_as_docx)
    docx_as_pdf = tmp_path / "report.pdf"
    docx_as_pdf.write_bytes(_docx_bytes())
    with pytest.raises(CorruptFile, match="not a PDF file: the content is a zip archive"):
        extract(docx_as_pdf)
    text_as_docx = tmp_path / "notes.docx"
    text_as_docx.write_text("Báo cáo kết quả")
    with pytest.raises(CorruptFile, match="not a DOCX file"):
        extract(text_as_docx)


def test_it_refuses_an_unknown_extension(tmp_path):
    path = tmp_path / "data.xyz"
    path.write_text("Báo cáo")
    with pytest.raises(UnsupportedFormat, match=r"\.xyz"):
        extract(path)


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(ExtractError, match="cannot open"):
        extract(tmp_path / "missing.txt")


def test_a_text_of_200_000_digits_is_read_without_taking_them_for_a_number(tmp_path):
    # Python refuses to turn more than 4300 digits into an int.
    path = tmp_path / "so-lieu.txt"
    path.write_text("Tổng số lượt truy cập: " + "7" * 200_000 + " lượt.\n", encoding="utf-8")
    data = extract(path)
    assert data["facts"] == []


def test_a_digit_run_too_long_for_any_count_is_not_a_number():
    from ttdn.extract.numbers import NumberError, parse_number

    assert parse_number("999.999.999.999.999") == 999_999_999_999_999
    for token in ("1" * 20, "1" * 5000, "1.234." + "567." * 10 + "890"):
        with pytest.raises(NumberError):
            parse_number(token)


def test_ttdn_extract_reports_a_file_past_its_memory_limit_as_such(tmp_path, capsys):
    from ttdn.extract.cli import main

    big = write_docx_with_xml_of(tmp_path / "lon.docx", 24 * 1024 * 1024)
    fine = tmp_path / "bao-cao.docx"
    fine.write_bytes(_docx_bytes("Báo cáo công tác thông tin đối ngoại"))
    started = time.perf_counter()
    assert main([str(big), str(fine), "--out", str(tmp_path / "out"), "--memory-mb", "150"]) == 1
    assert time.perf_counter() - started < TIME_LIMIT_S
    error = capsys.readouterr().err
    assert "lon.docx: vượt giới hạn bộ nhớ 150 MB" in error
    assert "bao-cao.docx" not in error
    assert (tmp_path / "out" / "bao-cao.json").exists()


def test_ttdn_extract_stops_a_file_at_its_time_limit(tmp_path, capsys):
    from ttdn.extract.cli import main

    sample = Path(__file__).resolve().parents[3] / "tests/data/samples/tuy-phuoc-nam-2022.txt"
    assert main([str(sample), "--stdout", "--timeout", "0.05"]) == 1
    assert "quá thời gian xử lý 0.05 giây" in capsys.readouterr().err


_LIMITED_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (300 << 20, 300 << 20))
import ttdn.extract.safety as safety
safety.XML_MEMORY_FACTOR = 0  # past the size check, to the parser itself
from ttdn.extract import extract
from ttdn.extract.errors import ExtractError
try:
    extract(sys.argv[1])
    print("read")
except ExtractError as exc:
    print(type(exc).__name__, exc)
"""


def test_a_parser_that_runs_out_of_memory_under_the_limit_says_so(tmp_path):
    big = write_docx_with_xml_of(tmp_path / "lon.docx", 48 * 1024 * 1024)
    proc = subprocess.run(
        [sys.executable, "-c", _LIMITED_CHILD, str(big)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert proc.stdout.startswith("MemoryLimitExceeded vượt giới hạn bộ nhớ 300 MB"), (
        proc.stdout + proc.stderr[-500:]
    )


_POLLUTED_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))
from ttdn.extract import extract
from ttdn.extract.errors import ExtractError
extract(sys.argv[1])  # loads every module of the engine first
with open("/proc/self/status") as status:
    size_mb = next(int(row.split()[1]) // 1024 for row in status if row.startswith("VmSize:"))
block = bytearray((380 - size_mb) << 20)  # an earlier file that came near the limit
del block
try:
    extract(sys.argv[2])
except ExtractError as exc:
    print(type(exc).__name__, exc)
"""


def test_a_broken_file_after_a_large_one_is_still_called_damaged(tmp_path):
    good, broken = tmp_path / "tot.docx", tmp_path / "hong.docx"
    good.write_bytes(_docx_bytes())
    broken.write_bytes(_rewrite_member(_docx_bytes(), "word/document.xml", b"<w:document"))
    proc = subprocess.run(
        [sys.executable, "-c", _POLLUTED_CHILD, str(good), str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert proc.stdout.startswith("CorruptFile"), proc.stdout + proc.stderr[-500:]
