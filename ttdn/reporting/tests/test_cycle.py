import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.exceptions import PermissionDenied
from docx import Document

from ttdn.accounts.models import Role
from ttdn.indicators.services import ValuesRejected, save_values
from ttdn.lib.periods import parse_period_id
from ttdn.notices.services import send_pending_mail
from ttdn.reporting.documents import consolidated_report, render
from ttdn.reporting.models import Action, ReportForm, Status, Submission
from ttdn.reporting.services import (
    ReportingError,
    accept_submission,
    board,
    issue_request,
    remind_missing,
    return_submission,
    save_sections,
    sign_off,
    submit_report,
)
from ttdn.testing import TreeTestCase, make_person, make_unit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
S1 = parse_period_id("2024S1")


def at(day: int, month: int = 7) -> datetime:
    return datetime(2024, month, day, 9, 0, tzinfo=TZ)


class CycleTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.third = make_unit("BDI-PL", "Xã Phước Lộc", "commune", cls.province)
        cls.third_officer = make_person("canbo.phuocloc", cls.third, Role.OFFICER)
        cls.sibling_leader = make_person(
            "lanhdao.tuyphuoc", cls.sibling, Role.LEADER, email="lanhdao.tp@example.vn"
        )
        cls.officer.email = "canbo.qn@example.vn"
        cls.officer.save()
        cls.form = ReportForm.objects.create(
            code="ttdn-6t", name="Báo cáo TTĐN 6 tháng", period_type="six_month"
        )

    def issue(self, **extra):
        return issue_request(
            self.consolidator,
            self.province,
            self.form,
            "2024S1",
            "1440/STTTT-TTBCXB",
            date(2024, 6, 20),
            date(2024, 7, 5),
            "Kết quả công tác TTĐN 6 tháng đầu năm 2024",
            **extra,
        )

    def prepare(self, submission, officer, leader=None):
        save_values(officer, submission.unit, S1, {("news_articles", ""): Decimal(10)})
        save_sections(officer, submission, {"results": "Đã đăng 10 tin, bài."}, {})
        sign_off(leader or self.leader, submission, "Nguyễn Văn A", "CHỦ TỊCH")

    def test_three_communes_one_on_time_one_late_after_a_return_one_missing(self):
        request = self.issue(kinds=["commune"])
        self.assertEqual(
            {s.unit.code for s in request.submissions.all()}, {"BDI-QN", "BDI-TP", "BDI-PL"}
        )
        send_pending_mail()  # the worker's step
        self.assertEqual(len(mail.outbox), 2)  # the two people with e-mail addresses

        on_time = Submission.objects.get(request=request, unit=self.commune)
        self.prepare(on_time, self.officer)
        submit_report(self.officer, on_time, now=at(3))
        accept_submission(self.consolidator, on_time)

        late = Submission.objects.get(request=request, unit=self.sibling)
        self.prepare(late, self.sibling_officer, self.sibling_leader)
        submit_report(self.sibling_officer, late, now=at(4))
        return_submission(self.consolidator, late, "Bổ sung số liệu ấn phẩm.")
        late.refresh_from_db()
        self.assertEqual(late.status, Status.RETURNED)
        sign_off(self.sibling_leader, late)
        submit_report(self.sibling_officer, late, now=at(9))
        accept_submission(self.consolidator, late)

        result = board(request)
        states = {row.unit.code: row.state for row in result.rows}
        self.assertEqual(states, {"BDI-QN": "on_time", "BDI-TP": "late", "BDI-PL": "missing"})
        self.assertAlmostEqual(result.completeness, 66.67, places=1)
        self.assertAlmostEqual(result.timeliness, 33.33, places=1)
        actions = list(late.events.values_list("action", flat=True))
        for action in (Action.SUBMIT, Action.RETURN, Action.RESUBMIT, Action.ACCEPT):
            self.assertIn(action, actions)
        returned = late.events.get(action=Action.RETURN)
        self.assertEqual(
            (returned.by, returned.comment), (self.consolidator, "Bổ sung số liệu ấn phẩm.")
        )

        # The consolidated DOCX holds the totals and the year-earlier column.
        save_values(
            self.officer,
            self.commune,
            parse_period_id("2023S1"),
            {("news_articles", ""): Decimal(16)},
        )
        report, _draft = consolidated_report(self.province, S1)
        document = Document(io.BytesIO(render(report, "docx")))
        table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
        header = [c.text for c in table.rows[0].cells]
        self.assertEqual(
            header[3:6], ["6 tháng đầu năm 2024", "6 tháng đầu năm 2023", "Tăng, giảm (%)"]
        )
        news = next(
            [c.text for c in r.cells]
            for r in table.rows
            if r.cells[1].text == "Tin, bài về thông tin đối ngoại được đăng tải"
        )
        self.assertEqual(news[3:6], ["20", "16", "+25"])
        body = "\n".join(p.text for p in document.paragraphs)
        self.assertIn(
            "UBND phường Quy Nhơn và UBND xã Tuy Phước đã đăng tải, phát sóng 20 tin, bài về "
            "thông tin đối ngoại, tăng 25% so với cùng kỳ năm 2023.",
            body,
        )
        # What each commune typed with its own figure stays its own, never merged into one.
        self.assertIn("UBND phường Quy Nhơn đã đăng 10 tin, bài.", body)
        self.assertIn("UBND xã Tuy Phước đã đăng 10 tin, bài.", body)
        self.assertIn(
            "Trên cơ sở báo cáo của 02 cơ quan, đơn vị, địa phương, UBND tỉnh Bình Định báo cáo",
            body,
        )

    def test_a_submitted_report_is_read_only_until_returned(self):
        request = self.issue(units=[self.commune])
        submission = request.submissions.get()
        self.prepare(submission, self.officer)
        submit_report(self.officer, submission, now=at(1))
        with self.assertRaises(ReportingError):
            save_sections(self.officer, submission, {"results": "Sửa sau khi nộp"}, {})
        return_submission(self.consolidator, submission, "Thiếu phần khó khăn.")
        save_sections(self.officer, submission, {"difficulties": "Thiếu kinh phí."}, {})

    def test_values_failing_validation_block_submission_with_every_rule_listed(self):
        request = self.issue(units=[self.commune])
        submission = request.submissions.get()
        # Copies add up by language: a total below its parts never gets in.
        with self.assertRaises(ValuesRejected) as refused:
            save_values(
                self.officer,
                self.commune,
                S1,
                {("publication_copies", ""): Decimal(500), ("publication_copies", "en"): 800},
            )
        self.assertIn("tổng 500 nhỏ hơn tổng các phần 800", refused.exception.messages[0])
        # Titles do not (a bilingual title counts in both languages): caught at submission.
        save_values(
            self.officer,
            self.commune,
            S1,
            {
                ("publication_titles", ""): Decimal(2),
                ("publication_titles", "en"): Decimal(3),
                ("training_courses", ""): Decimal(5),
                ("training_participants", ""): Decimal(3),
            },
        )
        with self.assertRaises(ReportingError) as raised:
            submit_report(self.officer, submission, now=at(1))
        messages = "\n".join(raised.exception.messages)
        self.assertIn("tiếng Anh: 3 lớn hơn tổng 2", messages)
        self.assertIn("không thể ít hơn", messages)
        self.assertIn("chưa được lãnh đạo duyệt", messages)
        submission.refresh_from_db()
        self.assertEqual(submission.status, Status.DRAFT)

    def test_a_late_submission_is_refused_with_a_clear_message_when_the_form_locks(self):
        self.form.locks_after_deadline = True
        self.form.save()
        request = self.issue(units=[self.commune])
        submission = request.submissions.get()
        self.prepare(submission, self.officer)
        with self.assertRaises(ReportingError) as raised:
            submit_report(self.officer, submission, now=at(6))
        self.assertIn("Đã quá hạn nộp (05/7/2024)", raised.exception.messages[0])

    def test_a_request_to_units_that_no_longer_exist_is_refused_with_their_names(self):
        closed = make_unit(
            "BDI-TPD", "Huyện Tuy Phước", "district", self.province, valid_to=date(2023, 6, 30)
        )
        with self.assertRaises(ReportingError) as raised:
            self.issue(units=[self.commune, closed])
        self.assertIn("Huyện Tuy Phước", raised.exception.messages[0])

    def test_a_unit_closed_before_the_period_is_not_expected_and_a_merged_one_counts_once(self):
        merged = make_unit(
            "BDI-OLD", "Xã Phước Thuận (cũ)", "commune", self.province, valid_to=date(2024, 3, 31)
        )
        merged.successor = self.sibling
        merged.save()
        make_unit(
            "BDI-GONE", "Xã đã giải thể", "commune", self.province, valid_to=date(2023, 12, 31)
        )
        request = self.issue(kinds=["commune"])
        request.recipients.add(merged)
        codes = [row.unit.code for row in board(request).rows]
        self.assertNotIn("BDI-GONE", codes)
        self.assertNotIn("BDI-OLD", codes)
        self.assertEqual(sorted(codes), ["BDI-PL", "BDI-QN", "BDI-TP"])

    def test_two_people_editing_the_same_draft_never_overwrite_each_other(self):
        request = self.issue(units=[self.commune])
        submission = request.submissions.get()
        save_sections(self.officer, submission, {"results": "Bản 1"}, {})
        # Both open version 1; the leader saves first, the officer's save is refused.
        save_sections(self.leader, submission, {"results": "Bản của lãnh đạo"}, {"results": 1})
        outcome = save_sections(
            self.officer, submission, {"results": "Bản của cán bộ"}, {"results": 1}
        )
        self.assertEqual(outcome.conflicts, {"results": "Bản của lãnh đạo"})
        self.assertEqual(submission.sections.get(code="results").text, "Bản của lãnh đạo")
        kept = submission.events.get(action=Action.CONFLICT)
        self.assertEqual(kept.data["refused_text"], "Bản của cán bộ")

    def test_one_click_reminds_the_missing_units_only(self):
        request = self.issue(kinds=["commune"])
        done = Submission.objects.get(request=request, unit=self.commune)
        self.prepare(done, self.officer)
        submit_report(self.officer, done, now=at(1))
        send_pending_mail()
        mail.outbox.clear()
        self.assertEqual(remind_missing(self.consolidator, request), 2)
        send_pending_mail()
        self.assertEqual([m.to for m in mail.outbox], [["lanhdao.tp@example.vn"]])

    def test_only_the_issuing_unit_returns_or_accepts_and_only_the_unit_submits(self):
        request = self.issue(units=[self.commune])
        submission = request.submissions.get()
        self.prepare(submission, self.officer)
        with self.assertRaises(PermissionDenied):
            submit_report(self.sibling_officer, submission)
        submit_report(self.officer, submission, now=at(1))
        with self.assertRaises(PermissionDenied):
            accept_submission(self.officer, submission)
        with self.assertRaises(PermissionDenied):
            issue_request(
                self.officer,
                self.commune,
                self.form,
                "2024S1",
                "5/UBND",
                date(2024, 6, 20),
                date(2024, 7, 5),
                "Báo cáo",
                units=[self.commune],
            )
