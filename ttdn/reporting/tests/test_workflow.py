"""The report's way to the leader and up: presenting it (trình lãnh đạo), the leader
sending it back or approving it, units without a leader account, and per-unit deadlines."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied

from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import (
    Action,
    BoardState,
    DocumentProfile,
    Stage,
    Status,
)
from ttdn.reporting.services import (
    ReportingError,
    board,
    extend_deadline,
    present_report,
    return_submission,
    save_sections,
    send_back,
    sign_off,
    submit_report,
)
from ttdn.testing import TreeTestCase

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
S1 = parse_period_id("2024S1")


def at(day: int, month: int = 6) -> datetime:
    return datetime(2024, month, day, 9, 0, tzinfo=TZ)


class PresentingTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request([cls.commune, cls.sibling])

    def setUp(self):
        self.submission = self.request.submissions.get(unit=self.commune)
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(10)})

    def actions(self):
        return list(self.submission.events.values_list("action", flat=True))

    def test_the_officer_presents_and_the_report_waits_for_the_leader(self):
        present_report(self.officer, self.submission)
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.stage, Stage.PRESENTED)
        self.assertEqual(self.submission.stage.label, "Chờ lãnh đạo duyệt")
        self.assertEqual(self.submission.status, Status.DRAFT)
        self.assertEqual(self.actions(), [Action.PRESENT])

    def test_presenting_twice_is_refused_saying_it_waits(self):
        present_report(self.officer, self.submission)
        with self.assertRaisesMessage(ReportingError, "đang chờ duyệt"):
            present_report(self.officer, self.submission)

    def test_a_viewer_cannot_present(self):
        with self.assertRaises(PermissionDenied):
            present_report(self.viewer, self.submission)

    def test_approved_then_submitted_by_the_officer(self):
        present_report(self.officer, self.submission)
        sign_off(self.leader, self.submission, "Nguyễn Văn Hùng", "CHỦ TỊCH")
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.stage, Stage.APPROVED)
        with self.assertRaisesMessage(ReportingError, "có thể nộp ngay"):
            present_report(self.officer, self.submission)
        submit_report(self.officer, self.submission, now=at(20))
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.stage, Stage.SUBMITTED)
        self.assertEqual(self.actions(), [Action.PRESENT, Action.SIGN_OFF, Action.SUBMIT])

    def test_a_report_not_approved_cannot_be_submitted(self):
        present_report(self.officer, self.submission)
        with self.assertRaisesMessage(ReportingError, "chưa được lãnh đạo duyệt"):
            submit_report(self.officer, self.submission, now=at(20))

    def test_the_leader_sends_it_back_with_what_to_change(self):
        present_report(self.officer, self.submission)
        send_back(self.leader, self.submission, "Bổ sung số liệu tháng 6.")
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.stage, Stage.DRAFT)
        event = self.submission.events.last()
        self.assertEqual(
            (event.action, event.by, event.comment),
            (Action.SEND_BACK, self.leader, "Bổ sung số liệu tháng 6."),
        )
        present_report(self.officer, self.submission)  # and it can be presented again

    def test_sending_back_needs_a_comment_and_a_presented_report(self):
        with self.assertRaisesMessage(ReportingError, "chưa được trình lãnh đạo"):
            send_back(self.leader, self.submission, "Sửa lại.")
        present_report(self.officer, self.submission)
        with self.assertRaisesMessage(ReportingError, "Cần ghi nội dung cần sửa"):
            send_back(self.leader, self.submission, "  ")
        with self.assertRaises(PermissionDenied):
            send_back(self.officer, self.submission, "Sửa lại.")

    def test_an_edit_after_approval_voids_it_and_the_report_waits_again(self):
        present_report(self.officer, self.submission)
        sign_off(self.leader, self.submission)
        save_sections(self.officer, self.submission, {"results": "Đã đăng 10 tin, bài."}, {})
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.stage, Stage.PRESENTED)
        self.assertEqual(self.actions()[-1], Action.VOID)

    def test_steps_not_allowed_after_submission_are_refused_naming_the_state(self):
        present_report(self.officer, self.submission)
        sign_off(self.leader, self.submission)
        submit_report(self.officer, self.submission, now=at(20))
        for step in (
            lambda: present_report(self.officer, self.submission),
            lambda: sign_off(self.leader, self.submission),
            lambda: send_back(self.leader, self.submission, "Sửa."),
        ):
            with self.assertRaisesMessage(ReportingError, "“Đã nộp”"):
                step()

    def test_a_return_by_the_issuer_clears_the_presentation(self):
        present_report(self.officer, self.submission)
        sign_off(self.leader, self.submission)
        submit_report(self.officer, self.submission, now=at(20))
        return_submission(self.consolidator, self.submission, "Thiếu phần phương hướng.")
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.stage, Stage.RETURNED)
        self.assertIsNone(self.submission.presented_at)


class WithoutLeaderAccountTests(TreeTestCase):
    """Xã Tuy Phước has no leader account: its officer submits and names the signer."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        DocumentProfile.objects.create(unit=cls.sibling, signs_without_leader_account=True)
        cls.request = cls.issue_half_year_request([cls.commune, cls.sibling])

    def setUp(self):
        self.submission = self.request.submissions.get(unit=self.sibling)
        save_values(self.sibling_officer, self.sibling, S1, {("news_articles", ""): Decimal(4)})

    def test_the_officer_submits_with_the_signer_typed_and_the_history_keeps_both(self):
        submit_report(
            self.sibling_officer,
            self.submission,
            now=at(20),
            signer_name="Đặng Văn Khoa",
            signer_position="CHỦ TỊCH",
        )
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, Status.SUBMITTED)
        self.assertEqual(
            (self.submission.signer_name, self.submission.signer_position),
            ("Đặng Văn Khoa", "CHỦ TỊCH"),
        )
        event = self.submission.events.get(action=Action.SUBMIT)
        self.assertEqual(event.by, self.sibling_officer)
        self.assertEqual(
            event.data, {"signer_name": "Đặng Văn Khoa", "signer_position": "CHỦ TỊCH"}
        )

    def test_submitting_without_the_signer_is_refused_and_nothing_changes(self):
        with self.assertRaisesMessage(ReportingError, "ghi rõ họ tên và chức vụ người ký"):
            submit_report(self.sibling_officer, self.submission, now=at(20), signer_name="Khoa")
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, Status.DRAFT)
        self.assertFalse(self.submission.events.exists())

    def test_there_is_no_leader_to_present_to(self):
        with self.assertRaisesMessage(ReportingError, "không có tài khoản lãnh đạo"):
            present_report(self.sibling_officer, self.submission)

    def test_a_unit_with_a_leader_still_needs_the_approval(self):
        other = self.request.submissions.get(unit=self.commune)
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(4)})
        with self.assertRaisesMessage(ReportingError, "chưa được lãnh đạo duyệt"):
            submit_report(self.officer, other, now=at(20), signer_name="A", signer_position="B")


class ExtendedDeadlineTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        DocumentProfile.objects.create(unit=cls.sibling, signs_without_leader_account=True)
        cls.request = cls.issue_half_year_request([cls.sibling], deadline=date(2024, 6, 28))

    def setUp(self):
        self.submission = self.request.submissions.get(unit=self.sibling)
        save_values(self.sibling_officer, self.sibling, S1, {("news_articles", ""): Decimal(4)})

    def submit(self, day: int, month: int = 7):
        submit_report(
            self.sibling_officer,
            self.submission,
            now=at(day, month),
            signer_name="Đặng Văn Khoa",
            signer_position="CHỦ TỊCH",
        )

    def test_a_report_in_the_units_own_deadline_is_on_time(self):
        extend_deadline(self.consolidator, self.submission, date(2024, 7, 5), "Bão số 3.")
        self.submit(3)
        (row,) = board(self.request).rows
        self.assertEqual(row.state, BoardState.ON_TIME)
        event = self.submission.events.get(action=Action.EXTEND)
        self.assertEqual(event.comment, "Bão số 3.")
        self.assertEqual(event.data["deadline"], "05/7/2024")

    def test_past_the_units_own_deadline_it_is_late(self):
        extend_deadline(self.consolidator, self.submission, date(2024, 7, 5), "Bão số 3.")
        self.submit(8)
        (row,) = board(self.request).rows
        self.assertEqual(row.state, BoardState.LATE)

    def test_an_extension_needs_a_reason_a_later_day_and_the_issuer(self):
        with self.assertRaisesMessage(ReportingError, "lý do gia hạn"):
            extend_deadline(self.consolidator, self.submission, date(2024, 7, 5), "")
        with self.assertRaisesMessage(ReportingError, "phải sau hạn chung"):
            extend_deadline(self.consolidator, self.submission, date(2024, 6, 20), "Bão.")
        with self.assertRaises(PermissionDenied):
            extend_deadline(self.sibling_officer, self.submission, date(2024, 7, 5), "Bão.")
