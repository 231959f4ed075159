"""The BÁO CÁO as files: the body in prose with the opening, sections and closing in
order, the tables in a Phụ lục, and every Decree 30 layout rule read back."""

import io
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.tools import check_nd30, check_report
from tests.tools.readback import read_back
from ttdn import officedocs
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.plans.models import Plan, PlanTarget
from ttdn.reporting.documents import build_report, consolidated_report, render
from ttdn.reporting.models import DocumentProfile, ReportForm, Status, SubmissionSection
from ttdn.reporting.services import issue_request
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")


def docx_text(content: bytes) -> tuple[str, list[list[list[str]]]]:
    document = Document(io.BytesIO(content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


class ConsolidatedDocumentTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        earlier = parse_period_id("2023S1")
        save_values(
            cls.officer,
            cls.commune,
            S1,
            {("news_articles", ""): Decimal(1250), ("publication_copies", ""): Decimal(2000)},
        )
        save_values(cls.sibling_officer, cls.sibling, S1, {("news_articles", ""): Decimal(332)})
        save_values(cls.officer, cls.commune, earlier, {("news_articles", ""): Decimal(1000)})
        form = ReportForm.objects.get(code="ttdn-6-thang")
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
            signer_name="Nguyễn Văn An",
            drafting_office="VX",
            recipients="Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
        )

    def document(self, **issue):
        report, _draft = consolidated_report(self.province, S1, **issue)
        return render(report, "docx")

    def test_the_body_is_prose_in_order_and_the_tables_are_in_the_appendix(self):
        text, tables = docx_text(self.document(number=12, issued_on=date(2024, 7, 3)))
        order = [
            "Trên cơ sở báo cáo của 02 cơ quan, đơn vị, địa phương",
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
            "Ban hành Công văn số 1440/STTTT-TTBCXB ngày 20/6/2024",
            "II. KẾT QUẢ THỰC HIỆN",
            "UBND phường Quy Nhơn và UBND xã Tuy Phước đã đăng tải, phát sóng 1.582 tin, bài về "
            "thông tin đối ngoại, tăng 58,2% so với cùng kỳ năm 2023.",
            "III. ĐÁNH GIÁ CHUNG",
            "2. Hạn chế, khó khăn",
            "Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ.",
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
            "Trên đây là báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024 của "
            "UBND tỉnh Bình Định./.",
            "Phụ lục I",
            "(Kèm theo Báo cáo số 12/BC-UBND ngày 03/7/2024 của UBND tỉnh Bình Định)",
        ]
        positions = [text.find(part) for part in order]
        self.assertNotIn(
            -1, positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
        )
        self.assertEqual(positions, sorted(positions))
        self.assertNotIn("(2 đơn vị", text)
        annex = next(t for t in tables if t[0][0] == "STT")
        self.assertEqual(
            annex[0][1:],
            [
                "Chỉ tiêu",
                "Đơn vị tính",
                "6 tháng đầu năm 2024",
                "6 tháng đầu năm 2023",
                "Tăng, giảm (%)",
            ],
        )
        news = next(r for r in annex if r[1] == "Tin, bài về thông tin đối ngoại được đăng tải")
        self.assertEqual(news[0], "1")
        self.assertEqual(news[3:], ["1.582", "1.000", "+58,2"])
        body_tables = [t for t in tables if t[0][0] != "STT"]
        self.assertEqual(len(body_tables), 2)  # the letterhead and the signature only

    def test_recipients_are_the_body_that_asked_and_the_archive(self):
        _text, tables = docx_text(self.document())
        closing = "\n".join(c for t in tables for r in t for c in r)
        self.assertIn("Nguyễn Văn An", closing)
        self.assertIn("- Ban Chỉ đạo công tác thông tin đối ngoại tỉnh;", closing)
        self.assertIn("- Lưu: VT, VX.", closing)
        self.assertNotIn("Toàn quốc", closing)

    def test_the_decree_30_and_content_read_backs_pass_on_an_issued_report(self):
        content = self.document(number=12, issued_on=date(2024, 7, 3))
        status, printed = read_back(check_nd30, content)
        self.assertEqual(status, 0, printed)
        self.assertIn("ND30 13/13 ok", printed)
        status, printed = read_back(check_report, content, "--number", "12/BC-UBND")
        # Two communes' figures are too few for eight paragraphs: only that check may fail.
        self.assertIn("Số: 12/BC-UBND", content_text(content))
        self.assertNotIn("FAIL money", printed)
        self.assertNotIn("FAIL closing", printed)
        self.assertNotIn("FAIL Phụ lục", printed)
        self.assertNotIn("FAIL sections", printed)

    def test_the_xlsx_annex_has_the_appendix_title_rows(self):
        report, _draft = consolidated_report(self.province, S1)
        book = load_workbook(io.BytesIO(render(report, "xlsx")))
        self.assertEqual(book.sheetnames[0], "Phụ lục I")
        first = book.worksheets[0]
        self.assertEqual(first["A1"].value, "PHỤ LỤC I")
        values = [[c.value for c in row] for row in first.iter_rows()]
        self.assertTrue(any(1582 in row for row in values))

    def test_the_report_command_writes_docx_xlsx_and_pdf_when_libreoffice_is_there(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, err = io.StringIO(), io.StringIO()
            call_command(
                "report", "--unit", "BDI", "--period", "2024S1", "--out", tmp,
                stdout=out, stderr=err,
            )  # fmt: skip
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

    def test_typed_markup_and_control_characters_reach_the_file_as_typed(self):
        sub = self.request.submissions.get(unit=self.commune)
        sub.status = Status.DRAFT
        sub.save()
        typed = "Chi phí <b>in ấn</b> & dịch thuật \u201ccao\u201d;\x07 chưa có\tđịnh mức."
        SubmissionSection.objects.filter(submission=sub, code="difficulties").update(text=typed)
        report, _draft = build_report(sub)
        text, _tables = docx_text(render(report, "docx"))
        self.assertIn("Chi phí <b>in ấn</b> & dịch thuật \u201ccao\u201d; chưa có\tđịnh mức.", text)


def content_text(content: bytes) -> str:
    text, tables = docx_text(content)
    return text + "\n" + "\n".join(c for t in tables for r in t for c in r)


class TargetsAndPartyFormatTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        save_values(cls.officer, cls.commune, S1, {("news_articles", ""): Decimal(80)})

    def test_targets_of_the_units_plan_appear_with_the_share_reached(self):
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
        report, _draft = consolidated_report(self.province, S1)
        text, tables = docx_text(render(report, "docx"))
        annex = next(t for t in tables if t[0][0] == "STT")
        self.assertEqual(annex[0][-2:], ["Kế hoạch", "Đạt (% kế hoạch)"])
        news = next(r for r in annex if r[1] == "Tin, bài về thông tin đối ngoại được đăng tải")
        self.assertEqual(news[-2:], ["100", "80"])
        self.assertIn("đạt 80% kế hoạch", text)

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
        report, _draft = consolidated_report(self.province, S1)
        _text, tables = docx_text(render(report, "docx"))
        header = " ".join(" ".join(c for t in tables for r in t for c in r).split())
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", header)
        self.assertNotIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", header)
        self.assertIn("-BC/BTGDVTU", header)
        self.assertIn("T/M BAN THƯỜNG VỤ", header)
