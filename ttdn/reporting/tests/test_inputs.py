"""What the report pages do with input they cannot take: a NUL (which PostgreSQL cannot
store), text past its limit, a version that is no number, a step on a report one may
not take. Each is refused with a message, nothing is saved, and what was typed stays."""

from datetime import UTC, datetime

from django.test import Client
from django.urls import reverse

from ttdn.reporting import services
from ttdn.reporting.models import Submission, SubmissionEvent, SubmissionSection
from ttdn.testing import TreeTestCase

BEFORE_DEADLINE = datetime(2024, 6, 20, 9, tzinfo=UTC)


class ReportInputTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request([cls.commune])

    def setUp(self):
        # A server error must show as a 500 here, not as an exception in the test.
        self.client = Client(raise_request_exception=False)
        self.submission = self.request.submissions.get(unit=self.commune)

    def url(self, name: str, submission: Submission | None = None) -> str:
        return reverse(name, args=[(submission or self.submission).pk])

    def test_a_nul_in_a_section_is_refused_and_what_was_typed_is_shown_back(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            self.url("reporting:submission"),
            {
                "s__results": "Tổ chức 3 hội nghị\x00",
                "s__directions": "Tiếp tục",
                "ver__results": 0,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-testid="errors-results"', status_code=400)
        self.assertContains(response, "ký tự NUL", status_code=400)
        self.assertContains(response, "Tổ chức 3 hội nghị", status_code=400)
        self.assertFalse(SubmissionSection.objects.exists())

    def test_a_version_that_is_no_number_is_refused_not_a_server_error(self):
        self.client.force_login(self.officer)
        for version in ("abc", "1e400", "99999999999999999999", "-1"):
            with self.subTest(version=version):
                response = self.client.post(
                    self.url("reporting:submission"),
                    {"s__results": "Tổ chức 3 hội nghị", "ver__results": version},
                )
                self.assertEqual(response.status_code, 400)
        self.assertFalse(SubmissionSection.objects.exists())

    def test_a_section_over_the_limit_is_refused(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            self.url("reporting:submission"), {"s__results": "x" * 100_001, "ver__results": 0}
        )
        self.assertContains(response, "tối đa 100000 ký tự", status_code=400)
        self.assertFalse(SubmissionSection.objects.exists())

    def test_a_page_without_a_section_leaves_that_section_as_it_was(self):
        self.client.force_login(self.officer)
        services.save_sections(self.officer, self.submission, {"causes": "Thiếu cán bộ"}, {})
        self.client.post(self.url("reporting:submission"), {"s__results": "Mới", "ver__results": 0})
        texts = dict(SubmissionSection.objects.values_list("code", "text"))
        self.assertEqual(texts, {"causes": "Thiếu cán bộ", "results": "Mới"})

    def test_redrafting_refuses_a_nul_or_a_bad_version_before_anything_is_saved(self):
        self.client.force_login(self.officer)
        for data in ({"s__results": "a\x00b"}, {"s__results": "x", "ver__results": "x"}):
            with self.subTest(data=data):
                response = self.client.post(self.url("reporting:redraft"), data)
                self.assertEqual(response.status_code, 400)
        self.assertFalse(SubmissionSection.objects.exists())

    def test_a_signer_name_past_its_column_is_refused_with_a_message(self):
        self.client.force_login(self.leader)
        response = self.client.post(
            self.url("reporting:sign"), {"name": "Nguyễn Văn A" * 20, "position": "Chủ tịch"}
        )
        self.assertEqual(response.status_code, 302)
        self.submission.refresh_from_db()
        self.assertIsNone(self.submission.signed_off_at)
        page = self.client.get(self.url("reporting:submission"))
        self.assertContains(page, "tối đa 120 ký tự")

    def test_a_return_comment_with_a_nul_is_refused(self):
        services.sign_off(self.leader, self.submission, "Nguyễn Văn A", "Chủ tịch")
        services.submit_report(self.officer, self.submission, now=BEFORE_DEADLINE)
        self.client.force_login(self.consolidator)
        self.client.post(self.url("reporting:return"), {"comment": "Thiếu số liệu\x00"})
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.status, "submitted")
        self.assertFalse(SubmissionEvent.objects.filter(action="return").exists())

    def test_returning_or_accepting_a_units_own_report_is_forbidden_not_an_error(self):
        own = services.own_report(self.consolidator, self.province, "2024S1")
        self.client.force_login(self.consolidator)
        for name in ("reporting:return", "reporting:accept"):
            with self.subTest(name=name):
                response = self.client.post(self.url(name, own), {"comment": "Sửa lại"})
                self.assertEqual(response.status_code, 403)

    def test_permission_is_checked_before_the_form(self):
        self.client.force_login(self.viewer)
        for name in ("reporting:submission", "reporting:redraft", "reporting:sign"):
            with self.subTest(name=name):
                response = self.client.post(self.url(name), {"s__results": "\x00", "name": "\x00"})
                self.assertEqual(response.status_code, 403)
