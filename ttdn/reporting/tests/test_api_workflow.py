"""The API's steps of the report's way to the leader: present, send back, submit with a
typed signer, and the stage and the unit's deadline in every answer."""

from datetime import date
from decimal import Decimal

from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import DocumentProfile
from ttdn.reporting.services import cancel_request, extend_deadline
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")


class WorkflowApiTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        DocumentProfile.objects.create(unit=cls.sibling, signs_without_leader_account=True)
        cls.request = cls.issue_half_year_request(
            [cls.commune, cls.sibling], deadline=date(2099, 6, 28)
        )
        cls.mine = cls.request.submissions.get(unit=cls.commune)
        cls.theirs = cls.request.submissions.get(unit=cls.sibling)

    def post(self, url: str, person, body: dict | None = None):
        self.client.force_login(person)
        return self.client.post(url, body or {}, content_type="application/json")

    def test_present_then_send_back_with_the_stage_in_each_answer(self):
        url = f"/api/submissions/{self.mine.pk}"
        answer = self.post(f"{url}/present", self.officer)
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(answer.json()["stage"], "presented")
        self.assertIsNotNone(answer.json()["presentedAt"])
        again = self.post(f"{url}/present", self.officer)
        self.assertEqual(again.status_code, 422)
        self.assertIn("đang chờ duyệt", again.json()["detail"][0]["msg"])
        back = self.post(f"{url}/send-back", self.leader, {"comment": "Bổ sung số liệu."})
        self.assertEqual(back.status_code, 200)
        self.assertEqual(back.json()["stage"], "draft")
        self.assertEqual(back.json()["events"][-1]["action"], "send_back")
        self.assertEqual(
            self.post(f"{url}/send-back", self.officer, {"comment": "x"}).status_code, 403
        )

    def test_a_unit_without_a_leader_account_submits_with_the_signer(self):
        save_values(self.sibling_officer, self.sibling, S1, {("news_articles", ""): Decimal(3)})
        url = f"/api/submissions/{self.theirs.pk}/submit"
        refused = self.post(url, self.sibling_officer)
        self.assertEqual(refused.status_code, 422)
        answer = self.post(
            url,
            self.sibling_officer,
            {"signerName": "Đặng Văn Khoa", "signerPosition": "CHỦ TỊCH"},
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["stage"], "submitted")
        self.assertEqual(answer.json()["signerName"], "Đặng Văn Khoa")

    def test_the_units_own_deadline_and_a_cancelled_request(self):
        extend_deadline(self.consolidator, self.mine, date(2099, 7, 10), "Bão.")
        self.client.force_login(self.officer)
        self.assertEqual(
            self.client.get(f"/api/submissions/{self.mine.pk}").json()["deadline"], "2099-07-10"
        )
        cancel_request(self.consolidator, self.request, "Nhầm kỳ.")
        self.assertEqual(self.client.get("/api/requests").json()["items"], [])
        self.client.force_login(self.consolidator)
        detail = self.client.get(f"/api/requests/{self.request.pk}").json()
        self.assertIsNotNone(detail["cancelledAt"])
