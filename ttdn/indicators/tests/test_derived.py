"""Derived periods and totals as stored, served and summed: never counted twice, always
equal to a direct computation, whatever the order and mix of what units enter."""

import io
from decimal import Decimal

from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from ttdn.indicators import rollup
from ttdn.indicators.models import DataValue, DataValueChange, Indicator
from ttdn.indicators.services import ValuesRejected, save_values, stored_values, subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.lib.tests.test_timeagg import PERIOD_IDS, direct
from ttdn.testing import TreeTestCase, make_person, make_unit

S1, S2, YEAR = (parse_period_id(p) for p in ("2024S1", "2024S2", "2024"))


class DerivedValueTests(TreeTestCase):
    def row(self, unit, period, code="news_articles", option=""):
        unit.refresh_from_db()
        return next(
            r
            for r in subtree_totals(unit, period).rows
            if r.indicator.code == code and r.option == option
        )

    def total(self, unit, period, code="news_articles", option=""):
        return self.row(unit, period, code, option).total

    def partial(self, unit, period, code="news_articles"):
        return self.row(unit, period, code).partial_units

    def test_the_year_follows_its_halves_and_an_entered_year_replaces_it(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(10)})
        year = stored_values(self.commune, YEAR)[("news_articles", "")]
        self.assertEqual((year.value, year.derived, year.months), (Decimal(10), True, 6))
        self.assertEqual(self.partial(self.province, YEAR), 1)
        save_values(self.officer, self.commune, S2, {("news_articles", ""): Decimal(15)})
        year = stored_values(self.commune, YEAR)[("news_articles", "")]
        self.assertEqual((year.value, year.derived, year.months), (Decimal(25), True, None))
        self.assertEqual(self.partial(self.province, YEAR), 0)
        self.assertEqual(self.total(self.province, YEAR), Decimal(25))
        save_values(self.officer, self.commune, YEAR, {("news_articles", ""): Decimal(30)})
        year = stored_values(self.commune, YEAR)[("news_articles", "")]
        self.assertEqual((year.value, year.derived), (Decimal(30), False))
        self.assertEqual(self.total(self.province, YEAR), Decimal(30))
        save_values(self.officer, self.commune, YEAR, {("news_articles", ""): None})
        self.assertEqual(stored_values(self.commune, YEAR)[("news_articles", "")].value, 25)
        self.assertEqual(rollup.verify(), [])

    def test_months_make_quarters_nine_months_and_the_year(self):
        for month in range(1, 13):
            period = parse_period_id(f"2024{month:02d}")
            save_values(self.officer, self.commune, period, {("news_articles", ""): month})
        stored = {
            p: stored_values(self.commune, parse_period_id(p))[("news_articles", "")].value
            for p in ("2024Q2", "2024S2", "2024N9", "2024")
        }
        self.assertEqual(stored, {"2024Q2": 15, "2024S2": 57, "2024N9": 45, "2024": 78})
        self.assertEqual(self.total(self.province, parse_period_id("2024N9")), Decimal(45))

    def test_a_stock_is_its_value_at_the_end_of_the_year(self):
        save_values(self.officer, self.commune, S1, {("social_followers", ""): Decimal(1200)})
        save_values(self.officer, self.commune, S2, {("social_followers", ""): Decimal(1500)})
        self.assertEqual(self.total(self.commune, YEAR, "social_followers"), Decimal(1500))

    def test_parts_make_a_missing_total_and_a_total_below_its_parts_is_refused(self):
        save_values(
            self.officer,
            self.commune,
            S1,
            {("publication_copies", "en"): Decimal(500), ("publication_copies", "ja"): 200},
        )
        total = stored_values(self.commune, S1)[("publication_copies", "")]
        self.assertEqual((total.value, total.derived), (Decimal(700), True))
        with self.assertRaises(ValuesRejected) as refused:
            save_values(self.officer, self.commune, S1, {("publication_copies", ""): 600})
        self.assertEqual(
            refused.exception.errors[("publication_copies", "")],
            "tổng 600 nhỏ hơn tổng các phần 700 (Số bản ấn phẩm phát hành).",
        )
        self.assertEqual(stored_values(self.commune, S1)[("publication_copies", "")].value, 700)
        save_values(self.officer, self.commune, S1, {("publication_copies", ""): 3800})
        self.assertEqual(self.total(self.province, S1, "publication_copies"), Decimal(3800))

    def test_an_estimate_is_replaced_by_the_final_figure_and_the_history_keeps_both(self):
        key = ("visitors_international", "")
        save_values(self.officer, self.commune, S1, {key: Decimal(62000)}, estimated={key})
        self.assertTrue(stored_values(self.commune, S1)[key].estimated)
        self.assertTrue(stored_values(self.commune, YEAR)[key].estimated)  # what it feeds
        save_values(self.officer, self.commune, S1, {key: Decimal(61850)})
        stored = stored_values(self.commune, S1)[key]
        self.assertEqual((stored.value, stored.estimated), (Decimal(61850), False))
        history = list(
            DataValueChange.objects.filter(unit=self.commune, period=S1.id)
            .order_by("changed_at", "id")
            .values_list("old_value", "new_value", "estimated")
        )
        self.assertEqual(history, [(None, 62000, True), (62000, 61850, False)])

    def test_a_closed_unit_takes_no_values_after_it_closed_nor_before_it_opened(self):
        from datetime import date

        district = make_unit(
            "BDI-HTP",
            "Huyện Tuy Phước",
            "district",
            self.province,
            valid_to=date(2025, 6, 30),
            successor=self.sibling,
        )
        officer = make_person("canbo.htp", district, "officer")
        with self.assertRaises(ValuesRejected) as refused:
            save_values(officer, district, parse_period_id("2026S1"), {("news_articles", ""): 3})
        self.assertEqual(
            refused.exception.errors[("news_articles", "")],
            "Huyện Tuy Phước đã giải thể, sáp nhập từ 01/7/2025; số liệu từ đó ghi cho Xã "
            "Tuy Phước.",
        )
        save_values(officer, district, parse_period_id("2025S1"), {("news_articles", ""): 3})
        new = make_unit("BDI-MOI", "Xã Mới", "commune", self.province, valid_from=date(2025, 7, 1))
        new_officer = make_person("canbo.moi", new, "officer")
        with self.assertRaises(ValuesRejected) as refused:
            save_values(new_officer, new, S1, {("news_articles", ""): 3})
        self.assertIn("Xã Mới thành lập từ 01/7/2025", str(refused.exception))
        self.assertFalse(DataValue.objects.filter(unit=new).exists())

    def test_values_stored_without_their_derived_periods_get_them_from_one_command(self):
        # As a database from before derived values holds them: entered rows only.
        news = Indicator.objects.get(code="news_articles")
        for period, value in (("2023S1", 4), ("2023S2", 6), ("2024S1", 10)):
            DataValue.objects.create(indicator=news, unit=self.commune, period=period, value=value)
        call_command("rollup", "rederive", stdout=io.StringIO())
        self.assertEqual(self.total(self.province, parse_period_id("2023")), Decimal(10))
        self.assertEqual(self.partial(self.province, YEAR), 1)
        self.assertEqual(rollup.verify(), [])
        with self.assertRaises(CommandError):
            call_command("rollup", "rederive", "--years", "năm", stdout=io.StringIO())


