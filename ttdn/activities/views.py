from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ttdn import downloads
from ttdn.activities.forms import ActivityForm, NextForm
from ttdn.activities.models import Activity
from ttdn.activities.services import record_activity
from ttdn.orgunits.access import Action, can, get_for_user, get_unit_for


@login_required
@require_GET
def activity_list(request, code: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    activities = (
        Activity.objects.for_user(request.user)
        .filter(unit__path__startswith=unit.path)
        .select_related("unit")[:500]
    )
    return render(
        request,
        "activities/list.html",
        {
            "unit": unit,
            "activities": activities,
            "may_enter": can(request.user, unit, Action.ENTER),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, code: str):
    unit = get_unit_for(request.user, code, Action.ENTER)
    form = ActivityForm(request.POST or None, request.FILES or None)
    # Back to where the person came from (the report being written), never off the site.
    asked = NextForm(request.POST if "next" in request.POST else request.GET)
    back = asked.cleaned_data["next"] if asked.is_valid() else ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        record_activity(request.user, unit, activity)
        messages.success(request, _("Đã ghi hoạt động “%(t)s”.") % {"t": activity.title})
        if back:
            return redirect(back)
        return redirect("activities:list", code=unit.code)
    return render(request, "activities/form.html", {"unit": unit, "form": form, "next": back})


@login_required
@require_GET
def evidence(request, pk: int):
    """The activity's evidence file, to those who may see the activity (its uploader too
    only while they may), always as a download."""
    activity = get_for_user(Activity.objects.exclude(evidence_file=""), request.user, pk=pk)
    name = activity.evidence_file.name or ""  # never empty: excluded above
    return downloads.attachment(activity.evidence_file.storage, name, name, location="media")
