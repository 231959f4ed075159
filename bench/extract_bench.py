"""Extraction speed and memory, per format, on one core.

A page is 3,000 characters of text. Each format's throughput is compared with bare text
reading by the same library in the same run (plain decode, selectolax text, python-docx
paragraphs, pdfium text), so the ratio stays meaningful across machines. Inputs are
generated: a 100-page report as TXT, HTML and DOCX (python-docx), and as PDF when
LibreOffice is installed. Targets: ≥ 300 pages/s for txt/html/docx, ≥ 50 for pdf, and
< 200 MB peak memory extracting a 100-page file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PAGE_CHARS = 3000
PAGES = 100
TARGETS = {"txt": 300, "html": 300, "docx": 300, "pdf": 50}
MEMORY_LIMIT_MB = 200

_HEADER = [
    "ỦY BAN NHÂN DÂN",
    "HUYỆN TUY PHƯỚC",
    "Số: 318/BC-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Tuy Phước, ngày 15 tháng 12 năm 2023",
    "BÁO CÁO",
    "Kết quả công tác thông tin đối ngoại năm 2023",
]
_PARAGRAPHS = [
    "Thực hiện Kế hoạch số {n}/KH-UBND ngày 23/02/2023 của UBND tỉnh Bình Định về công tác "
    "thông tin đối ngoại năm 2023, các cơ quan báo chí đã đăng, phát {a} tin, bài, phóng sự, "
    "tăng 12,5% so với cùng kỳ năm 2022; Cổng thông tin điện tử duy trì phiên bản tiếng Anh.",
    "Toàn tỉnh thu hút {b} dự án FDI với tổng vốn đăng ký {c},4 triệu USD; đón khoảng {d} lượt "
    "khách quốc tế, doanh thu du lịch ước đạt 1.073 tỷ đồng, đạt 60,28% so với kế hoạch.",
    "Tổ chức 0{e} lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại cho hơn {f} học viên là "
    "cán bộ, công chức; phát hành 3.800 bản tài liệu, trong đó tiếng Anh 500 bản, tiếng Nhật "
    "200 bản, tiếng Hàn 200 bản; tuyên truyền chủ quyền biển, đảo và hội nhập quốc tế.",
]
_SECTIONS = ["I. KẾT QUẢ THỰC HIỆN", "1. Công tác lãnh đạo, chỉ đạo", "2. Thông tin, tuyên truyền"]
_TAIL = [
    "Nơi nhận:",
    "- Sở Thông tin và Truyền thông;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Võ Đình Khánh",
]


SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "samples"


def body_paragraphs(pages: int) -> list[str]:
    """Paragraphs of the published sample reports and articles (real density of numbers,
    references and names), with a fact-heavy paragraph of our own every fifth one."""
    real = [
        line.strip()
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if len(line.strip()) > 80
    ]
    out: list[str] = []
    chars = 0
    i = 0
    while chars < pages * PAGE_CHARS:
        if i % 12 == 0:
            out.append(_SECTIONS[(i // 12) % len(_SECTIONS)])
        if i % 5 == 4:
            text = _PARAGRAPHS[i % len(_PARAGRAPHS)].format(
                n=10 + i,
                a=1000 + i,
                b=3 + i % 7,
                c=50 + i,
                d=f"{12 + i}.{i % 1000:03d}",
                e=1 + i % 9,
                f=100 + i,
            )
        else:
            text = real[i % len(real)]
        out.append(text)
        chars += len(text)
        i += 1
    return out


def make_txt(path: Path, paragraphs: list[str]) -> None:
    path.write_text(
        "\n".join(_HEADER) + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n".join(_TAIL)
    )


def make_html(path: Path, paragraphs: list[str]) -> None:
    chrome = '<nav class="menu"><a>Trang chủ</a><a>Tin tức</a></nav><div class="counter">Lượt truy cập: 1.234.567</div>'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(
        f"<html><head><title>{_HEADER[-1]}</title></head><body>{chrome}"
        f'<div class="detail"><h1>{_HEADER[-1]}</h1><div class="content">{body}</div></div>'
        f'<div class="related-news"><h3>Tin liên quan</h3></div></body></html>',
        encoding="utf-8",
    )


def make_docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(_HEADER[:2])
    table.cell(0, 1).text = "\n".join(_HEADER[3:5])
    table.cell(1, 0).text = _HEADER[2]
    table.cell(1, 1).text = _HEADER[5]
    for line in _HEADER[6:]:
        document.add_paragraph(line).runs[0].bold = True
    for text in paragraphs:
        document.add_paragraph(text)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "\n".join(_TAIL[:3])
    sign.cell(0, 1).text = "\n".join(_TAIL[3:])
    document.save(path)


def make_pdf(path: Path, docx_path: Path) -> bool:
    from ttdn.extract.errors import ConversionError
    from ttdn.extract.readers.docx import convert_with_soffice

    if not shutil.which("soffice"):
        return False
    try:
        produced = convert_with_soffice(docx_path, "pdf", path.parent)
    except ConversionError:
        return False
    produced.rename(path)
    return True


def bare_reader(fmt: str) -> Callable[[Path], int]:
    def txt(path: Path) -> int:
        return len(path.read_bytes().decode("utf-8"))

    def html(path: Path) -> int:
        from selectolax.lexbor import LexborHTMLParser

        return len(LexborHTMLParser(path.read_text("utf-8")).body.text(separator="\n"))

    def docx_(path: Path) -> int:
        import docx

        return sum(len(p.text) for p in docx.Document(str(path)).paragraphs)

    def pdf(path: Path) -> int:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(path))
        total = 0
        for page in document:
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
        document.close()
        return total

    return {"txt": txt, "html": html, "docx": docx_, "pdf": pdf}[fmt]


def best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


# VmHWM is the child's own peak; ru_maxrss would carry the parent's over the exec.
_CHILD = """
import json, sys
from ttdn.extract import extract
extract(sys.argv[1])
with open("/proc/self/status") as status:
    hwm = next(line for line in status if line.startswith("VmHWM:"))
