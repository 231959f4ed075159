from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import can
from ttdn.activities.models import Activity
from ttdn.orgunits.models import OrgUnit


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
