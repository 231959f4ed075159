"""Sentences of a report: subjects put in front of a unit's subjectless lines, several
units' sentences merged into one, activities written as actions with their dates, and
the small rules of wording the drafter shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ttdn.activities.models import Activity
from ttdn.indicators.models import Indicator
from ttdn.lib import prose, vocab
from ttdn.lib.textfold import words
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.reporting import phrasebook
from ttdn.reporting.models import ReportRequest
from ttdn.reporting.phrasebook import Figure

if TYPE_CHECKING:  # records.py imports this module
    from ttdn.reporting.drafting.records import Source

SIMILAR = 0.75  # word-set overlap above which two sentences say the same thing
TIME_PREFIX = re.compile(
    r"^((?:ngày|từ ngày|trong|tháng|quý|năm|\d+ tháng|đầu|cuối|giữa)\b[^,]{0,60},\s*)",
    re.IGNORECASE,
)
HEADING = re.compile(r"^\s*(\d+|[a-zđ])[.)]\s+\S")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀ-ỸĐ0-9\-–•])")


def split_sentences(text: str) -> list[str]:
    """ "Một là A. Hai là B." → ["Một là A.", "Hai là B."]; bullets and lines apart too."""
    parts = (
        p.strip(" \t-–•+*") for line in (text or "").splitlines() for p in _SENTENCE.split(line)
    )
    return [p for p in parts if len(p) > 3]


def plural_subject(kinds: set[str] | frozenset[str]) -> str:
    """How three or more units are named together, by their kinds."""
    localities = {UnitKind.COMMUNE, UnitKind.DISTRICT}
    if kinds <= localities:
        return "Các địa phương"
    if kinds <= {UnitKind.DEPARTMENT}:
        return "Các sở, ban, ngành"
    if kinds <= {UnitKind.PRESS_AGENCY}:
        return "Các cơ quan báo chí"
    if kinds & localities:
        return "Các sở, ban, ngành, địa phương"
    return "Các cơ quan, đơn vị"


def subject_for(units: list[OrgUnit], names: dict[int, str]) -> str:
    if len(units) == 1:
        return names[units[0].pk]
    if len(units) == 2:
        return f"{names[units[0].pk]} và {names[units[1].pk]}"
    return plural_subject({u.kind for u in units})


def with_subject(text: str, subject: str) -> str:
    """Put a subject into a subjectless sentence after any leading time phrase:
    "Ngày 12/3/2024, tiếp đoàn …" → "Ngày 12/3/2024, Sở Ngoại vụ tiếp đoàn …". A
    sentence that does not start with an action has its subject already: kept as is."""
    text = text.strip().lstrip("-–•+ ").strip()
    match = TIME_PREFIX.match(text)
    prefix, rest = (match.group(1), text[match.end() :]) if match else ("", text)
    if not phrasebook.starts_with_verb(rest):
        return prose.sentence(text)
    rest = prose.lower_first(rest)
    if subject.startswith("Các ") and not rest.startswith("đã "):
        rest = "đã " + rest
    if prefix:
        return prose.sentence(prose.upper_first(prefix) + subject + " " + rest)
    return prose.sentence(subject + " " + rest)


def activity_sentence(activity: Activity, indicators: dict[str, Indicator]) -> str:
    """ "Từ ngày 18 đến ngày 21/4/2024, tham gia Hội chợ … (song ngữ) …" without subject."""
    text = phrasebook.action(activity.type, activity.title)
    extras = []
    for code, template in phrasebook.ACTIVITY_QUANTITIES.items():
        amount = (activity.quantities or {}).get(code)
        indicator = indicators.get(code)
        if amount and indicator is not None:
            quantity = prose.Quantity(Decimal(str(amount)), indicator.measure_unit)
            extras.append(template.format(q=quantity))
    if extras:
        text += " " + ", ".join(extras)
    foreign = [code for code in activity.languages or [] if code != "vi"]
    if (
        foreign
        and activity.type in ("publication", "media_coverage")
        and not re.search(r"ngữ|tiếng", activity.title, re.IGNORECASE)
    ):
        labels = [vocab.label("languages", code) for code in activity.languages]
        text += " bằng " + prose.join(labels)
    sentence = f"{prose.upper_first(prose.span(activity.start_date, activity.end_date))}, {text}"
    sentence = prose.sentence(sentence)
    description = " ".join((activity.description or "").split())
    if description:
        sentence += " " + prose.sentence(description)
    return sentence


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_DIGITS = re.compile(r"\d")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\b\d{1,2}(?=\s+đến\s+ngày)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUANTITY = re.compile(
    r"\d+(?:[.,]\d+)*\s*(?:%|tin|bài|lượt|bản|dự án|triệu|tỷ|người|chương trình|cuộc|lớp|"
    r"đoàn|ấn phẩm|tài khoản|buổi|phóng viên|phóng sự|video|sự kiện|hội nghị|trang|"
    r"chuyên mục|học viên|đầu|thỏa thuận|văn bản|kế hoạch|phút|giờ|đồng|USD)",
    re.IGNORECASE,
)


def _mergeable(a: str, b: str) -> bool:
    """Two units' sentences may become one only when neither states an amount of its own
    and any other numbers (an anniversary, a year) are the same."""
    if _QUANTITY.search(a) or _QUANTITY.search(b):
        return False
    numbers = [sorted(_NUMBER.findall(_DATE.sub("", text))) for text in (a, b)]
    return numbers[0] == numbers[1]


def sentence_key(text: str) -> frozenset[str]:
    """The words of a sentence without its figures and dates, to find near-duplicates."""
    return frozenset(w for w in words(text) if not _DIGITS.search(w))


@dataclass
class Point:
    text: str
    units: list[OrgUnit]
    sources: list[Source]
    key: frozenset[str]


def merge(items: list[tuple[OrgUnit, str, list[Source]]]) -> list[Point]:
    """Sentences from many units; near-duplicates become one point naming every unit."""
    points: list[Point] = []
    for unit, text, sources in items:
        key = sentence_key(text)
        # A sentence with figures says how much one unit did: never merged with another's.
        similar = [p for p in points if _mergeable(p.text, text)]
        match = max(similar, key=lambda p: similarity(p.key, key), default=None)
        if match is not None and similarity(match.key, key) >= SIMILAR:
            if unit not in match.units:
                match.units.append(unit)
            match.sources.extend(s for s in sources if s not in match.sources)
            continue
        points.append(Point(text, [unit], list(sources), key))
    return points


PROPOSAL_TOPICS = {
    "kinh phí": ("kinh phi", "ngan sach"),
    "cán bộ": ("bien che", "can bo chuyen trach", "nhan su"),
    "tập huấn": ("tap huan", "boi duong", "dao tao"),
    "tài liệu": ("tai lieu", "dinh huong", "huong dan"),
}


def proposal_topic(text: str) -> str | None:
    folded = " ".join(words(text))
    for topic, keys in PROPOSAL_TOPICS.items():
        if any(k in folded for k in keys):
            return topic
    return None


def request_about(request: ReportRequest) -> str:
    """A công văn's subject after "về việc": "báo cáo kết quả công tác …"."""
    about = prose.lower_first(request.subject.strip().rstrip("."))
    return about if about.startswith("báo cáo") else f"báo cáo {about}"


def plan_about(title: str) -> str:
    """A plan's trích yếu after "về": "Kế hoạch công tác TTĐN năm 2024" → "công tác …"."""
    title = title.strip().rstrip(".")
    title = re.sub(r"^(kế hoạch|chương trình|đề án)\s+(về\s+)?", "", title, flags=re.IGNORECASE)
    return prose.lower_first(title)


def figure_name(figure: Figure, plain: bool = False) -> str:
    name = prose.lower_first(figure.name)
    if plain or figure.kind == "money":
        return name
    return f"số {name}"
