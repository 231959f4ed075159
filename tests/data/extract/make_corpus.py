#!/usr/bin/env python3
"""Build the extraction test corpus in ``corpus/`` from the text definitions below.

Every document of the corpus is written here as Python text: plain-text reports and
scraped articles (some re-encoded to legacy TCVN3, Windows-1258 or UTF-16 bytes), portal
pages (HTML with the usual chrome), official reports laid out per Decree 30/2020 as DOCX
(header table, Word automatic numbering, indicator table, footnote, Nơi nhận and
signature table) and PDFs that LibreOffice prints from some of those DOCX.

The expected extracts in ``corpus/expected/`` are labelled by hand from the texts here
(rules: shared/samples/LABELING.md plus ``corpus/README.md``); this script never writes
their content. It only refreshes their ``source`` block (file name, format, sha256) so
that they keep pointing at the bytes it built.

usage: python tests/data/extract/make_corpus.py [--no-pdf]

The generated files are committed, so the tests need neither this script nor soffice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus"
EXPECTED = OUT / "expected"

# ---------------------------------------------------------------------------
# Legacy encodings
# ---------------------------------------------------------------------------

# TCVN3 (ABC, fonts .VnTime / .VnTimeH): one byte per letter. Lower-case toned letters
# and the seven upper-case base letters (Ă Â Ê Ô Ơ Ư Đ) have codes; upper-case toned
# letters have none and are typed with their lower-case code in a .VnTimeH (capitals)
# font.
_VI_LOWER = "áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ"
_TCVN3_LOWER = bytes(
    [0xB8, 0xB5, 0xB6, 0xB7, 0xB9]
    + [0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6]
    + [0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB]
    + [0xD0, 0xCC, 0xCE, 0xCF, 0xD1]
    + [0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6]
    + [0xDD, 0xD7, 0xD8, 0xDC, 0xDE]
    + [0xE3, 0xDF, 0xE1, 0xE2, 0xE4]
    + [0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9]
    + [0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE]
    + [0xF3, 0xEF, 0xF1, 0xF2, 0xF4]
    + [0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9]
    + [0xFD, 0xFA, 0xFB, 0xFC, 0xFE]
    + [0xAE]
)
_TCVN3_UPPER_BASE = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
assert len(_VI_LOWER) == len(_TCVN3_LOWER) == 67
_TCVN3 = dict(zip(_VI_LOWER, _TCVN3_LOWER, strict=True))


def to_tcvn3(text: str, caps_font: bool = False) -> bytes:
    """Unicode -> TCVN3 bytes. ``caps_font`` types the line as in a .VnTimeH font:
    every letter with its lower-case code (the font draws capitals)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if caps_font:
            ch = ch.lower()
        if ch in _TCVN3_UPPER_BASE:
            out.append(_TCVN3_UPPER_BASE[ch])
        elif ch in _TCVN3:
            out.append(_TCVN3[ch])
        elif ch.lower() in _TCVN3:
            out.append(_TCVN3[ch.lower()])
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in "“”":
            out.append(ord('"'))
        elif ch in "–":
            out.append(ord("-"))
        else:
            raise ValueError(f"no TCVN3 code for {ch!r}")
    return bytes(out)


def tcvn3_text(line: str) -> str:
    """A line as Word holds TCVN3 text: the byte codes as Latin-1 characters. Lines
    written wholly in capitals are typed as for a .VnTimeH font (see ``to_tcvn3``)."""
    return to_tcvn3(line, caps_font=is_caps(line)).decode("latin-1")


def is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Unicode -> Windows-1258 as Vietnamese Windows software writes it: base letters
    (â ê ô ă ơ ư đ, and precomposed ones the code page has) plus combining tone marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in decomposed if c not in _TONES)
        tones = "".join(c for c in decomposed if c in _TONES)
        out += unicodedata.normalize("NFC", base).encode("cp1258")
        out += tones.encode("cp1258")
    return bytes(out)


# ---------------------------------------------------------------------------
# Plain-text documents
# ---------------------------------------------------------------------------


@dataclass
class TextDoc:
    stem: str
    text: str
    encoding: str = "utf-8"  # utf-8 | tcvn3 | cp1258 | utf-16

    def build(self, out: Path) -> Path:
        text = self.text.strip("\n") + "\n"
        if self.encoding == "tcvn3":
            data = b"\r\n".join(
                to_tcvn3(line, caps_font=is_caps(line)) for line in text.split("\n")
            )
        elif self.encoding == "cp1258":
            data = to_cp1258(text.replace("\n", "\r\n"))
        elif self.encoding == "utf-16":
            data = text.replace("\n", "\r\n").encode("utf-16")  # with BOM, little-endian
        else:
            data = text.encode("utf-8")
        path = out / f"{self.stem}.txt"
        path.write_bytes(data)
        return path


TXT_XA_TUY_PHUOC = """\
ỦY BAN NHÂN DÂN
XÃ TUY PHƯỚC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: /BC-UBND

Tuy Phước, ngày tháng 12 năm 2025

BÁO CÁO
Kết quả công tác thông tin đối ngoại 6 tháng cuối năm 2025

Thực hiện Công văn số 2156/SVHTTDL-TTBCXB ngày 20/11/2025 của Sở Văn hóa, Thể thao và \
Du lịch tỉnh Gia Lai về việc báo cáo kết quả công tác thông tin đối ngoại năm 2025; căn cứ \
Kế hoạch số 112/KH-UBND ngày 18/7/2025 của UBND tỉnh Gia Lai về công tác thông tin đối ngoại \
6 tháng cuối năm 2025, UBND xã Tuy Phước báo cáo kết quả thực hiện từ khi chính quyền địa \
phương hai cấp đi vào hoạt động (ngày 01/7/2025) đến nay như sau:

I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN

1. Công tác chỉ đạo, điều hành

- Ngay sau khi đi vào hoạt động, UBND xã ban hành Kế hoạch số 27/KH-UBND ngày 05/8/2025 về \
công tác thông tin đối ngoại trên địa bàn xã 6 tháng cuối năm 2025; phân công 01 đồng chí Phó \
Chủ tịch UBND xã phụ trách và 02 công chức Văn phòng HĐND và UBND xã kiêm nhiệm theo dõi công \
tác thông tin đối ngoại.

- Quán triệt, triển khai Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục \
nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới đến 100% chi bộ \
trực thuộc Đảng bộ xã.

2. Kết quả thông tin, tuyên truyền

- Trang thông tin điện tử của xã đăng tải 146 tin, bài, trong đó 38 tin, bài về hoạt động đối \
ngoại, hợp tác quốc tế và quảng bá hình ảnh địa phương. Trang Facebook "Xã Tuy Phước - Gia Lai" \
đăng 212 bài viết, video; đến ngày 30/11/2025 có hơn 12.500 người theo dõi, tăng 18,4% so với \
thời điểm ngày 01/7/2025.

- Đài truyền thanh xã thực hiện 96 chương trình phát thanh với tổng thời lượng khoảng 1.440 \
phút; tiếp sóng các chương trình thời sự của Đài Tiếng nói Việt Nam và Báo và Phát thanh, \
Truyền hình Gia Lai.

- Tuyên truyền Đại hội Đảng bộ xã lần thứ I, nhiệm kỳ 2025-2030; kỷ niệm 80 năm Cách mạng \
Tháng Tám và Quốc khánh 2/9; phối hợp với Hội Liên hiệp Phụ nữ, Đoàn Thanh niên xã tổ chức \
03 đợt tuyên truyền về chủ quyền biển, đảo Việt Nam và Công ước của Liên hợp quốc về Luật Biển \
năm 1982 cho gần 900 lượt đoàn viên, hội viên, học sinh.

3. Quảng bá hình ảnh, xúc tiến đầu tư, du lịch

- Phối hợp đón 04 đoàn khách quốc tế (Hàn Quốc, Nhật Bản, Ôx-trây-li-a) với 37 thành viên đến \
tìm hiểu cơ hội đầu tư vào cụm công nghiệp và nông nghiệp công nghệ cao của xã.

- Khu du lịch sinh thái Cồn Chim đón khoảng 18.600 lượt khách, trong đó khách quốc tế ước đạt \
1.150 lượt; doanh thu du lịch ước đạt 9,8 tỷ đồng, tăng 12,5% so với cùng kỳ năm 2024.

- Xây dựng 02 video clip song ngữ Việt - Anh giới thiệu làng nghề bánh tráng, nón lá và đầm \
Thị Nại, đăng tải trên các nền tảng số của xã.

4. Tập huấn, bồi dưỡng nghiệp vụ

Cử 05 cán bộ, công chức tham gia lớp bồi dưỡng kiến thức thông tin đối ngoại lần thứ 2 năm \
2025 do Sở Văn hóa, Thể thao và Du lịch tổ chức; tổ chức 01 hội nghị quán triệt cho 65 đại \
biểu là cán bộ chủ chốt của xã và Trưởng thôn, khu phố.

II. ĐÁNH GIÁ CHUNG

1. Ưu điểm

Công tác thông tin đối ngoại được cấp ủy, chính quyền xã quan tâm ngay từ khi sắp xếp, tổ \
chức bộ máy; nội dung thông tin phong phú, bám sát định hướng của tỉnh.

2. Hạn chế, khó khăn

- Xã được thành lập trên cơ sở sắp xếp 03 đơn vị hành chính cấp xã, khối lượng công việc \
lớn, công chức kiêm nhiệm nhiều lĩnh vực.

- Chưa có kinh phí riêng cho hoạt động thông tin đối ngoại; sản phẩm thông tin bằng tiếng \
nước ngoài còn ít.

III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026

- Tiếp tục triển khai Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập \
quốc tế trong tình hình mới và Kết luận số 57-KL/TW.

- Phấn đấu 100% thôn, khu phố có cụm loa truyền thanh ứng dụng công nghệ thông tin - viễn \
thông hoạt động; xây dựng ít nhất 04 video clip quảng bá bằng tiếng Anh.

IV. ĐỀ XUẤT, KIẾN NGHỊ

Đề nghị Sở Văn hóa, Thể thao và Du lịch mở thêm lớp tập huấn nghiệp vụ thông tin đối ngoại \
cho công chức cấp xã; hỗ trợ xã biên dịch tài liệu quảng bá sang tiếng nước ngoài.

Trên đây là báo cáo kết quả công tác thông tin đối ngoại 6 tháng cuối năm 2025 của UBND xã \
Tuy Phước./.

Nơi nhận:
- Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai;
- TT Đảng ủy, TT HĐND xã;
- CT, các PCT UBND xã;
- Văn phòng HĐND và UBND xã;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Thị Mỹ Linh
"""

