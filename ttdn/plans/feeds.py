"""The figure plans give: ``ttdn_plans``, the plans a unit issued in a period."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from ttdn.indicators.feeds import Fed, FedSource
from ttdn.lib.periods import Period
from ttdn.orgunits.models import OrgUnit
from ttdn.plans.models import Plan


def plans_issued(unit: OrgUnit, period: Period) -> Iterable[Fed]:
    plans = list(
        Plan.objects.filter(
            issuing_unit=unit, issued_on__gte=period.start, issued_on__lte=period.end
        ).order_by("issued_on", "pk")
    )
    if not plans:
        return []
    sources = [
        FedSource(
            "plan",
            plan.pk,
            f"{plan.get_kind_display()} số {plan.number} ngày {plan.issued_on:%d/%m/%Y}",
            reverse("registers:plans-detail", args=[plan.pk]),
        )
        for plan in plans
    ]
    return [Fed("ttdn_plans", len(plans), sources)]
