"""Figures that come from registers (sổ theo dõi): a publication's copies, a course's
participants, an account's followers. Each register app adds a function to ``FEEDS``
in its ``AppConfig.ready()``; the function gives the figures of one unit for one period
with the records behind them. ``feed_values`` writes them through ``save_values`` (same
checks, history, derived periods and subtree sums as the entry form, source
``register``) and keeps ``RegisterFigure`` rows beside them, so the form shows a fed
figure with its sources instead of asking for it again.

A register's save (ttdn.registers.base) feeds every period its record counts in, in the
same transaction: when a submitted report holds one of those periods and a figure would
change, the save is refused as a typed value would be, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from ttdn.indicators.models import TOTAL, DataValueSource, Indicator, RegisterFigure
from ttdn.indicators.services import Key, SaveResult, save_values
from ttdn.lib.periods import Period, PeriodType
from ttdn.orgunits.models import OrgUnit


@dataclass(frozen=True)
class FedSource:
    """A record a figure counts: its kind ("publication"), id, how a person names it and
    the page that shows it."""

    kind: str
    id: int
    label: str
    url: str = ""

    def as_list(self) -> list:
        return [self.kind, self.id, self.label, self.url]


@dataclass
class Fed:
    """One figure: indicator code, option ("" for the total), value, the records."""

    indicator: str
    value: Decimal | int
    sources: list[FedSource] = field(default_factory=list)
    option: str = TOTAL


Feed = Callable[[OrgUnit, Period], Iterable[Fed]]

# Filled by the register apps in their AppConfig.ready().
FEEDS: list[Feed] = []


def periods_containing(day: date) -> list[Period]:
    """The periods a record dated ``day`` is counted in: its quarter, half-year, nine
    months (January–September) and year. Each is fed from the records themselves, so a
    half-year with records in one quarter only is still a whole half-year's figure."""
    quarter = (day.month - 1) // 3 + 1
    periods = [
        Period(PeriodType.QUARTER, day.year, quarter),
        Period(PeriodType.SIX_MONTH, day.year, 1 if day.month <= 6 else 2),
    ]
    if day.month <= 9:
        periods.append(Period(PeriodType.NINE_MONTH, day.year, 1))
    periods.append(Period(PeriodType.YEAR, day.year, 1))
    return periods


def fed_figures(unit: OrgUnit, period: Period) -> dict[Key, Fed]:
    """What every register gives ``unit`` for ``period``; figures of several registers
    for the same cell add up, with all their sources."""
    figures: dict[Key, Fed] = {}
    for feed in FEEDS:
        for fed in feed(unit, period):
            key = (fed.indicator, fed.option)
            if key in figures:
                figures[key].value += Decimal(fed.value)
                figures[key].sources.extend(fed.sources)
            else:
                figures[key] = Fed(fed.indicator, Decimal(fed.value), list(fed.sources), fed.option)
    return figures


def feed_values(user, unit: OrgUnit, period: Period) -> SaveResult:
    """Write the registers' figures of ``unit`` for ``period``; a figure whose records
    are gone is cleared. Raises ValuesRejected when a changed figure falls in a closed
    period (a submitted report holds it) and PermissionDenied when ``user`` may not
    enter the unit's values."""
    figures = fed_figures(unit, period)
    with transaction.atomic():
        before = {
            (code, option): (pk, value)
            for code, option, pk, value in RegisterFigure.objects.filter(
                unit=unit, period=period.id
            ).values_list("indicator__code", "option", "pk", "value")
        }
        gone = before.keys() - figures.keys()
        # Only what changed is written: a record's title corrected after the report was
        # submitted changes no figure, and the closed period does not refuse it.
        values: dict[Key, Decimal | None] = {
            key: Decimal(fed.value)
            for key, fed in figures.items()
            if key not in before or before[key][1] != fed.value
        }
        values.update({key: None for key in gone})
        result = SaveResult()
        if values:
            result = save_values(user, unit, period, values, source=DataValueSource.REGISTER)
        RegisterFigure.objects.filter(pk__in=[before[key][0] for key in gone]).delete()
        indicators = dict(
            Indicator.objects.filter(code__in={code for code, _option in figures}).values_list(
                "code", "pk"
            )
        )
        for (code, option), fed in figures.items():
            RegisterFigure.objects.update_or_create(
                unit=unit,
                period=period.id,
                indicator_id=indicators[code],
                option=option,
                defaults={"value": fed.value, "sources": [s.as_list() for s in fed.sources]},
            )
    return result


def figures_for_form(unit: OrgUnit, period: Period) -> dict[Key, RegisterFigure]:
    """The fed figures of ``unit`` for ``period`` by (indicator code, option)."""
    return {
        (figure.indicator.code, figure.option): figure
        for figure in RegisterFigure.objects.filter(unit=unit, period=period.id).select_related(
            "indicator"
        )
    }