TXT_MUONG_KHUONG = """\
UBND TỈNH LÀO CAI
UỶ BAN NHÂN DÂN HUYỆN MƯỜNG KHƯƠNG
Số: 86/BC-UBND
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Mường Khương, ngày 20 tháng 6 năm 2011

BÁO CÁO
Sơ kết công tác thông tin đối ngoại 6 tháng đầu năm 2011,
phương hướng nhiệm vụ 6 tháng cuối năm 2011

Thực hiện Kế hoạch số 15/KH-UBND ngày 28/01/2011 của UBND tỉnh Lào Cai về công tác thông tin \
đối ngoại năm 2011; Công văn số 245/STTTT-BCXB ngày 06/6/2011 của Sở Thông tin và Truyền thông \
về việc báo cáo sơ kết công tác thông tin đối ngoại 6 tháng đầu năm 2011, UBND huyện Mường \
Khương báo cáo như sau:

I. KẾT QUẢ THỰC HIỆN

1. Công tác chỉ đạo, triển khai

UBND huyện ban hành Kế hoạch số 09/KH-UBND ngày 18/02/2011 về công tác thông tin đối ngoại năm \
2011; chỉ đạo các cơ quan, đơn vị và UBND 16 xã, thị trấn thực hiện Quyết định số \
79/2010/QĐ-TTg ngày 30/11/2010 của Thủ tướng Chính phủ ban hành Quy chế quản lý nhà nước về \
thông tin đối ngoại.

2. Thông tin, tuyên truyền về biên giới, cửa khẩu

- Đài Truyền thanh - Truyền hình huyện sản xuất 52 chương trình phát thanh và 24 chương trình \
truyền hình, trong đó có 18 chương trình chuyên đề về biên giới, cửa khẩu.

- Biên soạn, in và phát hành 2.000 tờ gấp song ngữ Việt - Trung giới thiệu về cửa khẩu Mường \
Khương và các chính sách ưu đãi đầu tư của huyện.

- Phối hợp với Đồn Biên phòng cửa khẩu Mường Khương tuyên truyền 3 văn kiện pháp lý về biên \
giới trên đất liền Việt Nam - Trung Quốc cho hơn 3.200 lượt người dân của 05 xã biên giới.

- Trong 6 tháng, qua cửa khẩu Mường Khương có 12.450 lượt người xuất nhập cảnh; kim ngạch xuất \
nhập khẩu đạt 38,6 triệu USD, tăng 21,3% so với cùng kỳ năm 2010.

3. Quản lý hoạt động thông tin đối ngoại

- Tiếp đón 06 đoàn khách nước ngoài với 47 người, chủ yếu từ huyện Mã Quan, tỉnh Vân Nam \
(Trung Quốc), đến làm việc, trao đổi về quản lý biên giới và giao thương.

- Trong kỳ không có phóng viên nước ngoài đến tác nghiệp trên địa bàn huyện.

II. ĐÁNH GIÁ CHUNG

Công tác thông tin đối ngoại được các cấp, các ngành quan tâm; tuy nhiên đội ngũ cán bộ làm \
công tác thông tin đối ngoại chủ yếu kiêm nhiệm, chưa được bồi dưỡng nghiệp vụ, trang thiết bị \
còn thiếu.

III. PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM 2011

- Tổ chức 02 lớp bồi dưỡng nghiệp vụ thông tin đối ngoại cho khoảng 120 cán bộ các xã biên giới.

- Tiếp tục tuyên truyền các văn kiện pháp lý về biên giới; chuẩn bị nội dung phục vụ kỷ niệm \
các ngày lễ lớn của đất nước.

Nơi nhận:
- Sở Thông tin và Truyền thông;
- TT Huyện uỷ, TT HĐND huyện;
- Lãnh đạo UBND huyện;
- Lưu: VT.

TM. UỶ BAN NHÂN DÂN
CHỦ TỊCH

Lù Văn Sài
"""

TXT_DAK_LAK = """\
Báo Đắk Lắk điện tử
Thời sự | Kinh tế | Văn hóa - Xã hội | Đối ngoại | Du lịch | Multimedia
Thứ Sáu, 11/10/2024, 08:15 (GMT+7)

Đắk Lắk: Thông tin đối ngoại góp phần đưa hình ảnh "thủ phủ cà phê" ra thế giới

Lượt xem: 2.317   |   Chia sẻ   |   In bài

9 tháng đầu năm 2024, công tác thông tin đối ngoại của tỉnh Đắk Lắk được triển khai đồng bộ, \
gắn với quảng bá thương hiệu cà phê Buôn Ma Thuột, thu hút đầu tư và phát triển du lịch.

Theo Sở Thông tin và Truyền thông, trong 9 tháng, các cơ quan báo chí địa phương đã đăng, phát \
hơn 2.600 tin, bài, phóng sự về thông tin đối ngoại, tăng 15,2% so với cùng kỳ năm 2023. Báo \
Đắk Lắk điện tử phiên bản tiếng Anh đăng tải 1.120 tin, bài; Đài Phát thanh và Truyền hình tỉnh \
duy trì chuyên mục "Đắk Lắk - Điểm đến" với 36 kỳ phát sóng bằng tiếng Việt, có phụ đề tiếng Anh.

Tại Hội nghị xúc tiến đầu tư tổ chức trong tháng 6, tỉnh đã trao chứng nhận đầu tư cho 03 dự án \
FDI với tổng vốn đăng ký 12,5 triệu USD và ký 14 biên bản ghi nhớ hợp tác với tổng vốn dự kiến \
khoảng 9.800 tỷ đồng. Ấn phẩm "Đắk Lắk - Tiềm năng và cơ hội đầu tư" được tái bản với 3.000 \
cuốn bằng 4 thứ tiếng: Việt, Anh, Hàn, Trung.

Về du lịch, 9 tháng năm 2024 tỉnh đón khoảng 1,2 triệu lượt khách, trong đó khách quốc tế đạt \
gần 45.000 lượt; tổng thu từ du lịch ước đạt 2.350 tỷ đồng, tăng 8,7% so với cùng kỳ. Công tác \
chuẩn bị Lễ hội Cà phê Buôn Ma Thuột lần thứ 9 năm 2025 đang được các ngành tích cực triển khai.

Sở Ngoại vụ đã phối hợp đón 27 đoàn khách quốc tế với 312 lượt người đến thăm, làm việc; hướng \
dẫn 09 đoàn với 41 phóng viên nước ngoài tác nghiệp tại tỉnh, trong đó có phóng viên hãng thông \
tấn Kyodo (Nhật Bản) và đài NHK.

Tuy nhiên, theo ông Lê Minh Đức, Phó Giám đốc Sở Thông tin và Truyền thông, nguồn nhân lực làm \
thông tin đối ngoại còn mỏng: toàn tỉnh mới có 11 cán bộ chuyên trách, phần lớn sản phẩm bằng \
tiếng nước ngoài phải thuê biên dịch.

Thời gian tới, tỉnh tiếp tục thực hiện Kế hoạch số 28/KH-UBND ngày 05/02/2024 của UBND tỉnh về \
công tác thông tin đối ngoại năm 2024 và Chiến lược thông tin đối ngoại giai đoạn 2021-2030 ban \
hành kèm theo Quyết định số 1191/QĐ-TTg ngày 14/8/2020 của Thủ tướng Chính phủ.

Minh Thuận

Tin liên quan:
- Đắk Lắk: 9 tháng thu hút 5 dự án mới, vốn đăng ký 1.320 tỷ đồng (08/10/2024)
- Xuất khẩu cà phê 9 tháng đạt 1,1 tỷ USD (05/10/2024)
- Khai mạc Tuần lễ Văn hóa - Du lịch Đắk Lắk năm 2024 với 20 gian hàng (28/9/2024)

Bình luận (0)
Gửi bình luận
"""

TXT_AN_GIANG_KH = """\
UBND TỈNH AN GIANG
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH

Số: 3418/KH-SVHTTDL

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

An Giang, ngày 26 tháng 12 năm 2025

KẾ HOẠCH
Công tác thông tin đối ngoại năm 2026

Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin \
đối ngoại; Quyết định số 1191/QĐ-TTg ngày 14/8/2020 của Thủ tướng Chính phủ phê duyệt Chiến \
lược thông tin đối ngoại giai đoạn 2021-2030; Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính \
trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới; \
Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới;

Thực hiện Kế hoạch số 245/KH-UBND ngày 19/12/2025 của UBND tỉnh An Giang về công tác thông tin \
đối ngoại năm 2026, Sở Văn hóa, Thể thao và Du lịch xây dựng Kế hoạch thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

Quảng bá hình ảnh tỉnh An Giang sau sắp xếp, hợp nhất đơn vị hành chính: vùng đất có đường \
biên giới đất liền với Vương quốc Cam-pu-chia, có biển đảo và đặc khu Phú Quốc, giàu tiềm năng \
du lịch, nông nghiệp và kinh tế biển.

2. Yêu cầu

Bám sát định hướng của Trung ương và của tỉnh; bảo đảm chính xác, kịp thời, đúng quy định về \
phát ngôn và cung cấp thông tin cho báo chí.

II. NỘI DUNG VÀ CHỈ TIÊU

1. Thông tin, tuyên truyền

- Đăng tải ít nhất 1.200 tin, bài thông tin đối ngoại trên Cổng thông tin điện tử tỉnh và trang \
thông tin điện tử của Sở, trong đó khoảng 30% được biên dịch sang tiếng Anh.

- Phối hợp với Báo và Phát thanh, Truyền hình An Giang duy trì chuyên mục "An Giang hội nhập" \
52 kỳ trong năm; sản xuất 12 phóng sự bằng tiếng Anh, tiếng Khmer và tiếng Trung.

- Phát triển trang "Du lịch An Giang" trên mạng xã hội từ khoảng 98.000 người theo dõi hiện nay \
lên 150.000 người theo dõi vào cuối năm 2026.

2. Quảng bá hình ảnh, xúc tiến du lịch

- In 5.000 bản đồ du lịch song ngữ Việt - Anh; tham gia 03 hội chợ du lịch quốc tế tại Hà Nội, \
Thành phố Hồ Chí Minh và Phnôm Pênh.

- Tổ chức chương trình khảo sát (famtrip) cho 30 hãng lữ hành và 15 phóng viên quốc tế.

- Phấn đấu đón 12 triệu lượt khách, trong đó 1,5 triệu lượt khách quốc tế.

3. Bồi dưỡng nghiệp vụ

Tổ chức 02 lớp tập huấn kỹ năng thông tin đối ngoại cho khoảng 150 học viên là công chức phụ \
trách văn hóa - xã hội của 102 xã, phường, đặc khu.

III. KINH PHÍ

Tổng kinh phí dự kiến 1,85 tỷ đồng từ nguồn ngân sách tỉnh năm 2026 giao cho Sở.

IV. TỔ CHỨC THỰC HIỆN

1. Phòng Báo chí, Xuất bản và Thông tin đối ngoại chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch.

2. Trung tâm Xúc tiến Du lịch chủ trì các hoạt động quảng bá, xúc tiến du lịch.

3. Đề nghị UBND các xã, phường, đặc khu phối hợp thực hiện; báo cáo kết quả về Sở trước ngày \
15/6/2026 (báo cáo 6 tháng) và ngày 15/11/2026 (báo cáo năm).

Nơi nhận:
- UBND tỉnh (để báo cáo);
- Ban Tuyên giáo và Dân vận Tỉnh ủy;
- Giám đốc, các Phó Giám đốc Sở;
- UBND các xã, phường, đặc khu;
- Lưu: VT, BCXBTTĐN.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Lâm Quốc Khánh
"""

