"""Readers: Word numbering and header tables, legacy fonts, encodings, HTML articles."""

from __future__ import annotations

import codecs
import json
import unicodedata

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ttdn.extract import extract
from ttdn.extract.cli import main as cli_main
from ttdn.extract.readers import read

_NUMBERING = (
    f"<w:abstractNum {nsdecls('w')} w:abstractNumId='90'>"
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='upperRoman'/><w:lvlText w:val='%1.'/></w:lvl>"
    "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%2.'/></w:lvl>"
    "<w:lvl w:ilvl='2'><w:start w:val='1'/><w:numFmt w:val='lowerLetter'/><w:lvlText w:val='%3)'/></w:lvl>"
    "</w:abstractNum>"
)


def _numbered(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f"<w:numPr {nsdecls('w')}><w:ilvl w:val='{level}'/><w:numId w:val='90'/></w:numPr>"
        )
    )


def _report_docx(path, *, legacy_body: str | None = None) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(
        parse_xml(f"<w:num {nsdecls('w')} w:numId='90'><w:abstractNumId w:val='90'/></w:num>")
    )
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN TUY PHƯỚC"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 318/BC-UBND"
    header.cell(1, 1).text = "Tuy Phước, ngày 15 tháng 12 năm 2023"
    document.add_paragraph("BÁO CÁO").runs[0].bold = True
    document.add_paragraph("Kết quả công tác thông tin đối ngoại năm 2023").runs[0].bold = True
    document.add_paragraph(
        "Thực hiện Công văn số 1985/STTTT-TTBCXB ngày 27/11/2023 của Sở Thông tin và Truyền thông."
    )
    for text, level in [
        ("KẾT QUẢ THỰC HIỆN", 0),
        ("Công tác lãnh đạo, chỉ đạo", 1),
        ("Thông tin, tuyên truyền đối ngoại", 1),
        ("Trên hệ thống truyền thanh", 2),
        ("Tuyên truyền các sự kiện đối ngoại", 2),
        ("ĐỀ XUẤT, KIẾN NGHỊ", 0),
    ]:
        _numbered(document.add_paragraph(text), level)
    body = document.add_paragraph()
    if legacy_body:
        run = body.add_run(legacy_body)
        run.font.name = ".VnTime"
    else:
        body.add_run("Thực hiện 248 chương trình phát thanh về biển, đảo.")
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Sở Thông tin và Truyền thông;\n- Lưu: VT."
    sign.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVõ Đình Khánh"
    document.save(path)


def test_it_reads_word_auto_numbering_as_visible_labels(tmp_path):
    path = tmp_path / "report.docx"
    _report_docx(path)
    texts = [b.text for b in read(path).blocks]
    for label in [
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Công tác lãnh đạo, chỉ đạo",
        "2. Thông tin, tuyên truyền đối ngoại",
        "a) Trên hệ thống truyền thanh",
        "b) Tuyên truyền các sự kiện đối ngoại",
        "II. ĐỀ XUẤT, KIẾN NGHỊ",
    ]:
        assert label in texts
    sections = extract(path)["sections"]
    assert [(s["heading"][:4], s["level"]) for s in sections] == [
        ("I. K", 1), ("1. C", 2), ("2. T", 2), ("a) T", 3), ("b) T", 3), ("II. ", 1)
    ]  # fmt: skip
    assert sections[-1]["role"] == "proposals"


def test_it_recognises_the_decree_30_header_table_and_signature_table(tmp_path):
    path = tmp_path / "report.docx"
    _report_docx(path)
    data = extract(path)
    assert data["kind"] == "report"
    assert data["number"] == "318/BC-UBND"
    assert data["issuer"] == "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"
    assert (data["place"], data["issued_on"]) == ("Tuy Phước", "2023-12-15")
    assert data["title"] == "Kết quả công tác thông tin đối ngoại năm 2023"
    assert data["period"]["start"] == "2023-01-01"
    assert data["recipients"] == ["Sở Thông tin và Truyền thông", "Lưu: VT"]
    assert data["signer"]["name"] == "Võ Đình Khánh"
    assert data["signer"]["authority"] == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    assert [r["number"] for r in data["references"]] == ["1985/STTTT-TTBCXB"]


