"""The totals table's two layouts: a column per unit, or a row per unit once there are
more units than indicators."""

from decimal import Decimal

from django.urls import reverse

from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import UnitKind
from ttdn.testing import TreeTestCase, make_unit

S1 = parse_period_id("2024S1")


class TotalsLayoutTests(TreeTestCase):
    def page(self, **params):
        self.client.force_login(self.consolidator)
        url = reverse("indicators:totals", args=["BDI", "2024S1"])
        return self.client.get(url, params).content.decode()

    def test_a_few_units_get_a_column_each_with_the_full_name_on_hover(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(1250)})
        html = self.page()
        self.assertIn('th class="num unit-col" data-unit="BDI-QN"', html)
        self.assertIn('title="Phường Quy Nhơn"', html)
        self.assertIn('title="Tin, bài về TTĐN được đăng tải"', html)
        self.assertNotIn('id="totals-by-unit"', html)

    def test_a_row_per_unit_on_request_with_each_indicators_total(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(1250)})
        html = self.page(layout="units")
        self.assertIn('id="totals-by-unit"', html)
        self.assertNotIn('th class="num unit-col"', html)
        row = html[html.index('<tr data-unit="BDI-QN">') :]
        row = row[: row.index("</tr>")]
        self.assertIn('<td class="num">1.250</td>', row)
        self.assertEqual(row.count("<td"), Indicator.objects.filter(active=True).count())

    def test_more_units_than_indicators_turn_the_table_and_a_bad_choice_is_ignored(self):
        count = Indicator.objects.filter(active=True).count()
        for n in range(count + 1 - 3):
            make_unit(f"BDI-X{n:02d}", f"Xã Mới {n:02d}", UnitKind.COMMUNE, self.province)
        self.assertIn('id="totals-by-unit"', self.page())
        self.assertIn('id="totals-by-unit"', self.page(layout="sideways"))
        self.assertNotIn('id="totals-by-unit"', self.page(layout="indicators"))
