"""``extract(path)``: read, segment, and run the extractors into one schema-valid dict."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from ttdn.extract.document import Block, ReadResult
from ttdn.extract.errors import ClassifiedDocument
from ttdn.extract.facts import Fact, find_facts
from ttdn.extract.marking import document_marking
from ttdn.extract.normalize import match_form
from ttdn.extract.readers import read
from ttdn.extract.readers.common import vietnamese_ratio
from ttdn.extract.references import find_references
from ttdn.extract.sections import find_sections
from ttdn.extract.segment import Layout, segment
from ttdn.extract.tables import table_facts
from ttdn.extract.vocab import find_languages, find_topics
from ttdn.lib.periods import Period, PeriodError, PeriodType, find_period_labels

_EN_WORDS = re.compile(
    r"\b(?:the|and|of|in|to|with|for|was|were|has|have|province|provincial)\b", re.I
)


def document_language(text: str) -> str:
    """'vi' or 'en': Vietnamese prose is about a quarter letters with Vietnamese marks."""
    sample = text[:20000]
    if vietnamese_ratio(sample) >= 0.05:
        return "vi"
    words = max(1, len(sample.split()))
    return "en" if len(_EN_WORDS.findall(sample)) / words > 0.06 else "vi"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Periods -----------------------------------------------------------------------------
_HALF_NO_YEAR = re.compile(
    r"(?P<label>(?:6|sáu)\s+tháng\s+(?P<part>đầu|cuối)\s+năm)(?!\s*(?:19|20)\d{2})", re.I
)
_NINE_NO_YEAR = re.compile(
    r"(?P<label>(?:9|chín)\s+tháng\s+(?:đầu\s+)?năm)(?!\s*(?:19|20)\d{2})", re.I
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_EN_YEAR_TITLE = re.compile(r"\b(?:in|of|for|year)\s+((?:19|20)\d{2})\b", re.I)
# Mentions of another period than the one reported: comparisons, plans, multi-year spans.
_NOT_REPORTED = re.compile(
    r"(?:cùng kỳ|so với|giai đoạn|đến|từ|trước|kế hoạch|phương hướng|nhiệm vụ|same period|compared"
    r"|than|since)\s*(?:\S+\s*){0,2}$",
    re.I,
)
_RESULTS_LEAD = re.compile(
    r"(?:^|[.;:]\s*|\btrong\s+|\bkết quả\b.{0,40}|\bin\s+(?:the\s+)?)$", re.I
)


def _period_dict(period: Period, label: str) -> dict[str, str]:
    return {"label": label, "start": period.start.isoformat(), "end": period.end.isoformat()}


def _labels(text: str) -> list[tuple[int, Period, str]]:
    found = [(m.start, m.period, m.label) for m in find_period_labels(text)]
    form = match_form(text)
    for pattern, kind in ((_HALF_NO_YEAR, "half"), (_NINE_NO_YEAR, "nine")):
        for m in pattern.finditer(form):
            year = _YEAR.search(form, m.end(), m.end() + 120)
            if not year:
                continue
            try:
                if kind == "half":
                    index = 1 if m.group("part").lower() == "đầu" else 2
                    period = Period(PeriodType.SIX_MONTH, int(year.group(1)), index)
                else:
                    period = Period(PeriodType.NINE_MONTH, int(year.group(1)), 1)
            except PeriodError:
                continue
            if not any(s <= m.start() < s + len(lab) for s, _, lab in found):
                found.append(
                    (m.start(), period, text[m.start() : m.end("label")] + f" {year.group(1)}")
                )
    return sorted(found, key=lambda x: x[0])


def find_period(layout: Layout, lang: str) -> dict[str, str] | None:
    """The period the document reports on: the first one its title names; otherwise, for
    reports and plans, the first one in the opening paragraphs; for articles, a period
    whose results the text describes ("trong 9 tháng đầu năm 2018, …")."""
    if layout.title:
        labels = _labels(layout.title)
        if labels:
            _, period, label = labels[0]
            return _period_dict(period, label)
        if lang == "en":
            m = _EN_YEAR_TITLE.search(layout.title)
            if m:
                return _period_dict(Period(PeriodType.YEAR, int(m.group(1))), m.group(0))
    body = layout.body
    paragraphs = body[:3] if layout.kind in ("report", "plan", "other") else body
    for block in paragraphs:
        text = block.text
        for start, period, label in _labels(text):
            before = text[max(0, start - 40) : start]
            if _NOT_REPORTED.search(match_form(before)):
                continue
            if layout.kind == "news":
                if period.type is PeriodType.MONTH:
                    continue
                if period.type is PeriodType.YEAR and not _RESULTS_LEAD.search(match_form(before)):
                    continue
            return _period_dict(period, label)
    return None


# Assembly ----------------------------------------------------------------------------
def body_facts(body: list[Block], lang: str) -> list[Fact]:
    """Facts of paragraphs, and of indicator tables row by row."""
    facts: list[Fact] = []
    i = 0
    while i < len(body):
        block = body[i]
        if block.table is not None:
            j = i
            while j < len(body) and body[j].table == block.table:
                j += 1
            from_table = table_facts(body[i:j])
            if from_table is not None:
                facts.extend(from_table)
                i = j
                continue
            for cell in body[i:j]:
                facts.extend(find_facts(cell.text, lang))
            i = j
            continue
        facts.extend(find_facts(block.text, lang))
        i += 1
    return facts


def build(result: ReadResult, *, filename: str, sha256: str) -> dict[str, Any]:
    layout = segment(result.blocks, title_hint=result.title_hint)
    all_text = "\n".join(b.text for b in layout.blocks)
    lang = document_language(all_text)
    body = layout.body
    body_text = "\n".join(b.text for b in body)
    facts = body_facts(body, lang)
    for note in result.footnotes:
        facts.extend(find_facts(note, lang))
    title_text = layout.title or ""
    notes_text = "\n".join(result.footnotes)
    references = find_references(
        f"{title_text}\n{body_text}\n{notes_text}", own_number=layout.number
    )
    issued_on = layout.issued_on.isoformat() if layout.issued_on else None
    if layout.kind == "news" and issued_on is None:
        issued_on = result.date_hint or layout.published_on
    out: dict[str, Any] = {
        "source": {
            "filename": filename,
            "format": result.format,
            "sha256": sha256,
            "pages": result.pages,
            "chars": sum(len(b.text) + 1 for b in result.blocks),
        },
        "kind": layout.kind,
        "title": layout.title,
        "number": layout.number,
        "issuer": layout.issuer,
        "place": layout.place,
        "issued_on": issued_on,
        "period": find_period(layout, lang),
        "references": references,
        "sections": find_sections(body, news=layout.kind == "news"),
        "facts": facts,
        "topics": find_topics(f"{title_text}\n{body_text}"),
        "languages": find_languages(body_text, lang),
        "recipients": layout.recipients,
        "signer": layout.signer or {"name": None, "position": None, "authority": None},
        "language": lang,
    }
    if result.date_hint:
        out["published_on"] = result.date_hint
    if result.footnotes:
        out["footnotes"] = result.footnotes
    return out


def extract(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The structured extract of one file (schema: ttdn/extract/extract.schema.json).

    Raises ``ExtractError`` (or a subclass) with a one-line reason for files it cannot
    read: unsupported or corrupt formats, scanned PDFs, files built to exhaust memory,
    and documents marked secret (``ClassifiedDocument``: nothing of them is extracted)."""
    p = Path(path)
    result = read(p)
    marking = document_marking(result)
    if marking:
        raise ClassifiedDocument(
            f"classified document (marked {marking}): state secrets are not extracted"
        )
    return build(result, filename=p.name, sha256=sha256_of(p))


def extract_blocks(
    blocks: list[Block], *, filename: str = "text", fmt: str = "txt"
) -> dict[str, Any]:
    """Extract from blocks already in memory (tests, callers holding text)."""
    return build(ReadResult(fmt, blocks), filename=filename, sha256="0" * 64)
