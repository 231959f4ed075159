from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ttdn.lib.periods import Period, half_year_in_hand
from ttdn.orgunits import names
from ttdn.orgunits.access import Action, can, get_unit_for
from ttdn.orgunits.forms import scoped_units
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


@login_required
@require_GET
def unit_suggest(request):
    """Units whose name matches ``q`` (diacritics optional) among those the person may
    take one of the ``action``s on, in ``within``'s subtree: the unit picker's list."""
    actions = request.GET.getlist("action") or [Action.VIEW.value]
    if any(a not in Action._value2member_map_ for a in actions):
        return JsonResponse({"error": _("Thao tác không hợp lệ.")}, status=400)
    within = request.GET.get("within") or ""
    scope = get_unit_for(request.user, within, Action.VIEW) if within else None
    units = scoped_units(request.user, actions, scope)
    language = get_language() or "vi"
    found = names.find_units(units, request.GET.get("q", "")[:100])
    return JsonResponse({"units": [asdict(names.Suggestion.of(u, language)) for u in found]})
