"""Activities over the API, with the pages' access rules."""

from datetime import date

from ttdn.activities.models import Activity
from ttdn.indicators.models import DataValue
from ttdn.plans.models import Plan
from ttdn.testing import TreeTestCase

FAIR = {
    "unit": "BDI-QN",
    "type": "exhibition",
    "title": "Tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024",
    "startDate": "2024-04-18",
    "endDate": "2024-04-21",
    "topics": ["du_lich", "quang_ba_hinh_anh"],
    "languages": ["vi", "en"],
    "quantities": {"exhibitions": 1},
}


class ActivityApiTests(TreeTestCase):
    def call(self, method, url, person=None, body=None):
        self.client.logout()
        if person is not None:
            self.client.force_login(person)
        if body is None:
            return getattr(self.client, method)(url)
        return getattr(self.client, method)(url, body, content_type="application/json")

    def test_an_officer_records_an_activity_of_their_unit(self):
        response = self.call("post", "/api/activities", self.officer, FAIR)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["unit"], body["startDate"]), ("BDI-QN", "2024-04-18"))
        activity = Activity.objects.get()
        self.assertEqual(
            (activity.created_by, activity.end_date), (self.officer, date(2024, 4, 21))
        )

    def test_recording_needs_the_enter_right_on_that_unit(self):
        self.assertEqual(self.call("post", "/api/activities", None, FAIR).status_code, 401)
        self.assertEqual(self.call("post", "/api/activities", self.outsider, FAIR).status_code, 404)
        self.assertEqual(
            self.call("post", "/api/activities", self.sibling_officer, FAIR).status_code, 404
        )
        self.assertEqual(self.call("post", "/api/activities", self.viewer, FAIR).status_code, 403)
        self.assertEqual(
            self.call("post", "/api/activities", self.consolidator, FAIR).status_code, 403
        )
        self.assertFalse(Activity.objects.exists())

    def test_bad_input_is_refused_with_the_reason_and_nothing_is_stored(self):
        backwards = {**FAIR, "endDate": "2024-04-01"}
        response = self.call("post", "/api/activities", self.officer, backwards)
        self.assertEqual(response.status_code, 422)
        self.assertIn("Ngày kết thúc phải sau ngày bắt đầu", response.json()["detail"][0]["msg"])
        unknown = {**FAIR, "topics": ["khong_co"]}
        response = self.call("post", "/api/activities", self.officer, unknown)
        self.assertEqual(response.status_code, 422)
        self.assertIn("khong_co", response.json()["detail"][0]["msg"])
        negative = {**FAIR, "quantities": {"exhibitions": -1}}
        self.assertEqual(
            self.call("post", "/api/activities", self.officer, negative).status_code, 422
        )
        self.assertFalse(Activity.objects.exists())

    def test_the_list_follows_the_units_one_may_see_and_filters_by_dates(self):
        Activity.objects.create(
            unit=self.commune, type="event", title="Quy Nhơn", start_date=date(2024, 5, 1)
        )
        Activity.objects.create(
            unit=self.sibling, type="event", title="Tuy Phước", start_date=date(2024, 9, 1)
        )
        Activity.objects.create(
            unit=self.other_commune, type="event", title="Phủ Lý", start_date=date(2024, 5, 1)
        )
        titles = lambda r: sorted(a["title"] for a in r.json()["items"])  # noqa: E731
        self.assertEqual(
            titles(self.call("get", "/api/activities", self.viewer)), ["Quy Nhơn", "Tuy Phước"]
        )
        self.assertEqual(titles(self.call("get", "/api/activities", self.officer)), ["Quy Nhơn"])
        response = self.call(
            "get", "/api/activities?unit=BDI&start=2024-01-01&end=2024-06-30", self.viewer
        )
        self.assertEqual(titles(response), ["Quy Nhơn"])
        self.assertEqual(self.call("get", "/api/activities?unit=HNA", self.viewer).status_code, 404)

    def test_an_activity_is_corrected_by_its_units_officer_only(self):
        activity = Activity.objects.create(
            unit=self.commune, type="event", title="Hội nghị", start_date=date(2024, 5, 1)
        )
        url = f"/api/activities/{activity.pk}"
        change = {"title": "Hội nghị xúc tiến du lịch", "quantities": {"exhibitions": 1}}
        self.assertEqual(self.call("patch", url, self.sibling_officer, change).status_code, 404)
        self.assertEqual(self.call("patch", url, self.viewer, change).status_code, 403)
        response = self.call("patch", url, self.officer, change)
        self.assertEqual(response.status_code, 200, response.content)
        activity.refresh_from_db()
        self.assertEqual(
            (activity.title, activity.quantities), (change["title"], {"exhibitions": 1})
        )
        bad = self.call("patch", url, self.officer, {"endDate": "2024-01-01"})
        self.assertEqual(bad.status_code, 422)
        activity.refresh_from_db()
        self.assertIsNone(activity.end_date)
        self.assertEqual(self.call("get", url, self.viewer).json()["title"], change["title"])
        self.assertEqual(self.call("get", url, self.outsider).status_code, 404)


class ActivityApiFigureTests(TreeTestCase):
    def post(self, body):
        self.client.force_login(self.officer)
        return self.client.post("/api/activities", body, content_type="application/json")

    def test_quantities_by_code_and_option_become_values_once_counted(self):
        body = {
            **FAIR,
            "quantities": {"exhibitions": 1, "foreign_media_items/en": 4},
            "counted": True,
        }
        response = self.post(body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(
            response.json()["quantities"], {"exhibitions": 1.0, "foreign_media_items/en": 4.0}
        )
        stored = dict(
            DataValue.objects.filter(unit=self.commune, period="2024Q2").values_list(
                "indicator__code", "value"
            )
        )
        self.assertEqual(stored["exhibitions"], 1)
        self.assertEqual(stored["foreign_media_items"], 4)  # the total of its one part
        activity = Activity.objects.get()
        url = f"/api/activities/{activity.pk}"
        response = self.client.patch(url, {"counted": False}, content_type="application/json")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertFalse(DataValue.objects.filter(unit=self.commune, period="2024Q2").exists())
        history = self.client.get(f"{url}/history").json()
        self.assertEqual([change["kind"] for change in history], ["changed", "created"])
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"{url}/history").status_code, 404)

    def test_an_unknown_indicator_or_option_is_refused_by_name(self):
        for key in ("khong_co", "foreign_media_items/xx"):
            with self.subTest(key):
                response = self.post({**FAIR, "quantities": {key: 1}})
                self.assertEqual(response.status_code, 422)
                self.assertIn(key.split("/")[-1], response.json()["detail"][0]["msg"])
        self.assertFalse(Activity.objects.exists())

    def test_a_link_to_a_record_one_may_not_see_is_refused(self):
        plan = Plan.objects.create(
            issuing_unit=self.other_commune,
            number="07/KH-UBND",
            issued_on=date(2024, 1, 15),
            title="Kế hoạch",
            year=2024,
        )
        response = self.post({**FAIR, "links": [{"slug": "plans", "recordId": plan.pk}]})
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Activity.objects.exists())
