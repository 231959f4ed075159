"""The worker sends the waiting mail, retries a refusal and records a failure."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.test import TestCase, override_settings
from django.utils import timezone

from ttdn.accounts.models import Role
from ttdn.archive.worker import run_worker
from ttdn.notices.models import Mail, MailStatus, Notice
from ttdn.notices.services import MAX_ATTEMPTS, notify, people_in, send_pending_mail
from ttdn.orgunits.models import OrgUnit
from ttdn.testing import make_person, make_unit

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@override_settings(EMAIL_BACKEND=LOCMEM, SITE_URL="https://ttdn.example.gov.vn")
class MailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit: OrgUnit = make_unit("BDI", "Tỉnh Bình Định", "province")
        cls.officer = make_person(
            "canbo.bdi",
            cls.unit,
            Role.OFFICER,
            email="canbo.bdi@demo.ttdn.vn",
            first_name="Mai",
            last_name="Võ Thị",
        )
        cls.quiet = make_person("xem.bdi", cls.unit, Role.VIEWER)

    def tell(self) -> Notice:
        notify(
            [self.officer],
            "reminder",
            {
                "number": "812/UBND-VX",
                "issuer": "Tỉnh Bình Định",
                "unit": "Phường Quy Nhơn",
                "subject": "Báo cáo 6 tháng",
                "deadline": "28/6/2024",
            },
            link="/reports/1/",
        )
        return Notice.objects.get(user=self.officer)

    def test_people_in_picks_roles_in_the_units_and_leaves_out_the_actor(self):
        self.assertEqual(people_in([self.unit], [Role.OFFICER]), [self.officer])
        self.assertEqual(people_in([self.unit], [Role.OFFICER], exclude=self.officer), [])
        self.officer.is_active = False
        self.officer.save()
        self.assertEqual(people_in([self.unit], [Role.OFFICER]), [])

    def test_the_worker_sends_the_mail_and_marks_it_sent(self):
        notice = self.tell()
        self.assertEqual(mail.outbox, [])
        run_worker(once=True)
        (message,) = mail.outbox
        self.assertEqual(message.to, ["canbo.bdi@demo.ttdn.vn"])
        self.assertEqual(message.subject, "[TTĐN] Nhắc nộp báo cáo 812/UBND-VX")
        self.assertIn("Xin chào Võ Thị Mai,", message.body)
        self.assertIn("https://ttdn.example.gov.vn/reports/1/", message.body)
        sent = Mail.objects.get()
        self.assertEqual((sent.status, sent.attempts, sent.notice), (MailStatus.SENT, 1, notice))
        self.assertIsNotNone(sent.sent_at)

    def test_a_refused_message_is_tried_again_later_and_given_up_at_last(self):
        self.tell()
        now = timezone.now()
        with mock.patch(
            "django.core.mail.EmailMessage.send", side_effect=OSError("Connection refused")
        ):
            self.assertEqual(send_pending_mail(now), (0, 1))
            waiting = Mail.objects.get()
            self.assertEqual((waiting.status, waiting.attempts), (MailStatus.PENDING, 1))
            self.assertEqual(waiting.last_error, "OSError: Connection refused")
            self.assertEqual(send_pending_mail(now), (0, 0))  # not before its time
            for _attempt in range(2, MAX_ATTEMPTS + 1):
                now += timedelta(hours=1)
                self.assertEqual(send_pending_mail(now), (0, 1))
        failed = Mail.objects.get()
        self.assertEqual((failed.status, failed.attempts), (MailStatus.FAILED, MAX_ATTEMPTS))
        self.assertEqual(send_pending_mail(now + timedelta(days=1)), (0, 0))
        self.assertEqual(mail.outbox, [])

    def test_a_message_refused_once_goes_out_at_the_next_try(self):
        self.tell()
        now = timezone.now()
        with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("busy")):
            send_pending_mail(now)
        self.assertEqual(send_pending_mail(now + timedelta(minutes=2)), (1, 0))
        self.assertEqual(Mail.objects.get().status, MailStatus.SENT)
        self.assertEqual(len(mail.outbox), 1)

    def test_a_notice_with_a_key_reaches_a_person_once(self):
        params = {"number": "1", "unit": "X", "deadline": "28/6/2024"}
        self.assertEqual(
            notify([self.officer, self.quiet], "overdue", params, key="overdue:1:1"), 2
        )
        self.assertEqual(
            notify([self.officer, self.quiet], "overdue", params, key="overdue:1:1"), 0
        )
        self.assertEqual(Notice.objects.count(), 2)
        self.assertEqual(Mail.objects.count(), 1)  # the viewer has no address

    def test_an_unknown_kind_is_refused(self):
        with self.assertRaises(ValueError):
            notify([self.officer], "no-such-kind", {})
        self.assertFalse(Notice.objects.exists())