class RandomEntryTests(TreeTestCase, HypothesisTestCase):
    """Random entries of two communes at every level of a year, some cleared: each
    commune's stored values equal the rule computed directly, the province's totals are
    their sum, and the subtree sums agree with the values."""

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        st.lists(
            st.tuples(
                st.booleans(),
                st.sampled_from(PERIOD_IDS),
                st.one_of(st.none(), st.integers(min_value=0, max_value=5000)),
            ),
            min_size=1,
            max_size=10,
        )
    )
    def test_sums_equal_a_direct_computation(self, writes):
        entries = {self.commune.pk: {}, self.sibling.pk: {}}
        for first, period_id, amount in writes:
            unit, person = (
                (self.commune, self.officer) if first else (self.sibling, self.sibling_officer)
            )
            value = None if amount is None else Decimal(amount)
            save_values(person, unit, parse_period_id(period_id), {("news_articles", ""): value})
            if value is None:
                entries[unit.pk].pop(period_id, None)
            else:
                entries[unit.pk][period_id] = value
        self.province.refresh_from_db()
        for period_id in PERIOD_IDS:
            period = parse_period_id(period_id)
            expected = {unit_pk: direct(e, period_id) for unit_pk, e in entries.items()}
            for unit in (self.commune, self.sibling):
                stored = stored_values(unit, period).get(("news_articles", ""))
                self.assertEqual(stored and stored.value, expected[unit.pk], period_id)
            known = [v for v in expected.values() if v is not None]
            row = next(
                r
                for r in subtree_totals(self.province, period).rows
                if r.indicator.code == "news_articles" and not r.option
            )
            self.assertEqual(row.total, sum(known) if known else None, period_id)
        self.assertEqual(rollup.verify(), [])
