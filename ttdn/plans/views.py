"""The tasks plans gave a unit ("Nhiệm vụ được giao"): the unit's people see each task
with its plan's number and title even when the plan belongs to a unit above, which they
may not open; reporting progress goes through the task-progress register."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ttdn.orgunits.access import Action, can, get_unit_for
from ttdn.plans.models import Plan
from ttdn.plans.services import assigned_tasks


@login_required
@require_GET
def assigned(request, code: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    results = assigned_tasks(unit, timezone.localdate())
    plan_ids = {r.task.plan_id for r in results}
    visible = set(
        Plan.objects.for_user(request.user).filter(pk__in=plan_ids).values_list("pk", flat=True)
    )
    rows = [
        (r, r.task.plan_id in visible, can(request.user, r.task.assignee, Action.ENTER))
        for r in results
    ]
    return render(request, "plans/assigned.html", {"unit": unit, "rows": rows})
