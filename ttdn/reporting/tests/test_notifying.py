"""Who is told of each step of the cycle, and of deadlines near and past."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core import mail
from django.test import override_settings

from ttdn.accounts.models import Preferences, Role
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.notices.models import Mail, MailStatus, Notice
from ttdn.notices.services import run_periodic, send_pending_mail
from ttdn.reporting.models import Submission, SubmissionEvent
from ttdn.reporting.notifying import deadline_notices
from ttdn.reporting.services import (
    accept_submission,
    remind_missing,
    return_submission,
    save_sections,
    sign_off,
    submit_report,
)
from ttdn.testing import TreeTestCase, make_person

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
S1 = parse_period_id("2024S1")


def at(day: int, month: int = 6) -> datetime:
    return datetime(2024, month, day, 9, 0, tzinfo=TZ)


def told(kind: str) -> set[str]:
    return set(Notice.objects.filter(kind=kind).values_list("user__username", flat=True))


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class NotifyingTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sibling_leader = make_person(
            "lanhdao.tuyphuoc", cls.sibling, Role.LEADER, email="lanhdao.tp@demo.ttdn.vn"
        )
        cls.officer.email = "canbo.qn@demo.ttdn.vn"
        cls.officer.first_name, cls.officer.last_name = "Hùng", "Nguyễn Văn"
        cls.officer.save()
        cls.request = cls.issue_half_year_request([cls.commune, cls.sibling])

    def submission(self, unit=None) -> Submission:
        return self.request.submissions.get(unit=unit or self.commune)

    def submitted(self) -> Submission:
        submission = self.submission()
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(10)})
        save_sections(self.officer, submission, {"results": "Đã đăng 10 tin, bài."}, {})
        sign_off(self.leader, submission, "Nguyễn Văn A", "CHỦ TỊCH")
        return submit_report(self.officer, submission, now=at(20))

    def test_a_new_request_tells_the_recipients_officers_and_leaders_only(self):
        self.assertEqual(
            told("request"),
            {"canbo.quynhon", "lanhdao.quynhon", "canbo.tuyphuoc", "lanhdao.tuyphuoc"},
        )
        notice = Notice.objects.get(kind="request", user=self.officer)
        self.assertEqual(
            notice.text,
            "Tỉnh Bình Định đề nghị Phường Quy Nhơn gửi báo cáo “Báo cáo kết quả công tác "
            "thông tin đối ngoại 6 tháng đầu năm 2024” (kỳ 6 tháng đầu năm 2024), hạn nộp "
            "28/6/2024.",
        )
        self.assertEqual(notice.link, f"/reports/submissions/{self.submission().pk}/")

    def test_mail_waits_for_the_worker_and_goes_to_those_with_an_address(self):
        self.assertEqual(mail.outbox, [])
        self.assertEqual(send_pending_mail(), (2, 0))
        by_address = {m.to[0]: m for m in mail.outbox}
        self.assertEqual(set(by_address), {"canbo.qn@demo.ttdn.vn", "lanhdao.tp@demo.ttdn.vn"})
        message = by_address["canbo.qn@demo.ttdn.vn"]
        self.assertEqual(message.subject, "[TTĐN] Yêu cầu báo cáo 812/UBND-VX")
        self.assertIn("Xin chào Nguyễn Văn Hùng,", message.body)
        self.assertIn(f"/reports/submissions/{self.submission().pk}/", message.body)
        self.assertFalse(Mail.objects.exclude(status=MailStatus.SENT).exists())
        self.assertEqual(send_pending_mail(), (0, 0))  # nothing twice

    def test_mail_is_written_in_the_language_the_person_chose(self):
        Preferences.remember_language(self.sibling_leader, "en")
        Mail.objects.all().delete()
        remind_missing(self.consolidator, self.request)
        english = Mail.objects.get(to="lanhdao.tp@demo.ttdn.vn")
        vietnamese = Mail.objects.get(to="canbo.qn@demo.ttdn.vn")
        self.assertTrue(vietnamese.body.startswith("Xin chào Nguyễn Văn Hùng,"))
        self.assertTrue(english.body.startswith("Hello lanhdao.tuyphuoc,"), english.body)

    def test_a_reminder_tells_only_the_units_that_owe_the_report(self):
        self.submitted()
        Notice.objects.all().delete()
        self.assertEqual(remind_missing(self.consolidator, self.request), 1)
        self.assertEqual(told("reminder"), {"canbo.tuyphuoc", "lanhdao.tuyphuoc"})

    def test_approval_tells_the_officers_and_return_and_accept_the_whole_unit(self):
        submission = self.submitted()
        self.assertEqual(told("sign_off"), {"canbo.quynhon"})
        return_submission(self.consolidator, submission, "Thiếu số liệu tháng 6.")
        self.assertEqual(told("return"), {"canbo.quynhon", "lanhdao.quynhon"})
        returned = Notice.objects.get(kind="return", user=self.leader)
        self.assertIn(
            "trả lại báo cáo 812/UBND-VX của Phường Quy Nhơn: Thiếu số liệu", returned.text
        )
        sign_off(self.leader, submission)
        submission = submit_report(self.officer, submission, now=at(25))
        accept_submission(self.consolidator, submission)
        self.assertEqual(told("accept"), {"canbo.quynhon", "lanhdao.quynhon"})
        self.assertFalse(
            Notice.objects.filter(user__in=[self.sibling_officer, self.outsider, self.viewer])
            .exclude(kind="request")
            .exists()
        )

    def test_presenting_to_the_leader_tells_the_leaders_not_the_one_who_presents(self):
        SubmissionEvent.objects.create(
            submission=self.submission(), action="present", by=self.officer
        )
        self.assertEqual(told("present"), {"lanhdao.quynhon"})
        notice = Notice.objects.get(kind="present")
        self.assertEqual(
            notice.text,
            "Nguyễn Văn Hùng trình lãnh đạo duyệt báo cáo 812/UBND-VX của Phường Quy Nhơn.",
        )

    def test_deadline_notices_come_three_days_before_and_once_when_overdue(self):
        Notice.objects.all().delete()
        self.submitted()  # Quy Nhơn has submitted; Tuy Phước owes the report
        Notice.objects.all().delete()
        self.assertEqual(deadline_notices(at(24)), 0)  # four days before 28/6
        self.assertEqual(deadline_notices(at(25)), 2)
        self.assertEqual(told("due_soon"), {"canbo.tuyphuoc", "lanhdao.tuyphuoc"})
        self.assertEqual(deadline_notices(at(27)), 0)  # each once
        self.assertEqual(deadline_notices(at(28)), 0)  # the deadline day is not overdue
        self.assertEqual(run_periodic(at(29)), 2)
        self.assertEqual(told("overdue"), {"canbo.tuyphuoc", "lanhdao.tuyphuoc"})
        self.assertEqual(deadline_notices(at(30)), 0)
        self.assertEqual(deadline_notices(at(20, month=7)), 0)  # long past: not again

    def test_an_old_missed_deadline_is_not_announced(self):
        Notice.objects.all().delete()
        self.assertEqual(deadline_notices(at(6, month=7)), 0)  # 8 days after 28/6
        self.assertEqual(deadline_notices(at(5, month=7)), 4)  # both communes owe it
