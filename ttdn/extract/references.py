"""Cited documents: every document named with its number (số/ký hiệu), e.g.
"Kế hoạch số 20/KH-UBND ngày 23/02/2022 của UBND tỉnh Bình Định"."""

from __future__ import annotations

import re
from typing import TypedDict

from ttdn.extract.dates import find_date
from ttdn.extract.normalize import match_form

_TYPES_VI = (
    "Thông tư liên tịch|Nghị quyết liên tịch|Kế hoạch|Công văn|Văn bản|Kết luận|Chỉ thị|Nghị quyết"
    "|Chương trình|Quyết định|Thông tư|Nghị định|Thông báo|Hướng dẫn|Báo cáo|Luật|Tờ trình|Đề án"
    "|Công điện|Quy chế|Quy định|Pháp lệnh|Hiến pháp|Điện|Thông tri|Nghị quyết TW"
)
_TYPES_EN = (
    "Official Letter|Official Dispatch|Dispatch|Document|Conclusion|Directive|Resolution|Programme"
    "|Program|Decision|Circular|Decree|Notice|Guidance|Guideline|Report|Law|Plan|Instruction"
)
# Số/ký hiệu: digits, optional year, then upper-case codes: 20/KH-UBND, 22-NQ/TW,
# 09/2019/NĐ-CP, 136/QĐ-TTg, 2608/CV/BTGTU.
REFNUM = r"\d{1,6}[a-z]?(?:[/-]\d{2,4})*\s?[/-]\s?[A-ZĐ][\wĐđ]*(?:[-/.&][\wĐđ]+)*"
_NUM_RE = re.compile(rf"(?<![\w/.-])(?P<num>{REFNUM})(?![\w/])")
_DATE_LEAD = re.compile(r"^\s*,?\s*(?:ngày|ban hành ngày|dated|issued on|of|on)\s*", re.I)
_ISSUER_LEAD = re.compile(
    r"^\s*,?\s*(?:của|do|of the|of|by the|by|issued by(?: the)?)\s+(?=[A-ZĐÀ-Ỹ])"
)
_ISSUER_STOP = re.compile(
    r"\s+(?:về|v/v|nhằm|ngày|đã|trong|theo|đối với|để|thì|mà|triển khai|quy định|ban hành|hướng dẫn"
    r"|on|regarding|dated|to|for|in|about|which|that)\b|[,;:.()“”\"]|$",
)
_TYPE_CANON = {t.lower(): t for t in (_TYPES_VI + "|" + _TYPES_EN).split("|")}


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    lead = _DATE_LEAD.match(text[pos : pos + 30])
    if not lead:
        return None, pos
    start = pos + lead.end()
    found = find_date(text[start : start + 40])
    if found and found[1] == 0:
        return found[0].isoformat(), start + found[2]
    return None, pos


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    lead = _ISSUER_LEAD.match(text[pos : pos + 20])
    if not lead:
        return None, pos
    start = pos + lead.end()
    stop = _ISSUER_STOP.search(text, start, min(len(text), start + 120))
    end = stop.start() if stop else min(len(text), start + 120)
    issuer = text[start:end].strip()
    words = issuer.split()
    if not words or len(words) > 14:
        return None, pos
    return issuer, start + len(issuer)


class Reference(TypedDict):
    """A numbered document cited in the text (schemas/extract.schema.json)."""

    type: str
    number: str
    date: str | None
    issuer: str | None
    text: str


def _one(
    text: str, form: str, type_: str, start: int, num_start: int, num_end: int
) -> tuple[Reference, int]:
    """The reference whose number spans ``num_start``–``num_end``, and where its text ends."""
    number = re.sub(r"\s+", "", text[num_start:num_end]).rstrip(".")
    pos = num_end
    date, pos = _date_after(text, pos)
    issuer, pos = _issuer_after(text, pos)
    if date is None and issuer is not None:
        date, pos = _date_after(text, pos)
    reference = Reference(
        type=type_, number=number, date=date, issuer=issuer, text=text[start:pos].strip()
    )
    return reference, pos


_TYPE_TAIL = re.compile(
    rf"(?<!\w)(?P<type>{_TYPES_VI}|{_TYPES_EN})(?:\s+liên tịch)?\s*(?:(?:số|No\.?|number)\s*:?\s*)?$",
    re.I,
)
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+(?:và|and|,)\s+)(?:(?:số|No\.?)\s*)?$", re.I)


def find_references(text: str, *, own_number: str | None = None) -> list[Reference]:
    """Every numbered document cited in ``text``, one entry per distinct number.

    Numbers are found first (one pass); the document type is read from the words just
    before each number, or carried over in a list ("Kế hoạch số 20/KH-UBND và số
    21/KH-UBND"). A number with an upper-case code but no type is a "Văn bản"."""
    form = match_form(text)
    found: list[Reference] = []
    last_type: str | None = None
    last_end = -1
    for m in _NUM_RE.finditer(form):
        s, e = m.start("num"), m.end("num")
        window = form[max(0, s - 48) : s]
        typed = _TYPE_TAIL.search(window)
        if typed:
            type_ = text[
                s - len(window) + typed.start("type") : s - len(window) + typed.end("type")
            ]
            type_ = _TYPE_CANON.get(type_.lower(), type_)
            type_ = type_[:1].upper() + type_[1:]
            start = s - len(window) + typed.start()
        elif last_type and last_end >= 0 and _LIST_GAP.match(form[last_end:s]):
            type_, start = last_type, s
        elif re.search(r"[A-ZĐ]{2,}", m.group("num")):
            type_, start = "Văn bản", s
        else:
            continue
        ref, last_end = _one(text, form, type_, start, s, e)
        found.append(ref)
        last_type = type_ if type_ != "Văn bản" or typed else None
    own = re.sub(r"\s+", "", own_number or "").casefold()
    out: list[Reference] = []
    seen: set[str] = set()
    for ref in found:
        key = ref["number"].casefold()
        if key in seen or (own and key == own):
            continue
        seen.add(key)
        out.append(ref)
    return out
