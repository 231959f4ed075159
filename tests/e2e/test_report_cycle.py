"""The whole round as the samples describe it: a commune and a department record their
work (through the API and the pages), draft their reports, edit, submit; the province
consolidates and issues with a number and date; the DOCX reads back as a BÁO CÁO an
office would sign."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from docx import Document

from tests.tools import check_nd30, check_report
from tests.tools.readback import read_back
from ttdn.accounts.models import Membership, Role
from ttdn.indicators.models import Indicator
from ttdn.plans.models import Plan, PlanTarget
from ttdn.reporting.models import DocumentProfile, IssuedReport, ReportForm, Status
from ttdn.reporting.services import issue_request
from ttdn.testing import PASSWORD, make_person, make_unit

S1 = "2024S1"


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs if p.text.strip()]


def closing_block(content: bytes) -> str:
    table = Document(io.BytesIO(content)).tables[1]
    return "\n".join(c.text for r in table.rows for c in r.cells)


class ReportRoundTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        country = make_unit("VN", "Toàn quốc", "other")
        cls.province = make_unit("HNM", "Tỉnh Hà Nam", "province", country)
        cls.department = make_unit(
            "HNM-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department", cls.province
        )
        cls.investment = make_unit("HNM-STC", "Sở Tài chính", "department", cls.province)
        cls.commune = make_unit("HNM-KB", "Xã Kim Bảng", "commune", cls.province)
        for unit in (country, cls.province):
            unit.refresh_from_db()
        DocumentProfile.objects.create(
            unit=country,
            issuing_body="BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            governing_body="-",
            abbreviation="BVHTTDL",
            short_name="Bộ Văn hóa, Thể thao và Du lịch",
            formal_name="Bộ Văn hóa, Thể thao và Du lịch",
        )
        DocumentProfile.objects.create(unit=cls.province, signer_name="Trần Minh Đức")
        cls.minister = get_user_model().objects.create_superuser("bo", password=PASSWORD)
        cls.consolidator = make_person("tonghop.hnm", cls.province, Role.CONSOLIDATOR)
        Membership.objects.create(user=cls.consolidator, unit=cls.province, role=Role.LEADER)
        cls.dept_officer = make_person("canbo.svh", cls.department, Role.OFFICER)
        cls.dept_leader = make_person("lanhdao.svh", cls.department, Role.LEADER)
        cls.inv_officer = make_person("canbo.stc", cls.investment, Role.OFFICER)
        cls.inv_leader = make_person("lanhdao.stc", cls.investment, Role.LEADER)
        cls.commune_officer = make_person("canbo.kb", cls.commune, Role.OFFICER)
        cls.commune_leader = make_person("lanhdao.kb", cls.commune, Role.LEADER)
        form = ReportForm.objects.get(code="ttdn-6-thang")
        cls.ministry = issue_request(
            cls.minister, country, form, S1, "215/BVHTTDL-TTĐN", date(2024, 6, 10),
            date(2024, 7, 10),
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            kinds=["province"],
        )  # fmt: skip
        cls.request = issue_request(
            cls.consolidator, cls.province, form, S1, "812/UBND-VX", date(2024, 6, 14),
            date(2024, 6, 28),
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            kinds=["department", "commune"],
        )  # fmt: skip
        plan = Plan.objects.create(
            issuing_unit=cls.department, number="20/KH-SVHTTDL", issued_on=date(2024, 2, 23),
            title="Kế hoạch công tác thông tin đối ngoại năm 2024", year=2024,
        )  # fmt: skip
        PlanTarget.objects.create(
            plan=plan, indicator=Indicator.objects.get(code="tourism_revenue"), period="2024",
            value=1_780_000_000_000,
        )  # fmt: skip

    # helpers ----------------------------------------------------------------------

    def as_(self, person):
        self.client.logout()
        self.client.force_login(person)

    def api(self, method, url, body=None):
        response = getattr(self.client, method)(url, body, content_type="application/json")
        self.assertLess(response.status_code, 300, response.content[:500])
        return response.json()

    def values(self, unit, period, *values):
        body = {"period": period, "orgUnit": unit, "dataValues": list(values)}
        self.api("post", "/api/datavalues", body)

    def submission(self, unit):
        return self.request.submissions.get(unit=unit)

    # the round --------------------------------------------------------------------

    def test_a_round_from_records_to_an_issued_consolidated_report(self):
        # The department records its figures and activities through the API.
        self.as_(self.dept_officer)
        self.values(
            "HNM-SVHTTDL", S1,
            {"indicator": "visitors_domestic", "value": 1520300},
            {"indicator": "visitors_international", "value": 62000},
            {"indicator": "tourism_revenue", "value": 1073000000000},
            {"indicator": "publication_titles", "value": 3},
            {"indicator": "publication_copies", "value": 3800},
            {"indicator": "publication_copies", "option": "en", "value": 500},
            {"indicator": "publication_copies", "option": "ja", "value": 200},
            {"indicator": "exhibitions", "value": 2},
        )  # fmt: skip
        self.values("HNM-SVHTTDL", "2023S1", {"indicator": "exhibitions", "value": 2})
        self.api("post", "/api/activities", {
            "unit": "HNM-SVHTTDL", "type": "exhibition",
            "title": "Triển lãm ảnh chuyên đề “Đảng Cộng sản Việt Nam qua các kỳ Đại hội”",
            "description": "Trưng bày hơn 200 ảnh và gần 600 tài liệu.",
            "startDate": "2024-02-01", "endDate": "2024-02-15",
            "topics": ["su_kien_ky_niem", "quang_ba_hinh_anh"],
        })  # fmt: skip
        self.api("post", "/api/activities", {
            "unit": "HNM-SVHTTDL", "type": "exhibition",
            "title": "Tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024",
            "startDate": "2024-04-18", "endDate": "2024-04-21", "topics": ["du_lich"],
        })  # fmt: skip
        self.as_(self.inv_officer)
        self.values(
            "HNM-STC", S1,
            {"indicator": "fdi_projects", "value": 8},
            {"indicator": "fdi_capital", "value": 54700000},
        )  # fmt: skip
        self.values(
            "HNM-STC", "2023S1",
            {"indicator": "fdi_projects", "value": 6},
            {"indicator": "fdi_capital", "value": 63100000},
        )  # fmt: skip

        # The commune records on the pages, as its officer does.
        self.as_(self.commune_officer)
        self.client.post(
            reverse("indicators:entry", args=["HNM-KB", S1]),
            {"v__news_articles__": "46", "v__portal_items__": "32"},
        )
        self.client.post(
            reverse("indicators:entry", args=["HNM-KB", "2023S1"]), {"v__news_articles__": "40"}
        )
        page = reverse("reporting:submission", args=[self.submission(self.commune).pk])
        self.client.post(
            reverse("registers:activities-create", args=["HNM-KB"]),
            {
                "type": "training",
                "title": "Tham gia lớp tập huấn nghiệp vụ thông tin đối ngoại do tỉnh tổ chức",
                "start_date": "15/05/2024",
                "rows0-TOTAL_FORMS": "1",
                "rows0-INITIAL_FORMS": "0",
                "rows0-0-measure": "training_participants|",
                "rows0-0-amount": "2",
                "next": page,
            },
        )

        # Both draft their reports; the commune edits one section and submits.
        self.as_(self.dept_officer)
        dept = self.submission(self.department)
        drafted = self.api("post", f"/api/submissions/{dept.pk}/draft", {})
        results = next(s for s in drafted["sections"] if s["code"] == "results")["text"]
        self.assertIn("doanh thu du lịch đạt 1.073 tỷ đồng, đạt 60,3% kế hoạch năm", results)
        self.as_(self.dept_leader)
        self.client.post(reverse("reporting:sign", args=[dept.pk]), {"name": "Phạm Văn Tài"})
        self.as_(self.dept_officer)
        self.api("post", f"/api/submissions/{dept.pk}/submit")

        investment = self.submission(self.investment)
        self.as_(self.inv_leader)
        self.client.post(reverse("reporting:sign", args=[investment.pk]))
        self.as_(self.inv_officer)
        self.api("post", f"/api/submissions/{investment.pk}/submit")

        self.as_(self.commune_officer)
        commune = self.submission(self.commune)
        self.client.post(reverse("reporting:redraft", args=[commune.pk]))
        section = (
            commune.sections.get(code="difficulties")
            if commune.sections.filter(code="difficulties").exists()
            else None
        )
        typed = "Cán bộ phụ trách công tác thông tin đối ngoại làm việc kiêm nhiệm."
        self.client.post(
            page,
            {
                "s__difficulties": typed,
                "ver__difficulties": section.version if section else 0,
                **{f"s__{s.code}": s.text for s in commune.sections.exclude(code="difficulties")},
                **{
                    f"ver__{s.code}": s.version
                    for s in commune.sections.exclude(code="difficulties")
                },
            },
        )
        self.as_(self.commune_leader)
        self.client.post(reverse("reporting:sign", args=[commune.pk]), {"name": "Lê Văn Bình"})
        self.as_(self.commune_officer)
        self.client.post(reverse("reporting:submit", args=[commune.pk]))
        self.assertEqual(self.submission(self.commune).status, Status.SUBMITTED)
        self.assertEqual(self.submission(self.department).status, Status.SUBMITTED)
        commune_text = self.submission(self.commune).sections.get(code="results").text
        self.assertIn(
            "- Đăng tải, phát sóng 46 tin, bài về thông tin đối ngoại, tăng 15%", commune_text
        )

        # The province consolidates and issues with a number and date.
        self.as_(self.consolidator)
        answer = self.ministry.submissions.get(unit=self.province)
        response = self.client.post(
            reverse("reporting:issue", args=[answer.pk]),
            {"number": "12", "issued_on": "03/07/2024"},
        )
        self.assertEqual(response.status_code, 302)
        issued = IssuedReport.objects.get(unit=self.province)
        content = bytes(issued.docx)
        body = paragraphs(content)
        text = "\n".join(body)

        order = [
            "Thực hiện Công văn số 215/BVHTTDL-TTĐN ngày 10/6/2024 của Bộ Văn hóa, Thể thao "
            "và Du lịch về việc báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm "
            "2024, trên cơ sở báo cáo của 03 cơ quan, đơn vị, địa phương, UBND tỉnh Hà Nam "
            "báo cáo",
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
            "II. KẾT QUẢ THỰC HIỆN",
            # press: the commune's figures, with its name as subject
            "UBND xã Kim Bảng đã đăng tải, phát sóng 46 tin, bài về thông tin đối ngoại, "
            "tăng 15% so với cùng kỳ năm 2023.",
            # publications
            "Sở Văn hóa, Thể thao và Du lịch đã biên soạn, phát hành 03 đầu ấn phẩm thông tin "
            "đối ngoại với 3.800 bản, trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản.",
            # promotion, investment and tourism
            "6 tháng đầu năm 2024, lượng khách du lịch đến Hà Nam đạt 1.582.300 lượt khách "
            "(trong đó khách nội địa đạt 1.520.300 lượt, khách quốc tế 62.000 lượt); doanh "
            "thu du lịch đạt 1.073 tỷ đồng.",
            "Từ ngày 18 đến ngày 21/4/2024, Sở Văn hóa, Thể thao và Du lịch tham gia Hội chợ "
            "Du lịch quốc tế VITM Hà Nội 2024.",
            # training
            "Ngày 15/5/2024, UBND xã Kim Bảng tham gia lớp tập huấn nghiệp vụ thông tin đối "
            "ngoại do tỉnh tổ chức với 02 lượt người tham gia.",
            "III. ĐÁNH GIÁ CHUNG",
            "Cán bộ phụ trách công tác thông tin đối ngoại làm việc kiêm nhiệm.",
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
            "Trên đây là báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024 của "
            "UBND tỉnh Hà Nam. Kính báo cáo Bộ Văn hóa, Thể thao và Du lịch biết, tổng hợp./.",
            "Phụ lục I",
            "(Kèm theo Báo cáo số 12/BC-UBND ngày 03/7/2024 của UBND tỉnh Hà Nam)",
        ]
        found = [text.find(part) for part in order]
        self.assertNotIn(-1, found, [p for p, at in zip(order, found, strict=True) if at < 0])
        self.assertEqual(found, sorted(found))
        self.assertIn(
            "6 tháng đầu năm 2024, toàn tỉnh đã thu hút được 08 dự án FDI, tăng 33,3% so với "
            "cùng kỳ năm 2023; tổng vốn đăng ký các dự án FDI đạt 54,7 triệu USD, giảm 13,3% "
            "so với cùng kỳ năm 2023.",
            text,
        )
        self.assertIn("Trưng bày hơn 200 ảnh và gần 600 tài liệu.", text)
        self.assertIn("đăng tải 32 tin, bài trên cổng/trang thông tin điện tử", text)

        closing = closing_block(content)
        self.assertIn("- Bộ Văn hóa, Thể thao và Du lịch (b/c);", closing)
        self.assertIn("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", closing)
        self.assertIn("Trần Minh Đức", closing)
        status, printed = read_back(check_nd30, content)
        self.assertEqual(status, 0, printed)
        status, printed = read_back(check_report, content, "--number", "12/BC-UBND")
        # Three units' records make fewer than eight paragraphs of figures; the rest holds.
        for check in ("money", "sections", "closing", "Phụ lục", "recipients", "Số:"):
            self.assertNotIn(f"FAIL {check}", printed)

        # The province's report is its answer to the ministry, submitted.
        answer.refresh_from_db()
        self.assertEqual(answer.status, Status.SUBMITTED)

        # The department's own report: its letterhead, ký hiệu and signature.
        dept_doc = self.client.get(
            reverse("reporting:submission_document", args=[dept.pk, "docx"])
        ).content
        first = Document(io.BytesIO(dept_doc)).tables[0]
        head = " ".join(c.text for r in first.rows for c in r.cells)
        self.assertIn("UBND TỈNH HÀ NAM", head)
        self.assertIn("/BC-SVHTTDL", head)
        self.assertIn("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", closing_block(dept_doc))
        self.assertIn("- UBND tỉnh Hà Nam (b/c);", closing_block(dept_doc))
