import io
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ttdn import officedocs
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.documents import consolidated_report, render, submission_report
from ttdn.reporting.models import DocumentProfile, ReportForm, Status, SubmissionSection
from ttdn.reporting.services import issue_request
from ttdn.testing import TreeTestCase


def docx_text(content: bytes) -> tuple[str, list[list[list[str]]]]:
    document = Document(io.BytesIO(content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


class ConsolidatedDocumentTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        s1, earlier = parse_period_id("2024S1"), parse_period_id("2023S1")
        save_values(
            cls.officer,
            cls.commune,
            s1,
            {("news_articles", ""): Decimal(1250), ("publication_copies", ""): Decimal(2000)},
        )
        save_values(cls.sibling_officer, cls.sibling, s1, {("news_articles", ""): Decimal(332)})
        save_values(cls.officer, cls.commune, earlier, {("news_articles", ""): Decimal(1000)})
        form = ReportForm.objects.create(code="f", name="f", period_type="six_month")
        cls.request = issue_request(
            cls.consolidator,
            cls.province,
            form,
            "2024S1",
            "1440/STTTT-TTBCXB",
            date(2024, 6, 20),
            date(2024, 7, 5),
            "Báo cáo kết quả công tác TTĐN 6 tháng",
            kinds=["commune"],
        )
        for unit in (cls.commune, cls.sibling):
            sub = cls.request.submissions.get(unit=unit)
            sub.status, sub.submitted_at = Status.ACCEPTED, "2024-07-01T08:00:00+07:00"
            sub.save()
            SubmissionSection.objects.create(
                submission=sub,
                code="difficulties",
                text="Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ.",
            )
        DocumentProfile.objects.create(
            unit=cls.province,
            governing_body="",
            issuing_body="Sở Văn hóa, Thể thao và Du lịch",
            abbreviation="SVHTTDL",
            place="Bình Định",
            authority="KT. GIÁM ĐỐC",
            signer_position="PHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Văn An",
            recipients="Bộ Văn hóa, Thể thao và Du lịch\nUBND tỉnh",
        )

    def test_the_consolidated_docx_holds_the_totals_and_the_year_earlier_column(self):
        report, _result = consolidated_report(self.province, parse_period_id("2024S1"))
        text, tables = docx_text(render(report, "docx"))
        self.assertIn("Thực hiện Công văn số 1440/STTTT-TTBCXB ngày 20/06/2024", text)
        self.assertIn("trên cơ sở báo cáo của 2 đơn vị", text)
        header = " ".join(" ".join(c for t in tables for r in t for c in r).split())
        self.assertIn("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", header)
        totals = next(t for t in tables if t[0][0] == "Chỉ tiêu")
        self.assertEqual(totals[0][2:4], ["6 tháng đầu năm 2024", "6 tháng đầu năm 2023"])
        news = next(r for r in totals if r[0] == "Tin, bài về TTĐN được đăng tải")
        self.assertEqual(news[2:5], ["1.582", "1.000", "+58,2%"])
        self.assertIn(
            "Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ (2 đơn vị: "
            "Phường Quy Nhơn, Xã Tuy Phước).",
            text,
        )
        closing = "\n".join(c for t in tables for r in t for c in r)
        self.assertIn("Nguyễn Văn An", closing)
        self.assertIn("- Lưu: VT, SVHTTDL.", closing)

    def test_the_xlsx_annex_has_a_sheet_per_table(self):
        report, _result = consolidated_report(self.province, parse_period_id("2024S1"))
        book = load_workbook(io.BytesIO(render(report, "xlsx")))
        self.assertGreaterEqual(len(book.worksheets), 2)
        first = book.worksheets[0]
        values = [[c.value for c in row] for row in first.iter_rows()]
        self.assertTrue(any(1582 in row for row in values))

    def test_a_units_own_report_can_be_produced_before_it_is_submitted(self):
        sub = self.request.submissions.get(unit=self.commune)
        sub.status = Status.DRAFT
        sub.save()
        text, tables = docx_text(render(submission_report(sub), "docx"))
        self.assertIn("Thực hiện Công văn số 1440/STTTT-TTBCXB", text)
        self.assertIn("KHÓ KHĂN", text.upper())

    def test_the_report_command_writes_docx_xlsx_and_pdf_when_libreoffice_is_there(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, err = io.StringIO(), io.StringIO()
            call_command(
                "report",
                "--unit",
                "BDI",
                "--period",
                "2024S1",
                "--out",
                tmp,
                stdout=out,
                stderr=err,
            )
            names = sorted(p.name for p in Path(tmp).iterdir())
            expected = ["bao-cao-BDI-2024S1.docx", "bao-cao-BDI-2024S1.xlsx"]
            available, reason = officedocs.pdf_available()
            if available:
                expected.insert(1, "bao-cao-BDI-2024S1.pdf")
            else:
                self.assertIn(reason, err.getvalue())
            self.assertEqual(names, expected)

    def test_the_download_pages_need_the_consolidate_right(self):
        url = reverse("reporting:consolidated_document", args=["BDI", "2024S1", "docx"])
        self.client.force_login(self.viewer)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.consolidator)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))
        page = self.client.get(reverse("reporting:consolidated", args=["BDI", "2024S1"]))
        self.assertContains(page, "Kinh phí cho hoạt động thông tin đối ngoại")

    def test_without_libreoffice_the_pdf_button_says_why(self):
        from unittest import mock

        reason = "LibreOffice chưa được cài đặt"
        with mock.patch.object(officedocs, "pdf_available", return_value=(False, reason)):
            self.client.force_login(self.consolidator)
            page = self.client.get(reverse("reporting:consolidated", args=["BDI", "2024S1"]))
        self.assertContains(page, reason)
        self.assertContains(page, "PDF chưa dùng được")


class TargetsAndPartyFormatTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        save_values(
            cls.officer,
            cls.commune,
            parse_period_id("2024S1"),
            {("news_articles", ""): Decimal(80)},
        )

    def test_targets_of_the_units_plan_appear_with_the_share_reached(self):
        from ttdn.indicators.models import Indicator
        from ttdn.plans.models import Plan, PlanTarget

        plan = Plan.objects.create(
            issuing_unit=self.province,
            number="20/KH-UBND",
            issued_on=date(2024, 2, 23),
            title="Kế hoạch TTĐN năm 2024",
            year=2024,
        )
        PlanTarget.objects.create(
            plan=plan,
            indicator=Indicator.objects.get(code="news_articles"),
            period="2024S1",
            value=Decimal(100),
        )
        report, _result = consolidated_report(self.province, parse_period_id("2024S1"))
        _text, tables = docx_text(render(report, "docx"))
        totals = next(t for t in tables if t[0][0] == "Chỉ tiêu")
        self.assertEqual(totals[0][5:], ["Kế hoạch", "Đạt (% kế hoạch)"])
        news = next(r for r in totals if r[0] == "Tin, bài về TTĐN được đăng tải")
        self.assertEqual(news[5:], ["100", "80,0%"])

    def test_a_party_body_issues_its_report_in_the_party_format(self):
        DocumentProfile.objects.create(
            unit=self.province,
            style="party",
            governing_body="TỈNH ỦY BÌNH ĐỊNH",
            issuing_body="Ban Tuyên giáo và Dân vận",
            abbreviation="BTGDVTU",
            authority="T/M BAN THƯỜNG VỤ",
            signer_position="PHÓ BÍ THƯ",
        )
        report, _result = consolidated_report(self.province, parse_period_id("2024S1"))
        _text, tables = docx_text(render(report, "docx"))
        header = " ".join(" ".join(c for t in tables for r in t for c in r).split())
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", header)
        self.assertNotIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", header)
        self.assertIn("-BC/BTGDVTU", header)
        self.assertIn("T/M BAN THƯỜNG VỤ", header)
