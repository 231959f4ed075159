from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ttdn.lib.periods import Period, half_year_in_hand
from ttdn.orgunits.access import Action, can, get_unit_for
from ttdn.orgunits.models import OrgUnit


def default_period() -> Period:
    """The half-year units are working on today (ttdn.lib.periods.half_year_in_hand)."""
    from django.utils import timezone

    return half_year_in_hand(timezone.localdate())


@login_required
@require_GET
def unit_list(request):
    units = OrgUnit.objects.for_user(request.user).select_related("parent")[:2000]
    return render(request, "orgunits/list.html", {"units": units})


@login_required
@require_GET
def unit_detail(request, code: str):
    unit = get_unit_for(request.user, code)
    return render(
        request,
        "orgunits/detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors().filter(pk__in=OrgUnit.objects.for_user(request.user)),
            "children": unit.children.order_by("kind", "name"),
            "period": default_period(),
            "may_enter": can(request.user, unit, Action.ENTER),
            "may_consolidate": can(request.user, unit, Action.CONSOLIDATE),
        },
    )
