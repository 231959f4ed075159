"""People's roles in units (thành viên × đơn vị × vai trò).

What a person may see or change is their units' subtrees, per role. Every list, view,
export and report goes through ``OrgUnit.objects.for_user()`` which reads these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Cán bộ phụ trách")
    LEADER = "leader", _("Lãnh đạo")
    CONSOLIDATOR = "consolidator", _("Cán bộ tổng hợp")
    VIEWER = "viewer", _("Người xem")
    ADMIN = "admin", _("Quản trị")


# Which roles allow which action on a unit's subtree.
ACTIONS: dict[str, set[str]] = {
    "view": {Role.OFFICER, Role.LEADER, Role.CONSOLIDATOR, Role.VIEWER, Role.ADMIN},
    "enter": {Role.OFFICER, Role.LEADER, Role.ADMIN},
    "sign": {Role.LEADER, Role.ADMIN},
    "consolidate": {Role.CONSOLIDATOR, Role.LEADER, Role.ADMIN},
    "admin": {Role.ADMIN},
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="membership_unique",
                violation_error_message=_("Người này đã có vai trò đó ở đơn vị này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"

    @staticmethod
    def paths_for(user, action: str) -> list[str]:
        """Subtree paths where ``user`` may ``action``; cached on the user object."""
        cache = getattr(user, "_ttdn_paths", None)
        if cache is None:
            cache = list(Membership.objects.filter(user=user).values_list("role", "unit__path"))
            user._ttdn_paths = cache
        roles = ACTIONS[action]
        return sorted({path for role, path in cache if role in roles})
