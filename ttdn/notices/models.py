"""Notices (thông báo) to a person, and the e-mail that carries them.

A notice is written in the transaction of what it tells about; its mail waits in
``Mail`` for the worker (`ttdn worker`), so a slow or absent mail server never holds up
a page. The apps that notify say what their notices mean by registering a ``Kind``; a
notice keeps its kind and the facts (``params``) and is worded when shown, in the
language of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    """What a kind of notice says: ``text`` is a lazy gettext string formatted with the
    notice's params (%(name)s); ``subject`` heads its e-mail."""

    code: str
    subject: Any
    text: Any


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    KINDS[kind.code] = kind
    return kind


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user) -> NoticeQuerySet:
        """A person's notices are theirs alone."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def unread(self) -> NoticeQuerySet:
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("loại"), max_length=32)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    # Set for notices that must reach a person once only ("overdue:<submission>").
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notice_once"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def text(self) -> str:
        kind = KINDS.get(self.kind)
        if kind is None:
            return self.kind
        try:
            return str(kind.text) % self.params
        except (KeyError, TypeError, ValueError):
            return str(kind.subject)

    @property
    def subject(self) -> str:
        kind = KINDS.get(self.kind)
        return str(kind.subject) % self.params if kind else self.kind


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class Mail(models.Model):
    """One e-mail to send, worded in the recipient's language when it was written."""

    notice = models.ForeignKey(
        Notice, null=True, blank=True, on_delete=models.SET_NULL, related_name="mails"
    )
    to = models.EmailField(_("gửi đến"))
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    # The next try; a sender claims a message by moving this forward (conditional UPDATE).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(_("lỗi lần cuối"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("thư đi")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_due")]

    def __str__(self) -> str:
        return f"{self.to} · {self.subject}"

    def is_due(self, now: datetime) -> bool:
        return self.status == MailStatus.PENDING and self.next_attempt_at <= now
