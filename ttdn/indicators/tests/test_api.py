from decimal import Decimal

from ttdn.indicators.models import DataValue, DataValueChange
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")


def value_set(*values: dict, unit: str = "BDI-QN", period: str = "2024S1") -> dict:
    return {"period": period, "orgUnit": unit, "dataValues": list(values)}


class ApiCase(TreeTestCase):
    def get(self, url: str, person=None, **params):
        self.client.logout()
        if person is not None:
            self.client.force_login(person)
        return self.client.get(url, params)

    def post(self, body: dict, person=None):
        self.client.logout()
        if person is not None:
            self.client.force_login(person)
        return self.client.post("/api/datavalues", body, content_type="application/json")

    def stored(self, unit=None) -> dict[tuple[str, str], Decimal]:
        rows = DataValue.objects.filter(unit=unit or self.commune, period="2024S1", derived=False)
        return {(r.indicator.code, r.option): r.value for r in rows.select_related("indicator")}


class IndicatorListTests(ApiCase):
    def test_anyone_logged_in_reads_the_catalogue_with_its_options(self):
        self.assertEqual(self.get("/api/indicators").status_code, 401)
        response = self.get("/api/indicators", self.outsider)
        self.assertEqual(response.status_code, 200)
        by_code = {i["code"]: i for i in response.json()}
        copies = by_code["publication_copies"]
        self.assertEqual(copies["options"][0]["code"], "")
        self.assertIn("en", [o["code"] for o in copies["options"]])
        self.assertEqual(by_code["news_articles"]["valueType"], "integer")


class ReadValuesTests(ApiCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        save_values(
            cls.officer,
            cls.commune,
            S1,
            {("news_articles", ""): Decimal(12), ("fdi_capital", ""): Decimal("2.5")},
        )

    def test_a_value_set_lists_values_as_json_numbers(self):
        response = self.get("/api/datavalues", self.viewer, orgUnit="BDI-QN", period="2024S1")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {
                "period": "2024S1",
                "orgUnit": "BDI-QN",
                "dataValues": [
                    {
                        "indicator": "fdi_capital",
                        "option": "",
                        "value": 2.5,
                        "version": 1,
                        "derived": False,
                        "months": None,
                        "estimated": False,
                    },
                    {
                        "indicator": "news_articles",
                        "option": "",
                        "value": 12,
                        "version": 1,
                        "derived": False,
                        "months": None,
                        "estimated": False,
                    },
                ],
            },
        )

    def test_reading_values_access_matrix(self):
        params = {"orgUnit": "BDI-QN", "period": "2024S1"}
        self.assertEqual(self.get("/api/datavalues", **params).status_code, 401)
        self.assertEqual(self.get("/api/datavalues", self.outsider, **params).status_code, 404)
        self.assertEqual(
            self.get("/api/datavalues", self.sibling_officer, **params).status_code, 404
        )
        self.assertEqual(self.get("/api/datavalues", self.viewer, **params).status_code, 200)
        self.assertEqual(self.get("/api/datavalues", self.officer, **params).status_code, 200)

    def test_a_bad_period_is_422(self):
        for period in ("2024S3", "2024-01", "1800", ""):
            response = self.get("/api/datavalues", self.officer, orgUnit="BDI-QN", period=period)
            self.assertEqual(response.status_code, 422, period)
            self.assertEqual(response.json()["detail"][0]["loc"], ["query", "period"])


