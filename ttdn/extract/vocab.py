"""Languages and topics: which languages content was made in, which topics a text covers."""

from __future__ import annotations

import re
from functools import cache

from ttdn.extract.normalize import match_form
from ttdn.lib.vocab import vocabulary

# Language names as Vietnamese and English texts write them → ISO 639-1.
LANG_VI = {
    "việt": "vi",
    "anh": "en",
    "trung": "zh",
    "trung quốc": "zh",
    "hoa": "zh",
    "hán": "zh",
    "nhật": "ja",
    "nhật bản": "ja",
    "hàn": "ko",
    "hàn quốc": "ko",
    "pháp": "fr",
    "nga": "ru",
    "lào": "lo",
    "khmer": "km",
    "khơ me": "km",
    "khơ-me": "km",
    "campuchia": "km",
    "đức": "de",
    "tây ban nha": "es",
    "thái": "th",
    "thái lan": "th",
    "ý": "it",
    "bồ đào nha": "pt",
    "ả rập": "ar",
    "ấn độ": "hi",
    "indonesia": "id",
    "mông cổ": "mn",
    "myanmar": "my",
}
LANG_EN = {
    "vietnamese": "vi",
    "english": "en",
    "chinese": "zh",
    "mandarin": "zh",
    "japanese": "ja",
    "korean": "ko",
    "french": "fr",
    "russian": "ru",
    "lao": "lo",
    "laotian": "lo",
    "khmer": "km",
    "german": "de",
    "spanish": "es",
    "thai": "th",
    "italian": "it",
    "portuguese": "pt",
    "arabic": "ar",
}
_VI_NAMES = "|".join(sorted(LANG_VI, key=len, reverse=True))
_EN_NAMES = "|".join(sorted(LANG_EN, key=len, reverse=True))
_NAME_END = r"(?![^\W\d_])"

# "tiếng Anh", "bản tiếng Nhật"; not "Đài Tiếng nói Việt Nam" (the name runs on).
LANG_AFTER_TIENG = re.compile(rf"\btiếng\s+(?P<name>{_VI_NAMES}){_NAME_END}", re.I)
# "song ngữ Anh - Việt", "bằng các ngôn ngữ: Việt, Anh, Hàn", "05 thứ tiếng: Anh, Pháp".
_LANG_LIST_LEAD = re.compile(
    r"\b(?:song ngữ|đa ngữ|ngôn ngữ|thứ tiếng|các tiếng|ngữ)\s*(?:là|gồm|:|\()?\s*", re.I
)
_LANG_LIST_ITEM = re.compile(
    rf"\s*(?:tiếng\s+)?(?P<name>{_VI_NAMES}){_NAME_END}\s*(?P<sep>,|-|–|/|và|\+|;)?", re.I
)
_LANG_EN = re.compile(
    rf"\b(?:in|into|bilingual|trilingual|languages?:?|editions?:?)\s+(?:both\s+)?"
    rf"(?P<list>(?:(?:{_EN_NAMES})(?:\s*(?:,|and|&|/|-)\s*)?)+)"
    rf"|\b(?P<one>{_EN_NAMES})[- ](?:language|version|edition|subtitles?)",
    re.I,
)
_EN_NAME = re.compile(rf"\b(?:{_EN_NAMES})\b", re.I)


def language_code(name: str) -> str | None:
    key = " ".join(match_form(name).lower().split())
    return LANG_VI.get(key) or LANG_EN.get(key)


def find_languages(text: str, lang: str = "vi") -> list[str]:
    """ISO codes of languages the text says content was made in, in order of mention."""
    form = match_form(text)
    found: list[tuple[int, str]] = []
    for m in LANG_AFTER_TIENG.finditer(form):
        code = language_code(m.group("name"))
        if code:
            found.append((m.start(), code))
    for lead in _LANG_LIST_LEAD.finditer(form):
        pos = lead.end()
        while item := _LANG_LIST_ITEM.match(form, pos):
            code = language_code(item.group("name"))
            if code:
                found.append((item.start("name"), code))
            pos = item.end()
            if not item.group("sep"):
                break
    for m in _LANG_EN.finditer(form) if lang == "en" else ():
        chunk = m.group("list") or m.group("one")
        start = m.start()
        for name in _EN_NAME.finditer(chunk):
            code = language_code(name.group(0))
            if code:
                found.append((start + name.start(), code))
    seen: list[str] = []
    for _, code in sorted(found):
        if code not in seen:
            seen.append(code)
    return seen


