from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ttdn.indicators.services import CURRENT, save_values, subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.services import merge_units, move_unit
from ttdn.testing import TreeTestCase, make_unit

S1 = parse_period_id("2024S1")


def news(table):
    return next(r for r in table.rows if r.indicator.code == "news_articles" and not r.option)


class ReorganisationTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        save_values(cls.officer, cls.commune, S1, {("news_articles", ""): Decimal(40)})
        save_values(cls.sibling_officer, cls.sibling, S1, {("news_articles", ""): Decimal(20)})
        save_values(cls.outsider, cls.other_commune, S1, {("news_articles", ""): Decimal(7)})

    def test_two_merged_provinces_keep_their_history_and_the_new_one_sums_them(self):
        merged = merge_units(
            [self.province, self.other_province],
            "GLA",
            "Tỉnh Gia Lai",
            "province",
            date(2025, 7, 1),
        )
        self.province.refresh_from_db()
        self.assertEqual(self.province.valid_to, date(2025, 6, 30))
        # As the tree stood: 2024 belongs to the old provinces.
        self.assertEqual(news(subtree_totals(self.province, S1)).total, Decimal(60))
        self.assertIsNone(news(subtree_totals(merged, S1)).total)
        # Today's tree: the new province's view of 2024 sums its predecessors.
        current = news(subtree_totals(merged, S1, view=CURRENT))
        self.assertEqual(current.total, Decimal(67))
        self.assertEqual(current.by_branch, {merged.pk: Decimal(67)})

    def test_a_moved_commune_stays_under_its_old_province_for_old_periods(self):
        moved = move_unit(self.commune, self.other_province, "HNA-QN", date(2025, 1, 1))
        self.province.refresh_from_db()
        self.other_province.refresh_from_db()
        self.assertEqual(news(subtree_totals(self.province, S1)).total, Decimal(60))
        self.assertEqual(news(subtree_totals(self.other_province, S1)).total, Decimal(7))
        current = news(subtree_totals(self.other_province, S1, view=CURRENT))
        self.assertEqual(current.total, Decimal(47))
        self.assertEqual(current.by_branch[moved.pk], Decimal(40))

    def test_the_current_view_takes_a_fixed_number_of_queries(self):
        merged = merge_units(
            [self.province, self.other_province],
            "GLA",
            "Tỉnh Gia Lai",
            "province",
            date(2025, 7, 1),
        )
        with CaptureQueriesContext(connection) as small:
            subtree_totals(merged, S1, view=CURRENT)
        admin = get_user_model().objects.create_superuser("quantri", password="x-Mat-khau-1")
        for i in range(20):
            commune = make_unit(f"HNA-X{i}", f"Xã {i}", "commune", self.other_province)
            save_values(admin, commune, S1, {("news_articles", ""): Decimal(1)})
        with CaptureQueriesContext(connection) as large:
            table = subtree_totals(merged, S1, view=CURRENT)
        self.assertEqual(news(table).total, Decimal(87))
        self.assertEqual(len(small), len(large))
        self.assertLessEqual(len(large), 9)

    def test_the_totals_page_switches_between_the_two_views(self):
        merged = merge_units(
            [self.province, self.other_province],
            "GLA",
            "Tỉnh Gia Lai",
            "province",
            date(2025, 7, 1),
        )
        admin = get_user_model().objects.create_superuser("quantri", password="x-Mat-khau-1")
        self.client.force_login(admin)
        url = reverse("indicators:totals", args=[merged.code, "2024S1"])
        row = 'data-indicator="news_articles" data-option=""'
        as_stood = self.client.get(url).content.decode()
        current = self.client.get(url + "?view=current").content.decode()
        cell = '<td class="num total">{}</td>'
        self.assertIn(cell.format("—"), as_stood[as_stood.index(row) :])
        self.assertIn(cell.format("67"), current[current.index(row) :])