class WriteValuesTests(ApiCase):
    def test_posting_a_value_set_writes_values_and_history(self):
        response = self.post(
            value_set(
                {"indicator": "news_articles", "value": 12},
                {"indicator": "publication_copies", "option": "en", "value": "3"},
            ),
            self.officer,
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            response.json(),
            {
                "status": "OK",
                "created": 2,
                "updated": 0,
                "deleted": 0,
                "unchanged": 0,
                "conflicts": [],
            },
        )
        self.assertEqual(
            self.stored(),
            {("news_articles", ""): Decimal(12), ("publication_copies", "en"): Decimal(3)},
        )
        # The copies' total, not sent, is the sum of its one part, marked derived.
        total = self.get("/api/datavalues", self.officer, orgUnit="BDI-QN", period="2024S1")
        copies = next(
            v
            for v in total.json()["dataValues"]
            if v["indicator"] == "publication_copies" and v["option"] == ""
        )
        self.assertEqual((copies["value"], copies["derived"]), (3, True))
        history = DataValueChange.objects.filter(unit=self.commune)
        self.assertEqual(history.count(), 2)
        self.assertEqual({(c.source, c.changed_by) for c in history}, {("api", self.officer)})

    def test_null_clears_a_value(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(12)})
        response = self.post(value_set({"indicator": "news_articles", "value": None}), self.officer)
        self.assertEqual(response.json()["deleted"], 1)
        self.assertEqual(self.stored(), {})
        self.assertEqual(DataValueChange.objects.filter(new_value__isnull=True).count(), 1)

    def test_a_bad_value_returns_422_naming_the_field_and_nothing_is_written(self):
        response = self.post(
            value_set(
                {"indicator": "news_articles", "value": 12},
                {"indicator": "press_conferences", "value": -1},
                {"indicator": "training_courses", "value": 1.5},
                {"indicator": "no_such_indicator", "value": 1},
            ),
            self.officer,
        )
        self.assertEqual(response.status_code, 422)
        detail = response.json()["detail"]
        self.assertEqual(
            [d["loc"] for d in detail],
            [["body", "payload", "dataValues", i, "value"] for i in (1, 2, 3)],
        )
        self.assertTrue(detail[0]["msg"].startswith("press_conferences: "))
        self.assertIn("no_such_indicator", detail[2]["msg"])
        self.assertEqual(self.stored(), {})

    def test_values_the_schema_refuses_are_422(self):
        for value in ("mười hai", 1.23456, 1e30):
            response = self.post(
                value_set({"indicator": "news_articles", "value": value}), self.officer
            )
            self.assertEqual(response.status_code, 422, value)
            self.assertEqual(
                response.json()["detail"][0]["loc"][:5],
                ["body", "payload", "dataValues", 0, "value"],
            )
        bad_period = self.post(value_set(period="2024Q5"), self.officer)
        self.assertEqual(bad_period.status_code, 422)

    def test_the_same_value_twice_in_one_set_is_422(self):
        response = self.post(
            value_set(
                {"indicator": "news_articles", "value": 1},
                {"indicator": "news_articles", "value": 2},
            ),
            self.officer,
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"][3], 1)

    def test_a_value_changed_since_it_was_read_comes_back_as_a_conflict(self):
        save_values(self.leader, self.commune, S1, {("news_articles", ""): Decimal(12)})
        response = self.post(
            value_set({"indicator": "news_articles", "value": 20, "version": 0}), self.officer
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["status"], "CONFLICT")
        self.assertEqual(
            body["conflicts"], [{"indicator": "news_articles", "option": "", "value": 12}]
        )
        self.assertEqual(self.stored(), {("news_articles", ""): Decimal(12)})

    def test_writing_values_access_matrix(self):
        body = value_set({"indicator": "news_articles", "value": 1})
        self.assertEqual(self.post(body).status_code, 401)
        self.assertEqual(self.post(body, self.outsider).status_code, 404)
        self.assertEqual(self.post(body, self.sibling_officer).status_code, 404)
        self.assertEqual(self.post(body, self.viewer).status_code, 403)
        self.assertEqual(self.post(body, self.consolidator).status_code, 403)
        self.assertEqual(self.stored(), {})
        self.assertEqual(self.post(body, self.officer).status_code, 200)
        self.assertEqual(self.post(body, self.province_officer).status_code, 200)


class TotalsTests(ApiCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        save_values(cls.officer, cls.commune, S1, {("news_articles", ""): Decimal(12)})
        save_values(cls.sibling_officer, cls.sibling, S1, {("news_articles", ""): Decimal(8)})
        save_values(
            cls.sibling_officer,
            cls.sibling,
            parse_period_id("2023S1"),
            {("news_articles", ""): Decimal(16)},
        )

    def test_totals_sum_the_subtree_by_child_unit_with_last_years_change(self):
        response = self.get("/api/totals/BDI/2024S1", self.viewer)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(
            (body["orgUnit"], body["period"], body["previousPeriod"]), ("BDI", "2024S1", "2023S1")
        )
        self.assertEqual([u["code"] for u in body["units"]], ["BDI-QN", "BDI-TP", "BDI-SVH"])
        row = next(r for r in body["rows"] if r["indicator"] == "news_articles")
        self.assertEqual(
            row,
            {
                "indicator": "news_articles",
                "option": "",
                "total": 20,
                "previous": 16,
                "change": 25.0,
                "reportingUnits": 2,
                "derivedUnits": 0,
                "partialUnits": 0,
                "byUnit": [{"orgUnit": "BDI-QN", "value": 12}, {"orgUnit": "BDI-TP", "value": 8}],
            },
        )

    def test_totals_access_matrix(self):
        self.assertEqual(self.get("/api/totals/BDI/2024S1").status_code, 401)
        self.assertEqual(self.get("/api/totals/BDI/2024S1", self.outsider).status_code, 404)
        self.assertEqual(self.get("/api/totals/BDI/2024S1", self.officer).status_code, 404)
        self.assertEqual(self.get("/api/totals/BDI-QN/2024S1", self.officer).status_code, 200)
        self.assertEqual(self.get("/api/totals/BDI/2024S1", self.consolidator).status_code, 200)
        self.assertEqual(self.get("/api/totals/BDI/2024X1", self.consolidator).status_code, 422)
