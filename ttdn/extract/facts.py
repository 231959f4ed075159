"""Quantities: every number in the body with a counted noun, a currency or a percent.

Not facts (tests/data/samples/LABELING.md): dates, years, times of day, document and section
numbers, ordinals ("lần thứ 4"), numbers inside names ("Sea Games 31", "Covid-19", "G7"),
ranges of years ("2021-2025") and number words. A percent of change ("tăng 33% so với
cùng kỳ") is not a fact of its own: it is the change of the fact it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict

from ttdn.extract.dates import NUMERIC_DATE, WORDS_DATE_EN, WORDS_DATE_VI
from ttdn.extract.normalize import match_form
from ttdn.extract.numbers import (
    EN_NUMBER,
    SCALE_EN,
    SCALE_VI,
    VI_NUMBER,
    NumberError,
    parse_number,
    scale,
)
from ttdn.extract.references import REFNUM
from ttdn.extract.vocab import LANG_EN, LANG_VI

_NUM = {
    "vi": re.compile(rf"(?<![\w.,/\\\-–:%+#$@])(?P<num>{VI_NUMBER})(?![\w/]|[.,]\d|[-–]\d|:\d)"),
    "en": re.compile(rf"(?<![\w.,/\\\-–:%+#@])(?P<num>{EN_NUMBER})(?![\w/]|[.,]\d|[-–]\d|:\d)"),
}
_SCALE = {
    "vi": re.compile(
        r"\s*(?P<s1>nghìn|ngàn|ngìn|vạn|triệu|tỷ|tỉ)(?:\s+(?P<s2>tỷ|tỉ|triệu))?(?![^\W\d_])", re.I
    ),
    "en": re.compile(r"\s*(?P<s1>thousand|million|mln|billion|bln|bn|trillion)(?![^\W\d_])", re.I),
}
_PERCENT = re.compile(r"\s?(?:%|phần trăm(?![^\W\d_])|per ?cent(?![^\W\d_]))", re.I)
_TOKEN = re.compile(r"US\$|[^\W\d_][\w'’]*|\S")
_EN_CURRENCY_BEFORE = re.compile(r"(?:US\$|USD|VND|VNĐ|EUR|€|\$)\s?$")

# Compound units, longest first; anything else takes its first word. Tuples of tokens.
_UNITS_VI = [
    "lượt khách",
    "lượt người",
    "lượt truy cập",
    "lượt xem",
    "lượt tiếp cận",
    "lượt theo dõi",
    "lượt thích",
    "lượt chia sẻ",
    "lượt đại biểu",
    "lượt cán bộ",
    "lượt phát sóng",
    "lượt tin",
    "tin, bài",
    "tin bài",
    "tin/bài",
    "bài viết",
    "bài báo",
    "phóng sự",
    "chuyên mục",
    "chuyên đề",
    "chuyên trang",
    "ấn phẩm",
    "tài liệu",
    "cuốn sách",
    "đầu sách",
    "bản tin",
    "tờ gấp",
    "tờ rơi",
    "dự án",
    "doanh nghiệp",
    "nhà đầu tư",
    "cán bộ",
    "lãnh đạo",
    "học viên",
    "đại biểu",
    "phóng viên",
    "người theo dõi",
    "thành viên",
    "tỉnh, thành phố",
    "tỉnh, thành",
    "tỉnh thành",
    "quốc gia",
    "vùng lãnh thổ",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "hội nghị",
    "hội thảo",
    "họp báo",
    "cuộc họp",
    "lớp tập huấn",
    "lớp bồi dưỡng",
    "buổi",
    "chương trình",
    "sự kiện",
    "đoàn khách",
    "đoàn",
    "sản phẩm",
    "video clip",
    "video",
    "clip",
    "trang",
    "triệu USD",
    "đô la Mỹ",
    "đô la",
    "nhân dân tệ",
    "đồng",
    "USD",
    "VNĐ",
    "VND",
    "EUR",
    "euro",
    "yên",
]
_UNITS_VI += [
    "xã, thị trấn", "xã, phường", "tỉnh", "xã", "huyện", "thị trấn", "lượt", "người", "lớp", "kỳ",
    "bản", "cuốn", "tin", "bài", "số", "tập", "hộ", "km", "nhân khẩu", "công chức", "bản đồ",
]  # fmt: skip
_UNITS_EN = [
    "FDI projects",
    "projects",
    "visitors",
    "tourists",
    "arrivals",
    "articles",
    "news items",
    "news stories",
    "reports",
    "copies",
    "publications",
    "delegations",
    "delegates",
    "participants",
    "people",
    "officials",
    "officers",
    "journalists",
    "reporters",
    "enterprises",
    "businesses",
    "investors",
    "followers",
    "views",
    "episodes",
    "programmes",
    "programs",
    "videos",
    "clips",
    "events",
    "conferences",
    "seminars",
    "training courses",
    "courses",
    "classes",
    "provinces",
    "countries",
    "USD",
    "VND",
    "dong",
    "euros",
]
_UNIT_TOKENS = {
    lang: sorted({tuple(_TOKEN.findall(u.lower())) for u in units}, key=len, reverse=True)
    for lang, units in (("vi", _UNITS_VI), ("en", _UNITS_EN))
}
# Candidates by first token, longest first: one dict lookup per number.
_UNIT_INDEX: dict[str, dict[str, list[tuple[str, ...]]]] = {}
for _lang, _units in _UNIT_TOKENS.items():
    for _unit_tokens in _units:
        _UNIT_INDEX.setdefault(_lang, {}).setdefault(_unit_tokens[0], []).append(_unit_tokens)

# A first word after the number that shows it counts nothing.
_NOT_UNIT_VI = set(
    "và hoặc với của là cho trong tại từ đến tới theo về so như khi thì mà được bị đã sẽ đang có"
    " không này đó các những nào trên dưới sau trước gồm bao để do nên vì nhưng cũng còn vẫn đều"
    " đạt tăng giảm chiếm thế h g ha nhằm thuộc ở"
    " hay rồi lên xuống ra vào bằng qua".split()
)
_ANNIV_WORDS = re.compile(r"kỷ niệm|chào mừng|tròn|lần thứ", re.I)
_CHANGE_WORDS = re.compile(
    r"tăng|giảm|hơn|vượt|up|down|rose|fell|grew|drop|declin|increase|decrease|rise|growth", re.I
)
_QUALIFIER_WORDS = re.compile(
    r"ước|hơn|gần|khoảng|trên|xấp xỉ|chừng|than|over|nearly|almost|about|around|approx|roughly|some"
    r"|estimated",
    re.I,
)
# Anniversaries name an event ("kỷ niệm 50 năm thiết lập quan hệ ngoại giao").
_ANNIVERSARY_BEFORE = re.compile(r"(?:kỷ niệm|chào mừng|tròn|lần thứ)\s+(?:\S+\s+)?$", re.I)
_ANNIVERSARY_AFTER = re.compile(
    r"\s*(?:năm|years?)\s+(?:ngày|thành lập|thiết lập|chiến thắng|giải phóng|quan hệ)", re.I
)
_ANNIVERSARY_EN = re.compile(
    r"(?:st|nd|rd|th)?\s+anniversary|\s*years?\s+of\s+(?:diplomatic|the)", re.I
)
_NOT_UNIT_EN = set(
    "and or of in on at to for with from by the a an was were is are has have had compared than"
    " year years month months day days week weeks quarter which that as per while this these it"
    " its be been being up down over under percent between during after before into about".split()
)

_EN_SKIP = {
    "new",
    "more",
    "additional",
    "foreign",
    "domestic",
    "international",
    "local",
    "total",
    "other",
}

# Words right before the number that make it an ordinal, a date part or a label.
_PREV_EXCLUDE = set(
    "năm tháng ngày quý thứ lần khóa khoá kỳ đợt điều khoản điểm mục chương phần trang tập"
    " phiên hạng top lúc giờ covid no số: tầng phòng lô quốc_lộ tỉnh_lộ"
    " no. article clause section chapter page round phase term item".split()
)
_PREV2_EXCLUDE = {
    "giai đoạn",
    "nghị quyết",
    "chỉ thị",
    "kết luận",
    "quyết định",
    "nghị định",
    "thông tư",
    "kế hoạch",
    "chương trình",
    "đề án",
    "công văn",
    "văn bản",
    "thông báo",
    "quốc lộ",
    "tỉnh lộ",
    "đường số",
    "khu số",
    "lần thứ",
    "kỳ họp",
    "khóa họp",
    "đại hội",
    "hội nghị lần",
}
_QUALIFIERS = re.compile(
    r"(?:^|\s)(?P<q>ước đạt|ước tính|ước khoảng|ước|hơn|gần|khoảng|trên|xấp xỉ|chừng|tới hơn|tới gần"
    r"|more than|over|nearly|almost|about|around|approximately|roughly|some|estimated(?: at)?)\s*$",
    re.I,
)
_CHANGE_BEFORE = re.compile(
    r"(?P<dir>tăng trưởng|tăng thêm|tăng|giảm thêm|giảm|cao hơn|thấp hơn|vượt|up|down|rose|fell|grew"
    r"|dropped|declined|increased?|decreased?|(?:an? )?(?:increase|decrease|rise|drop|growth|decline) of)"
    r"(?:\s+(?:by|lên|xuống|hơn|gần|khoảng|là|đến|tới))?\s*$",
    re.I,
)
_BASELINE = re.compile(
    r"\s*(?:so với|so|compared (?:to|with)|over|than|from)\s+(?P<base>(?:the\s+)?[^,;.()!?\n]{2,60}?)"
    r"(?=\s*(?:[,;.()!?]|$|\s(?:và|and|trong đó|nhưng|while)\s))",
    re.I,
)
_YOY = re.compile(r"\s*(?:year[- ]on[- ]year|yoy)", re.I)
_CLAUSE_BREAK = re.compile(r"[;:(]|[.!?](?=\s)|,(?=\s)")
_SENTENCE_BREAK = re.compile(r"[;]|[.!?](?=\s|$)")
_LANG_BEFORE = {
    "vi": re.compile(
        r"(?:tiếng|bản)\s+(?P<name>"
        + "|".join(sorted(LANG_VI, key=len, reverse=True))
        + r")\s*:?\s*$",
        re.I,
    ),
    "en": re.compile(
        r"(?P<name>" + "|".join(LANG_EN) + r")(?:\s+(?:version|edition))?\s*:?\s*$", re.I
    ),
}
_LANG_AFTER = re.compile(
    r"^\s*(?:bằng\s+|bản\s+)?tiếng\s+(?P<name>"
    + "|".join(sorted(LANG_VI, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.I,
)


def _is_name_word(word: str) -> bool:
    return bool(word) and (word[:1].isupper() or word.isupper()) and word[:1].isalpha()


_DIGIT = re.compile(r"\d")


_DATE_HINT = re.compile(r"\d\s?[/.-]\s?\d")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")
_TIME = re.compile(r"\b\d{1,2}\s?[hg:]\s?\d{2}\b")
_REF_OR_RANGE = re.compile(rf"(?<![\w/]){REFNUM}|\b(?:19|20)\d{{2}}\s*[-–—]\s*(?:19|20)\d{{2}}\b")


def _excluded_spans(form: str, lang: str) -> list[tuple[int, int]]:
    """Spans whose numbers are dates, times, document numbers, URLs or year ranges. Each
    pattern runs only when a cheap test shows it can match (the engine's hot path)."""
    spans: list[tuple[int, int]] = []
    if "http" in form or "www." in form or "@" in form:
        spans.extend((m.start(), m.end()) for m in _URL.finditer(form))
    if "h" in form or "g" in form or ":" in form:
        spans.extend((m.start(), m.end()) for m in _TIME.finditer(form))
    if _DATE_HINT.search(form):
        spans.extend((m.start(), m.end()) for m in _REF_OR_RANGE.finditer(form))
        spans.extend((m.start(), m.end()) for m in NUMERIC_DATE.finditer(form))
    if "tháng" in form:
        spans.extend((m.start(), m.end()) for m in WORDS_DATE_VI.finditer(form))
    if lang == "en":
        spans.extend((m.start(), m.end()) for m in WORDS_DATE_EN.finditer(form))
    return spans


def _unit(tokens: list[str], lang: str) -> tuple[int, int, bool] | None:
    """(first, end, known) token indexes of the counted noun at the start of ``tokens``;
    ``known`` when it is one of the listed units rather than a plain first word."""
    if not tokens or not tokens[0][:1].isalpha() and tokens[0] != "US$":
        return None
    lowered = [t.lower() for t in tokens]
    start = 0
    if lang == "en":
        while start < len(lowered) - 1 and lowered[start] in _EN_SKIP:
            start += 1
    for candidate in _UNIT_INDEX[lang].get(lowered[start], ()):
        n = len(candidate)
        if tuple(lowered[start : start + n]) == candidate:
            return start, start + n, True
    first = lowered[start]
    stop = _NOT_UNIT_EN if lang == "en" else _NOT_UNIT_VI
    if first in stop or not tokens[start][:1].isalpha():
        return None
    return start, start + 1, False


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        out += t if (t in ",/" or not out or out.endswith("/")) else f" {t}"
    return out


def _subject(text: str, pos: int, unit: str) -> str | None:
    tail = re.match(r"[^,;.()\n:“”\"]{0,80}", text[pos:])
    words = (tail.group(0) if tail else "").split()[:5]
    stop = {
        "tăng", "giảm", "đạt", "với", "trong", "của", "và", "so", "chiếm", "đã", "được", "để", "đến",
        "tới", "cho", "nhằm", "tại", "ở", "trên", "về", "theo", "từ", "nhân", "do", "bằng", "qua",
        "mỗi", "gồm", "là", "có", "các", "những", "thì", "mà", "sẽ", "đang", "vào", "ra",
    }  # fmt: skip
    kept: list[str] = []
    for w in words:
        if w.lower() in stop or any(c.isdigit() for c in w):
            break
        kept.append(w)
    return " ".join([unit, *kept]) if kept and unit != "%" else None


def _clause_start(form: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE_BREAK.finditer(form, max(0, pos - 160), pos):
        start = m.end()
    words = form[start:pos].split()
    if len(words) > 10:
        cut = form.rfind(" ".join(words[-10:]), start, pos)
        start = cut if cut >= 0 else start
    return start


def _language(form: str, num_start: int, unit_end: int, lang: str) -> str | None:
    window = form[max(0, num_start - 40) : num_start]
    hint = ("tiếng" in window or "bản" in window) if lang == "vi" else True
    before = _LANG_BEFORE[lang].search(window) if hint else None
    name = before.group("name") if before else None
    if name is None:
        after = (
            _LANG_AFTER.match(form[unit_end : unit_end + 40])
            if "tiếng" in form[unit_end : unit_end + 40]
            else None
        )
        name = after.group("name") if after else None
    if name is None:
        return None
    key = " ".join(name.lower().split())
    return LANG_VI.get(key) or LANG_EN.get(key)


class Change(TypedDict):
    """A percent of change against a baseline ("tăng 12,5% so với cùng kỳ")."""

    percent: float | int
    direction: str  # "up" or "down"
    baseline: str | None


class Fact(TypedDict):
    """A number with its unit and the words around it (schemas/extract.schema.json)."""

    value: float | int
    unit: str
    text: str
    subject: str | None
    qualifier: str | None
    language: str | None
    change: Change | None


@dataclass
class _Quantity:
    fact: Fact
    end: int  # where the fact's text ends in the paragraph


@dataclass
class _PercentChange:
    change: Change
    end: int  # where the baseline ends


def find_facts(text: str, lang: str = "vi") -> list[Fact]:
    """Facts of one paragraph, in order."""
    if not _DIGIT.search(text):
        return []
    form = match_form(text)
    excluded = _excluded_spans(form, lang)
    facts: list[Fact] = []
    ends: list[int] = []
    for m in _NUM[lang].finditer(form):
        s, e = m.start("num"), m.end("num")
        if any(a <= s < b for a, b in excluded):
            continue
        found = _read_quantity(text, form, s, e, lang)
        if found is None:
            continue
        if isinstance(found, _PercentChange):
            _attach_change(facts, ends, text, form, s, found)
            continue
        facts.append(found.fact)
        ends.append(found.end)
    return facts


def _read_quantity(
    text: str, form: str, s: int, e: int, lang: str
) -> _Quantity | _PercentChange | None:
    token = form[s:e]
    try:
        value = parse_number(token, lang)
    except NumberError:
        return None
    before = form[max(0, s - 60) : s]
    prev_words = before.split()
    prev = prev_words[-1].lower().rstrip(":") if prev_words else ""
    prev2 = " ".join(w.lower() for w in prev_words[-2:])
    if prev in _PREV_EXCLUDE or prev2 in _PREV2_EXCLUDE or (prev == "số" and prev2 != "tổng số"):
        return None
    if prev_words and prev_words[-1] in ("thứ", "lần") or before.rstrip().endswith(("#", "№")):
        return None
    ahead = before.rstrip()
    ahead = ahead[: len(ahead) - len(prev_words[-1])] if prev_words else ahead
    sentence_start = not ahead.strip() or ahead.rstrip().endswith(
        (".", "!", "?", ":", ";", "(", "“", '"')
    )
    language = _language(form, s, e, lang)
    name_context = (
        prev_words
        and _is_name_word(prev_words[-1])
        and not sentence_start
        and not (len(prev_words) >= 2 and prev_words[-2].lower() in ("tiếng", "bản"))
        and language is None
        and not (lang == "en" and prev_words[-1].lower() in ("us$", "usd", "vnd", "$"))
        and not (token.startswith("0") and len(token) > 1)  # "03 tỉnh": names carry no leading 0
    )
    if (
        _ANNIVERSARY_BEFORE.search(before)
        or _ANNIVERSARY_AFTER.match(form, e)
        or _ANNIVERSARY_EN.match(form, e)
    ):
        return None
    # Four-digit years stand alone; "2.022 lượt" is written with a separator.
    year_like = token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100
    pos = e
    factor = 1.0
    percent = _PERCENT.match(form, pos)
    unit: str | None = None
    unit_strict = False
    if percent:
        unit = "%"
        pos = percent.end()
        unit_strict = True
    else:
        sc = _SCALE[lang].match(form, pos)
        if sc:
            table = SCALE_EN if lang == "en" else SCALE_VI
            factor = table[sc.group("s1").lower()]
            if sc.groupdict().get("s2"):
                factor *= table[sc.group("s2").lower()]
            pos = sc.end()
        currency = _EN_CURRENCY_BEFORE.search(form[max(0, s - 5) : s])
        if currency and lang == "en":
            unit = (
                "USD"
                if "$" in currency.group(0) or "USD" in currency.group(0)
                else currency.group(0).strip()
            )
            unit_strict = True
            name_context = False
        tail = form[pos : pos + 80]
        if unit is None and tail[:1].isspace():
            matches = list(_TOKEN.finditer(tail))
            found = _unit([t.group(0) for t in matches], lang)
            if found:
                first, end, unit_strict = found
                unit = _join([text[pos + t.start() : pos + t.end()] for t in matches[first:end]])
                pos += matches[end - 1].end()
    if unit is None:
        return None
    # "6 tháng", "9 tháng" name a reporting period, not a quantity of months.
    if unit.lower() == "tháng" and token in ("3", "6", "9"):
        return None
    if (name_context or year_like) and not unit_strict:
        return None
    window = form[max(0, s - 40) : s]
    direction = _CHANGE_BEFORE.search(window) if _CHANGE_WORDS.search(window) else None
    tail_words = " ".join(window.split()[-2:]).lower()
    qualifier_match = (
        _QUALIFIERS.search(window[-30:]) if _QUALIFIER_WORDS.search(tail_words) else None
    )
    if unit == "%" and direction:
        dir_word = direction.group("dir").lower()
        down = any(
            w in dir_word for w in ("giảm", "thấp", "down", "fell", "drop", "declin", "decrease")
        )
        base, pos = _baseline(form, text, pos)
        return _PercentChange(
            Change(percent=value, direction="down" if down else "up", baseline=base), pos
        )
    start = _clause_start(form, s)
    value = scale(value, factor)
    qualifier = qualifier_match.group("q") if qualifier_match else None
    if qualifier and qualifier_match:
        qualifier = text[s - len(qualifier_match.group(0)) : s].strip()
    fact = Fact(
        value=value,
        unit=unit,
        text=text[start:pos].strip(" ,"),
        subject=_subject(text, pos, unit),
        qualifier=qualifier,
        language=language,
        change=None,
    )
    return _Quantity(fact, pos)


def _baseline(form: str, text: str, pos: int) -> tuple[str | None, int]:
    m = _BASELINE.match(form, pos)
    if m:
        base = text[m.start("base") : m.end("base")].strip()
        return base, m.end("base")
    m = _YOY.match(form, pos)
    if m:
        return "same period last year", m.end()
    return None, pos


def _attach_change(
    facts: list[Fact],
    ends: list[int],
    text: str,
    form: str,
    s: int,
    found: _PercentChange,
) -> None:
    """A percent of change belongs to the last fact of the same sentence, if it has none."""
    if not facts:
        return
    last, end = facts[-1], ends[-1]
    if last["change"] is not None or _SENTENCE_BREAK.search(form, end, s):
        return
    last["change"] = found.change
    new_end = found.end
    if new_end > end:
        last["text"] = (last["text"] + text[end:new_end]).strip(" ,")
    ends[-1] = new_end
