"""The project's own pages: the home dashboard, which gathers from several apps what a
person has to do (units to enter data for, reports still open), and the favicon."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
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


# Read from the package, not the collected static files: /favicon.ico answers the same
# with or without collectstatic, and browsers ask for it before any page names it.
FAVICON = (Path(__file__).parent / "static" / "ttdn" / "favicon.svg").read_bytes()


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    return HttpResponse(FAVICON, content_type="image/svg+xml")
