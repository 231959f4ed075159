from datetime import date
from decimal import Decimal

from ttdn.accounts.models import ApiToken
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import Action, ReportForm, Status, Submission
from ttdn.reporting.services import issue_request, save_sections, sign_off, submit_report
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")


class ReportingApiTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form = ReportForm.objects.create(
            code="ttdn-6t", name="Báo cáo TTĐN 6 tháng", period_type="six_month"
        )
        cls.request = issue_request(
            cls.consolidator,
            cls.province,
            cls.form,
            "2024S1",
            "1440/STTTT-TTBCXB",
            date(2024, 6, 20),
            date(2099, 7, 5),
            "Kết quả công tác TTĐN 6 tháng đầu năm 2024",
            kinds=["commune"],
        )
        cls.mine = Submission.objects.get(request=cls.request, unit=cls.commune)
        cls.theirs = Submission.objects.get(request=cls.request, unit=cls.sibling)

    def get(self, url: str, person=None, **params):
        self.client.logout()
        if person is not None:
            self.client.force_login(person)
        return self.client.get(url, params)

    def post(self, url: str, person=None, body: dict | None = None):
        self.client.logout()
        if person is not None:
            self.client.force_login(person)
        return self.client.post(url, body or {}, content_type="application/json")

    def prepare(self) -> None:
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(10)})
        save_sections(self.officer, self.mine, {"results": "Đã đăng 10 tin, bài."}, {})
        sign_off(self.leader, self.mine, "Nguyễn Văn A", "CHỦ TỊCH")

    def submitted(self) -> Submission:
        self.prepare()
        return submit_report(self.officer, self.mine)

    # Requests ---------------------------------------------------------------------

    def test_requests_are_listed_to_the_issuer_and_the_recipients_only(self):
        def ids(person):
            response = self.get("/api/requests", person)
            self.assertEqual(response.status_code, 200)
            return [r["id"] for r in response.json()["items"]]

        self.assertEqual(self.get("/api/requests").status_code, 401)
        self.assertEqual(ids(self.consolidator), [self.request.pk])
        self.assertEqual(ids(self.viewer), [self.request.pk])
        self.assertEqual(ids(self.officer), [self.request.pk])
        self.assertEqual(ids(self.outsider), [])

    def test_the_request_list_takes_the_same_number_of_queries_however_many_requests(self):
        _token, key = ApiToken.issue(self.consolidator, "đồng bộ")
        headers = {"Authorization": f"Bearer {key}"}
        self.client.get("/api/requests", headers=headers)  # records last use
        with self.assertNumQueries(4):  # token, roles, count, page
            self.client.get("/api/requests", headers=headers)
        for number in range(5):
            issue_request(
                self.consolidator,
                self.province,
                self.form,
                "2024S2",
                f"{number}/STTTT",
                date(2024, 12, 1),
                date(2024, 12, 20),
                "Báo cáo 6 tháng cuối năm",
                units=[self.commune],
            )
        with self.assertNumQueries(4):
            response = self.client.get("/api/requests", headers=headers)
        self.assertEqual(response.json()["count"], 6)

    def test_requests_filter_by_period(self):
        self.assertEqual(
            self.get("/api/requests", self.consolidator, period="2024S1").json()["count"], 1
        )
        self.assertEqual(
            self.get("/api/requests", self.consolidator, period="2024S2").json()["count"], 0
        )
        self.assertEqual(self.get("/api/requests", self.consolidator, period="S1").status_code, 422)

    def test_a_request_shows_only_the_submissions_one_may_see(self):
        url = f"/api/requests/{self.request.pk}"
        self.assertEqual(self.get(url).status_code, 401)
        self.assertEqual(self.get(url, self.outsider).status_code, 404)
        body = self.get(url, self.officer).json()
        self.assertEqual(body["number"], "1440/STTTT-TTBCXB")
        self.assertEqual((body["issuingUnit"], body["form"]), ("BDI", "ttdn-6t"))
        self.assertEqual([s["orgUnit"] for s in body["submissions"]], ["BDI-QN"])
        body = self.get(url, self.consolidator).json()
        self.assertEqual([s["orgUnit"] for s in body["submissions"]], ["BDI-QN", "BDI-TP"])
        self.assertEqual(self.get("/api/requests/999999", self.consolidator).status_code, 404)

    def test_a_recipient_sees_no_other_recipient_of_the_request(self):
        url = f"/api/requests/{self.request.pk}"
        self.assertEqual(self.get(url, self.officer).json()["recipients"], ["BDI-QN"])
        self.assertEqual(self.get(url, self.sibling_officer).json()["recipients"], ["BDI-TP"])
        for person in (self.consolidator, self.viewer):
            with self.subTest(person.username):
                body = self.get(url, person).json()
                self.assertEqual(body["recipients"], ["BDI-QN", "BDI-TP"])

    def test_the_board_counts_submissions_for_the_issuer(self):
        self.submitted()
        url = f"/api/requests/{self.request.pk}/board"
        self.assertEqual(self.get(url).status_code, 401)
        self.assertEqual(self.get(url, self.outsider).status_code, 404)
        self.assertEqual(self.get(url, self.officer).status_code, 403)
        self.assertEqual(self.get(url, self.viewer).status_code, 200)
        body = self.get(url, self.consolidator).json()
        self.assertEqual(
            {k: body[k] for k in ("expected", "submitted", "onTime", "late", "missing")},
            {"expected": 2, "submitted": 1, "onTime": 1, "late": 0, "missing": 1},
        )
        self.assertEqual((body["completeness"], body["timeliness"]), (50.0, 50.0))
        self.assertEqual(
            [(u["orgUnit"], u["state"]) for u in body["units"]],
            [("BDI-QN", "on_time"), ("BDI-TP", "missing")],
        )

    # Submissions --------------------------------------------------------------------

    def test_reading_a_submission_access_matrix(self):
        url = f"/api/submissions/{self.mine.pk}"
        self.assertEqual(self.get(url).status_code, 401)
        self.assertEqual(self.get(url, self.outsider).status_code, 404)
        self.assertEqual(self.get(url, self.sibling_officer).status_code, 404)
        self.assertEqual(self.get(url, self.viewer).status_code, 200)
        self.assertEqual(self.get(url, self.consolidator).status_code, 200)
        body = self.get(url, self.officer).json()
        self.assertEqual((body["orgUnit"], body["status"]), ("BDI-QN", "draft"))
        self.assertEqual(body["sections"][0]["code"], "direction")

    def test_an_officer_submits_a_signed_off_report(self):
        self.prepare()
        url = f"/api/submissions/{self.mine.pk}/submit"
        self.assertEqual(self.post(url).status_code, 401)
        self.assertEqual(self.post(url, self.outsider).status_code, 404)
        self.assertEqual(self.post(url, self.sibling_officer).status_code, 404)
        self.assertEqual(self.post(url, self.viewer).status_code, 403)
        self.assertEqual(self.post(url, self.consolidator).status_code, 403)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.status, Status.DRAFT)

        response = self.post(url, self.officer)
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual((body["status"], body["late"]), ("submitted", False))
        self.assertEqual(body["events"][-1]["action"], Action.SUBMIT)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.status, Status.SUBMITTED)

    def test_a_submission_that_breaks_the_rules_is_422_with_every_message(self):
        save_values(
            self.officer,
            self.commune,
            S1,
            {("training_participants", ""): Decimal(1), ("training_courses", ""): Decimal(5)},
        )
        response = self.post(f"/api/submissions/{self.mine.pk}/submit", self.officer)
        self.assertEqual(response.status_code, 422)
        messages = [d["msg"] for d in response.json()["detail"]]
        self.assertEqual(len(messages), 2)
        self.assertIn("chưa được lãnh đạo duyệt", messages[-1])
        self.assertEqual(Submission.objects.get(pk=self.mine.pk).status, Status.DRAFT)

    def test_the_issuer_returns_a_report_with_a_comment(self):
        self.submitted()
        url = f"/api/submissions/{self.mine.pk}/return"
        comment = {"comment": "Bổ sung số liệu tháng 6."}
        self.assertEqual(self.post(url, body=comment).status_code, 401)
        self.assertEqual(self.post(url, self.outsider, comment).status_code, 404)
        self.assertEqual(self.post(url, self.officer, comment).status_code, 403)
        self.assertEqual(self.post(url, self.viewer, comment).status_code, 403)
        self.assertEqual(self.post(url, self.consolidator, {"comment": " "}).status_code, 422)
        self.assertEqual(self.post(url, self.consolidator, {}).status_code, 422)
        self.assertEqual(self.post(url, self.consolidator, {"comment": "a\x00b"}).status_code, 422)

        response = self.post(url, self.consolidator, comment)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "returned")
        self.assertEqual(response.json()["events"][-1]["comment"], "Bổ sung số liệu tháng 6.")
        self.assertEqual(response.json()["events"][-1]["by"], "tonghop.bdi")
        self.assertEqual(response.json()["events"][-1]["byName"], "tonghop.bdi")  # no name kept
        # A returned report cannot be returned again.
        self.assertEqual(self.post(url, self.consolidator, comment).status_code, 422)

    def test_the_issuer_accepts_a_submitted_report(self):
        url = f"/api/submissions/{self.mine.pk}/accept"
        response = self.post(url, self.consolidator)
        self.assertEqual(response.status_code, 422)  # nothing submitted yet
        self.assertTrue(response.json()["detail"][0]["msg"])
        self.submitted()
        self.assertEqual(self.post(url).status_code, 401)
        self.assertEqual(self.post(url, self.outsider).status_code, 404)
        self.assertEqual(self.post(url, self.officer).status_code, 403)
        self.assertEqual(self.post(url, self.viewer).status_code, 403)
        response = self.post(url, self.consolidator)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Submission.objects.get(pk=self.mine.pk).status, Status.ACCEPTED)

    def test_ids_the_database_cannot_hold_are_422(self):
        self.assertEqual(self.get(f"/api/submissions/{2**64}", self.consolidator).status_code, 422)
        self.assertEqual(self.get("/api/submissions/0", self.consolidator).status_code, 422)
