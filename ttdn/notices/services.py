"""Tell people: write notices and their e-mail now, send the e-mail from the worker.

    notify(people, "returned", {...}, link=..., key=...)   # in the caller's transaction
    send_pending_mail()                                     # the worker, with retries
    run_due_work()                                          # the worker, between jobs

``PERIODIC`` holds the steps the worker runs now and then to notice what time alone
brings about (a deadline near or past); the apps that own such deadlines fill it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.accounts.models import Membership, Preferences, person_name
from ttdn.notices.models import KINDS, Mail, MailStatus, Notice

log = logging.getLogger(__name__)

# A message the mail server refused this many times is given up and kept as failed.
MAX_ATTEMPTS = 5
# The periodic steps run at most this often in a worker.
PERIODIC_EVERY = timedelta(minutes=10)
# A claimed message is tried again after this if its sender died while sending.
CLAIM_SECONDS = 300

PERIODIC: list[Callable[[datetime], int]] = []
_last_periodic: datetime | None = None


def people_in(units: Iterable, roles: Iterable[str], exclude=None) -> list:
    """The active people with one of ``roles`` in one of ``units`` (not their subtrees),
    without ``exclude`` (the person who did what is told)."""
    people = (
        get_user_model()
        .objects.filter(
            pk__in=Membership.objects.filter(unit__in=list(units), role__in=list(roles)).values(
                "user_id"
            ),
            is_active=True,
        )
        .order_by("pk")
    )
    if exclude is not None and exclude.pk is not None:
        people = people.exclude(pk=exclude.pk)
    return list(people)


def notify(people: Iterable, kind: str, params: dict, link: str = "", key: str = "") -> int:
    """A notice of ``kind`` to each of ``people``, and an e-mail to those with an
    address. With a ``key``, a person who already has a notice with it gets nothing
    again. Returns how many notices were written."""
    if kind not in KINDS:
        raise ValueError(f"unknown notice kind {kind!r}")
    people = list({p.pk: p for p in people}.values())
    if key:
        told = set(
            Notice.objects.filter(key=key, user__in=people).values_list("user_id", flat=True)
        )
        people = [p for p in people if p.pk not in told]
    if not people:
        return 0
    with transaction.atomic():
        notices = Notice.objects.bulk_create(
            Notice(user=p, kind=kind, params=params, link=link, key=key) for p in people
        )
        languages = dict(
            Preferences.objects.filter(user__in=people).values_list("user_id", "language")
        )
        Mail.objects.bulk_create(
            _mail(notice, person, languages.get(person.pk, settings.LANGUAGE_CODE))
            for notice, person in zip(notices, people, strict=True)
            if person.email
        )
    return len(notices)


def _mail(notice: Notice, person, language: str) -> Mail:
    with translation.override(language):
        lines = [_("Xin chào %(username)s,") % {"username": person_name(person)}, "", notice.text]
        if settings.SITE_URL:
            if notice.link:
                lines += ["", _("Xem tại: %(url)s") % {"url": settings.SITE_URL + notice.link}]
            lines += [
                "",
                _("Mọi thông báo của bạn: %(url)s")
                % {"url": settings.SITE_URL + reverse("notices:list")},
            ]
        lines += ["", _("Thư này do hệ thống TTĐN gửi tự động; xin đừng trả lời thư.")]
        return Mail(
            notice=notice,
            to=person.email,
            subject=f"[TTĐN] {notice.subject}"[:300],
            body="\n".join(lines),
        )


def queue_mail(to: str, subject: str, body: str) -> Mail:
    """A message with no notice behind it (a password-reset link), sent by the worker."""
    return Mail.objects.create(to=to, subject=subject[:300], body=body)


# Reading ------------------------------------------------------------------------------


def unread_count(user) -> int:
    return Notice.objects.for_user(user).unread().count()


def mark_read(user, pks: Iterable[int] | None = None, now: datetime | None = None) -> int:
    """Mark the person's notices ``pks`` (all of them when None) read; returns how many."""
    notices = Notice.objects.for_user(user).unread()
    if pks is not None:
        notices = notices.filter(pk__in=list(pks))
    return notices.update(read_at=now or timezone.now())


# Sending ------------------------------------------------------------------------------


def _claim(mail: Mail, now: datetime) -> bool:
    """Take ``mail`` for this sender unless another took it first."""
    return bool(
        Mail.objects.filter(
            pk=mail.pk, status=MailStatus.PENDING, next_attempt_at=mail.next_attempt_at
        ).update(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
    )


def retry_delay(attempts: int) -> timedelta:
    """1, 4, 9, 16 minutes: a mail server down for a while is not hammered."""
    return timedelta(minutes=attempts * attempts)


def send_pending_mail(now: datetime | None = None, limit: int = 100) -> tuple[int, int]:
    """Send the messages that are due; a refusal is recorded and tried again later, up
    to MAX_ATTEMPTS. Returns (sent, failed this time)."""
    now = now or timezone.now()
    sent = failed = 0
    due = Mail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now)[:limit]
    for mail in list(due):
        if not _claim(mail, now):
            continue
        try:
            EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to]).send()
        except Exception as exc:  # any refusal of the backend: kept, tried again
            failed += 1
            mail.attempts += 1
            mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if mail.attempts >= MAX_ATTEMPTS:
                mail.status = MailStatus.FAILED
            mail.next_attempt_at = now + retry_delay(mail.attempts)
            log.warning("mail #%s to %s not sent (%s)", mail.pk, mail.to, mail.last_error)
        else:
            sent += 1
            mail.attempts += 1
            mail.status = MailStatus.SENT
            mail.sent_at = now
            mail.last_error = ""
        mail.save(update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"])
    return sent, failed


def run_periodic(now: datetime | None = None) -> int:
    """Every periodic step once; returns how many notices they wrote."""
    now = now or timezone.now()
    return sum(step(now) for step in PERIODIC)


def run_due_work(now: datetime | None = None) -> None:
    """What the worker does between jobs: the periodic steps when their time has come,
    then the mail that is due. A failure is logged, never allowed to stop the worker."""
    global _last_periodic
    now = now or timezone.now()
    try:
        if _last_periodic is None or now - _last_periodic >= PERIODIC_EVERY:
            _last_periodic = now
            run_periodic(now)
        send_pending_mail(now)
    except Exception:
        log.exception("notices: the periodic work failed; trying again later")
