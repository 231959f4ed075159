"""DOCX → PDF through LibreOffice in headless mode.

With a converter kept running (``ttdn pdfserver``: LibreOffice behind unoserver's XML-RPC
interface, started by ``make run`` and ``ttdn serve``) a report converts in a few hundred
milliseconds; without one, each call starts a LibreOffice of its own
(``ttdn.lib.libreoffice``: private profile, memory and time limits, nothing left running;
1–2 s). A converter that does not answer is reported in the log and the conversion
falls back to a soffice of its own.
"""

from __future__ import annotations

import http.client
import logging
import shutil
import subprocess
import tempfile
import xmlrpc.client
from pathlib import Path

from ttdn.lib import libreoffice
from ttdn.lib.libreoffice import find_soffice

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120
_NOT_INSTALLED = (
    "Không xuất được PDF: máy chủ chưa cài LibreOffice (soffice); hãy tải bản DOCX. "
    "PDF export is unavailable: LibreOffice (soffice) is not installed on the server; "
    "install libreoffice-writer-nogui and fonts-liberation2, or download the DOCX."
)


class PdfUnavailable(RuntimeError):
    """A PDF cannot be made here; ``reason`` says why in Vietnamese and English."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _times_substitute() -> str | None:
    """The face fontconfig prints for Times New Roman, when fc-match exists."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{family}", "Times New Roman"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None


def pdf_available() -> tuple[bool, str]:
    """Whether PDFs can be made here, and a sentence saying why (or why not)."""
    soffice = find_soffice()
    if not soffice:
        return False, _NOT_INSTALLED
    message = f"LibreOffice: {soffice}"
    face = _times_substitute()
    if face is not None and not any(name in face for name in ("Liberation Serif", "Times")):
        # Other metrics move line and page breaks away from the DOCX.
        message += (
            f"; Times New Roman được thay bằng {face} — cài fonts-liberation2 "
            f"(Times New Roman is replaced by {face}; install fonts-liberation2)"
        )
    return True, message


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a time limit (the standard transport waits forever)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def convert_with_server(docx: bytes, server: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Convert through a running converter at ``server`` ("127.0.0.1:2003")."""
    proxy = xmlrpc.client.ServerProxy(
        f"http://{server}", transport=_Transport(timeout), allow_none=True
    )
    # unoserver's convert(inpath, indata, outpath, convert_to, filtername, filter_options,
    # update_index, infiltername): the bytes go in and come back over the connection.
    result = proxy.convert(None, docx, None, "pdf", "writer_pdf_Export", [], False, None)
    data = result.data if isinstance(result, xmlrpc.client.Binary) else result
    if not isinstance(data, bytes | bytearray) or not data.startswith(b"%PDF"):
        raise PdfUnavailable("The converter returned no PDF.")
    return bytes(data)


def docx_to_pdf(
    docx: bytes, *, timeout: float = DEFAULT_TIMEOUT, server: str | None = None
) -> bytes:
    """Convert DOCX bytes to PDF bytes, or raise PdfUnavailable with the reason."""
    if server:
        try:
            return convert_with_server(docx, server, timeout)
        except (OSError, http.client.HTTPException, xmlrpc.client.Error, PdfUnavailable) as error:
            logger.warning("PDF converter at %s failed (%s); starting LibreOffice", server, error)
    if not find_soffice():
        raise PdfUnavailable(_NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="ttdn_pdf_") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(docx)
        try:
            target = libreoffice.convert(
                source, "pdf:writer_pdf_Export", Path(work), timeout=timeout
            )
        except libreoffice.TimedOut:
            raise PdfUnavailable(
                f"LibreOffice quá thời gian ({timeout:.0f} giây) khi tạo PDF. "
                f"LibreOffice timed out after {timeout:.0f} s converting to PDF."
            ) from None
        except libreoffice.ConversionFailed as error:
            raise PdfUnavailable(
                f"LibreOffice không tạo ra tệp PDF. LibreOffice did not produce a PDF. {error}"
            ) from None
        return target.read_bytes()
