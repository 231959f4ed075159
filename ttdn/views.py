"""The project's own pages: the home dashboard, which gathers from several apps what a
person has to do (units to enter data for, reports still open)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ttdn.orgunits.access import Action, home_units
from ttdn.orgunits.models import OrgUnit
from ttdn.orgunits.views import default_period
from ttdn.reporting.models import Status, Submission


@login_required
@require_GET
def home(request):
    units = home_units(request.user)
    entry_units = OrgUnit.objects.for_user(request.user, Action.ENTER).filter(child_count=0)[:20]
    open_submissions = (
        Submission.objects.filter(
            unit__in=OrgUnit.objects.for_user(request.user, Action.ENTER),
            status__in=[Status.DRAFT, Status.RETURNED],
        )
        .exclude(request__cancelled_at__isnull=False)
        .select_related("request", "unit")
        .order_by("request__deadline")[:20]
    )
    return render(
        request,
        "home.html",
        {
            "units": units,
            "entry_units": entry_units,
            "period": default_period(),
            "open_submissions": open_submissions,
        },
    )