print(json.dumps(int(hwm.split()[1]) / 1024))
"""


def peak_memory_mb(path: Path) -> float:
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    return float(out.stdout.strip().splitlines()[-1])


def run() -> int:
    from ttdn.extract import extract

    # One core: the engine is single-threaded; pin this process where the OS allows.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paragraphs = body_paragraphs(PAGES)
    rows = []
    with tempfile.TemporaryDirectory(prefix="ttdn_bench_") as tmp:
        folder = Path(tmp)
        files = {
            "txt": folder / "report.txt",
            "html": folder / "report.html",
            "docx": folder / "report.docx",
            "pdf": folder / "report.pdf",
        }
        make_txt(files["txt"], paragraphs)
        make_html(files["html"], paragraphs)
        make_docx(files["docx"], paragraphs)
        has_pdf = make_pdf(files["pdf"], files["docx"])
        for fmt, path in files.items():
            if fmt == "pdf" and not has_pdf:
                print("pdf: skipped (LibreOffice not installed to make the input)")
                continue
            data = extract(path)  # warm imports, and count pages from the text it read
            pages = data["source"]["chars"] / PAGE_CHARS
            engine = best_time(lambda p=path: extract(p))
            reader = bare_reader(fmt)
            bare = best_time(lambda p=path, r=reader: r(p))
            memory = peak_memory_mb(path)
            rows.append((fmt, pages, pages / engine, pages / bare, memory, len(data["facts"])))
    header = f"{'format':6} {'pages':>6} {'engine p/s':>11} {'bare p/s':>10} {'ratio':>6} {'target':>7} {'peak MB':>8} {'facts':>6}"
    print(header)
    print("-" * len(header))
    ok = True
    for fmt, pages, engine_rate, bare_rate, memory, facts in rows:
        target = TARGETS[fmt]
        passed = engine_rate >= target and memory < MEMORY_LIMIT_MB
        ok &= passed
        print(
            f"{fmt:6} {pages:6.0f} {engine_rate:11.0f} {bare_rate:10.0f} {engine_rate / bare_rate:6.2f} "
            f"{target:7d} {memory:8.0f} {facts:6d} {'ok' if passed else 'BELOW TARGET'}"
        )
    print(json.dumps({fmt: round(rate) for fmt, _, rate, *_ in rows}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(run())
