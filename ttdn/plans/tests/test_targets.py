from datetime import date
from decimal import Decimal

from ttdn.indicators.models import Indicator
from ttdn.lib.periods import parse_period_id
from ttdn.plans.models import Plan, PlanTarget
from ttdn.plans.services import targets_for
from ttdn.testing import TreeTestCase


class TargetTests(TreeTestCase):
    def test_a_units_targets_for_a_period_add_up_over_its_plans(self):
        news = Indicator.objects.get(code="news_articles")
        for number, value in (("20/KH-UBND", 100), ("35/KH-UBND", 20)):
            plan = Plan.objects.create(
                issuing_unit=self.province,
                number=number,
                issued_on=date(2024, 2, 1),
                title="TTĐN",
                year=2024,
            )
            PlanTarget.objects.create(
                plan=plan, indicator=news, period="2024S1", value=Decimal(value)
            )
            PlanTarget.objects.create(
                plan=plan, indicator=news, period="2024", value=Decimal(value * 2)
            )
        self.assertEqual(
            targets_for(self.province, parse_period_id("2024S1")), {(news.pk, ""): Decimal(120)}
        )
        self.assertEqual(targets_for(self.commune, parse_period_id("2024S1")), {})
