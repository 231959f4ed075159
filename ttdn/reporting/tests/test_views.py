import re
from datetime import date
from decimal import Decimal

from django.urls import reverse

from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import Action, ReportForm, Status, Submission
from ttdn.reporting.services import issue_request
from ttdn.testing import TreeTestCase


class ReportingViewTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form = ReportForm.objects.create(
            code="f", name="Báo cáo 6 tháng", period_type="six_month"
        )

    def issue(self):
        return issue_request(
            self.consolidator,
            self.province,
            self.form,
            "2024S1",
            "12/SVH",
            date(2024, 6, 1),
            date(2099, 7, 5),
            "Kết quả TTĐN 6 tháng",
            kinds=["commune"],
        )

    def test_the_consolidator_issues_a_request_from_the_browser_form(self):
        self.client.force_login(self.consolidator)
        response = self.client.post(
            reverse("reporting:request_create", args=["BDI"]),
            {
                "number": "1440/STTTT-TTBCXB",
                "issued_on": "08/12/2024",
                "subject": "Báo cáo năm",
                "form": self.form.pk,
                "period": "năm 2024",
                "deadline": "20/12/2024",
                "kinds": ["commune"],
                "units": "",
                "convention": "decree09",
            },
        )
        submission = Submission.objects.get(unit=self.commune)
        self.assertRedirects(response, reverse("reporting:board", args=[submission.request.pk]))
        self.assertEqual(submission.request.period, "2024")
        self.assertEqual(str(submission.request.issued_on), "2024-12-08")

    def test_a_request_naming_unknown_units_is_refused_with_their_codes(self):
        self.client.force_login(self.consolidator)
        response = self.client.post(
            reverse("reporting:request_create", args=["BDI"]),
            {
                "number": "1",
                "issued_on": "08/12/2024",
                "subject": "x",
                "form": self.form.pk,
                "period": "2024S1",
                "deadline": "20/12/2024",
                "units": "BDI-QN, NOPE",
                "convention": "calendar",
            },
        )
        self.assertContains(response, "NOPE")
        self.assertFalse(Submission.objects.exists())

    def test_a_code_outside_the_issuers_subtree_gets_the_message_of_an_unknown_one(self):
        def refusal(units: str) -> str:
            response = self.client.post(
                reverse("reporting:request_create", args=["BDI-QN"]),
                {
                    "number": "1",
                    "issued_on": "08/12/2024",
                    "subject": "x",
                    "form": self.form.pk,
                    "period": "2024S1",
                    "deadline": "20/12/2024",
                    "units": units,
                    "convention": "calendar",
                },
            )
            self.assertEqual(response.status_code, 200)
            return " ".join(response.context["form"].errors["units"])

        self.client.force_login(self.leader)  # consolidates the commune only
        for outside, name in (("BDI-TP", "Xã Tuy Phước"), ("HNA-PL", "Phường Phủ Lý")):
            with self.subTest(outside):
                message = refusal(f"BDI-QN, {outside}")
                self.assertIn(outside, message)
                self.assertNotIn(name, message)
                self.assertEqual(message, refusal("BDI-QN, NOPE").replace("NOPE", outside))
        self.assertFalse(Submission.objects.exists())

    def test_the_officer_sees_the_request_on_the_home_page_and_submits(self):
        request = self.issue()
        submission = request.submissions.get(unit=self.commune)
        self.client.force_login(self.officer)
        self.assertContains(self.client.get(reverse("home")), "12/SVH")
        url = reverse("reporting:submission", args=[submission.pk])
        self.client.post(url, {"s__results": "Đăng 10 tin.", "ver__results": "0"})
        save_values(
            self.officer,
            self.commune,
            parse_period_id("2024S1"),
            {("news_articles", ""): Decimal(10)},
        )
        response = self.client.post(reverse("reporting:submit", args=[submission.pk]), follow=True)
        self.assertContains(response, "chưa được lãnh đạo duyệt")
        self.client.force_login(self.leader)
        self.client.post(reverse("reporting:sign", args=[submission.pk]))
        self.client.force_login(self.officer)
        self.client.post(reverse("reporting:submit", args=[submission.pk]))
        submission.refresh_from_db()
        self.assertEqual(submission.status, Status.SUBMITTED)
        self.assertEqual(submission.sections.get(code="results").text, "Đăng 10 tin.")

    def test_the_board_shows_each_expected_unit_and_the_consolidator_returns_one(self):
        request = self.issue()
        submission = request.submissions.get(unit=self.commune)
        Submission.objects.filter(pk=submission.pk).update(
            status=Status.SUBMITTED, submitted_at="2024-07-01T09:00:00+07:00"
        )
        self.client.force_login(self.consolidator)
        board = self.client.get(reverse("reporting:board", args=[request.pk]))
        self.assertContains(board, 'data-unit="BDI-QN" data-state="on_time"')
        self.assertContains(board, 'data-unit="BDI-TP" data-state="missing"')
        self.client.post(
            reverse("reporting:return", args=[submission.pk]), {"comment": "Thiếu số liệu"}
        )
        submission.refresh_from_db()
        self.assertEqual(submission.status, Status.RETURNED)
        self.assertTrue(submission.events.filter(action=Action.RETURN).exists())
        again = self.client.get(reverse("reporting:board", args=[request.pk]))
        self.assertEqual(self.board_states(board)["BDI-QN"], "Đúng hạn")
        self.assertEqual(self.board_states(board)["BDI-TP"], "Chưa nộp")
        self.assertEqual(self.board_states(again)["BDI-QN"], "Đã trả lại")

    @staticmethod
    def board_states(page) -> dict[str, str]:
        """Each row's unit code and the state its second cell names."""
        found = re.findall(
            r'<tr data-unit="([^"]+)".*?</td>\s*<td>([^<\n]+)', page.content.decode(), re.S
        )
        return {code: label.strip() for code, label in found}

    def test_access_to_reporting_pages(self):
        request = self.issue()
        submission = request.submissions.get(unit=self.commune)
        pages = [
            reverse("reporting:board", args=[request.pk]),
            reverse("reporting:submission", args=[submission.pk]),
        ]
        for url in pages:
            self.client.logout()
            self.assertEqual(self.client.get(url).status_code, 302)
            self.client.force_login(self.outsider)
            self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.viewer)
        self.assertEqual(self.client.get(pages[1]).status_code, 200)
        self.assertEqual(
            self.client.post(reverse("reporting:submit", args=[submission.pk])).status_code, 403
        )
        self.assertEqual(
            self.client.post(reverse("reporting:remind", args=[request.pk])).status_code, 403
        )
        self.client.force_login(self.province_officer)
        self.assertEqual(
            self.client.get(reverse("reporting:request_create", args=["BDI"])).status_code, 403
        )
        self.assertEqual(
            self.client.get(reverse("reporting:request_create", args=["HNA"])).status_code, 404
        )
        self.client.force_login(self.officer)
        self.assertEqual(
            self.client.post(reverse("reporting:accept", args=[submission.pk])).status_code, 403
        )
        # The sibling commune's officer sees neither the request nor the submission.
        self.client.force_login(self.sibling_officer)
        self.assertEqual(self.client.get(pages[1]).status_code, 404)
