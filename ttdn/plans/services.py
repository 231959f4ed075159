from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from ttdn.lib.periods import Period, PeriodType
from ttdn.orgunits.models import OrgUnit
from ttdn.plans.models import Plan, PlanTarget


def targets_for(unit: OrgUnit, period: Period) -> dict[tuple[int, str], Decimal]:
    """(indicator id, option) → target that ``unit``'s own plans set for ``period``."""
    rows = (
        PlanTarget.objects.filter(plan__issuing_unit=unit, period=period.id)
        .values("indicator_id", "option")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "option", "total")
        .order_by()
    )
    return {(indicator_id, option): Decimal(total) for indicator_id, option, total in rows}


@dataclass
class Target:
    value: Decimal
    period: Period
    plan: Plan


def targets_covering(unit: OrgUnit, period: Period) -> dict[tuple[int, str], Target]:
    """(indicator id, option) → the target ``unit``'s plans set for ``period`` itself or,
    failing that, for the year it falls in ("đạt 45,6% kế hoạch năm"). Targets of several
    plans for the same figure add up."""
    ids = [period.id] if period.type is PeriodType.YEAR else [period.id, str(period.year)]
    rows = (
        PlanTarget.objects.filter(plan__issuing_unit=unit, period__in=ids)
        .select_related("plan")
        .order_by("plan__issued_on", "pk")
    )
    by_period: dict[str, dict[tuple[int, str], Target]] = {period_id: {} for period_id in ids}
    for row in rows:
        found = by_period[row.period]
        key = (row.indicator_id, row.option)
        if key in found:
            found[key].value += row.value
        else:
            found[key] = Target(Decimal(row.value), row.the_period, row.plan)
    targets = dict(by_period[ids[-1]])
    targets.update(by_period[period.id])
    return targets
