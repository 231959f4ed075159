"""Segmentation: where the header, title, body, Nơi nhận (distribution list) and signature
block of a document are.

Official documents follow Decree 30/2020/NĐ-CP: issuing body and national motto side by
side, then the number (Số/ký hiệu) and the place-and-date line, the document type
(BÁO CÁO, KẾ HOẠCH …) with its title, the body, and at the end "Nơi nhận" beside the
signature block (TM./KT./Q./TL./TUQ. lines, position, name). Articles have a title and
paragraphs, often wrapped in a portal's page chrome, which is removed first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ttdn.extract.dates import MONTHS_EN, WORDS_DATE_EN, find_date, make_date
from ttdn.extract.document import Block
from ttdn.extract.normalize import match_form

# Page chrome of scraped portal pages: whole lines that are navigation, counters, sharing.
_CHROME = re.compile(
    r"^(?:skip ribbon commands|skip to main content|skip navigation|bỏ qua nội dung"
    r"|trang chủ|home|menu|tìm kiếm|search|đăng nhập|đăng ký|sơ đồ (?:cổng|trang|site)"
    r"|sitemap|liên hệ|contact(?: us)?|english|tiếng việt|vietnamese|print|bản in|in bài(?: viết)?"
    r"|gửi bài(?: viết)?|gửi email|email|chia sẻ(?: bài viết)?:?|share(?: this)?:?|tweet|facebook"
    r"|zalo|twitter|linkedin|bình chọn|về đầu trang|đầu trang|back to top|quay lại|trở về"
    r"|lên đầu trang|loading\.*|đang tải\.*|font size:?.*|cỡ chữ:?.*|nghe đọc bài.*"
    r"|tin theo lĩnh vực.*|chuyên mục:.*|tags?:.*|từ khóa:.*|keywords?:.*"
    r"|(?:số |tổng (?:số )?)?lượt (?:truy cập|xem|view)s?:?.*|lượt xem:?.*|views?:?\s*\d.*"
    r"|đang (?:truy cập|online|trực tuyến):?.*|online:?\s*\d.*|hôm nay:?\s*\d.*"
    r"|(?:tổng số )?người truy cập:?.*|visitors?:?\s*\d.*|thống kê truy cập.*"
    r"|cập nhật(?: lúc)?:?\s*\d.*|ngày đăng:?.*|đăng ngày:?.*|posted(?: on)?:?.*"
    r"|\(?\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?\)?"
    r"|\{\{.*\}\}|\{%.*%\}|\[\[.*\]\]|<%.*%>|\$\{.*\}|\$[a-z_]+\$|#\{.*\}|%[a-z_]+%"
    r"|(?:báo|cổng|trang|tạp chí|đài)\b.{0,40}\b(?:điện tử|online|TTĐT|portal)"
    r"|(?:[^|]{1,30}\|){2,}[^|]{0,30}"
    r"|[|»>/\\·•\-–—_=*~.\s]+)$",
    re.I,
)
# Lines after which a scraped page holds only other articles, comments and footers.
_END_MARKERS = re.compile(
    r"^(?:tin liên quan|các tin liên quan|bài viết liên quan|tin bài liên quan|tin cùng chuyên mục"
    r"|tin cùng lĩnh vực|có thể bạn quan tâm|có thể bạn chưa đọc|các tin khác|tin khác|bài khác"
    r"|các bài khác|tin mới hơn|tin cũ hơn|xem thêm|đọc thêm|tin đọc nhiều|xem nhiều nhất"
    r"|phản hồi|gửi phản hồi|ý kiến bạn đọc|ý kiến của bạn|bình luận|gửi bình luận"
    r"|related (?:news|articles|posts|stories)|other news|more news|read more|comments?"
    r"|leave a (?:reply|comment)|you may also like)\s*:?$",
    re.I,
)

_MOTTO = re.compile(
    r"CỘNG H[OÒ]À? XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HÒA XÃ HỘI|Độc lập\s*[-–—]\s*Tự do"
    r"|ĐẢNG CỘNG SẢN VIỆT NAM|SOCIALIST REPUBLIC OF VIET ?NAM|Independence\s*[-–—]\s*Freedom",
    re.I,
)
_NUMBER = re.compile(
    r"(?:^|\s)(?:Số|No\.?)\s*[:.]?\s*(?P<num>[0-9.…_ ]{0,12}[/-]\s?[0-9A-Za-zĐđ][\wĐđ.\-/&]*"
    r"|[0-9]+[A-Za-z]?(?:[/-][0-9A-Za-zĐđ][\wĐđ.\-&]*)+)",
)
_PLACE_DATE_VI = re.compile(
    r"(?P<place>[^\W\d_][^,;:\d]{0,60}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s.…_/-]*tháng\s*"
    r"(?P<m>\d{1,2})?[\s.…_/-]*năm\s*(?P<y>(?:19|20)\d{2})",
    re.I,
)
_TYPES = {
    "BÁO CÁO": "report",
    "KẾ HOẠCH": "plan",
    "CHƯƠNG TRÌNH": "plan",
    "REPORT": "report",
    "PLAN": "plan",
    "PROGRAMME": "plan",
    "PROGRAM": "plan",
}
_OTHER_TYPES = (
    "QUYẾT ĐỊNH|CÔNG VĂN|THÔNG BÁO|TỜ TRÌNH|HƯỚNG DẪN|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|ĐỀ ÁN"
    "|BIÊN BẢN|CÔNG ĐIỆN|QUY CHẾ|QUY ĐỊNH|DECISION|OFFICIAL LETTER"
)
_OTHER_SET = set(_OTHER_TYPES.split("|"))
_TYPE_LINE = re.compile(
    r"^(?P<type>BÁO CÁO|KẾ HOẠCH|CHƯƠNG TRÌNH|REPORT|PLAN|PROGRAMME|PROGRAM|"
    + _OTHER_TYPES
    + r")(?:\s*(?:[:.\-–]\s*)?(?P<rest>\S.*))?$"
)
_TITLE_STOP = re.compile(
    r"^(?:Thực hiện|Căn cứ|Kính gửi|Trên cơ sở|Theo|Phần\s|PHẦN\s|[IVX]+[.)]\s|\d+[.)]\s|[-–+•]"
    r"|Nơi nhận|Pursuant|Implementing|To:|In accordance)",
)
_SEPARATOR = re.compile(r"^[-–—_=*~.·\s]{2,}$")
_AUTHORITY = re.compile(
    r"^(?:(?:TM|KT|Q|TL|TUQ|T/M|K/T|T\.M|K\.T|P\.P)\.?|(?:tm|kt|q|tl|tuq|t/m)\.|ON BEHALF OF|FOR)\s+\S"
)
_RECIPIENTS = re.compile(r"^(?:Nơi nhận|Recipients?|To)\s*:?\s*(?P<rest>.*)$", re.I)
_BULLET = re.compile(r"^[-–—+•*]\s*")
_SIGN_NOISE = re.compile(
    r"^[(\[]?(?:đã ký|ký|ký tên|ký số|ký,? ghi rõ họ tên|ký tên,? đóng dấu|đã ký và đóng dấu|signed"
    r"|chữ ký|daky|\*+)[^)\]]*[)\]]?$|^\[.*\]$",
    re.I,
)
_NAME = re.compile(
    r"^(?:(?:Ông|Bà|Mr|Ms|Mrs|Dr)\.?\s+)?[A-ZĐÀ-Ỹ][^\W\d_]*(?:[\s-][A-ZĐÀ-Ỹ][^\W\d_]*){1,5}$"
)
_UPPER_WORDS = re.compile(
    r"^[^a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]+$"
)


@dataclass
class Layout:
    blocks: list[Block]
    kind: str = "news"
    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: date | None = None
    body_start: int = 0
    body_end: int = 0
    title_lines: list[int] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: dict[str, str | None] | None = None
    official: bool = False  # has the Decree 30 header (number, motto or place-and-date)
    published_on: str | None = None  # an article's own date line ("Ngày đăng: …")

    @property
    def body(self) -> list[Block]:
        return self.blocks[self.body_start : self.body_end]


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and _UPPER_WORDS.match(text) is not None


def is_caps_line(text: str) -> bool:
    """Upper case as printed; legacy capitals fonts decode to all lower case."""
    return is_upper(text) or (text.islower() and len(text) < 80)


def strip_chrome(blocks: list[Block]) -> list[Block]:
    """Drop portal chrome lines, everything after an end-of-article marker, and repeated
    lines (a title printed twice, a photo caption under and over the photo)."""
    out: list[Block] = []
    body_chars = 0
    for index, block in enumerate(blocks):
        text = block.text
        if len(text) < 120 and not block.in_table:
            if _CHROME.match(text):
                continue
            if index < 10 and _is_date_line(text):
                continue
            if _END_MARKERS.match(text) and body_chars > 400:
                break
        if out and out[-1].text == text:
            continue
        if len(out) >= 2 and out[-2].text == text and len(text) < 200:
            continue  # "title / breadcrumb / title" after the breadcrumb is dropped
        out.append(block)
        body_chars += len(text)
    return out


def _clean_number(raw: str) -> str:
    num = re.sub(r"\s+", "", raw).lstrip(".…_")
    return num.rstrip(".,;")


def _parse_place_date(text: str) -> tuple[str | None, date | None, int] | None:
    """(place, date or None when blank, offset) of a place-and-date line."""
    m = _PLACE_DATE_VI.search(match_form(text))
    if m:
        place = text[m.start("place") : m.end("place")].strip()
        num = _NUMBER.search(place)
        if num:
            place = place[num.end() :].strip()
        place = re.sub(r"^(?:Số\b.*?\s{2,}|.*\s{3,})", "", place).strip(" ,-–")
        when = (
            make_date(m.group("y"), m.group("m"), m.group("d"))
            if m.group("d") and m.group("m")
            else None
        )
        return (place or None, when, m.start())
    m = WORDS_DATE_EN.search(text)
    if m and m.start() > 0 and text[: m.start()].rstrip().endswith(","):
        place = text[: m.start()].rstrip().rstrip(",").strip()
        if re.fullmatch(r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,4}", place):
            if m.group(1):
                when = make_date(m.group(3), MONTHS_EN[m.group(1).lower()], m.group(2))
            else:
                when = make_date(m.group(6), MONTHS_EN[m.group(5).lower()], m.group(4))
            return (place, when, 0)
    return None


_GENERIC_ISSUER = re.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND|BAN CHẤP HÀNH|BCH|SỞ|BAN"
    r"|PEOPLE'?S COMMITTEE|THE PEOPLE'?S COMMITTEE)$",
    re.I,
)


def _issuer(lines: list[str]) -> str | None:
    lines = [x.strip(" -–*_") for x in lines if x.strip(" -–*_")]
    if not lines:
        return None
    if len(lines) >= 2 and _GENERIC_ISSUER.match(match_form(lines[-2])):
        return f"{lines[-2]} {lines[-1]}"
    if len(lines) >= 2 and _GENERIC_ISSUER.match(match_form(lines[0])):
        return " ".join(lines)
    return lines[-1]


def _find_type_line(blocks: list[Block], limit: int) -> tuple[int, re.Match[str]] | None:
    for i, block in enumerate(blocks[:limit]):
        if len(block.text) > 300:
            continue
        form = match_form(block.text)
        # Legacy texts typed in a capitals font (.VnTimeH) decode to lower case.
        if form.islower() and (
            form.upper().strip() in _TYPES or form.upper().strip() in _OTHER_SET
        ):
            form = form.upper()
        m = _TYPE_LINE.match(form)
        if m:
            rest = m.group("rest")
            # A type line stands alone or is followed by an upper-case title.
            if rest is None or is_upper(rest) or block.bold or block.centred:
                return i, m
    return None


def _title_after(
    blocks: list[Block], start: int, first: str | None
) -> tuple[str | None, list[int]]:
    parts: list[str] = [first] if first else []
    used: list[int] = []
    i = start
    while i < len(blocks) and len(used) < 4:
        block = blocks[i]
        text = block.text
        if _SEPARATOR.match(text):
            if parts:
                used.append(i)
                break
            used.append(i)
            i += 1
            continue
        if _TITLE_STOP.match(text) or len(text) > 300:
            break
        if parts:
            prev = blocks[used[-1]] if used else None
            same_style = (
                prev is not None and block.centred and prev.centred and block.bold == prev.bold
            )
            continues = text[:1].islower() or same_style or (not block.gap and not block.in_table)
            if not continues or parts[-1].endswith((".", ":", ";")):
                break
            if is_upper(parts[-1]) != is_upper(text) and not text[:1].islower() and not same_style:
                break
        parts.append(text)
        used.append(i)
        i += 1
    title = " ".join(parts).strip() or None
    return title, used


def _header(layout: Layout, zone: list[int]) -> None:
    issuer_lines: list[str] = []
    left_col = {i for i in zone if layout.blocks[i].in_table and layout.blocks[i].col == 0}
    for i in zone:
        block = layout.blocks[i]
        text = block.text
        form = match_form(text)
        if _MOTTO.search(form):
            layout.official = True
            head = _MOTTO.split(form)[0].strip()
            if head and is_upper(head) and not layout.number:
                issuer_lines.append(text[: len(head)])
            continue
        num = _NUMBER.search(form)
        pd = _parse_place_date(text)
        if num and (num.start() < 3 or not pd or num.start() < pd[2]) and layout.number is None:
            layout.number = _clean_number(text[num.start("num") : num.end("num")])
            layout.official = True
        if pd and layout.place is None:
            layout.place, layout.issued_on, _ = pd
            layout.official = True
            continue
        if num or _SEPARATOR.match(text):
            continue
        if layout.number is None and is_upper(text) and len(text) < 120:
            if not left_col or i in left_col:
                issuer_lines.append(text)
    layout.issuer = _issuer(issuer_lines)


def _tail(layout: Layout) -> None:
    blocks = layout.blocks
    n = len(blocks)
    start = max(layout.body_start, n - 80)
    end = n
    recipients_at = None
    for i in range(start, n):
        text = blocks[i].text
        if (
            recipients_at is None
            and _RECIPIENTS.match(text)
            and text.lower().startswith(("nơi nhận", "noi nhan"))
        ):
            recipients_at = i
            end = min(end, i)
        elif (
            _AUTHORITY.match(text) and is_caps_line(text.split(" ", 1)[1]) and i > layout.body_start
        ):
            end = min(end, i)
    if recipients_at is None and end == n:
        return
    layout.body_end = end
    taken: set[int] = set()
    if recipients_at is not None:
        layout.recipients, taken = _recipients(blocks, recipients_at)
        layout.official = True
    layout.signer = _signer(blocks, end, taken)


def _recipients(blocks: list[Block], at: int) -> tuple[list[str], set[int]]:
    out: list[str] = []
    taken = {at}
    anchor = blocks[at]
    rest = _RECIPIENTS.match(blocks[at].text)
    first = rest.group("rest").strip() if rest else ""
    if first:
        out.append(first)
    i = at + 1
    while i < len(blocks):
        block = blocks[i]
        text = block.text
        if anchor.in_table and (block.table, block.row, block.col) != (
            anchor.table,
            anchor.row,
            anchor.col,
        ):
            if block.table == anchor.table and block.col != anchor.col:
                i += 1
                continue  # the signature cell beside the list, read first by some writers
            break
        if _BULLET.match(text):
            out.append(text)
        elif (
            out
            and not out[-1].rstrip().endswith((";", "."))
            and not is_upper(text)
            and len(text) < 120
        ):
            out[-1] = f"{out[-1]} {text}"
        else:
            break
        taken.add(i)
        i += 1
    cleaned = []
    for item in out:
        item = _BULLET.sub("", item).strip().rstrip(";.,").strip()
        if item:
            cleaned.append(item)
    return cleaned, taken


def _signer(blocks: list[Block], start: int, taken: set[int]) -> dict[str, str | None] | None:
    authority: list[str] = []
    position: str | None = None
    name: str | None = None
    for i in range(start, len(blocks)):
        if i in taken:
            continue
        text = blocks[i].text.strip()
        if _SIGN_NOISE.match(text) or _SEPARATOR.match(text):
            continue
        if _AUTHORITY.match(text) and is_caps_line(text):
            if name:
                break
            authority.append(text)
        elif is_upper(text) and len(text.split()) <= 10:
            if name:
                break
            if authority or position is None:
                position = text
        elif _NAME.match(text) and (authority or position):
            name = re.sub(r"^(?:Ông|Bà|Mr|Ms|Mrs|Dr)\.?\s+", "", text)
            break
        elif authority or position:
            if len(text) > 80:
                break
    if not (authority or position or name):
        return None
    if position is None and authority:
        # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": a last authority line can itself be the position.
        position = None
    return {
        "name": name,
        "position": position,
        "authority": " / ".join(authority) or None,
    }


_DATE_LINE = re.compile(
    r"^(?:(?:ngày đăng|đăng ngày|cập nhật(?: lúc)?|ngày cập nhật|ngày|updated|posted(?: on)?|published(?: on)?"
    r"|thứ \S+|chủ nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*[:,]?\s*)?"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?\s*[,|-]?\s*)?"
    r"(?P<date>\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}|[A-Z][a-z]+\.? \d{1,2},? (?:19|20)\d{2}"
    r"|\d{1,2} [A-Z][a-z]+ (?:19|20)\d{2})",
    re.I,
)


def _is_date_line(text: str) -> bool:
    """A line that only shows when a page was posted: "Thứ Sáu, 11/10/2024, 08:15 (GMT+7)"."""
    m = _DATE_LINE.match(text)
    if not m:
        return False
    rest = text[m.end() :]
    return len(rest) < 40 and not re.search(r"[^\W\d_]{3,}\s+[^\W\d_]{3,}\s+[^\W\d_]{3,}", rest)


def _published(blocks: list[Block]) -> str | None:
    """The date an article shows next to its title, from the first lines of the page."""
    for block in blocks[:8]:
        if len(block.text) > 140:
            continue
        m = _DATE_LINE.match(block.text)
        if m:
            found = find_date(m.group("date"))
            if found:
                return found[0].isoformat()
    return None


def segment(blocks: list[Block], *, title_hint: str | None = None) -> Layout:
    published = _published(blocks)
    blocks = strip_chrome(blocks)
    layout = Layout(blocks, body_end=len(blocks), published_on=published)
    if not blocks:
        return layout
    found = _find_type_line(blocks, 40)
    if found:
        at, m = found
        type_word = m.group("type")
        layout.kind = _TYPES.get(type_word, "other")
        _header(layout, list(range(at)))
        title, used = _title_after(blocks, at + 1, m.group("rest"))
        layout.title = title
        layout.title_lines = [at, *used]
        layout.body_start = (used[-1] + 1) if used else at + 1
        layout.official = True
    else:
        zone = _header_zone(blocks)
        if zone:
            _header(layout, zone)
        if layout.official:
            layout.kind = _kind_from_number(layout.number)
            layout.body_start = zone[-1] + 1
            title, used = _title_after(blocks, layout.body_start, None)
            if title and title.lower().startswith(("v/v", "về việc")):
                layout.title = re.sub(r"^(?:V/v|Về việc)\s*:?\s*", "", title, flags=re.I)
                layout.body_start = used[-1] + 1
        else:
            layout.kind = "news"
            layout.title, layout.body_start = _news_title(blocks, title_hint)
    # Skip "Kính gửi:" (addressees of a công văn) at the top of the body.
    while layout.body_start < len(blocks) and re.match(
        r"^(?:Kính gửi|To)\s*:", blocks[layout.body_start].text
    ):
        layout.body_start += 1
        while layout.body_start < len(blocks) and _BULLET.match(blocks[layout.body_start].text):
            layout.body_start += 1
    layout.body_end = len(blocks)
    _tail(layout)
    if layout.body_end < layout.body_start:
        layout.body_end = layout.body_start
    return layout


def _header_zone(blocks: list[Block]) -> list[int]:
    zone: list[int] = []
    for i, block in enumerate(blocks[:20]):
        if len(block.text) > 200:
            break
        zone.append(i)
    for j in range(len(zone) - 1, -1, -1):
        text = blocks[zone[j]].text
        form = match_form(text)
        if _MOTTO.search(form) or _NUMBER.search(form) or _parse_place_date(text):
            return zone[: j + 1]
    return []


def _kind_from_number(number: str | None) -> str:
    if number:
        if re.search(r"(?:^|[/-])BC(?:[/-]|$)", number):
            return "report"
        if re.search(r"(?:^|[/-])(?:KH|CTr)(?:[/-]|$)", number):
            return "plan"
    return "other"


def _news_title(blocks: list[Block], hint: str | None) -> tuple[str | None, int]:
    if hint:
        for i, block in enumerate(blocks[:15]):
            if block.text == hint or match_form(block.text).lower() == match_form(hint).lower():
                return block.text, i + 1
        return hint, 0
    for i, block in enumerate(blocks[:5]):
        text = block.text
        if len(text) <= 250 and not text.endswith((".", ":", ";")) and len(text.split()) >= 3:
            return text, i + 1
    return None, 0
