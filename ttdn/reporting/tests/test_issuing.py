"""Issuing a report: a number from the unit's outgoing register, the files kept exactly
as issued, the submission submitted, and the refusals that protect the register."""

import hashlib
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse
from docx import Document

from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import IssuedReport, ReportForm, Status, Submission
from ttdn.reporting.services import (
    ReportingError,
    issue_report,
    issue_request,
    return_submission,
    sign_off,
)
from ttdn.testing import TreeTestCase, make_unit

S1 = parse_period_id("2024S1")


def body(content: bytes) -> str:
    document = Document(io.BytesIO(bytes(content)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


class IssuingTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request([cls.commune])
        save_values(cls.officer, cls.commune, S1, {("news_articles", ""): Decimal(46)})

    def submission(self) -> Submission:
        return self.request.submissions.get(unit=self.commune)

    def test_the_leader_issues_from_the_page_and_the_report_is_submitted(self):
        self.client.force_login(self.leader)
        url = reverse("reporting:issue", args=[self.submission().pk])
        response = self.client.post(url, {"number": "", "issued_on": "27/06/2024"})
        self.assertRedirects(response, reverse("reporting:submission", args=[self.submission().pk]))
        issued = IssuedReport.objects.get()
        self.assertEqual((issued.number, issued.year, issued.reference), (1, 2024, "01/BC-UBND"))
        self.assertEqual(issued.issued_on, date(2024, 6, 27))
        text = body(issued.docx)
        self.assertIn("Số: 01/BC-UBND", text)
        self.assertIn("Quy Nhơn, ngày 27 tháng 6 năm 2024", text)
        self.assertIn("Thực hiện Công văn số 812/UBND-VX ngày 14/6/2024", text)
        self.assertIn("(Kèm theo Báo cáo số 01/BC-UBND ngày 27/6/2024", text)
        submission = self.submission()
        self.assertEqual(submission.status, Status.SUBMITTED)
        self.assertEqual(submission.sections.get(code="results").draft[0]["text"][:2], "1.")
        self.assertEqual(issued.sha256, hashlib.sha256(bytes(issued.docx)).hexdigest())

    def test_the_issued_files_stay_as_issued_when_the_records_change(self):
        issued = issue_report(self.leader, self.submission(), issued_on=date(2024, 6, 27))
        return_submission(self.consolidator, self.submission(), "Bổ sung số liệu.")
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(99)})
        self.client.force_login(self.consolidator)
        url = reverse("reporting:issued_document", args=[issued.pk, "docx"])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(hashlib.sha256(response.content).hexdigest(), issued.sha256)
        self.assertIn("46 tin, bài", body(response.content))
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.sibling_officer)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_numbers_follow_on_per_unit_and_year_and_a_used_one_is_refused(self):
        first = issue_report(None, self.submission(), issued_on=date(2024, 6, 27))
        own = Submission(unit=self.commune, period="2024Q3")
        second = issue_report(None, own, issued_on=date(2024, 10, 2))
        self.assertEqual((first.number, second.number), (1, 2))
        other = issue_report(None, Submission(unit=self.sibling, period=S1.id))
        self.assertEqual(other.number, 1)
        next_year = issue_report(None, own, issued_on=date(2025, 1, 5))
        self.assertEqual(next_year.number, 1)
        with self.assertRaises(ReportingError) as refused:
            issue_report(None, Submission(unit=self.commune, period="2024"), 2, date(2024, 12, 30))
        self.assertIn(
            "Số 02/BC-UBND đã dùng cho báo cáo “Kết quả công tác thông tin đối ngoại quý "
            "III/2024” ngày 02/10/2024.",
            refused.exception.messages[0],
        )
        self.assertEqual(IssuedReport.objects.filter(unit=self.commune).count(), 3)

    def test_a_unit_cannot_issue_for_a_period_it_did_not_exist_in(self):
        new = make_unit("BDI-MOI", "Xã Mới", "commune", self.province, valid_from=date(2025, 7, 1))
        with self.assertRaises(ReportingError) as refused:
            issue_report(None, Submission(unit=new, period=S1.id))
        self.assertEqual(
            refused.exception.messages[0],
            "Xã Mới không tồn tại trong 6 tháng đầu năm 2024 (hiệu lực 01/7/2025 – nay).",
        )
        self.assertFalse(IssuedReport.objects.exists())

    def test_an_officer_issues_only_after_the_leader_approved(self):
        self.client.force_login(self.officer)
        url = reverse("reporting:issue", args=[self.submission().pk])
        self.assertEqual(self.client.post(url, {}).status_code, 403)
        sign_off(self.leader, self.submission(), "Nguyễn Văn Hùng", "PHÓ CHỦ TỊCH")
        self.client.post(url, {"issued_on": "28/06/2024"})
        self.assertEqual(IssuedReport.objects.get().issued_by, self.officer)

    def test_a_wrong_date_is_refused_with_a_message_and_nothing_is_issued(self):
        self.client.force_login(self.leader)
        url = reverse("reporting:issue", args=[self.submission().pk])
        response = self.client.post(url, {"issued_on": "31/02/2024"}, follow=True)
        self.assertContains(response, "Nhập một ngày hợp lệ")
        response = self.client.post(url, {"number": "0"}, follow=True)
        self.assertContains(response, "lớn hơn hoặc bằng với 1")
        self.assertFalse(IssuedReport.objects.exists())
        self.assertEqual(self.submission().status, Status.DRAFT)


class ChainTests(TreeTestCase):
    """The province's issued report becomes its answer to the ministry's request."""

    def test_issuing_the_consolidated_report_submits_it_upward(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(46)})
        country = make_unit("VN", "Toàn quốc", "other")
        self.province.parent = country
        self.province.save()
        self.province.refresh_from_db()
        form = ReportForm.objects.get(code="ttdn-6-thang")
        ministry = issue_request(
            self._superuser(),
            country,
            form,
            "2024S1",
            "215/BVHTTDL-TTĐN",
            date(2024, 6, 10),
            date(2024, 7, 10),
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            kinds=["province"],
        )
        answer = ministry.submissions.get(unit=self.province)
        issued = issue_report(None, answer, 12, date(2024, 7, 3))
        answer.refresh_from_db()
        self.assertEqual(answer.status, Status.SUBMITTED)
        self.assertEqual(issued.submission, answer)
        text = body(issued.docx)
        self.assertIn("Thực hiện Công văn số 215/BVHTTDL-TTĐN ngày 10/6/2024 của Toàn quốc", text)
        self.assertTrue(answer.sections.filter(code="results").exists())

    def _superuser(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_superuser("quantri", password="x")