TEXT_DOCS = [
    TextDoc("bc-xa-tuy-phuoc-6-thang-cuoi-2025", TXT_XA_TUY_PHUOC),
    TextDoc("bc-muong-khuong-6-thang-dau-2011-tcvn3", TXT_MUONG_KHUONG, "tcvn3"),
    TextDoc("tin-dak-lak-9-thang-2024-cp1258", TXT_DAK_LAK, "cp1258"),
    TextDoc("kh-svhttdl-an-giang-2026-utf16", TXT_AN_GIANG_KH, "utf-16"),
]

# ---------------------------------------------------------------------------
# Portal pages
# ---------------------------------------------------------------------------


@dataclass
class HtmlDoc:
    stem: str
    html: str
    encoding: str = "utf-8"  # utf-8 | cp1258 (the page's meta charset says which)

    def build(self, out: Path) -> Path:
        text = self.html.strip("\n") + "\n"
        data = to_cp1258(text) if self.encoding == "cp1258" else text.encode("utf-8")
        path = out / f"{self.stem}.html"
        path.write_bytes(data)
        return path


HTML_HA_TINH = """\
<!DOCTYPE html>
<html lang="vi" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hà Tĩnh: Công tác thông tin đối ngoại 6 tháng đầu năm 2024 đạt nhiều kết quả tích cực \
- Cổng thông tin điện tử tỉnh Hà Tĩnh</title>
<meta property="og:title" content="Hà Tĩnh: Công tác thông tin đối ngoại 6 tháng đầu năm 2024 \
đạt nhiều kết quả tích cực">
<meta property="og:type" content="article">
<link rel="stylesheet" href="/_layouts/15/1033/styles/Themable/corev15.css">
<script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: "/", \
webLanguage: 1066, currentLanguage: 1066, pageListId: "{5f0c7a2e-11d2-4e8b-9a51-3c0e4a7b2d19}", \
pageItemId: 2317};</script>
<script src="/_layouts/15/init.js"></script>
</head>
<body>
<div id="s4-ribbonrow">
  <div id="globalNavBox">
    <a href="javascript:;" class="ms-skip">Skip Ribbon Commands</a>
    <a href="#mainContent" class="ms-skip">Skip to main content</a>
    <span class="ms-cui-tt-span">Browse</span><span class="ms-cui-tt-span">Page</span>
  </div>
</div>
<div id="s4-workspace">
<header class="portal-header">
  <div class="logo"><img src="/PublishingImages/logo.png" alt="Quốc huy"> \
<span>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÀ TĨNH</span></div>
  <div class="top-links"><a href="/en">English</a> | <a href="/lo">ພາສາລາວ</a> | \
<a href="/sitemap">Sơ đồ cổng</a> | <a href="/lienhe">Liên hệ</a></div>
  <form class="search"><input type="text" placeholder="Tìm kiếm..."><button>Tìm</button></form>
  <div class="today">Thứ Hai, 15/07/2024</div>
</header>
<nav class="main-menu"><ul>
  <li><a href="/">Trang chủ</a></li><li><a href="/gioithieu">Giới thiệu</a></li>
  <li><a href="/tintuc">Tin tức - Sự kiện</a></li><li><a href="/chinhquyen">Chính quyền</a></li>
  <li><a href="/congdan">Công dân</a></li><li><a href="/doanhnghiep">Doanh nghiệp</a></li>
  <li><a href="/dukhach">Du khách</a></li><li><a href="/vanban">Văn bản</a></li>
</ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/tintuc">Tin tức - Sự kiện</a> \
&gt; <a href="/tintuc/doingoai">Thông tin đối ngoại</a></div>
<div class="print-header" style="display:none">{{title}} | {{publish_date}}</div>
<div id="mainContent" class="main">
<div class="article-detail">
  <h1 class="article-title">Hà Tĩnh: Công tác thông tin đối ngoại 6 tháng đầu năm 2024 đạt nhiều \
kết quả tích cực</h1>
  <div class="article-meta"><span class="date">12/07/2024 15:40</span> \
<span class="views">Lượt xem: 1.642</span></div>
  <div class="share-tools"><a class="fb">Chia sẻ</a> <a class="zalo">Zalo</a> \
<a class="print">In bài viết</a> <a class="mail">Gửi email</a> <span>Cỡ chữ: A- A A+</span></div>
  <div class="article-sapo"><p>(Cổng TTĐT) - 6 tháng đầu năm 2024, công tác thông tin đối ngoại \
trên địa bàn tỉnh được triển khai chủ động, bám sát Kế hoạch số 47/KH-UBND ngày 31/01/2024 của UBND \
tỉnh; nhiều sản phẩm thông tin đối ngoại bằng tiếng nước ngoài được phát hành.</p></div>
  <div class="article-content">
    <p>Theo báo cáo của Sở Thông tin và Truyền thông, trong 6 tháng đầu năm, các cơ quan báo chí \
của tỉnh đã đăng, phát 1.864 tin, bài, phóng sự về thông tin đối ngoại, tăng 11,3% so với cùng kỳ \
năm 2023. Cổng Thông tin điện tử tỉnh duy trì phiên bản tiếng Anh và tiếng Lào với 215 tin, bài \
được biên dịch; Báo Hà Tĩnh phát hành 12 số chuyên đề bằng tiếng Lào phục vụ bà con Việt kiều và \
bạn bè Lào.</p>
    <p><img src="/PublishingImages/2024/07/hoinghi.jpg" alt="Hội nghị"></p>
    <p class="caption"><em>Quang cảnh hội nghị sơ kết công tác thông tin đối ngoại 6 tháng đầu năm \
2024</em></p>
    <p>Công tác thông tin đối ngoại gắn với xúc tiến đầu tư được đẩy mạnh. Tỉnh đã cấp mới 03 dự án \
FDI với tổng vốn đăng ký 27,4 triệu USD; lũy kế đến nay, toàn tỉnh có 92 dự án FDI còn hiệu lực với \
tổng vốn đăng ký khoảng 14,6 tỷ USD.</p>
    <p>Hoạt động đối ngoại nhân dân, hợp tác với các tỉnh Trung Lào tiếp tục được tăng cường. Nhân \
dịp Tết cổ truyền Bunpimay, tỉnh tổ chức đoàn đại biểu thăm, chúc Tết 03 tỉnh Bolikhamxay, \
Khammouane và Xiengkhouang; trao 20 suất học bổng cho lưu học sinh Lào đang học tập tại tỉnh.</p>
    <p>Về du lịch, 6 tháng đầu năm tỉnh đón khoảng 4,2 triệu lượt khách, tăng 9,6% so với cùng kỳ; \
trong đó khách quốc tế đạt 12.800 lượt. Tổng thu từ du lịch ước đạt 3.150 tỷ đồng.</p>
    <p>Sở Thông tin và Truyền thông phối hợp với Ban Tuyên giáo Tỉnh ủy tổ chức 01 lớp bồi dưỡng \
kiến thức thông tin đối ngoại cho 120 học viên là cán bộ, công chức các sở, ngành, địa phương và \
phóng viên các cơ quan báo chí. Trang fanpage “Thông tin đối ngoại Hà Tĩnh” hiện có hơn 45.000 \
người theo dõi.</p>
    <p>Tuy nhiên, thông tin bằng tiếng nước ngoài vẫn còn hạn chế, mới có khoảng 8% tin, bài được \
biên dịch. 6 tháng cuối năm, tỉnh tập trung tuyên truyền Kết luận số 57-KL/TW ngày 15/6/2023 của \
Bộ Chính trị; các sự kiện đối ngoại lớn, trong đó có kỷ niệm 62 năm Ngày thiết lập quan hệ ngoại \
giao Việt Nam - Lào.</p>
    <p class="author"><strong>Thu Hà</strong></p>
  </div>
  <div class="tags">Từ khóa: <a>thông tin đối ngoại</a>, <a>Lào</a>, <a>xúc tiến đầu tư</a></div>
</div>
<div class="related-news">
  <h3>Tin liên quan</h3>
  <ul>
    <li><a href="/tin/1">Hà Tĩnh thu hút 12 dự án FDI mới trong quý II/2024</a> <span>(10/07/2024)</span></li>
    <li><a href="/tin/2">UBND tỉnh ban hành Kế hoạch số 210/KH-UBND về phát triển du lịch</a> \
<span>(05/07/2024)</span></li>
    <li><a href="/tin/3">Hơn 500 đại biểu dự Diễn đàn hợp tác Việt - Lào lần thứ 3</a> \
<span>(28/06/2024)</span></li>
    <li><a href="/tin/4">Đón 2,5 triệu lượt khách dịp nghỉ lễ 30/4 - 1/5</a> <span>(02/05/2024)</span></li>
  </ul>
</div>
<aside class="sidebar">
  <div class="box"><h4>Thông báo</h4><ul><li>Lịch tiếp công dân tháng 7/2024</li>\
<li>Công khai 45 thủ tục hành chính mới</li></ul></div>
  <div class="box counter"><h4>Thống kê truy cập</h4><p>Lượt truy cập: 1.234.567</p>\
<p>Đang trực tuyến: 235</p></div>
</aside>
</div>
<footer class="portal-footer">
  <p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Hà Tĩnh. Cơ quan thường trực: Văn phòng UBND tỉnh.</p>
  <p>Giấy phép số 45/GP-TTĐT ngày 20/3/2019 của Sở Thông tin và Truyền thông.</p>
  <p>Địa chỉ: số 01 đường Nguyễn Tất Thành, thành phố Hà Tĩnh. Điện thoại: 0239.3855.999</p>
  <p>© 2024 Cổng thông tin điện tử tỉnh Hà Tĩnh. Ghi rõ nguồn khi phát hành lại thông tin.</p>
</footer>
</div>
</body>
</html>
"""

