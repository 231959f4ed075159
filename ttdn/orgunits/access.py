"""One place that turns "may this person do that to this row" into 404 or 403.

The rule itself lives on the querysets: ``for_user(user, action)`` on units
(ttdn.orgunits.models.OrgUnitQuerySet) and on every row owned by units
(``UnitScopedQuerySet``). Pages and the API fetch single rows through
``get_for_user()``: a row the person may not see is 404, whatever it is, so its
existence does not leak; a row they may see but not ``action`` is 403.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from ttdn.accounts.models import Action, Membership
from ttdn.orgunits.models import OrgUnit

__all__ = ["Action", "can", "get_for_user", "get_unit_for", "home_units"]

Row = TypeVar("Row", bound=models.Model)

NOT_FOUND = "Không tìm thấy."
NOT_ALLOWED = "Bạn không có quyền thực hiện thao tác này."


def can(user, unit: OrgUnit, action: Action | str) -> bool:
    """Whether the person may ``action`` ``unit`` (no query once their roles are read)."""
    return OrgUnit.objects.allows(user, unit, action)


def get_for_user(
    queryset: models.QuerySet[Row],
    user,
    action: Action | str = Action.VIEW,
    *,
    not_found: str = NOT_FOUND,
    not_allowed: str = NOT_ALLOWED,
    **lookup: Any,
) -> Row:
    """The one row of ``queryset`` matching ``lookup`` that the person may ``action``.

    Http404 when they may not see it (or there is none), PermissionDenied when they may
    see it but not ``action`` it. ``queryset`` may carry select_related and filters; its
    model's queryset must have ``for_user`` and ``allows``.
    """
    row = queryset.for_user(user, Action.VIEW).filter(**lookup).first()  # type: ignore[attr-defined]
    if row is None:
        raise Http404(not_found)
    if Action(action) is not Action.VIEW and not queryset.allows(user, row, action):  # type: ignore[attr-defined]
        raise PermissionDenied(not_allowed)
    return row


def get_unit_for(user, code: str, action: Action | str = Action.VIEW) -> OrgUnit:
    """The unit with ``code`` if ``user`` may ``action`` it.

    Raises Http404 when the person may not even see it, PermissionDenied when they may
    see but not do ``action``.
    """
    return get_for_user(
        OrgUnit.objects.all(),
        user,
        action,
        not_found="Không tìm thấy đơn vị.",
        not_allowed="Bạn không có quyền thực hiện thao tác này ở đơn vị này.",
        code=code,
    )


def home_units(user, action: Action | str = Action.VIEW) -> list[OrgUnit]:
    """The top units of the person's subtrees (what the home page starts from)."""
    if user.is_superuser:
        return list(OrgUnit.objects.filter(parent__isnull=True))
    paths = Membership.paths_for(user, action)
    tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(OrgUnit.objects.filter(path__in=tops).order_by("path"))