def test_it_converts_runs_in_legacy_vietnamese_fonts(tmp_path):
    from ttdn.extract import legacy

    sentence = "Thực hiện 248 chương trình phát thanh về biển, đảo."
    path = tmp_path / "vntime.docx"
    _report_docx(path, legacy_body=legacy.from_unicode(sentence, "tcvn3"))
    assert sentence in [b.text for b in read(path).blocks]


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters with combining tone marks."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, tone = (
                unicodedata.normalize("NFD", char)[:-1],
                unicodedata.normalize("NFD", char)[-1],
            )
            out += unicodedata.normalize("NFC", base).encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def test_it_decodes_utf16_windows_1258_and_bom_texts_alike(tmp_path):
    text = (
        "BÁO CÁO\nKết quả công tác thông tin đối ngoại năm 2022\n\nĐăng 1.250 tin, bài về hòa bình."
    )
    variants = {
        "utf8.txt": text.encode("utf-8"),
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "cp1258.txt": _cp1258(text),
    }
    for name, data in variants.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = extract(path)
        assert result["title"] == "Kết quả công tác thông tin đối ngoại năm 2022", name
        assert [(f["value"], f["unit"]) for f in result["facts"]] == [(1250, "tin, bài")], name


def test_it_keeps_the_sapo_and_drops_the_page_chrome_of_an_article(tmp_path):
    page = """<html><head><title>{{title}}</title>
    <meta property="og:title" content="Quảng bá hình ảnh tỉnh năm 2024"></head><body>
    <a class="ms-skip">Skip Ribbon Commands</a>
    <nav class="menu"><a>Trang chủ</a><a>Tin tức</a></nav>
    <div class="detail"><h1>Quảng bá hình ảnh tỉnh năm 2024</h1>
    <div class="date">12/07/2024 15:40</div>
    <div class="sapo">Năm 2024, tỉnh phát hành 3.000 ấn phẩm quảng bá bằng tiếng Anh.</div>
    <div class="content"><p>Các cơ quan báo chí đăng 1.864 tin, bài về thông tin đối ngoại,
    tăng 11,3% so với cùng kỳ năm 2023, góp phần quảng bá hình ảnh địa phương.</p>
    <div class="share">Chia sẻ Zalo</div></div></div>
    <div class="related-news"><h3>Tin liên quan</h3><a>Đón 2,5 triệu lượt khách</a></div>
    <div class="counter">Lượt truy cập: 1.234.567</div></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    data = extract(path)
    assert data["kind"] == "news" and data["title"] == "Quảng bá hình ảnh tỉnh năm 2024"
    assert data["issued_on"] == "2024-07-12"
    assert [(f["value"], f["unit"]) for f in data["facts"]] == [
        (3000, "ấn phẩm"),
        (1864, "tin, bài"),
    ]
    assert data["facts"][1]["change"]["percent"] == 11.3
    assert data["languages"] == ["en"]


def test_the_tone_placement_does_not_change_what_matches():
    from ttdn.extract.normalize import match_form

    assert match_form("văn hoá, hoà bình, thuỷ sản, quý") == "văn hóa, hòa bình, thủy sản, quý"
    assert len(match_form("hoà")) == len("hoà")


def test_the_command_writes_one_json_per_file_and_reports_unreadable_ones(tmp_path, capsys):
    good = tmp_path / "in"
    good.mkdir()
    for i in range(5):
        (good / f"r{i}.txt").write_text(f"BÁO CÁO\nKết quả năm 202{i}\n\nĐăng {i + 1}0 tin, bài.")
    (good / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "out"
    assert cli_main([str(good), "--out", str(out)]) == 1
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"r{i}.json" for i in range(5)]
    assert json.loads((out / "r3.json").read_text())["facts"][0]["value"] == 40
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(str(good / "broken.pdf"))


def test_the_command_prints_one_extract_to_stdout(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("BÁO CÁO\nKết quả năm 2022\n\nĐăng 10 tin, bài.")
    assert cli_main([str(path), "--stdout"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Kết quả năm 2022"
