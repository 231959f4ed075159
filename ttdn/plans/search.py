"""What the search index holds of plans: kind, number, title and years, found by number
("59/KH-UBND") or by words of the title with or without diacritics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.plans.models import Plan
from ttdn.registers.base import record_url
from ttdn.search.registry import Entry, SearchIndex, register


@register
class PlanIndex(SearchIndex):
    kind = "plan"
    label = _("Kế hoạch")
    model = Plan
    order = 15

    def entry(self, plan: Plan) -> Entry:
        higher = plan.implements
        body = [plan.title, plan.years_label()]
        if higher is not None:
            body.append(f"Thực hiện Kế hoạch số {higher.number}: {higher.title}")
        return Entry(
            unit_id=plan.issuing_unit_id,
            title=f"{plan.get_kind_display()} số {plan.number}: {plan.title}",
            body="\n".join(body),
            starts_on=plan.first_day(),
            ends_on=plan.last_day(),
            url=record_url(plan),
        )

    def queryset(self):
        return Plan.objects.select_related("implements")
