"""Consolidating a subtree for a request: the indicator totals and the children's
narrative sections gathered under the form's headings, near-duplicates merged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ttdn.indicators.services import Totals, subtree_totals
from ttdn.lib.periods import Period
from ttdn.lib.textfold import words
from ttdn.orgunits.models import OrgUnit
from ttdn.plans.services import targets_for
from ttdn.reporting.models import DEFAULT_SECTIONS, ReportRequest, Status, SubmissionSection

_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀ-Ỹ0-9Đ\-–•])|\n+")
SIMILAR = 0.75  # word-set overlap above which two sentences say the same thing


@dataclass
class MergedPoint:
    text: str
    units: list[OrgUnit] = field(default_factory=list)
    _words: frozenset[str] = frozenset()


@dataclass
class NarrativeSection:
    code: str
    title: str
    points: list[MergedPoint]


@dataclass
class Consolidation:
    request: ReportRequest | None
    unit: OrgUnit
    totals: Totals
    sections: list[NarrativeSection]
    targets: dict[tuple[int, str], Decimal] = field(default_factory=dict)  # from plans


def split_sentences(text: str) -> list[str]:
    parts = (p.strip(" \t-–•+*") for p in _SENTENCE.split(text or ""))
    return [p for p in parts if len(p) > 3]


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def merge_points(items: list[tuple[OrgUnit, str]]) -> list[MergedPoint]:
    """Sentences from many units; near-duplicates become one point naming every unit."""
    points: list[MergedPoint] = []
    for unit, text in items:
        for sentence in split_sentences(text):
            key = frozenset(words(sentence))
            match = max(points, key=lambda p: _similarity(p._words, key), default=None)
            if match is not None and _similarity(match._words, key) >= SIMILAR:
                if unit not in match.units:
                    match.units.append(unit)
                continue
            points.append(MergedPoint(sentence, [unit], key))
    points.sort(key=lambda p: -len(p.units))
    return points


def consolidate(
    unit: OrgUnit, period: Period, request: ReportRequest | None = None
) -> Consolidation:
    """Totals over ``unit``'s subtree for ``period`` and the narratives its units
    submitted: for ``request`` when given, else for every request ``unit`` issued for the
    period (the latest one's form gives the headings)."""
    if request is None:
        requests = list(
            ReportRequest.objects.filter(issuing_unit=unit, period=period.id)
            .select_related("form")
            .order_by("-issued_on", "-id")
        )
        request = requests[0] if requests else None
    else:
        requests = [request]
    totals = subtree_totals(unit, period)
    rows = (
        SubmissionSection.objects.filter(
            submission__request__in=requests,
            submission__status__in=[Status.SUBMITTED, Status.ACCEPTED],
        )
        .exclude(text="")
        .select_related("submission__unit")
        .order_by("submission__unit__path")
    )
    by_code: dict[str, list[tuple[OrgUnit, str]]] = {}
    for section in rows:
        by_code.setdefault(section.code, []).append((section.submission.unit, section.text))
    specs = request.form.sections if request else DEFAULT_SECTIONS
    sections = [
        NarrativeSection(spec["code"], spec["title"], merge_points(by_code.get(spec["code"], [])))
        for spec in specs
    ]
    return Consolidation(request, unit, totals, sections, targets_for(unit, period))
