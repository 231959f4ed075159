"""Partners abroad (a stock) and agreements with their approval steps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from unittest import mock

from django.core.exceptions import ValidationError
from django.urls import reverse

from ttdn.cooperation import services
from ttdn.cooperation.models import Agreement, ApprovalStep, Partner, TrainingCourse
from ttdn.cooperation.tests.test_training import rolled, value
from ttdn.registers.base import get
from ttdn.reporting.services import sign_off, submit_report
from ttdn.testing import TreeTestCase

TODAY = date(2024, 8, 20)


class PartnerTests(TreeTestCase):
    def setUp(self):
        patcher = mock.patch.object(services, "today", return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def partner(self, unit, **fields) -> Partner:
        data = {"name": "Thành phố Fujisawa", "country": "JP", "kind": "locality"}
        data.update(fields)
        return get("partners").save(self.province_officer, Partner(**data), unit=unit)

    def test_a_partner_counts_in_the_periods_it_covers_this_year_and_last(self):
        partner = Partner(name="x", country="JP", kind="locality", since=date(2023, 5, 1))
        periods = [p.id for p in services.partner_periods(partner, TODAY)]
        self.assertIn("2023Q2", periods)
        self.assertNotIn("2023Q1", periods)
        self.assertIn("2024Q3", periods)
        self.assertNotIn("2024Q4", periods)  # not begun on 20/8/2024
        self.assertNotIn("2022", periods)

    def test_partners_are_a_stock_at_the_end_of_each_period(self):
        self.partner(self.commune, since=date(2010, 4, 2), twinned=True)
        self.partner(self.commune, name="Tỉnh Champasak", country="LA", since=date(2024, 5, 1))
        self.partner(self.sibling, name="Đại học Hanyang", country="KR", kind="university")
        self.assertEqual(value(self.commune, "partner_localities", "2024Q1"), 1)
        self.assertEqual(value(self.commune, "partner_localities", "2024S1"), 2)
        self.assertEqual(value(self.commune, "partner_localities", "2023"), 1)
        self.assertEqual(rolled(self.province, "partner_localities", "2024S1"), 3)

    def test_an_ended_relation_leaves_the_later_periods(self):
        partner = self.partner(self.commune, since=date(2010, 4, 2))
        partner.until = date(2024, 5, 1)
        get("partners").save(self.province_officer, partner)
        self.assertEqual(value(self.commune, "partner_localities", "2024Q1"), 1)
        self.assertEqual(value(self.commune, "partner_localities", "2024S1"), 0)
        self.assertEqual(value(self.commune, "partner_localities", "2024Q3"), 0)

    def test_a_partner_needs_a_listed_country_and_ordered_dates(self):
        with self.assertRaises(ValidationError) as raised:
            self.partner(self.commune, country="XX", since=date(2024, 5, 1), until=date(2024, 1, 1))
        self.assertEqual(set(raised.exception.message_dict), {"country", "until"})


class AgreementTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.partner = Partner.objects.create(
            unit=cls.commune, name="Thành phố Fujisawa", country="JP", kind="locality"
        )
        cls.foreign = Partner.objects.create(
            unit=cls.sibling, name="Tỉnh Champasak", country="LA", kind="locality"
        )

    def form(self, **changes):
        data = {
            "partner": self.partner.pk,
            "title": "Thỏa thuận hợp tác giao lưu văn hóa, giáo dục",
            "signed_on": "03/6/2024",
            "scope": "Giao lưu văn hóa, trao đổi học sinh",
            "expires_on": "03/6/2029",
            "rows0-TOTAL_FORMS": "1",
            "rows0-INITIAL_FORMS": "0",
            "rows0-0-step": "Bộ Ngoại giao có ý kiến",
            "rows0-0-done_on": "15/5/2024",
            "rows0-0-document_number": "2120/BNG-LS",
        }
        data.update(changes)
        return data

    def test_an_agreement_is_recorded_with_its_approval_steps(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:agreements-create", args=["BDI-QN"]), self.form()
        )
        agreement = Agreement.objects.get()
        self.assertRedirects(response, reverse("registers:agreements-detail", args=[agreement.pk]))
        step = ApprovalStep.objects.get()
        self.assertEqual((step.document_number, step.done_on), ("2120/BNG-LS", date(2024, 5, 15)))
        self.assertEqual(value(self.commune, "international_agreements", "2024Q2"), 1)
        page = self.client.get(reverse("registers:agreements-detail", args=[agreement.pk]))
        self.assertContains(page, "2120/BNG-LS")
        self.assertContains(page, "15/5/2024")

    def test_the_partner_must_be_the_units_own(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:agreements-create", args=["BDI-QN"]),
            self.form(partner=self.foreign.pk),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("partner", response.context["form"].errors)
        self.assertContains(response, "Thỏa thuận hợp tác giao lưu văn hóa, giáo dục")
        response = self.client.post(
            "/api/agreements",
            {
                "unit": "BDI-QN",
                "partnerId": self.foreign.pk,
                "title": "X",
                "signedOn": "2024-06-03",
            },
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("đối tác của đơn vị ký kết", str(response.json()))
        self.assertFalse(Agreement.objects.exists())

    def test_expiry_before_signing_is_refused(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:agreements-create", args=["BDI-QN"]),
            self.form(expires_on="01/6/2024"),
        )
        self.assertContains(response, "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        self.assertFalse(Agreement.objects.exists())

    def test_steps_are_replaced_over_the_api(self):
        self.client.force_login(self.officer)
        body = {
            "unit": "BDI-QN",
            "partnerId": self.partner.pk,
            "title": "Thỏa thuận hợp tác",
            "signedOn": "2024-06-03",
            "steps": [{"step": "Sở Ngoại vụ thẩm định", "doneOn": "2024-05-02"}],
        }
        response = self.client.post("/api/agreements", body, content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content)
        record = response.json()
        self.assertEqual(record["steps"][0]["step"], "Sở Ngoại vụ thẩm định")
        response = self.client.patch(
            f"/api/agreements/{record['id']}",
            {"steps": [{"step": "UBND tỉnh cho phép ký", "doneOn": "2024-05-20"}]},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            list(ApprovalStep.objects.values_list("step", flat=True)), ["UBND tỉnh cho phép ký"]
        )


class SubmittedPeriodTests(TreeTestCase):
    """The commune's report of the first half of 2024 is submitted."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        request = cls.issue_half_year_request([cls.commune])
        submission = request.submissions.get(unit=cls.commune)
        sign_off(cls.leader, submission, "Nguyễn Văn Hùng", "CHỦ TỊCH")
        submission.refresh_from_db()
        submit_report(cls.officer, submission, now=datetime(2024, 6, 20, 9, tzinfo=UTC))

    def setUp(self):
        patcher = mock.patch.object(services, "today", return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_course_of_the_submitted_half_is_refused_and_nothing_typed_is_lost(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:courses-create", args=["BDI-QN"]),
            {
                "title": "Tập huấn kỹ năng phát ngôn",
                "starts_on": "12/3/2024",
                "sessions": "1",
                "participants": "45",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "812/UBND-VX")
        self.assertContains(response, "Tập huấn kỹ năng phát ngôn")
        self.assertFalse(TrainingCourse.objects.exists())

    def test_an_old_partnership_is_recorded_and_the_submitted_figure_stays(self):
        partner = get("partners").save(
            self.officer,
            Partner(
                name="Thành phố Fujisawa", country="JP", kind="locality", since=date(2010, 4, 2)
            ),
            unit=self.commune,
        )
        self.assertTrue(partner.pk)
        self.assertIsNone(value(self.commune, "partner_localities", "2024S1"))
        self.assertEqual(value(self.commune, "partner_localities", "2024Q3"), 1)
        self.assertEqual(value(self.commune, "partner_localities", "2023"), 1)
