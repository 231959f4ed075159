from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from ttdn.lib.periods import Period
from ttdn.orgunits.models import OrgUnit
from ttdn.plans.models import PlanTarget


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
