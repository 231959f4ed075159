"""PDF through LibreOffice: A4, embedded Times-compatible fonts, numbers from page 2.

Needs soffice (libreoffice-writer-nogui); it is installed in CI. Where it is missing the
conversion tests are skipped with the reason printed, and the refusal is still tested.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pypdfium2 as pdfium
import pytest

from ttdn.officedocs import PdfUnavailable, docx_to_pdf, pdf_available, write_docx

from .reports import state_report

A4_POINTS = (595.3, 841.9)
# The page number sits 10 mm from the top edge; body text starts at 20 mm (56.7 pt).
TOP_BAND_PT = 48

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    started = time.perf_counter()
    data = docx_to_pdf(write_docx(state_report(extra_paragraphs=6)))
    print(f"\nDOCX → PDF took {time.perf_counter() - started:.2f} s")
    return data


def page_text(document: pdfium.PdfDocument, index: int, top_band: bool = False) -> str:
    page = document[index]
    text = page.get_textpage()
    width, height = page.get_size()
    if top_band:
        content = text.get_text_bounded(
            left=0, bottom=height - TOP_BAND_PT, right=width, top=height
        )
    else:
        content = text.get_text_range()
    return unicodedata.normalize("NFC", content)


@needs_soffice
def test_every_page_is_a4(pdf):
    document = pdfium.PdfDocument(pdf)
    assert len(document) >= 2
    for page in document:
        assert page.get_size() == pytest.approx(A4_POINTS, abs=0.5)


@needs_soffice
def test_pdfinfo_reports_a4(pdf, tmp_path):
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout


@needs_soffice
def test_the_fonts_are_times_compatible_and_embedded(pdf, tmp_path):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, embedded, _subset, _unicode, _object, _generation = row.split()
        assert "LiberationSerif" in name or "Times" in name, row
        assert embedded == "yes", row


@needs_soffice
def test_the_national_name_and_motto_stay_on_one_line_each(pdf):
    text = page_text(pdfium.PdfDocument(pdf), 0)
    lines = [line.strip() for line in text.splitlines()]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines
    # "Số: …" and the date share a baseline, so they come out as one line of text.
    assert any(line.endswith("Đồng Nai, ngày 03 tháng 7 năm 2024") for line in lines)


@needs_soffice
def test_page_two_shows_its_number_at_the_top_and_page_one_none(pdf):
    document = pdfium.PdfDocument(pdf)
    assert page_text(document, 1, top_band=True).strip() == "2"
    first_top = page_text(document, 0, top_band=True)
    assert not any(token.isdigit() for token in first_top.split())


@needs_soffice
def test_text_with_ampersands_and_tags_prints_literally(pdf):
    document = pdfium.PdfDocument(pdf)
    text = " ".join(page_text(document, index) for index in range(len(document)))
    assert "& <b>quảng bá</b>" in text
    assert "1.582.300" in text and "54,7" in text


@needs_soffice
def test_parallel_conversions_each_return_their_own_pdf():
    docx = write_docx(state_report())
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: docx_to_pdf(docx), range(2)))
    assert all(result.startswith(b"%PDF") for result in results)


def test_a_missing_libreoffice_raises_pdf_unavailable_in_both_languages(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    with pytest.raises(PdfUnavailable) as raised:
        docx_to_pdf(b"PK")
    assert "chưa cài LibreOffice" in raised.value.reason
    assert "LibreOffice (soffice) is not installed" in str(raised.value)
    available, reason = pdf_available()
    assert available is False and reason == raised.value.reason


def _fake_soffice(directory, script: str) -> None:
    path = directory / "soffice"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_a_libreoffice_that_writes_nothing_is_reported_not_trusted(monkeypatch, tmp_path):
    _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'; exit 0")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfUnavailable, match="did not produce a PDF.*could not be loaded"):
        docx_to_pdf(b"PK")


def test_a_hung_libreoffice_is_stopped_at_the_timeout(monkeypatch, tmp_path):
    _fake_soffice(tmp_path, "sleep 30")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    started = time.perf_counter()
    with pytest.raises(PdfUnavailable, match="timed out"):
        docx_to_pdf(b"PK", timeout=0.5)
    assert time.perf_counter() - started < 10


@needs_soffice
def test_pdf_available_names_the_libreoffice_it_found():
    available, reason = pdf_available()
    assert available is True
    assert reason.startswith("LibreOffice: ")
