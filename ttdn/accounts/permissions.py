"""One place that turns "may this person do that to this unit" into 404 or 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ttdn.accounts.models import Membership
from ttdn.orgunits.models import OrgUnit


def can(user, unit: OrgUnit, action: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.path.startswith(p) for p in Membership.paths_for(user, action))


def get_unit_for(user, code: str, action: str = "view") -> OrgUnit:
    """The unit with ``code`` if ``user`` may ``action`` it.

    Raises Http404 when the person may not even see it, PermissionDenied when they may
    see but not do ``action``.
    """
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not can(user, unit, "view"):
        raise Http404("Không tìm thấy đơn vị.")
    if action != "view" and not can(user, unit, action):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này ở đơn vị này.")
    return unit


def home_units(user, action: str = "view") -> list[OrgUnit]:
    """The top units of the person's subtrees (what the home page starts from)."""
    if user.is_superuser:
        return list(OrgUnit.objects.filter(parent__isnull=True))
    paths = Membership.paths_for(user, action)
    tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(OrgUnit.objects.filter(path__in=tops).order_by("path"))
