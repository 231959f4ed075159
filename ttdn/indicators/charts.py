"""The figures the dashboard draws: an indicator's totals over recent periods (trend) and
the units of a subtree ranked on one indicator. Both read the subtree totals
(services.subtree_totals), so a chart never disagrees with the totals page; the page's
text tables and the JSON API take them from here alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ttdn.indicators.models import Indicator
from ttdn.indicators.services import subtree_totals
from ttdn.lib.periods import Period
from ttdn.orgunits.models import OrgUnit

# What the dashboard follows over time when nobody asks for others: the press items,
# portal items and social media posts that every unit's report counts.
KEY_INDICATORS = ("news_articles", "portal_items", "social_posts")
# Enough periods to see a year against the one before without crowding a phone's width.
TREND_PERIODS = 6
MAX_TREND_PERIODS = 12
MAX_SERIES = 5


@dataclass
class Series:
    indicator: Indicator
    values: list[Decimal | None]  # one per period of the trend; None: nothing recorded


@dataclass
class Trend:
    unit: OrgUnit
    periods: list[Period]
    series: list[Series]


@dataclass
class Ranked:
    unit: OrgUnit
    value: Decimal | None


def key_indicators(codes: Sequence[str] = KEY_INDICATORS) -> list[Indicator]:
    """The active indicators named, in the order named; unknown codes are left out."""
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes, active=True)}
    return [found[code] for code in codes if code in found]


def recent_periods(last: Period, count: int = TREND_PERIODS) -> list[Period]:
    """``count`` periods of ``last``'s type ending with ``last``, oldest first."""
    periods = [last]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]


def trend(unit: OrgUnit, indicators: Sequence[Indicator], periods: Sequence[Period]) -> Trend:
    """Each indicator's subtree total for each period (four index reads a period)."""
    by_period = []
    for period in periods:
        table = subtree_totals(unit, period, include_options=False)
        by_period.append({row.indicator.pk: row.total for row in table.rows if not row.option})
    return Trend(
        unit,
        list(periods),
        [Series(ind, [totals.get(ind.pk) for totals in by_period]) for ind in indicators],
    )


def ranking(unit: OrgUnit, period: Period, indicator: Indicator) -> list[Ranked]:
    """The units directly under ``unit`` (and the unit itself when it reports figures of
    its own) by their subtree total of ``indicator``, largest first; units that recorded
    nothing come last, by name."""
    table = subtree_totals(unit, period, include_options=False)
    row = next((r for r in table.rows if r.indicator.pk == indicator.pk and not r.option), None)
    values = row.by_branch if row is not None else {}
    ranked = [Ranked(branch, values.get(branch.pk)) for branch in table.branches]
    ranked.sort(key=lambda r: (r.value is None, -(r.value or 0), r.unit.name))
    return ranked
