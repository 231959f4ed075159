"""People's roles in units (thành viên × đơn vị × vai trò).

What a person may see or change is their units' subtrees, per role and ``Action``.
Every list, view, export and report goes through a ``for_user()`` queryset method
(ttdn.orgunits.models) which reads these rows; docs/access.md says who may do what.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Cán bộ phụ trách")
    LEADER = "leader", _("Lãnh đạo")
    CONSOLIDATOR = "consolidator", _("Cán bộ tổng hợp")
    VIEWER = "viewer", _("Người xem")
    ADMIN = "admin", _("Quản trị")


class Action(StrEnum):
    """What a person may do to a unit's subtree. A plain string of the same value
    ("view", …) is accepted wherever an Action is; an unknown one fails loudly."""

    VIEW = "view"
    ENTER = "enter"
    SIGN = "sign"
    CONSOLIDATE = "consolidate"
    ADMIN = "admin"


# Which roles allow which action on a unit's subtree.
ACTIONS: dict[Action, set[str]] = {
    Action.VIEW: {Role.OFFICER, Role.LEADER, Role.CONSOLIDATOR, Role.VIEWER, Role.ADMIN},
    Action.ENTER: {Role.OFFICER, Role.LEADER, Role.ADMIN},
    Action.SIGN: {Role.LEADER, Role.ADMIN},
    Action.CONSOLIDATE: {Role.CONSOLIDATOR, Role.LEADER, Role.ADMIN},
    Action.ADMIN: {Role.ADMIN},
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
    def paths_for(user, action: Action | str) -> list[str]:
        """Subtree paths where ``user`` may ``action``; cached on the user object."""
        cache = getattr(user, "_ttdn_paths", None)
        if cache is None:
            cache = list(Membership.objects.filter(user=user).values_list("role", "unit__path"))
            user._ttdn_paths = cache
        roles = ACTIONS[Action(action)]
        return sorted({path for role, path in cache if role in roles})


def person_name(user) -> str:
    """A person's name as Vietnamese write it: họ and tên đệm (``last_name``), then tên
    (``first_name``): "Nguyễn Văn Hùng". The username when no name is recorded; "" for
    no one. The one place that says how a person is named on pages, in history and mail.
    """
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


class Preferences(models.Model):
    """What a person chose for themselves and is needed when they are not there to ask:
    the language of the e-mail sent to them (the pages follow the language cookie)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preferences",
    )
    language = models.CharField(
        _("ngôn ngữ"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("tùy chọn cá nhân")
        verbose_name_plural = _("tùy chọn cá nhân")

    def __str__(self) -> str:
        return f"{person_name(self.user)} · {self.language}"

    @staticmethod
    def remember_language(user, language: str) -> None:
        if language in dict(settings.LANGUAGES):
            Preferences.objects.update_or_create(user=user, defaults={"language": language})


class TokenExpired(Exception):
    """A known, unrevoked token whose lifetime is over."""

    def __init__(self, token: ApiToken) -> None:
        super().__init__(f"API token #{token.pk} expired at {token.expires_at:%Y-%m-%d %H:%M}")
        self.token = token


class ApiToken(models.Model):
    """A bearer token another system uses to call the API as a person.

    Only the SHA-256 of the token is stored: the token itself is shown once, when made.
    Every token expires (settings.API_TOKEN_DAYS after it is made, unless issued for
    another lifetime).
    """

    PREFIX = "ttdn_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=120)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("hết hạn"))
    revoked = models.BooleanField(_("đã thu hồi"), default=False)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @classmethod
    def issue(cls, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """Make a token for ``user`` that works for ``days`` (settings.API_TOKEN_DAYS by
        default); returns the row and the token, which is not kept."""
        days = settings.API_TOKEN_DAYS if days is None else days
        if days <= 0:
            raise ValueError("a token must live at least one day")
        key = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=cls.hash_key(key),
            expires_at=timezone.now() + timedelta(days=days),
        )
        return token, key

    @classmethod
    def user_for(cls, key: str):
        """The active person a live token belongs to, or None; TokenExpired for a token
        that would be live but for its age, so the caller can say so."""
        token = (
            cls.objects.filter(key_hash=cls.hash_key(key), revoked=False, user__is_active=True)
            .select_related("user")
            .first()
        )
        if token is None:
            return None
        now = timezone.now()
        if token.is_expired(now):
            raise TokenExpired(token)
        # One write a minute at most: a busy client should not turn every read into a write.
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