HTML_QUANG_NINH_EN = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Quang Ninh steps up external information work in first nine months of 2024 | \
Quang Ninh Portal</title>
<meta name="description" content="{{description}}">
<link rel="stylesheet" href="/assets/css/main.min.css">
</head>
<body class="lang-en">
<a class="skip" href="#content">Skip to main content</a>
<div class="topbar">
  <span class="date-now">Tuesday, October 15, 2024</span>
  <span class="lang"><a href="/vi">Tiếng Việt</a> | <a href="/zh">中文</a> | <a href="/en">English</a></span>
  <form class="search"><input name="q" placeholder="Search"></form>
</div>
<header><a class="brand" href="/en"><img src="/assets/img/logo.png" alt=""> QUANG NINH PROVINCE \
PORTAL</a></header>
<nav id="menu"><ul>
  <li><a href="/en">Home</a></li><li><a href="/en/about">About Quang Ninh</a></li>
  <li><a href="/en/news">News</a></li><li><a href="/en/investment">Investment</a></li>
  <li><a href="/en/tourism">Tourism</a></li><li><a href="/en/contact">Contact</a></li>
</ul></nav>
<ol class="breadcrumb"><li><a href="/en">Home</a></li><li><a href="/en/news">News</a></li>\
<li>External Relations</li></ol>
<main id="content">
<article class="news-detail">
  <h1>Quang Ninh steps up external information work in first nine months of 2024</h1>
  <p class="meta">Updated: 09:30, October 15, 2024 | Source: Quang Ninh Media Centre</p>
  <ul class="share"><li>Share</li><li>Facebook</li><li>X</li><li>LinkedIn</li><li>Print</li></ul>
  <div class="lead"><p>In the first nine months of 2024, external information activities helped \
Quang Ninh attract investment and international tourists, contributing to the province's \
socio-economic development.</p></div>
  <div class="body">
    <p>According to the provincial Department of Information and Communications, local press \
agencies published 3,450 articles and reports on external information, up 14.2% year on year. \
The English version of the provincial portal posted 1,250 articles, while the fanpages of the \
provincial media centre in English and Chinese gained more than 86,000 followers.</p>
    <p>The province implemented Plan No. 35/KH-UBND dated February 2, 2024 of the Provincial \
People's Committee on external information work and Conclusion No. 57-KL/TW of the Politburo on \
improving the quality and effectiveness of external information in the new situation.</p>
    <p>From January to September, Quang Ninh licensed 14 projects of foreign direct investors with total \
registered capital of 1.32 billion USD, while 6 projects already in operation added 4.5 million USD. \
Investment promotion publications were printed in 6,000 copies in English, Chinese, Korean and \
Japanese.</p>
    <p>The province welcomed about 15.2 million visitors, including nearly 1.9 million \
arrivals from abroad. Tourism revenue was estimated at 39,800 billion VND, accounting for 72% of the annual \
target.</p>
    <p>Quang Ninh hosted 32 delegations of foreign journalists with 118 reporters, many of whom \
covered the 30th anniversary of Ha Long Bay's first recognition as a UNESCO World Natural Heritage \
Site (1994-2024). It also organised 5 training courses on external information for 420 officials \
of departments and localities.</p>
    <p class="author">Thanh Hang</p>
  </div>
</article>
<section class="related">
  <h2>Related news</h2>
  <ul>
    <li><a href="/en/n/1">Quang Ninh attracts 2.1 billion USD of FDI in 2023</a></li>
    <li><a href="/en/n/2">Ha Long welcomes 300 cruise passengers on first voyage of the season</a></li>
    <li><a href="/en/n/3">G7 ambassadors visit Van Don Economic Zone</a></li>
  </ul>
</section>
</main>
<footer>
  <p>Quang Ninh Province Portal. Licence No. 28/GP-TTĐT. Address: Block 1, Ha Long city.</p>
  <p>Visitors: 2,345,678 | Online: 412</p>
  <p>Copyright © 2024 Quang Ninh Provincial People's Committee.</p>
</footer>
</body>
</html>
"""

HTML_HUE_1258 = """\
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1258" />
<title>Tổng kết công tác thông tin đối ngoại năm 2021, triển khai nhiệm vụ năm 2022</title>
<style type="text/css">.hidden{display:none}</style>
</head>
<body>
<table id="wrapper" width="980" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="banner"><img src="/images/banner.jpg" alt="Cổng thông tin điện tử \
Thừa Thiên Huế" /></td></tr>
<tr><td colspan="2" class="menu">
  <a href="/">Trang chủ</a> | <a href="/gioi-thieu">Giới thiệu</a> | <a href="/tin-tuc">Tin tức</a> \
| <a href="/doi-ngoai">Đối ngoại</a> | <a href="/dau-tu">Đầu tư</a> | <a href="/du-lich">Du lịch</a> \
| <a href="/van-ban">Văn bản</a> | <a href="/hoi-dap">Hỏi đáp</a>
</td></tr>
<tr>
<td class="left" valign="top" width="200">
  <div class="box"><b>CHUYÊN MỤC</b><br /><a>Chính trị</a><br /><a>Kinh tế</a><br />\
<a>Văn hóa - Xã hội</a><br /><a>Đối ngoại</a></div>
  <div class="box"><b>LIÊN KẾT WEBSITE</b><br /><select><option>-- Chọn website --</option>\
<option>Chính phủ</option></select></div>
  <div class="box counter">Số lượt truy cập: 15.203.447<br />Đang online: 318</div>
</td>
<td class="main" valign="top">
  <div class="path">Bạn đang ở: <a href="/">Trang chủ</a> » <a href="/tin-tuc">Tin tức</a> » \
<a href="/doi-ngoai">Đối ngoại</a></div>
  <div class="news-title">Tổng kết công tác thông tin đối ngoại năm 2021, triển khai nhiệm vụ năm \
2022</div>
  <div class="news-date">Thứ Năm, 20/01/2022 16:05</div>
  <div class="tools">[<a>In trang</a>] [<a>Gửi email</a>] [<a>Chia sẻ</a>] [<a>Về đầu trang</a>]</div>
  <div class="news-summary"><b>Chiều 20/1, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh tổ chức \
hội nghị tổng kết công tác thông tin đối ngoại năm 2021, triển khai nhiệm vụ năm 2022.</b></div>
  <div class="news-content">
  <p>Năm 2021, trong bối cảnh dịch Covid-19 diễn biến phức tạp, công tác thông tin đối ngoại của \
tỉnh được triển khai linh hoạt, chuyển mạnh sang hình thức trực tuyến, bám sát Nghị quyết số \
54-NQ/TW ngày 10/12/2019 của Bộ Chính trị về xây dựng và phát triển tỉnh Thừa Thiên Huế đến năm \
2030, tầm nhìn đến năm 2045 và Kế hoạch số 13/KH-BCĐ ngày 22/02/2021 của Ban Chỉ đạo.</p>
  <p>Các cơ quan báo chí địa phương đăng, phát trên 4.300 tin, bài, phóng sự về thông tin đối \
ngoại; Cổng Thông tin điện tử tỉnh đăng tải 1.050 tin, bài trên các phiên bản tiếng Anh, tiếng \
Pháp, tiếng Hàn và tiếng Nhật. Tỉnh tổ chức 12 sự kiện trực tuyến quảng bá du lịch Huế tại các \
thị trường Nhật Bản, Hàn Quốc, Pháp; xuất bản 4.000 cuốn sách ảnh “Huế - Kinh đô xưa, Thành phố \
Festival”.</p>
  <p>Dù chịu tác động nặng nề của dịch bệnh, tỉnh vẫn thu hút được 06 dự án FDI với tổng vốn đăng \
ký 295 triệu USD. Lượng khách đến Huế đạt 1,05 triệu lượt khách, giảm 40,2% so với năm 2020. \
Các ngành đã tổ chức 04 lớp tập huấn trực tuyến về thông tin đối ngoại với gần 300 lượt cán bộ \
tham gia.</p>
  <p>Phát biểu chỉ đạo, Phó Chủ tịch UBND tỉnh đề nghị trong năm 2022 các cơ quan thực hiện tốt \
Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ trong bối cảnh mới; chuẩn bị chu đáo \
Festival Huế 2022, tuyên truyền kỷ niệm 30 năm thiết lập quan hệ ngoại giao Việt Nam - Hàn Quốc \
và Năm Đoàn kết hữu nghị Việt Nam - Lào 2022; phấn đấu đến hết năm 2022 có 100% sở, ngành, địa \
phương bố trí cán bộ phụ trách thông tin đối ngoại.</p>
  <p align="right"><b>Minh Hiền</b></p>
  </div>
  <div class="other-news"><b>Các tin khác:</b>
  <ul>
  <li><a>Festival Huế 2022 dự kiến đón 200.000 lượt khách</a> (18/01/2022)</li>
  <li><a>Huế đón 3 đoàn ngoại giao đầu năm mới</a> (15/01/2022)</li>
  <li><a>Tặng 1.000 suất quà Tết cho người nghèo</a> (12/01/2022)</li>
  </ul></div>
  <div class="hidden">{{news.title}} {{news.author}}</div>
