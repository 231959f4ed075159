"""The project's own pages: the home dashboard, which gathers from several apps what a
person has to do and follow (ttdn.dashboard), and the favicon."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
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


# Read from the package, not the collected static files: /favicon.ico answers the same
# with or without collectstatic, and browsers ask for it before any page names it.
FAVICON = (Path(__file__).parent / "static" / "ttdn" / "favicon.svg").read_bytes()


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    return HttpResponse(FAVICON, content_type="image/svg+xml")
