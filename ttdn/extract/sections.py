"""Body headings with their nesting level and role.

Levels come from the order numbering styles appear in, as a reader sees them: the first
style is level 1, a new style below it is level 2, a style seen before closes the deeper
ones. So "I. → 1. → a)" gives 1, 2, 3, and a report that starts at "1." gets 1 for it.
"""

from __future__ import annotations

import re

from ttdn.extract.document import Block
from ttdn.extract.normalize import match_form

_STYLES: list[tuple[str, re.Pattern[str]]] = [
    (
        "part",
        re.compile(
            r"^(?:PHẦN|Phần|PART|Part|CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+|thứ\s+\w+|THỨ\s+\w+)\b"
        ),
    ),
    ("roman", re.compile(r"^[IVXLC]{1,6}\s*[.)\-–:]\s*\S")),
    ("decimal3", re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S")),
    ("decimal2", re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+[^\W\d_]")),
    ("arabic", re.compile(r"^\d{1,2}\s*[.)]\s*[^\W\d_]")),
    ("letter", re.compile(r"^[a-zđ]\s*[.)]\s+\S")),
]
_MAX_HEADING_WORDS = 40

# Roles, tried in order: the first whose words occur in the heading wins.
_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("assessment", re.compile(r"\bđánh giá\b|\bnhận xét\b|\bassessment\b|\bevaluation\b", re.I)),
    (
        "proposals",
        re.compile(
            r"\bđề xuất\b|\bkiến nghị\b|\bđề nghị\b|\brecommendations?\b|\bproposals?\b", re.I
        ),
    ),
    (
        "next_tasks",
        re.compile(
            r"\bphương hướng\b|\bnhiệm vụ\b.*\b(?:tới|tiếp theo|năm \d{4}|cuối năm)\b|\bthời gian tới\b"
            r"|\bnhiệm vụ trọng tâm\b|\bnhiệm vụ,? giải pháp\b|\bkế hoạch\b.*\bnăm \d{4}\b|\bsẽ\b"
            r"|\bnext\b|\bupcoming\b|\btasks?\b",
            re.I,
        ),
    ),
    ("solutions", re.compile(r"\bgiải pháp\b|\bbiện pháp\b|\bsolutions?\b|\bmeasures\b", re.I)),
    (
        "difficulties",
        re.compile(
            r"\bkhó khăn\b|\bhạn chế\b|\btồn tại\b|\bvướng mắc\b|\bbất cập\b|\bnguyên nhân\b"
            r"|\bdifficult|\blimitations?\b|\bshortcomings?\b|\bchallenges?\b",
            re.I,
        ),
    ),
    (
        "advantages",
        re.compile(
            r"\bthuận lợi\b|\bưu điểm\b|\bmặt (?:được|mạnh)\b|\badvantages?\b|\bstrengths?\b", re.I
        ),
    ),
    (
        "direction",
        re.compile(
            r"\blãnh đạo\b|\bchỉ đạo\b|\bđiều hành\b|\bquán triệt\b|\btổ chức thực hiện\b|\bdirection\b"
            r"|\bleadership\b",
            re.I,
        ),
    ),
    (
        "context",
        re.compile(
            r"\btình hình\b|\bbối cảnh\b|\bđặc điểm\b|\bcăn cứ\b|\bmục đích\b|\byêu cầu\b|\bcontext\b"
            r"|\bbackground\b|\bsituation\b|\bobjectives?\b",
            re.I,
        ),
    ),
    (
        "results",
        re.compile(r"\bkết quả\b|\bresults?\b|\bachievements?\b|\bđã đạt\b|\bđã làm được\b", re.I),
    ),
]


def heading_style(text: str) -> str | None:
    for name, pattern in _STYLES:
        if pattern.match(text):
            return name
    return None


def role_of(heading: str) -> str | None:
    form = match_form(heading)
    for role, pattern in _ROLES:
        if pattern.search(form):
            return role
    return None


def _is_heading(block: Block, style: str | None, news: bool) -> bool:
    text = block.text
    words = len(text.split())
    if style is not None:
        if words > _MAX_HEADING_WORDS:
            return False
        # A numbered line with several sentences is a numbered paragraph, not a heading.
        if text.count(". ") >= 2 and not block.bold:
            return False
        return True
    if block.heading is not None:
        return words <= _MAX_HEADING_WORDS
    if news and 3 <= words <= 16 and not text.endswith((".", ":", ";", ",", "?", "!")):
        return block.gap and (block.bold or text[:1].isupper())
    return False


def find_sections(body: list[Block], *, news: bool = False) -> list[dict[str, object]]:
    sections: list[dict[str, object]] = []
    stack: list[str] = []
    roles: list[str | None] = []
    texts = [b.text for b in body]
    for idx, block in enumerate(body):
        text = block.text
        style = heading_style(text)
        if style is None and block.heading is not None:
            style = f"h{block.heading}"
        if not _is_heading(block, style, news):
            continue
        if style is None:
            # Article sub-heading: a short line between paragraphs, not a photo caption
            # (captions come twice or sit right before another short line).
            nxt = texts[idx + 1] if idx + 1 < len(texts) else ""
            if len(nxt) < 120 or texts.count(text) > 1:
                continue
            style = "plain"
        if style in stack:
            del stack[stack.index(style) + 1 :]
        else:
            stack.append(style)
        level = len(stack)
        del roles[level - 1 :]
        role = role_of(text)
        if role is None:
            role = next((r for r in reversed(roles) if r), None)
        roles.append(role)
        sections.append({"heading": text, "level": level, "role": role})
    return sections
