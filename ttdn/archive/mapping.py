"""Which indicator a fact read from a report most likely is (a suggestion for review).

Rules read the fact's counted noun (unit), its subject and the span it came from, all
folded, so "lượt khách quốc tế" and "luot khach quoc te" are the same. A fact no rule
recognises gets no suggestion; the officer can still pick an indicator by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ttdn.lib.textfold import fold


@dataclass(frozen=True)
class Suggestion:
    indicator: str
    option: str = ""


# Totals since the beginning ("lũy kế", "còn hiệu lực") are stocks, not what the period
# produced: suggesting the period's indicator for them would double count.
_CUMULATIVE = re.compile(r"luy ke|con hieu luc|tu truoc den nay|tong so den nay")

_ARTICLES = r"tin, bai|tin bai|tin|bai|bai viet|tin, bai viet"
_SOCIAL = r"mang xa hoi|facebook|fanpage|zalo|youtube|tiktok"

# (the whole counted noun, something the subject or span says or None, indicator,
# per language). First match wins: specific rules come before general ones.
_RULES: list[tuple[str, str | None, str, bool]] = [
    (r"ban|ban in|cuon|to", None, "publication_copies", True),
    (r"dau an pham|an pham|dau sach|an pham, tai lieu", None, "publication_titles", True),
    (r"(luot )?khach|luot", r"quoc te|nuoc ngoai", "visitors_international", False),
    (r"(luot )?khach|luot", r"noi dia|trong nuoc", "visitors_domestic", False),
    (r"du an", r"\bfdi\b|von dau tu (truc tiep )?nuoc ngoai", "fdi_projects", False),
    (r"du an", r"\boda\b", "oda_projects", False),
    (r"usd|do la my", r"\bfdi\b|dau tu (truc tiep )?nuoc ngoai", "fdi_capital", False),
    (r"dong|vnd", r"du lich", "tourism_revenue", False),
    (r"lop.*", None, "training_courses", False),
    (r"hoc vien|luot hoc vien|luot nguoi|nguoi|can bo|cong chuc|dai bieu", r"tap huan|boi duong", "training_participants", False),
    (_ARTICLES, r"phan bac|sai su that|xuyen tac", "rebuttal_articles", False),
    (r"tin, bai|tin bai|bai|bai viet", r"bao (chi )?nuoc ngoai|truyen thong quoc te", "foreign_media_items", True),
    (_ARTICLES, r"cong thong tin|trang thong tin dien tu", "portal_items", True),
    (r"tin, bai|tin bai|tin|bai viet|tin, bai viet|tin, bai, phong su", None, "news_articles", False),
    (r"bai|bai dang|bai viet", _SOCIAL, "social_posts", False),
    (r"nguoi theo doi|luot theo doi", None, "social_followers", False),
    (r"tai khoan|trang", _SOCIAL, "social_accounts", False),
    (r"chuong trinh", r"phat thanh|truyen hinh|phat song", "broadcast_programmes", False),
    (r"phut|gio phat song", None, "broadcast_minutes", True),
    (r"cuoc|buoi", r"hop bao", "press_conferences", False),
    (r"cuoc|buoi|ky", r"giao ban", "press_briefings", False),
    (r"(luot )?phong vien", r"nuoc ngoai|quoc te", "foreign_reporters", False),
    (r"doan|doan khach", r"phong vien|bao chi", "foreign_press_delegations", False),
    (r"doan|doan khach", r"quoc te|nuoc ngoai", "international_delegations", False),
    (r"thoa thuan|ban ghi nho|van kien|hiep dinh", None, "international_agreements", False),
    (r"cuoc|su kien|hoi cho", r"trien lam|hoi cho|xuc tien", "exhibitions", False),
]  # fmt: skip

RULES = [
    (re.compile(unit), re.compile(about) if about else None, code, per_language)
    for unit, about, code, per_language in _RULES
]


def suggest(fact: dict[str, Any], known: set[str] | None = None) -> Suggestion | None:
    """The indicator (and language option) ``fact`` most likely reports, among ``known``
    indicator codes when given; None when no rule is sure enough."""
    raw_unit = fact.get("unit")
    if raw_unit in (None, "", "%"):
        return None
    unit = " ".join(fold(str(raw_unit)).split())
    about = f"{fold(str(fact.get('subject') or ''))} {fold(str(fact.get('text') or ''))}"
    if _CUMULATIVE.search(about):
        return None
    for unit_pattern, about_pattern, code, per_language in RULES:
        if known is not None and code not in known:
            continue
        if unit_pattern.fullmatch(unit) and (about_pattern is None or about_pattern.search(about)):
            return Suggestion(code, str(fact.get("language") or "") if per_language else "")
    return None