# Topics --------------------------------------------------------------------------------
# Extra phrases beyond the examples of the topic vocabulary (ttdn/lib/topics.json);
# single generic words ("lớp") are left out because they occur in unrelated phrases
# ("các tầng lớp nhân dân").
_EXTRA_HINTS: dict[str, list[str]] = {
    "hoi_nhap_quoc_te": ["integration", "free trade agreement", "WTO", "RCEP"],
    "chu_quyen_bien_dao": [
        "biển đảo",
        "biên giới lãnh thổ",
        "Hoàng Sa",
        "Trường Sa",
        "sovereignty",
        "East Sea",
    ],
    "nhan_quyen": ["human rights", "tự do tôn giáo", "religion"],
    "phan_bac_thong_tin_sai": [
        "sai trái",
        "xuyên tạc",
        "tin giả",
        "fake news",
        "false information",
    ],
    "xuc_tien_dau_tu": ["thu hút đầu tư", "nhà đầu tư", "investment promotion", "investors"],
    "xuc_tien_thuong_mai": ["trade promotion", "hội chợ", "trade fair", "export"],
    "du_lich": ["tourism", "tourists", "lượt khách", "khách quốc tế"],
    "van_hoa": ["culture", "heritage", "festival", "bảo tàng"],
    "hop_tac_quoc_te": ["hợp tác", "quan hệ đối ngoại", "friendship", "cooperation", "sister"],
    "nguoi_viet_o_nuoc_ngoai": [
        "overseas Vietnamese",
        "người Việt ở nước ngoài",
        "cộng đồng người Việt",
    ],
    "bao_chi_phat_ngon": [
        "phóng viên",
        "press conference",
        "spokesperson",
        "journalists",
        "báo chí nước ngoài",
    ],
    "dao_tao_tap_huan": ["lớp tập huấn", "lớp bồi dưỡng", "training", "tập huấn"],
    "su_kien_ky_niem": ["ngày lễ", "anniversary", "lễ kỷ niệm"],
    "bao_mat_thong_tin": ["bí mật nhà nước", "information security"],
    "xuat_nhap_canh_di_cu": ["xuất cảnh", "xuất nhập cảnh", "di cư", "immigration", "foreigners"],
    "quang_ba_hinh_anh": [
        "quảng bá",
        "hình ảnh địa phương",
        "hình ảnh của tỉnh",
        "image of the province",
    ],
}
_WEAK_HINTS = {"lớp", "đào tạo", "dân tộc", "chủ quyền", "người nước ngoài", "ASEAN", "kỷ niệm"}


@cache
def _topic_patterns() -> list[tuple[str, re.Pattern[str]]]:
    patterns = []
    for topic in vocabulary("topics"):
        hints = [h for h in topic.get("hints", []) if h not in _WEAK_HINTS]
        hints += _EXTRA_HINTS.get(topic["code"], [])
        hints.append(topic["vi"].lower())
        escaped = sorted({re.escape(match_form(h)) for h in hints}, key=len, reverse=True)
        patterns.append(
            (topic["code"], re.compile(r"(?<!\w)(?:" + "|".join(escaped) + r")(?!\w)", re.I))
        )
    return patterns


def find_topics(text: str) -> list[str]:
    """Codes of the topic vocabulary whose phrases occur in the text, in order of first mention."""
    form = match_form(text)
    hits = []
    for code, pattern in _topic_patterns():
        m = pattern.search(form)
        if m:
            hits.append((m.start(), code))
    return [code for _, code in sorted(hits)]
