"""Test documents made on the fly: small reports, classified ones, hostile ZIPs."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

HEADER = [
    "ỦY BAN NHÂN DÂN",
    "PHƯỜNG QUY NHƠN",
    "Số: {number}/BC-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Quy Nhơn, ngày 15 tháng 12 năm 2023",
]
BODY = [
    "BÁO CÁO",
    "Kết quả công tác thông tin đối ngoại năm 2023",
    "Thực hiện Kế hoạch số 31/KH-UBND ngày 06/3/2023 của UBND tỉnh Bình Định về công tác "
    "thông tin đối ngoại năm 2023, phường báo cáo như sau:",
    "I. KẾT QUẢ THỰC HIỆN",
    "Cổng thông tin điện tử phường đăng tải {articles} tin, bài; tổ chức {courses} lớp tập huấn "
    "nghiệp vụ thông tin đối ngoại; tăng cường bảo mật thông tin trên mạng, không chia sẻ mật "
    "khẩu tài khoản quản trị.",
    "Nơi nhận:",
    "- UBND tỉnh;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Nguyễn Văn An",
]


def report_text(number: int = 1, articles: int = 120, courses: int = 2, marking: str = "") -> str:
    header = [line.format(number=number) for line in HEADER]
    if marking:
        header.insert(3, marking)
    body = [line.format(articles=articles, courses=courses) for line in BODY]
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def write_report(folder: Path, name: str, **kwargs) -> Path:
    path = folder / name
    path.write_text(report_text(**kwargs), encoding="utf-8")
    return path


def write_docx(folder: Path, name: str, marking: str = "", **kwargs) -> Path:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG QUY NHƠN"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 7/BC-UBND" + (f"\n{marking}" if marking else "")
    table.cell(1, 1).text = "Quy Nhơn, ngày 15 tháng 12 năm 2023"
    for line in report_text(**kwargs).split("\n\n")[1:]:
        document.add_paragraph(line)
    path = folder / name
    document.save(path)
    return path


def write_pdf(folder: Path, docx_path: Path) -> Path | None:
    """The PDF LibreOffice prints from a DOCX; None when LibreOffice is missing."""
    from ttdn.extract.errors import ConversionError
    from ttdn.extract.readers.docx import convert_with_soffice

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return None
    try:
        return convert_with_soffice(docx_path, "pdf", folder)
    except ConversionError:
        return None


def write_blank_pdf(folder: Path, name: str) -> Path:
    """A one-page PDF with no text layer, like a scan."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    path = folder / name
    document.save(str(path))
    document.close()
    return path


def write_zip(folder: Path, name: str, members: dict[str, bytes]) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()
