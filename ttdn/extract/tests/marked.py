"""Reports carrying a security stamp (độ mật) in each place one sits, made on the fly:
under the số, ký hiệu on the first page, in the page header or footer, at the top of a
late page, or in a text box."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

PLACES = ("top", "header", "footer", "late", "textbox")

PARAGRAPHS = [
    "BÁO CÁO",
    "Kết quả công tác thông tin đối ngoại năm 2023",
    "Thực hiện Kế hoạch số 31/KH-UBND ngày 06/3/2023 của UBND tỉnh về công tác thông tin "
    "đối ngoại năm 2023, Sở báo cáo như sau:",
    "I. KẾT QUẢ THỰC HIỆN",
    "Cổng thông tin điện tử đăng tải 120 tin, bài; tổ chức 02 lớp tập huấn nghiệp vụ; thực "
    "hiện nghiêm quy định về bảo vệ bí mật nhà nước, giữ mối quan hệ mật thiết với báo chí.",
    "Mật độ thông tin về biển, đảo trên báo chí của tỉnh tăng so với năm trước.",
]
FILLER = "Các cơ quan, đơn vị tiếp tục phối hợp thông tin về tình hình kinh tế - xã hội của tỉnh."


def report_lines(stamp: str = "", place: str = "top") -> list[str]:
    """The report as lines of text; ``place`` "top" or "late" (after 60 lines and a
    page break) for a stamp in the text itself."""
    lines = ["ỦY BAN NHÂN DÂN TỈNH", "SỞ NGOẠI VỤ", "Số: 7/BC-SNgV"]
    if stamp and place == "top":
        lines.append(stamp)
    lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", *PARAGRAPHS]
    lines += [FILLER] * 60
    if stamp and place == "late":
        lines += ["\f" + stamp]
    lines += [FILLER] * 5 + ["Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT.", "GIÁM ĐỐC", "Trần Văn Bình"]
    return lines


def write_txt(folder: Path, name: str, stamp: str = "", place: str = "top") -> Path:
    path = folder / name
    path.write_text("\n".join(report_lines(stamp, place)) + "\n", encoding="utf-8")
    return path


def write_html(folder: Path, name: str, stamp: str = "", place: str = "header") -> Path:
    """A page with the stamp in its <header> or <footer> (the chrome the reader drops)."""
    mark = f"<div class='dau-mat'>{stamp}</div>" if stamp else ""
    body = "".join(f"<p>{line}</p>" for line in PARAGRAPHS + [FILLER] * 10)
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Báo cáo</title></head><body>"
        f"<header><nav>Trang chủ</nav>{mark if place == 'header' else ''}</header>"
        f"<article class='content'>{body}</article>"
        f"<footer>Sở Ngoại vụ{mark if place == 'footer' else ''}</footer></body></html>"
    )
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


def _text_box(paragraph, text: str) -> None:
    from docx.oxml import parse_xml

    run = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape style="position:absolute;width:200pt;height:28pt"><v:textbox>'
        f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(run)


def write_docx(folder: Path, name: str, stamp: str = "", place: str = "top") -> Path:
    """A three-page report laid out as Decree 30 has it (a header table with the issuing
    body and the motto), with ``stamp`` at ``place`` (one of PLACES)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    section = document.sections[0]
    if stamp and place in ("header", "footer"):
        part = section.header if place == "header" else section.footer
        part.paragraphs[0].text = f"Trang\t\t{stamp}" if place == "footer" else stamp
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN TỈNH\nSỞ NGOẠI VỤ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 7/BC-SNgV" + (f"\n{stamp}" if stamp and place == "top" else "")
    table.cell(1, 1).text = "Hà Nội, ngày 15 tháng 12 năm 2023"
    for line in PARAGRAPHS:
        document.add_paragraph(line)
    for _page in range(2):
        for _ in range(30):
            document.add_paragraph(FILLER)
        document.add_page_break()
    if stamp and place == "late":
        document.add_paragraph(stamp).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    anchor = document.add_paragraph(FILLER)
    if stamp and place == "textbox":
        _text_box(anchor, stamp)
    for line in ["Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT.", "GIÁM ĐỐC", "Trần Văn Bình"]:
        document.add_paragraph(line)
    path = folder / name
    document.save(path)
    return path


def print_pdfs(folder: Path, documents: list[Path]) -> list[Path] | None:
    """The PDFs LibreOffice prints from ``documents``, in one run (a LibreOffice start
    costs seconds); None when LibreOffice is not installed."""
    return convert(folder, documents, "pdf")


def convert(folder: Path, documents: list[Path], target: str) -> list[Path] | None:
    """``documents`` converted by LibreOffice to ``target`` ("pdf", "doc") in one run;
    None when LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    profile = Path(tempfile.gettempdir()) / f"ttdn_lo_{os.getpid()}_{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                *map(str, documents),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [folder / f"{path.stem}.{target}" for path in documents]
