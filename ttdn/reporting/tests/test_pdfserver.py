"""PDFs through a LibreOffice kept running (`ttdn pdfserver`), the fall-back when it does
not answer, and a wrong TTDN_PDF_SERVER stopping the start-up."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ttdn.lib.processes import processes_mentioning
from ttdn.officedocs import OfficialReport, Paragraph, write_docx
from ttdn.officedocs.pdf import convert_with_server, docx_to_pdf, find_soffice
from ttdn.testing import run_django

ROOT = Path(__file__).resolve().parents[3]
needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed here"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def small_docx() -> bytes:
    return write_docx(
        OfficialReport(
            style="state",
            governing_body=None,
            issuing_body="ỦY BAN NHÂN DÂN\nXÃ TUY PHƯỚC",
            number="/BC-UBND",
            place="Tuy Phước",
            issued_on=None,
            summary="Kết quả công tác thông tin đối ngoại năm 2024",
            blocks=[Paragraph("Tổ chức 02 lớp tập huấn cho 120 lượt cán bộ.")],
        )
    )


@needs_libreoffice
def test_a_running_converter_turns_the_docx_into_a_pdf(tmp_path):
    port = free_port()
    env = {**os.environ, "TTDN_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "ttdn.cli", "pdfserver", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        pdf = None
        while pdf is None and time.monotonic() < deadline:
            try:
                pdf = convert_with_server(small_docx(), f"127.0.0.1:{port}", timeout=30)
            except OSError:
                assert server.poll() is None, "the converter stopped"
                time.sleep(1)
        assert pdf is not None and pdf.startswith(b"%PDF")
        assert processes_mentioning(f"ttdn-pdfserver-{server.pid}-"), "LibreOffice in its profile"
        started = time.perf_counter()
        again = convert_with_server(small_docx(), f"127.0.0.1:{port}", timeout=30)
        print(f"\nconversion through the running converter: {time.perf_counter() - started:.2f} s")
        assert again.startswith(b"%PDF")
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Stopping the command stops LibreOffice with it: nothing of its profile is left running.
    assert processes_mentioning(f"ttdn-pdfserver-{server.pid}-") == []
    assert not list(Path(tempfile.gettempdir()).glob(f"ttdn-pdfserver-{server.pid}-*"))


@needs_libreoffice
def test_a_converter_that_does_not_answer_falls_back_to_a_libreoffice_of_its_own(caplog):
    pdf = docx_to_pdf(small_docx(), server=f"127.0.0.1:{free_port()}")
    assert pdf.startswith(b"%PDF")
    assert "PDF converter at 127.0.0.1" in caplog.text


def test_a_wrong_converter_address_stops_the_start_up(tmp_path):
    result = run_django(tmp_path, "", TTDN_DEBUG="true", TTDN_PDF_SERVER="localhost")
    assert result.returncode != 0
    assert "TTDN_PDF_SERVER must be host:port, not 'localhost'" in result.stderr
