"""The completeness chart's endpoint: a unit's recent requests and who answered them."""

from django.utils import timezone

from ttdn.reporting.models import Status
from ttdn.testing import TreeTestCase


class CompletenessTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request([cls.commune, cls.sibling])
        submission = cls.request.submissions.get(unit=cls.commune)
        submission.status = Status.SUBMITTED
        submission.submitted_at = timezone.make_aware(timezone.datetime(2024, 6, 20, 9))
        submission.save()

    def test_it_gives_each_recent_request_its_completeness(self):
        self.client.force_login(self.consolidator)
        response = self.client.get("/api/charts/completeness/BDI")
        self.assertEqual(response.status_code, 200)
        [row] = response.json()
        self.assertEqual(row["number"], "812/UBND-VX")
        self.assertEqual((row["submitted"], row["expected"], row["onTime"]), (1, 2, 1))
        self.assertEqual(row["completeness"], 50.0)
        self.assertEqual(row["periodLabel"], "6 tháng đầu năm 2024")

    def test_a_unit_outside_the_persons_units_is_refused(self):
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get("/api/charts/completeness/BDI").status_code, 404)
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get("/api/charts/completeness/BDI").status_code, 404)
        self.assertEqual(self.client.get("/api/charts/completeness/BDI-QN").json(), [])
        self.assertEqual(
            self.client.get("/api/charts/completeness/BDI-QN", {"count": 0}).status_code, 422
        )
