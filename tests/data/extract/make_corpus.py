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
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
# Official reports as DOCX, and PDFs printed from them
# ---------------------------------------------------------------------------

DOCX_DOCS: list = []


def build_pdfs() -> list[Path]:
    return []


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
    if not args.no_pdf:
        built += build_pdfs()
    for path in built:
        print(f"{path.relative_to(HERE)}  {path.stat().st_size:>7} bytes")
        refresh_source(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
