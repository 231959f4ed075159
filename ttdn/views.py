"""The project's own pages: the home dashboard, which gathers from several apps what a
person has to do and follow (ttdn.dashboard)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ttdn import dashboard
from ttdn.orgunits.access import home_units


@login_required
@require_GET
def home(request):
    board = dashboard.build(request.user, timezone.localdate())
    return render(
        request,
        "home.html",
        {"board": board, "units": home_units(request.user), "period": board.period},
    )
