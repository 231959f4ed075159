from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.activities.models import Activity
from ttdn.orgunits.access import can
from ttdn.orgunits.models import OrgUnit

EDITABLE = {
    "type", "title", "description", "start_date", "end_date", "topics", "channels",
    "languages", "partner_countries", "quantities", "evidence_url",
}  # fmt: skip


def record_activity(user, unit: OrgUnit, activity: Activity) -> Activity:
    """Save an activity of ``unit`` recorded by ``user``."""
    if not can(user, unit, "enter"):
        raise PermissionDenied(_("Bạn không có quyền ghi hoạt động cho đơn vị này."))
    with transaction.atomic():
        activity.unit = unit
        activity.created_by = user
        activity.full_clean()
        activity.save()
    return activity


def update_activity(user, activity: Activity, changes: dict) -> Activity:
    """Change the given fields of an activity; the whole record is checked again."""
    if not can(user, activity.unit, "enter"):
        raise PermissionDenied(_("Bạn không có quyền sửa hoạt động của đơn vị này."))
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["created_by"])  # loaded rows may have no author
        locked.save()
    return locked
