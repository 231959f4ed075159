"""Which indicator a fact read from a report most likely is (a suggestion for review).

Rules read the fact's counted noun (unit), its subject and the span it came from, all
folded, so "lượt khách quốc tế" and "luot khach quoc te" are the same. A fact no rule
recognises gets no suggestion; the officer can still pick an indicator by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ttdn.lib.textfold import fold


@dataclass(frozen=True)
class Suggestion:
    indicator: str
    option: str = ""


@dataclass(frozen=True)
class _Fact:
    unit: str
    subject: str
    text: str
    language: str

    @property
    def about(self) -> str:
        return f"{self.subject} {self.text}"

    def says(self, pattern: str) -> bool:
        return re.search(pattern, self.about) is not None

    def unit_is(self, pattern: str) -> bool:
        return re.fullmatch(pattern, self.unit) is not None


# Totals since the beginning ("lũy kế", "còn hiệu lực") are stocks, not what the period
# produced: suggesting the period's indicator for them would double count.
_CUMULATIVE = r"luy ke|con hieu luc|tu truoc den nay|tong so den nay"

Rule = tuple[Callable[[_Fact], bool], str, bool]  # (test, indicator, per language)

RULES: list[Rule] = [
    (lambda f: f.unit_is(r"ban") or f.unit_is(r"ban in|cuon|to"), "publication_copies", True),
    (lambda f: f.unit_is(r"dau an pham|an pham|dau sach|an pham, tai lieu"), "publication_titles", True),
    (lambda f: f.unit_is(r"(luot )?khach|luot") and f.says(r"quoc te|nuoc ngoai"), "visitors_international", False),
    (lambda f: f.unit_is(r"(luot )?khach|luot") and f.says(r"noi dia|trong nuoc"), "visitors_domestic", False),
    (lambda f: f.unit_is(r"du an") and f.says(r"\bfdi\b|von dau tu (truc tiep )?nuoc ngoai"), "fdi_projects", False),
    (lambda f: f.unit_is(r"du an") and f.says(r"\boda\b"), "oda_projects", False),
    (lambda f: f.unit_is(r"usd|do la my") and f.says(r"\bfdi\b|dau tu (truc tiep )?nuoc ngoai"), "fdi_capital", False),
    (lambda f: f.unit_is(r"dong|vnd") and f.says(r"du lich"), "tourism_revenue", False),
    (lambda f: f.unit.startswith("lop"), "training_courses", False),
    (lambda f: f.unit_is(r"hoc vien|luot hoc vien|luot nguoi|nguoi|can bo|cong chuc|dai bieu") and f.says(r"tap huan|boi duong"), "training_participants", False),
    (lambda f: f.unit_is(r"tin, bai|tin bai|tin|bai|bai viet|tin, bai viet") and f.says(r"phan bac|sai su that|xuyen tac"), "rebuttal_articles", False),
    (lambda f: f.unit_is(r"tin, bai|tin bai|bai|bai viet") and f.says(r"bao (chi )?nuoc ngoai|truyen thong quoc te"), "foreign_media_items", True),
    (lambda f: f.unit_is(r"tin, bai|tin bai|tin|bai|bai viet|tin, bai viet") and f.says(r"cong thong tin|trang thong tin dien tu"), "portal_items", True),
    (lambda f: f.unit_is(r"tin, bai|tin bai|tin|bai viet|tin, bai viet|tin, bai, phong su"), "news_articles", False),
    (lambda f: f.unit_is(r"bai|bai dang|bai viet") and f.says(r"mang xa hoi|facebook|fanpage|zalo|youtube|tiktok"), "social_posts", False),
    (lambda f: f.unit_is(r"nguoi theo doi|luot theo doi"), "social_followers", False),
    (lambda f: f.unit_is(r"tai khoan|trang") and f.says(r"mang xa hoi|facebook|fanpage|zalo|youtube|tiktok"), "social_accounts", False),
    (lambda f: f.unit_is(r"chuong trinh") and f.says(r"phat thanh|truyen hinh|phat song"), "broadcast_programmes", False),
    (lambda f: f.unit_is(r"phut|gio phat song"), "broadcast_minutes", True),
    (lambda f: f.says(r"hop bao") and f.unit_is(r"cuoc|buoi"), "press_conferences", False),
    (lambda f: f.says(r"giao ban") and f.unit_is(r"cuoc|buoi|ky"), "press_briefings", False),
    (lambda f: f.unit_is(r"(luot )?phong vien") and f.says(r"nuoc ngoai|quoc te"), "foreign_reporters", False),
    (lambda f: f.unit_is(r"doan|doan khach") and f.says(r"phong vien|bao chi"), "foreign_press_delegations", False),
    (lambda f: f.unit_is(r"doan|doan khach") and f.says(r"quoc te|nuoc ngoai"), "international_delegations", False),
    (lambda f: f.unit_is(r"thoa thuan|ban ghi nho|van kien|hiep dinh"), "international_agreements", False),
    (lambda f: f.unit_is(r"cuoc|su kien|hoi cho") and f.says(r"trien lam|hoi cho|xuc tien"), "exhibitions", False),
]  # fmt: skip


def suggest(fact: dict[str, Any], known: set[str] | None = None) -> Suggestion | None:
    """The indicator (and language option) ``fact`` most likely reports, among ``known``
    indicator codes when given; None when no rule is sure enough."""
    if fact.get("unit") in (None, "", "%"):
        return None
    folded = _Fact(
        unit=" ".join(fold(str(fact.get("unit") or "")).split()),
        subject=fold(str(fact.get("subject") or "")),
        text=fold(str(fact.get("text") or "")),
        language=str(fact.get("language") or ""),
    )
    if folded.says(_CUMULATIVE):
        return None
    for test, code, per_language in RULES:
        if known is not None and code not in known:
            continue
        if test(folded):
            return Suggestion(code, folded.language if per_language else "")
    return None
