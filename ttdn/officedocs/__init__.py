"""Official report documents (văn bản báo cáo) as DOCX, PDF and XLSX.

Plain library, no Django: the reporting app builds an ``OfficialReport`` and asks for
bytes. Layout follows Decree 30/2020/NĐ-CP for state bodies and Hướng dẫn 36-HD/VPTW for
Party bodies; see docs/official-documents.md.
"""

from ttdn.lib.vnformat import official_date_line

from .model import Appendix, Chart, Heading, OfficialReport, Paragraph, Signature, Table
from .pdf import PdfUnavailable, docx_to_pdf, pdf_available
from .writer import write_docx
from .xlsx import write_annex, write_xlsx

__all__ = [
    "Appendix",
    "Chart",
    "Heading",
    "OfficialReport",
    "Paragraph",
    "PdfUnavailable",
    "Signature",
    "Table",
    "docx_to_pdf",
    "official_date_line",
    "pdf_available",
    "write_annex",
    "write_docx",
    "write_xlsx",
]
