"""The report's page through the cycle: the button each person sees, the leader's view of
the figures and text, a confirmation after every step, and the return comment on top."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import DocumentProfile, Stage, Submission
from ttdn.reporting.services import present_report, save_sections, send_back, sign_off
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")
S1_2023 = parse_period_id("2023S1")


class WorkflowPageTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request(
            [cls.commune, cls.sibling], deadline=date(2099, 6, 28)
        )
        save_values(cls.officer, cls.commune, S1, {("news_articles", ""): Decimal(1234)})
        save_values(cls.officer, cls.commune, S1_2023, {("news_articles", ""): Decimal(1000)})

    def setUp(self):
        self.submission = self.request.submissions.get(unit=self.commune)
        save_sections(
            self.officer, self.submission, {"results": "Đăng tải 1.234 tin, bài TTĐN."}, {}
        )
        self.page = reverse("reporting:submission", args=[self.submission.pk])

    def step(self, name: str, person, data=None, submission=None):
        self.client.force_login(person)
        pk = (submission or self.submission).pk
        response = self.client.post(reverse(f"reporting:{name}", args=[pk]), data or {})
        self.assertRedirects(
            response,
            reverse("reporting:submission", args=[pk]),
            fetch_redirect_response=False,
        )
        return self.client.get(response.url)

    def test_the_officer_sees_present_not_a_submit_that_would_fail(self):
        self.client.force_login(self.officer)
        page = self.client.get(self.page)
        self.assertContains(page, 'data-testid="present"')
        self.assertNotContains(page, 'data-testid="submit"')
        self.assertNotContains(page, 'data-testid="review"')

    def test_presenting_is_confirmed_and_the_page_says_it_waits(self):
        page = self.step("present", self.officer)
        self.assertContains(page, "Đã trình lãnh đạo.")
        self.assertContains(page, "Chờ lãnh đạo duyệt")
        self.assertContains(page, 'data-testid="awaiting"')
        self.assertNotContains(page, 'data-testid="present"')

    def test_the_leader_sees_figures_and_text_before_the_approve_button(self):
        present_report(self.officer, self.submission)
        self.client.force_login(self.leader)
        page = self.client.get(self.page).content.decode()
        review = page[page.index('data-testid="review"') : page.index('data-testid="approve"')]
        self.assertIn("Tin, bài về thông tin đối ngoại được đăng tải", review)
        self.assertIn("1.234", review)  # this period
        self.assertIn("1.000", review)  # the same period a year earlier
        self.assertIn("Đăng tải 1.234 tin, bài TTĐN.", review)

    def test_the_home_page_tells_the_leader_a_report_waits(self):
        present_report(self.officer, self.submission)
        self.client.force_login(self.leader)
        home = self.client.get(reverse("home"))
        page = home.content.decode()
        waiting = page[page.index('id="to-approve"') :]
        self.assertIn(f'<li data-submission="{self.submission.pk}">', waiting)

    def test_approval_is_confirmed_then_the_officer_submits_and_is_told(self):
        present_report(self.officer, self.submission)
        page = self.step("sign", self.leader, {"name": "Nguyễn Văn Hùng", "position": "CHỦ TỊCH"})
        self.assertContains(page, "Đã duyệt báo cáo.")
        self.client.force_login(self.officer)
        self.assertContains(self.client.get(self.page), 'data-testid="submit"')
        page = self.step("submit", self.officer)
        self.assertContains(page, "Đã nộp báo cáo.")
        self.assertEqual(Submission.objects.get(pk=self.submission.pk).stage, Stage.SUBMITTED)

    def test_returns_are_confirmed_and_shown_on_top_with_who_when_what(self):
        present_report(self.officer, self.submission)
        page = self.step("send_back", self.leader, {"comment": "Bổ sung số liệu tháng 6."})
        self.assertContains(page, "Đã trả lại báo cáo cho cán bộ soạn để sửa.")
        self.client.force_login(self.officer)
        page = self.client.get(self.page).content.decode()
        note = page[page.index('data-testid="return-note"') :]
        self.assertIn("Lãnh đạo trả lại để sửa", note)
        self.assertIn("lanhdao.quynhon", note)
        self.assertIn("Bổ sung số liệu tháng 6.", note)
        # Presented again: the note has been dealt with.
        present_report(self.officer, self.submission)
        self.assertNotContains(self.client.get(self.page), 'data-testid="return-note"')

    def test_the_issuers_return_and_accept_are_confirmed(self):
        present_report(self.officer, self.submission)
        sign_off(self.leader, self.submission)
        self.step("submit", self.officer)
        page = self.step("return", self.consolidator, {"comment": "Thiếu phương hướng."})
        self.assertContains(page, "Đã trả lại báo cáo của Phường Quy Nhơn.")
        self.client.force_login(self.officer)
        page = self.client.get(self.page)
        self.assertContains(page, "Báo cáo bị trả lại")
        self.assertContains(page, "Thiếu phương hướng.")
        present_report(self.officer, self.submission)
        sign_off(self.leader, self.submission)
        self.step("submit", self.officer)
        page = self.step("accept", self.consolidator)
        self.assertContains(page, "Đã chấp nhận báo cáo.")

    def test_a_step_not_allowed_now_is_refused_with_a_clear_message(self):
        present_report(self.officer, self.submission)
        page = self.step("present", self.officer)
        self.assertContains(page, "đang chờ duyệt")
        page = self.step("accept", self.consolidator)
        self.assertContains(page, "Chỉ chấp nhận được báo cáo đã nộp")
        self.assertContains(page, "“Chờ lãnh đạo duyệt”")
        page = self.step("submit", self.officer)
        self.assertContains(page, "Báo cáo chưa được lãnh đạo duyệt.")

    def test_a_leader_sending_back_without_a_comment_is_told(self):
        present_report(self.officer, self.submission)
        page = self.step("send_back", self.leader, {"comment": ""})
        self.assertContains(page, "Cần ghi nội dung cần sửa")
        self.assertEqual(Submission.objects.get(pk=self.submission.pk).stage, Stage.PRESENTED)

    def test_a_unit_without_a_leader_account_submits_with_the_signer(self):
        DocumentProfile.objects.create(unit=self.sibling, signs_without_leader_account=True)
        save_values(self.sibling_officer, self.sibling, S1, {("news_articles", ""): Decimal(3)})
        theirs = self.request.submissions.get(unit=self.sibling)
        self.client.force_login(self.sibling_officer)
        page = self.client.get(reverse("reporting:submission", args=[theirs.pk]))
        self.assertNotContains(page, 'data-testid="present"')
        self.assertContains(page, 'name="signer_name"')
        page = self.step("submit", self.sibling_officer, {"signer_name": "Khoa"}, theirs)
        self.assertContains(page, "ghi rõ họ tên và chức vụ người ký")
        page = self.step(
            "submit",
            self.sibling_officer,
            {"signer_name": "Đặng Văn Khoa", "signer_position": "CHỦ TỊCH"},
            theirs,
        )
        self.assertContains(page, "Đã nộp báo cáo.")
        self.assertContains(page, "người ký: Đặng Văn Khoa, CHỦ TỊCH")

    def test_an_edit_after_presenting_keeps_it_before_the_leader(self):
        present_report(self.officer, self.submission)
        save_sections(self.officer, self.submission, {"results": "Sửa câu."}, {"results": 1})
        self.assertEqual(Submission.objects.get(pk=self.submission.pk).stage, Stage.PRESENTED)
        send_back(self.leader, self.submission, "Sửa tiếp.")
        self.assertEqual(Submission.objects.get(pk=self.submission.pk).stage, Stage.DRAFT)

    def test_the_issuer_extends_a_units_deadline_from_the_page(self):
        page = self.step(
            "extend", self.consolidator, {"deadline": "15/07/2099", "reason": "Bão số 3."}
        )
        self.assertContains(page, "Đã gia hạn nộp báo cáo cho Phường Quy Nhơn đến 15/7/2099.")
        self.assertEqual(Submission.objects.get(pk=self.submission.pk).deadline, date(2099, 7, 15))
        board = self.client.get(reverse("reporting:board", args=[self.request.pk]))
        self.assertContains(board, "15/07/2099 (gia hạn)")
