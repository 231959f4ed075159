"""The chart endpoints of the dashboard: figures from the subtree totals, refused outside
the person's units."""

from decimal import Decimal

from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import TreeTestCase


class ChartCase(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for period, quy_nhon, tuy_phuoc in (("2023S2", 20, 5), ("2024S1", 30, 1250)):
            the_period = parse_period_id(period)
            save_values(
                cls.officer, cls.commune, the_period, {("news_articles", ""): Decimal(quy_nhon)}
            )
            save_values(
                cls.sibling_officer,
                cls.sibling,
                the_period,
                {("news_articles", ""): Decimal(tuy_phuoc)},
            )

    def get(self, url, person, **params):
        self.client.force_login(person)
        return self.client.get(url, params)


class TrendTests(ChartCase):
    def test_it_gives_the_subtree_totals_period_by_period(self):
        response = self.get(
            "/api/charts/trend/BDI",
            self.viewer,
            period="2024S1",
            count=3,
            indicator="news_articles",
        )
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual([p["id"] for p in data["periods"]], ["2023S1", "2023S2", "2024S1"])
        self.assertEqual(data["periods"][-1]["label"], "6 tháng đầu năm 2024")
        [series] = data["series"]
        self.assertEqual(series["values"], [None, 25, 1280])
        self.assertEqual(series["measureUnit"], "tin, bài")

    def test_without_indicators_it_follows_the_key_ones(self):
        data = self.get("/api/charts/trend/BDI-QN", self.officer, period="2024S1").json()
        self.assertEqual(
            [s["indicator"] for s in data["series"]],
            ["news_articles", "portal_items", "social_posts"],
        )
        self.assertEqual(len(data["periods"]), 6)
        self.assertEqual(data["series"][0]["values"][-2:], [20, 30])

    def test_a_unit_outside_the_persons_units_is_not_found(self):
        self.assertEqual(self.get("/api/charts/trend/BDI", self.outsider).status_code, 404)
        self.assertEqual(self.get("/api/charts/trend/BDI-TP", self.officer).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get("/api/charts/trend/BDI").status_code, 401)

    def test_bad_questions_get_a_clear_answer(self):
        response = self.get("/api/charts/trend/BDI", self.viewer, indicator="no_such_thing")
        self.assertEqual(response.status_code, 422)
        self.assertIn("no_such_thing", response.content.decode())
        self.assertEqual(self.get("/api/charts/trend/BDI", self.viewer, count=40).status_code, 422)
        self.assertEqual(
            self.get("/api/charts/trend/BDI", self.viewer, period="2024X9").status_code, 422
        )


class RankingTests(ChartCase):
    def test_it_ranks_the_units_under_the_unit_largest_first(self):
        response = self.get("/api/charts/ranking/BDI/2024S1", self.consolidator)
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["indicator"], "news_articles")
        self.assertEqual(
            [(u["orgUnit"], u["value"]) for u in data["units"]],
            [("BDI-TP", 1250), ("BDI-QN", 30), ("BDI-SVH", None)],
        )

    def test_it_is_refused_outside_the_persons_units(self):
        self.assertEqual(self.get("/api/charts/ranking/BDI/2024S1", self.outsider).status_code, 404)
        response = self.get("/api/charts/ranking/BDI/2024S1", self.viewer, indicator="nothing")
        self.assertEqual(response.status_code, 422)