</td>
</tr>
<tr><td colspan="2" class="footer">Cổng Thông tin điện tử tỉnh Thừa Thiên Huế - Giấy phép số \
12/GP-STTTT. Địa chỉ: 16 Lê Lợi, thành phố Huế. Ghi rõ nguồn khi trích dẫn.</td></tr>
</table>
</body>
</html>
"""

HTML_BACH_DICH = """\
<!doctype html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<title>{{title}} | Cổng thông tin điện tử xã Bạch Đích</title>
<meta property="og:title" content="Xã Bạch Đích tập huấn thông tin đối ngoại và tuyên truyền bảo \
vệ chủ quyền biên giới">
<link rel="stylesheet" href="/themes/xa/css/style.css">
</head>
<body>
<div class="header">
  <div class="container">
    <div class="quoc-huy"></div>
    <div class="site-name">CỔNG THÔNG TIN ĐIỆN TỬ<br>XÃ BẠCH ĐÍCH - TỈNH TUYÊN QUANG</div>
  </div>
</div>
<div class="navbar">
  <ul class="nav">
    <li><a href="/">Trang chủ</a></li>
    <li class="dropdown"><a href="/gioi-thieu">Giới thiệu</a><ul><li><a>Lịch sử</a></li>\
<li><a>Cơ cấu tổ chức</a></li></ul></li>
    <li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
    <li><a href="/thu-tuc">Thủ tục hành chính</a></li>
    <li><a href="/van-ban">Văn bản chỉ đạo, điều hành</a></li>
    <li><a href="/lien-he">Liên hệ</a></li>
  </ul>
</div>
<div class="container main">
  <div class="breadcrumbs"><a href="/">Trang chủ</a> / <a href="/tin-tuc">Tin tức - Sự kiện</a> / \
<span>Tin hoạt động</span></div>
  <div class="col-main">
    <h2 class="post-title">Xã Bạch Đích tập huấn thông tin đối ngoại và tuyên truyền bảo vệ chủ \
quyền biên giới</h2>
    <div class="post-meta">Ngày đăng: 18/09/2025 | Người đăng: Văn phòng HĐND và UBND xã \
| <a class="btn-share">Chia sẻ</a> <a class="btn-print">In</a></div>
    <div class="post-summary">Ngày 17/9/2025, UBND xã Bạch Đích khai mạc Hội nghị tập huấn công \
tác thông tin đối ngoại và tuyên truyền bảo vệ chủ quyền biên giới quốc gia năm 2025.</div>
    <div class="post-body">
      <p>Hội nghị được tổ chức trong 02 ngày (17 - 18/9), thực hiện Kế hoạch số 68/KH-UBND ngày \
02/9/2025 của UBND xã. Tham dự có 85 học viên là cán bộ, công chức, Bí thư chi bộ, Trưởng thôn \
của 14 thôn trên địa bàn xã.</p>
      <p>Bạch Đích là xã biên giới có 19,6 km đường biên giới tiếp giáp với Trung Quốc, với 35 cột \
mốc. Xã hiện có 2.146 hộ với 11.380 nhân khẩu, trong đó 98% là đồng bào dân tộc Mông.</p>
      <p>Tại hội nghị, các học viên được báo cáo viên của Ban Tuyên giáo và Dân vận Tỉnh ủy, Đồn \
Biên phòng Bạch Đích truyền đạt các chuyên đề: công tác thông tin đối ngoại trong tình hình mới; \
Luật Biên giới quốc gia; Nghị định số 34/2014/NĐ-CP ngày 29/4/2014 của Chính phủ về Quy chế khu \
vực biên giới đất liền; kỹ năng nhận diện, phản bác thông tin sai trái trên mạng xã hội.</p>
      <p>Dịp này, UBND xã cấp phát 500 tờ rơi tuyên truyền bằng tiếng Việt và tiếng Mông, 120 lá \
cờ Tổ quốc cho các hộ gia đình ở khu vực biên giới.</p>
      <p style="text-align:right"><strong>Thào Mí Sính</strong></p>
    </div>
    <div class="post-related">
      <h3>Tin liên quan</h3>
      <ul>
        <li><a>Xã Bạch Đích ra quân làm đường giao thông nông thôn, huy động 1.200 ngày công</a></li>
        <li><a>Trao 50 suất quà cho học sinh nghèo nhân dịp năm học mới 2025-2026</a></li>
        <li><a>Đại hội Đảng bộ xã Bạch Đích lần thứ I, nhiệm kỳ 2025-2030 thành công tốt đẹp</a></li>
      </ul>
    </div>
  </div>
  <div class="col-side">
    <div class="widget"><h4>Văn bản mới</h4><ul><li><a>Quyết định số 215/QĐ-UBND</a></li>\
<li><a>Kế hoạch số 71/KH-UBND</a></li></ul></div>
    <div class="widget"><h4>Thống kê truy cập</h4><p>Lượt truy cập: 48.215</p><p>Hôm nay: 127</p></div>
  </div>
</div>
<div class="footer">
  <p>Bản quyền thuộc UBND xã Bạch Đích, tỉnh Tuyên Quang. Chịu trách nhiệm nội dung: Chủ tịch UBND \
xã.</p>
  <p>Điện thoại: 0219.3xxx.xxx - Email: ubndxabachdich@tuyenquang.gov.vn</p>
</div>
</body>
</html>
"""

HTML_DOCS = [
    HtmlDoc("tin-ha-tinh-6-thang-dau-2024", HTML_HA_TINH),
    HtmlDoc("en-quang-ninh-9-months-2024", HTML_QUANG_NINH_EN),
    HtmlDoc("tin-hue-tong-ket-2021-cp1258", HTML_HUE_1258, "cp1258"),
    HtmlDoc("tin-xa-bach-dich-tap-huan-2025", HTML_BACH_DICH),
]

# ---------------------------------------------------------------------------
# Official reports as DOCX (Decree 30/2020 layout), and PDFs printed from them
# ---------------------------------------------------------------------------

NUM_ID = 90  # numbering instance of the report headings: I. / 1. / a)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Report:
    """An official document laid out as Decree 30/2020 (or, with ``party``, as the
    Party's Hướng dẫn 36-HD/VPTW) wants it.

    ``body`` holds blocks: ("h1" | "h2" | "h3", text) headings, numbered I. / 1. / a)
    by Word automatic numbering (or typed, with ``typed_numbers``); ("p", text)
    paragraphs, where "[^n]" places footnote n; ("table", header, rows) tables.
    """

    stem: str
    header_left: list[tuple[str, bool]]  # (text, bold)
    number_line: str
    header_right: list[tuple[str, bool, bool]]  # (text, bold, underline)
    place_date: str
    doc_type: str
    subject: list[str]
    body: list[tuple]
    closing: str
    recipients: list[str]
    authority: list[str]
    signer: str
    footnotes: dict[int, str] = field(default_factory=dict)
    tcvn3: bool = False
    typed_numbers: bool = False
    pdf: str | None = None  # stem of a PDF printed from this DOCX
    docx: bool = True  # False: only the PDF goes into the corpus

    def build(self, out: Path) -> Path:
        path = out / f"{self.stem}.docx"
        write_docx(self, path)
        return path


MOTTO = [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
    ("Độc lập - Tự do - Hạnh phúc", True, True),
]


def _rfonts(run, name: str) -> None:
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


class _Writer:
    def __init__(self, report: Report):
        self.report = report
        self.doc = Document()
        self._setup()

    def _setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(14)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), "Times New Roman")
        normal.paragraph_format.space_after = Pt(0)
        props = self.doc.core_properties
        props.author = props.last_modified_by = ""
        props.title = self.report.subject[0] if not self.report.tcvn3 else ""
        props.created = props.modified = datetime(2020, 1, 1)
        props.revision = 1

    # -- runs and paragraphs -------------------------------------------------
    def run(self, par, text: str, bold=False, italic=False, underline=False, size=None):
        if self.report.tcvn3:
            font = ".VnTimeH" if is_caps(text) else ".VnTime"
            text = tcvn3_text(text)
        run = par.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size:
            run.font.size = Pt(size)
        if self.report.tcvn3:
            _rfonts(run, font)
        return run

    def para(
        self,
        container,
        text="",
        align=None,
        bold=False,
        italic=False,
        underline=False,
        size=None,
        indent=False,
        after=6,
    ):
        par = container.add_paragraph()
        fmt = par.paragraph_format
        fmt.space_after = Pt(after)
        if align:
            par.alignment = align
        if indent:
            fmt.first_line_indent = Mm(10)
        if text:
            self.run(par, text, bold, italic, underline, size)
        return par

    def body_para(self, text: str):
        par = self.para(self.doc, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        parts = re.split(r"\[\^(\d+)\]", text)
        for i, part in enumerate(parts):
            if i % 2 == 0:
                if part:
                    self.run(par, part)
            else:
                self.footnote_ref(par, int(part))
        return par

    def footnote_ref(self, par, number: int) -> None:
        run = par.add_run()
        rpr = run._r.get_or_add_rPr()
        rpr.append(parse_xml(f'<w:vertAlign {nsdecls("w")} w:val="superscript"/>'))
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{number}"/>'))

    # -- tables ----------------------------------------------------------------
    def table(self, rows: int, widths_mm: list[float], borders: bool):
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if borders:
            table.style = self.doc.styles["Table Grid"]
        else:
            tblpr = table._tbl.tblPr
            tblpr.append(
                parse_xml(
                    f"<w:tblBorders {nsdecls('w')}>"
                    + "".join(
                        f'<w:{side} w:val="nil"/>'
                        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
                    )
                    + "</w:tblBorders>"
                )
            )
        # python-docx leaves w:tblGrid at equal widths, and LibreOffice reads the grid.
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
            col.set(qn("w:w"), str(Mm(width).twips))
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    @staticmethod
    def _cell_para(cell):
        par = cell.paragraphs[0]
        if par.runs:
            par = cell.add_paragraph()
        return par

    def cell_line(
        self,
        cell,
        text,
        bold=False,
        italic=False,
        underline=False,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    ):
        par = self._cell_para(cell)
        par.alignment = align
        par.paragraph_format.space_after = Pt(0)
        if text:
            self.run(par, text, bold, italic, underline, size)
        return par

    # -- document parts ----------------------------------------------------------
    def header(self) -> None:
        r = self.report
        table = self.table(1, [68, 97], borders=False)
        left, right = table.rows[0].cells
        for text, bold in r.header_left:
            self.cell_line(left, text, bold=bold)
        self.cell_line(left, r.number_line, size=13)
        for text, bold, underline in r.header_right:
            self.cell_line(
                right, text, bold=bold, underline=underline, size=12 if text.isupper() else 13
            )
        self.cell_line(right, "")
        self.cell_line(right, r.place_date, italic=True, size=13)

    def title(self) -> None:
        r = self.report
        self.para(self.doc, after=0)
        self.para(self.doc, r.doc_type, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=0)
        for line in r.subject:
            self.para(self.doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=0)
        self.para(self.doc, after=6)

    def heading(self, level: int, text: str, counters: list[int]) -> None:
        par = self.para(self.doc, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
        par.paragraph_format.keep_with_next = True
        if self.report.typed_numbers:
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            n = counters[level - 1]
            label = [_roman(n) + ".", f"{n}.", "abcdefgh"[n - 1] + ")"][level - 1]
            text = f"{label} {text}"
        else:
            numpr = par._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = level - 1
            numpr.get_or_add_numId().val = NUM_ID
        self.run(par, text, bold=level < 3, italic=level == 3)

    def data_table(self, header: list[str], rows: list[list[str]]) -> None:
        widths = {4: [12, 88, 30, 35], 5: [12, 66, 27, 30, 30]}[len(header)]
        table = self.table(1 + len(rows), widths, borders=True)
        for r_idx, values in enumerate([header, *rows]):
            for c_idx, (cell, value) in enumerate(
                zip(table.rows[r_idx].cells, values, strict=True)
            ):
                left = r_idx > 0 and c_idx == 1
                align = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
                self.cell_line(cell, value, bold=r_idx == 0, size=12, align=align)
        self.para(self.doc, after=0)

    def signature(self) -> None:
        r = self.report
        table = self.table(1, [80, 85], borders=False)
        left, right = table.rows[0].cells
        self.cell_line(
            left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT
        )
        for line in r.recipients:
            self.cell_line(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        for line in r.authority:
            self.cell_line(right, line, bold=True, size=14)
        for _ in range(3):
            self.cell_line(right, "")
        self.cell_line(right, r.signer, bold=True, size=14)

    def numbering(self) -> None:
        numbering = self.doc.part.numbering_part.element
        levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr>'
            f"<w:rPr>{'<w:b/>' if i < 2 else '<w:i/>'}</w:rPr></w:lvl>"
            for i, (fmt, text) in enumerate(levels)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'
            )
        )

    def footnotes_part(self) -> None:
        notes = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr>'
            f"<w:footnoteRef/></w:r>"
            f'<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> {_xml_escape(t)}'
            f"</w:t></w:r></w:p></w:footnote>"
            for n, t in self.report.footnotes.items()
        )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>"
            f"{notes}</w:footnotes>"
        )
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            xml.encode("utf-8"),
            self.doc.part.package,
        )
        self.doc.part.relate_to(part, RT.FOOTNOTES)

    def write(self, path: Path) -> None:
        r = self.report
        if not r.typed_numbers:
            self.numbering()
        self.header()
        self.title()
        counters = [0, 0, 0]
        for block in r.body:
            kind = block[0]
            if kind in ("h1", "h2", "h3"):
                self.heading(int(kind[1]), block[1], counters)
            elif kind == "p":
                self.body_para(block[1])
            elif kind == "table":
                self.data_table(block[1], block[2])
            else:
                raise ValueError(kind)
        self.body_para(r.closing)
        self.para(self.doc, after=0)
        self.signature()
        if r.footnotes:
            self.footnotes_part()
        self.doc.save(path)
        _freeze_zip(path)


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][n - 1]


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _freeze_zip(path: Path) -> None:
    """Rewrite the package with fixed member dates, so rebuilding gives the same bytes."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def write_docx(report: Report, path: Path) -> None:
    _Writer(report).write(path)


def soffice_to_pdf(docx: Path, workdir: Path) -> Path:
    profile = Path(tempfile.gettempdir()) / "lo_corpus"
    cmd = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(workdir),
        str(docx),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    pdf = workdir / f"{docx.stem}.pdf"
    if not pdf.exists():  # soffice can exit 0 without writing anything
        raise RuntimeError(f"soffice produced no PDF for {docx.name}")
    return pdf


def build_pdfs() -> list[Path]:
    if shutil.which("soffice") is None:
        raise SystemExit("soffice not found: install libreoffice-writer-nogui or use --no-pdf")
    built = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for report in REPORTS:
            if not report.pdf:
                continue
            source = work / f"{report.pdf}.docx"
            write_docx(report, source)
            pdf = soffice_to_pdf(source, work)
            target = OUT / f"{report.pdf}.pdf"
            shutil.copyfile(pdf, target)
            built.append(target)
    return built


DOCX_TUY_PHUOC_2023 = Report(
    stem="bc-ubnd-huyen-tuy-phuoc-nam-2023",
    pdf="bc-ubnd-huyen-tuy-phuoc-nam-2023-ban-in",
    header_left=[("ỦY BAN NHÂN DÂN", True), ("HUYỆN TUY PHƯỚC", True)],
    number_line="Số: 318/BC-UBND",
    header_right=MOTTO,
    place_date="Tuy Phước, ngày 15 tháng 12 năm 2023",
    doc_type="BÁO CÁO",
    subject=["Kết quả công tác thông tin đối ngoại năm 2023"],
    body=[
        (
            "p",
            "Thực hiện Công văn số 1985/STTTT-TTBCXB ngày 27/11/2023 của Sở Thông tin và "
            "Truyền thông tỉnh Bình Định về việc báo cáo kết quả công tác thông tin đối ngoại năm "
            "2023, UBND huyện Tuy Phước báo cáo như sau:",
        ),
        ("h1", "KẾT QUẢ THỰC HIỆN"),
        ("h2", "Công tác lãnh đạo, chỉ đạo"),
        (
            "p",
            "Căn cứ Kế hoạch số 31/KH-UBND ngày 06/3/2023 của UBND tỉnh Bình Định về công tác "
            "thông tin đối ngoại năm 2023, UBND huyện ban hành Kế hoạch số 42/KH-UBND ngày "
            "20/3/2023 triển khai trên địa bàn huyện[^1]; chỉ đạo 13 xã, thị trấn và các phòng, "
            "ban, đơn vị thuộc huyện bố trí cán bộ theo dõi công tác thông tin đối ngoại.",
        ),
        ("h2", "Thông tin, tuyên truyền đối ngoại"),
        ("h3", "Trên hệ thống truyền thanh và Cổng thông tin điện tử"),
        (
            "p",
            "Trung tâm Văn hóa - Thông tin và Thể thao huyện thực hiện 248 chương trình phát "
            "thanh, trong đó có 36 chương trình chuyên đề về biển, đảo và hội nhập quốc tế; Cổng "
            "thông tin điện tử huyện đăng tải 512 tin, bài, tăng 12,5% so với cùng kỳ năm 2022.",
        ),
        ("h3", "Tuyên truyền các sự kiện đối ngoại"),
        (
            "p",
            "Tuyên truyền kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản "
            "(1973-2023), Hội nghị Thượng đỉnh G7 mở rộng và các hoạt động đối ngoại của lãnh đạo "
            "Đảng, Nhà nước. Tổ chức 04 buổi nói chuyện chuyên đề về chủ quyền biển, đảo cho "
            "khoảng 650 học sinh các trường trung học phổ thông trên địa bàn.",
        ),
        ("h2", "Quảng bá hình ảnh, xúc tiến đầu tư, du lịch"),
        (
            "p",
            "Phối hợp đón tiếp 03 đoàn doanh nghiệp Hàn Quốc, Nhật Bản đến khảo sát đầu tư tại "
            "Cụm công nghiệp Phước An; thu hút 01 dự án FDI với tổng vốn đăng ký 5,2 triệu USD. "
            "Sản xuất 03 video clip bằng tiếng Việt và tiếng Anh quảng bá làng nghề bánh tráng "
            "Trường Cửu, nón ngựa Phú Gia và đầm Thị Nại.",
        ),
        ("p", "Kết quả một số chỉ tiêu chủ yếu năm 2023:"),
        (
            "table",
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2023", "So với năm 2022"],
            [
                ["1", "Khách du lịch đến huyện", "lượt khách", "86.400", "tăng 9,2%"],
                ["2", "Doanh thu từ du lịch", "triệu đồng", "41.500", "tăng 15,0%"],
                [
                    "3",
                    "Tin, bài thông tin đối ngoại trên các nền tảng số",
                    "tin, bài",
                    "327",
                    "tăng 21,1%",
                ],
                [
                    "4",
                    "Cán bộ được tập huấn nghiệp vụ thông tin đối ngoại",
                    "người",
                    "42",
                    "giảm 6,7%",
                ],
            ],
        ),
        ("h1", "ĐÁNH GIÁ CHUNG"),
        ("h2", "Ưu điểm"),
        (
            "p",
            "Công tác thông tin đối ngoại được cấp ủy, chính quyền quan tâm chỉ đạo; nội dung "
            "tuyên truyền phong phú, bám sát định hướng của Trung ương và của tỉnh.",
        ),
        ("h2", "Hạn chế"),
        (
            "p",
            "Kinh phí cho hoạt động thông tin đối ngoại còn hạn chế (năm 2023 chỉ được bố trí "
            "30 triệu đồng); cán bộ phụ trách đều kiêm nhiệm; sản phẩm bằng tiếng nước ngoài ít.",
        ),
        ("h1", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024"),
        (
            "p",
            "Tiếp tục triển khai Chương trình số 05-CTr/TU ngày 10/10/2023 của Tỉnh ủy Bình "
            "Định; tổ chức 02 lớp tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ cơ sở; đẩy "
            "mạnh quảng bá hình ảnh huyện trên các nền tảng số.",
        ),
        ("h1", "ĐỀ XUẤT, KIẾN NGHỊ"),
        (
            "p",
            "Đề nghị Sở Thông tin và Truyền thông quan tâm bố trí kinh phí, tài liệu và mở lớp "
            "bồi dưỡng cho cán bộ làm công tác thông tin đối ngoại cấp huyện, cấp xã.",
        ),
    ],
    footnotes={
        1: "Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị, Ban Thường vụ "
        "Huyện ủy đã ban hành Kế hoạch số 115-KH/HU ngày 28/8/2023 để triển khai trong toàn "
        "Đảng bộ huyện.",
    },
    closing="Trên đây là báo cáo kết quả công tác thông tin đối ngoại năm 2023 của UBND huyện "
    "Tuy Phước./.",
    recipients=[
        "- Sở Thông tin và Truyền thông;",
        "- TT Huyện ủy, TT HĐND huyện;",
        "- CT, các PCT UBND huyện;",
        "- Phòng Văn hóa và Thông tin huyện;",
        "- Lưu: VT.",
    ],
    authority=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    signer="Võ Đình Khánh",
)

DOCX_LAM_DONG_2025 = Report(
    stem="bc-svhttdl-lam-dong-6-thang-dau-2025",
    pdf="bc-svhttdl-lam-dong-6-thang-dau-2025-ban-in",
    header_left=[
        ("UBND TỈNH LÂM ĐỒNG", False),
        ("SỞ VĂN HÓA, THỂ THAO", True),
        ("VÀ DU LỊCH", True),
    ],
    number_line="Số: 1725/BC-SVHTTDL",
    header_right=MOTTO,
    place_date="Lâm Đồng, ngày 16 tháng 6 năm 2025",
    doc_type="BÁO CÁO",
    subject=[
        "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2025",
        "và nhiệm vụ trọng tâm 6 tháng cuối năm 2025",
    ],
    body=[
        (
            "p",
            "Thực hiện Công văn số 2034/BVHTTDL-TTĐN ngày 26/5/2025 của Bộ Văn hóa, Thể thao "
            "và Du lịch về việc báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2025 và Kế "
            "hoạch số 1856/KH-UBND ngày 10/3/2025 của UBND tỉnh Lâm Đồng, Sở Văn hóa, Thể thao và "
            "Du lịch báo cáo như sau:",
        ),
        ("h1", "KẾT QUẢ THỰC HIỆN"),
        ("h2", "Công tác tham mưu, chỉ đạo"),
        (
            "p",
            "Từ ngày 01/3/2025, Sở Văn hóa, Thể thao và Du lịch tiếp nhận chức năng quản lý "
            "nhà nước về thông tin đối ngoại từ Sở Thông tin và Truyền thông theo Quyết định số "
            "412/QĐ-UBND ngày 28/02/2025 của UBND tỉnh. Sở đã tham mưu UBND tỉnh ban hành 06 văn "
            "bản chỉ đạo, hướng dẫn về công tác thông tin đối ngoại.",
        ),
        ("h2", "Thông tin đối ngoại trên báo chí và nền tảng số"),
        (
            "p",
            "Các cơ quan báo chí của tỉnh đăng, phát 2.146 tin, bài, phóng sự về thông tin đối "
            "ngoại. Trang thông tin điện tử “Lâm Đồng - Đà Lạt” phiên bản tiếng Anh, tiếng Pháp, "
            "tiếng Hàn đăng tải 684 tin, bài; các trang mạng xã hội của Sở có hơn 210.000 người "
            "theo dõi, tăng 35,6% so với cuối năm 2024.",
        ),
        ("h3", "Xuất bản ấn phẩm"),
        (
            "p",
            "Sở phối hợp xuất bản ấn phẩm “Đà Lạt - Thành phố sáng tạo” với tổng số 7.500 bản, "
            "chi tiết như sau:",
        ),
        (
            "table",
            ["STT", "Ngôn ngữ", "Đơn vị tính", "Số lượng"],
            [
                ["1", "Tiếng Việt", "bản", "3.000"],
                ["2", "Tiếng Anh", "bản", "2.000"],
                ["3", "Tiếng Pháp", "bản", "1.000"],
                ["4", "Tiếng Hàn", "bản", "1.000"],
                ["5", "Tiếng Trung", "bản", "500"],
            ],
        ),
        ("h3", "Quảng bá trên nền tảng số"),
        (
            "p",
            "Sản xuất 18 video ngắn quảng bá Đà Lạt - Thành phố sáng tạo của UNESCO trong lĩnh "
            "vực âm nhạc, thu hút khoảng 2,4 triệu lượt xem.",
        ),
        ("h2", "Thông tin đối ngoại gắn với xúc tiến đầu tư, du lịch"),
        (
            "p",
            "6 tháng đầu năm 2025, tỉnh đón 5,3 triệu lượt khách, tăng 12,5% so với cùng kỳ năm "
            "2024; trong đó khách quốc tế ước đạt 310.000 lượt; tổng thu từ du lịch ước đạt 12.600 "
            "tỷ đồng. Tỉnh thu hút 04 dự án FDI với tổng vốn đăng ký 86,5 triệu USD. Công tác chuẩn "
            "bị Festival Hoa Đà Lạt lần thứ 11 được triển khai sớm.",
        ),
        ("h2", "Tập huấn, bồi dưỡng"),
        (
            "p",
            "Tổ chức 03 lớp bồi dưỡng kỹ năng thông tin đối ngoại và phát ngôn cho 245 học viên "
            "là cán bộ, công chức các sở, ngành, địa phương và doanh nghiệp du lịch.",
        ),
        ("h1", "ĐÁNH GIÁ CHUNG"),
        (
            "p",
            "Việc tiếp nhận nhiệm vụ được thực hiện kịp thời, không để gián đoạn. Tuy nhiên, "
            "Sở mới có 02 công chức theo dõi lĩnh vực thông tin đối ngoại, khối lượng công việc lớn.",
        ),
        ("h1", "NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025"),
        (
            "p",
            "Tuyên truyền Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp "
            "đơn vị hành chính cấp tỉnh; quảng bá hình ảnh tỉnh Lâm Đồng mới trên cơ sở hợp nhất "
            "tỉnh Lâm Đồng, tỉnh Đắk Nông và tỉnh Bình Thuận; tiếp tục nâng cao chất lượng các "
            "sản phẩm thông tin đối ngoại bằng tiếng nước ngoài.",
        ),
    ],
    closing="Trên đây là báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2025 của "
    "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng./.",
    recipients=[
        "- Bộ Văn hóa, Thể thao và Du lịch;",
        "- UBND tỉnh;",
        "- Ban Tuyên giáo và Dân vận Tỉnh ủy;",
        "- Giám đốc Sở;",
        "- Lưu: VT, QLBC.",
    ],
    authority=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    signer="Phạm Thị Thu Trang",
)

DOCX_HA_GIANG_2013 = Report(
    stem="kh-ubnd-tinh-ha-giang-2013-vntime",
    tcvn3=True,
    header_left=[("UỶ BAN NHÂN DÂN", True), ("TỈNH HÀ GIANG", True)],
    number_line="Số: 45/KH-UBND",
    header_right=[
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
        ("Độc lập - Tự do - Hạnh phúc", True, True),
    ],
    place_date="Hà Giang, ngày 25 tháng 01 năm 2013",
    doc_type="KẾ HOẠCH",
    subject=["Thông tin đối ngoại năm 2013"],
    body=[
        (
            "p",
            "Thực hiện Quyết định số 79/2010/QĐ-TTg ngày 30/11/2010 của Thủ tướng Chính phủ ban "
            "hành Quy chế quản lý nhà nước về thông tin đối ngoại; Công văn số 3651/BTTTT-TTĐN ngày "
            "18/12/2012 của Bộ Thông tin và Truyền thông về hướng dẫn công tác thông tin đối ngoại "
            "năm 2013, UBND tỉnh Hà Giang ban hành Kế hoạch thông tin đối ngoại năm 2013 như sau:",
        ),
        ("h1", "MỤC ĐÍCH, YÊU CẦU"),
        (
            "p",
            "Tuyên truyền, quảng bá hình ảnh Hà Giang, Công viên địa chất toàn cầu Cao nguyên "
            "đá Đồng Văn đến bạn bè trong nước và quốc tế; tạo sự đồng thuận trong nhân dân các "
            "dân tộc vùng biên giới.",
        ),
        ("h1", "NỘI DUNG"),
        ("h2", "Thông tin, tuyên truyền về biên giới"),
        (
            "p",
            "Tuyên truyền 3 văn kiện pháp lý về biên giới đất liền Việt Nam - Trung Quốc và "
            "công tác quản lý biên giới trên địa bàn 34 xã biên giới của 07 huyện.",
        ),
        ("h2", "Quảng bá hình ảnh, xúc tiến du lịch"),
        ("h3", "Xuất bản ấn phẩm"),
        (
            "p",
            "In 10.000 tờ gấp và 3.000 cuốn sách giới thiệu Cao nguyên đá Đồng Văn bằng tiếng "
            "Việt, tiếng Anh, tiếng Pháp và tiếng Trung.",
        ),
        ("h3", "Tổ chức sự kiện"),
        (
            "p",
            "Tổ chức Tuần Văn hóa - Du lịch Cao nguyên đá Đồng Văn lần thứ II; phấn đấu đón "
            "500.000 lượt khách, trong đó 120.000 lượt khách quốc tế.",
        ),
        ("h2", "Đào tạo, bồi dưỡng"),
        (
            "p",
            "Mở 02 lớp tập huấn nghiệp vụ thông tin đối ngoại cho 150 cán bộ các sở, ngành, "
            "huyện, thành phố.",
        ),
        ("h1", "KINH PHÍ"),
        (
            "p",
            "Kinh phí thực hiện năm 2013 là 450 triệu đồng, từ nguồn sự nghiệp văn hóa thông tin "
            "của tỉnh.",
        ),
        ("h1", "TỔ CHỨC THỰC HIỆN"),
        (
            "p",
            "Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Ngoại vụ, Sở Văn hóa, Thể "
            "thao và Du lịch và UBND các huyện, thành phố tổ chức thực hiện; định kỳ 6 tháng, năm "
            "tổng hợp, báo cáo UBND tỉnh.",
        ),
    ],
    closing="Trên đây là Kế hoạch thông tin đối ngoại năm 2013 của UBND tỉnh Hà Giang./.",
    recipients=[
        "- Bộ Thông tin và Truyền thông;",
        "- TT Tỉnh uỷ, TT HĐND tỉnh;",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Các sở, ban, ngành;",
        "- UBND các huyện, thành phố;",
        "- Lưu: VT, VX.",
    ],
    authority=["TM. UỶ BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    signer="Đinh Văn Thành",
)

DOCX_TINH_UY_QUANG_NGAI_2023 = Report(
    stem="bc-tinh-uy-quang-ngai-nam-2023",
    pdf="bc-tinh-uy-quang-ngai-nam-2023-ban-in",
    header_left=[("TỈNH ỦY QUẢNG NGÃI", True), ("*", False)],
    number_line="Số 12-BC/TU",
    header_right=[("ĐẢNG CỘNG SẢN VIỆT NAM", True, True)],
    place_date="Quảng Ngãi, ngày 10 tháng 01 năm 2024",
    doc_type="BÁO CÁO",
    subject=[
        "kết quả công tác thông tin đối ngoại năm 2023,",
        "phương hướng, nhiệm vụ năm 2024",
    ],
    body=[
        (
            "p",
            "Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng "
            "cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới và Hướng "
            "dẫn số 128-HD/BTGTW ngày 20/11/2023 của Ban Tuyên giáo Trung ương, Ban Thường vụ Tỉnh "
            "ủy báo cáo kết quả công tác thông tin đối ngoại năm 2023 như sau:",
        ),
        ("h1", "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN"),
        ("h2", "Công tác lãnh đạo, chỉ đạo"),
        (
            "p",
            "Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động số 45-CTr/TU ngày 18/9/2023 "
            "thực hiện Kết luận số 57-KL/TW; Ban Tuyên giáo Tỉnh ủy ban hành Công văn số "
            "2608-CV/BTGTU ngày 05/10/2023 hướng dẫn tuyên truyền. 100% cấp ủy trực thuộc Tỉnh ủy "
            "đã tổ chức 14 hội nghị quán triệt cho hơn 4.860 cán bộ, đảng viên.",
        ),
        ("h2", "Kết quả công tác thông tin đối ngoại"),
        (
            "p",
            "Báo Quảng Ngãi, Đài Phát thanh và Truyền hình tỉnh đăng, phát 3.215 tin, bài, "
            "phóng sự về thông tin đối ngoại, tăng 8,4% so với năm 2022; chuyên mục “Quảng Ngãi "
            "hội nhập và phát triển” phát sóng 52 kỳ. Cổng Thông tin điện tử tỉnh phiên bản tiếng "
            "Anh, tiếng Nhật, tiếng Hàn đăng tải 960 tin, bài.",
        ),
        (
            "p",
            "Nhân kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản, tỉnh tổ chức "
            "Ngày hội văn hóa Nhật Bản tại Quảng Ngãi lần thứ 3 với khoảng 15.000 lượt người tham "
            "gia. Kết quả đấu tranh, phản bác các quan điểm sai trái, thù địch:",
        ),
        (
            "table",
            ["STT", "Nội dung", "Đơn vị tính", "Kết quả"],
            [
                ["1", "Tin, bài phản bác quan điểm sai trái, thù địch", "tin, bài", "420"],
                ["2", "Tài khoản mạng xã hội vi phạm đã báo cáo xử lý", "tài khoản", "36"],
            ],
        ),
        ("h2", "Thông tin đối ngoại phục vụ phát triển kinh tế"),
        (
            "p",
            "Năm 2023, tỉnh thu hút 09 dự án FDI với tổng vốn đăng ký 1.023,5 triệu USD; đón "
            "1,3 triệu lượt khách, trong đó 45.300 lượt khách quốc tế; doanh thu du lịch đạt 3.280 "
            "tỷ đồng.",
        ),
        ("h2", "Đào tạo, bồi dưỡng"),
        (
            "p",
            "Phối hợp với Ban Tuyên giáo Trung ương mở 01 lớp bồi dưỡng nghiệp vụ thông tin đối "
            "ngoại cho 150 học viên; cử 12 cán bộ tham gia các lớp do Trung ương tổ chức.",
        ),
        ("h1", "ĐÁNH GIÁ CHUNG"),
        (
            "p",
            "Công tác thông tin đối ngoại có chuyển biến tích cực, góp phần quảng bá hình ảnh "
            "Quảng Ngãi; tuy nhiên nguồn lực còn hạn chế, sản phẩm bằng tiếng nước ngoài chưa "
            "nhiều.",
        ),
        ("h1", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024"),
        (
            "p",
            "Tiếp tục thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về tăng "
            "cường sự lãnh đạo của Đảng, nâng cao hiệu quả công tác đối ngoại Đảng trong tình hình "
            "mới; nâng cao chất lượng thông tin đối ngoại bằng tiếng nước ngoài.",
        ),
    ],
    closing="Trên đây là báo cáo kết quả công tác thông tin đối ngoại năm 2023, phương hướng, "
    "nhiệm vụ năm 2024 của Ban Thường vụ Tỉnh ủy Quảng Ngãi.",
    recipients=[
        "- Ban Tuyên giáo Trung ương (báo cáo),",
        "- Ban Chỉ đạo công tác thông tin đối ngoại Trung ương,",
        "- Các đồng chí Tỉnh ủy viên,",
        "- Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy,",
        "- Lưu Văn phòng Tỉnh ủy.",
    ],
    authority=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"],
    signer="Huỳnh Văn Phúc",
)

PDF_NGHE_AN_Q1_2023 = Report(
    stem="bc-stttt-nghe-an-quy-i-2023",
    docx=False,
    pdf="bc-stttt-nghe-an-quy-i-2023",
    typed_numbers=True,
    header_left=[("UBND TỈNH NGHỆ AN", False), ("SỞ THÔNG TIN", True), ("VÀ TRUYỀN THÔNG", True)],
    number_line="Số: 512/BC-STTTT",
    header_right=MOTTO,
    place_date="Nghệ An, ngày 05 tháng 4 năm 2023",
    doc_type="BÁO CÁO",
    subject=["Kết quả công tác thông tin đối ngoại quý I/2023"],
    body=[
        (
            "p",
            "Thực hiện Văn bản số 318/TTĐN-QLTTĐN ngày 15/3/2023 của Cục Thông tin đối ngoại và "
            "Kế hoạch số 146/KH-UBND ngày 28/02/2023 của UBND tỉnh Nghệ An về công tác thông tin "
            "đối ngoại năm 2023, Sở Thông tin và Truyền thông báo cáo kết quả quý I/2023 như sau:",
        ),
        ("h1", "KẾT QUẢ THỰC HIỆN"),
        ("h2", "Thông tin, tuyên truyền"),
        (
            "p",
            "Trong quý I/2023, các cơ quan báo chí địa phương đăng, phát 1.132 tin, bài về "
            "thông tin đối ngoại; chuyên trang tiếng Lào của Báo Nghệ An đăng 148 tin, bài về hợp "
            "tác Nghệ An - các tỉnh của Lào.",
        ),
        ("h2", "Hợp tác quốc tế và quảng bá hình ảnh"),
        (
            "p",
            "Tỉnh đón tiếp 21 đoàn khách quốc tế với 186 lượt người; thu hút 02 dự án FDI mới "
            "với tổng vốn đăng ký 51,8 triệu USD, tăng 32,4% so với quý I/2022. Trường Đại học "
            "Vinh tiếp nhận 120 lưu học sinh Lào và Thái Lan nhập học.",
        ),
        ("h2", "Bồi dưỡng nghiệp vụ"),
        (
            "p",
            "Cử 06 công chức tham gia lớp tập huấn trực tuyến do Cục Thông tin đối ngoại tổ "
            "chức; trong quý, tỉnh chưa tổ chức lớp tập huấn riêng.",
        ),
        ("h1", "NHIỆM VỤ QUÝ II/2023"),
        (
            "p",
            "Tuyên truyền kỷ niệm 133 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - "
            "19/5/2023); phấn đấu đăng, phát 1.200 tin, bài thông tin đối ngoại trong quý II.",
        ),
    ],
    closing="Trên đây là báo cáo kết quả công tác thông tin đối ngoại quý I/2023 của Sở Thông tin "
    "và Truyền thông Nghệ An./.",
    recipients=[
        "- Cục Thông tin đối ngoại - Bộ TT&TT (b/c);",
        "- UBND tỉnh (b/c);",
        "- Ban Tuyên giáo Tỉnh ủy;",
        "- Giám đốc, các PGĐ Sở;",
        "- Lưu: VT, TTBCXB.",
    ],
    authority=["GIÁM ĐỐC"],
    signer="Trần Quốc Việt",
)

REPORTS = [
    DOCX_TUY_PHUOC_2023,
    DOCX_LAM_DONG_2025,
    DOCX_HA_GIANG_2013,
    DOCX_TINH_UY_QUANG_NGAI_2023,
    PDF_NGHE_AN_Q1_2023,
]

DOCX_DOCS = [r for r in REPORTS if r.docx]

# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

FORMATS = {".txt": "txt", ".html": "html", ".docx": "docx", ".pdf": "pdf"}


def refresh_source(path: Path) -> None:
    """Point the hand-written expected extract of ``path`` at the bytes just built."""
    gold = EXPECTED / f"{path.stem}.json"
    if not gold.exists():
        print(f"  (no expected extract yet for {path.name})")
        return
    data = json.loads(gold.read_text(encoding="utf-8"))
    source = data.get("source") or {}
    source.update(
        filename=path.name,
        format=FORMATS[path.suffix],
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    data["source"] = source
    gold.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="keep the committed PDFs")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    built = [doc.build(OUT) for doc in TEXT_DOCS + HTML_DOCS]
    built += [doc.build(OUT) for doc in DOCX_DOCS]
    built += sorted(OUT.glob("*.pdf")) if args.no_pdf else build_pdfs()
    for path in built:
        print(f"{path.relative_to(HERE)}  {path.stat().st_size:>7} bytes")
        refresh_source(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
