import random
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from ttdn.indicators import rollup
from ttdn.indicators.models import DataValue, Indicator, RollupValue, ValueType
from ttdn.indicators.services import ValuesRejected, save_values, subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import OrgUnit
from ttdn.testing import TreeTestCase, make_unit

S1 = parse_period_id("2024S1")


class RollupTests(TreeTestCase):
    def total(self, unit, code="news_articles", period=S1):
        unit.refresh_from_db()
        row = next(
            r
            for r in subtree_totals(unit, period).rows
            if r.indicator.code == code and not r.option
        )
        return row.total

    def test_random_writes_keep_the_rollup_equal_to_a_fresh_sum(self):
        rng = random.Random(7)
        people = {
            self.commune: self.officer,
            self.sibling: self.sibling_officer,
            self.province: self.province_officer,
        }
        for _step in range(60):
            unit = rng.choice(list(people))
            value = rng.choice([None, Decimal(0), Decimal(rng.randint(1, 500))])
            option = rng.choice(["", "en", "vi"])
            try:
                save_values(people[unit], unit, S1, {("publication_copies", option): value})
            except ValuesRejected:
                pass  # a total below its parts: refused, nothing written
        self.assertEqual(rollup.verify(), [])

    def test_a_province_total_includes_its_own_values_and_its_communes(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(40)})
        save_values(self.province_officer, self.province, S1, {("news_articles", ""): Decimal(5)})
        self.assertEqual(self.total(self.province), Decimal(45))
        save_values(self.officer, self.commune, S1, {("news_articles", ""): None})
        self.assertEqual(self.total(self.province), Decimal(5))
        self.assertEqual(rollup.verify(), [])

    def test_moving_a_commune_moves_its_values_between_provinces(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(40)})
        self.commune.parent = self.other_province
        self.commune.save()
        self.assertIsNone(self.total(self.province))
        self.assertEqual(self.total(self.other_province), Decimal(40))
        self.assertEqual(rollup.verify(), [])

    def test_a_leaf_that_gains_a_child_keeps_its_own_values_in_its_total(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(12)})
        make_unit("BDI-QN-T1", "Tổ dân phố 1", "other", self.commune)
        self.assertEqual(self.total(self.commune), Decimal(12))
        self.assertEqual(rollup.verify(), [])

    def test_rebuild_restores_a_damaged_rollup_and_verify_names_the_difference(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(40)})
        RollupValue.objects.filter(unit=self.province, period=S1.id).update(value=Decimal(1))
        self.assertEqual(len(rollup.verify()), 1)
        rollup.rebuild()
        self.assertEqual(rollup.verify(), [])
        self.assertEqual(self.total(self.province), Decimal(40))

    def test_upkeep_is_one_upsert_in_the_same_transaction(self):
        with CaptureQueriesContext(connection) as queries:
            save_values(
                self.officer,
                self.commune,
                S1,
                {("news_articles", ""): Decimal(1), ("press_conferences", ""): 2},
            )
        upserts = [q for q in queries.captured_queries if "ON CONFLICT" in q["sql"]]
        self.assertEqual(len(upserts), 1)


class OwnValuesAtEveryLevelTests(TreeTestCase, HypothesisTestCase):
    """Values a unit with children holds itself are its own share, counted once: the
    upkeep of every write, a rebuild and a direct computation agree for any mix of
    values at every level of a three-level tree and any reorganisation."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.district = make_unit("BDI-TPD", "Huyện Tuy Phước", "district", cls.province)
        cls.ward = make_unit("BDI-TPD-DT", "Thị trấn Diêu Trì", "commune", cls.district)

    def direct(self) -> dict:
        """(unit, period, indicator, option) → (sum, count) from the values themselves."""
        units = list(OrgUnit.objects.filter(child_count__gt=0))
        values = list(DataValue.objects.values_list("unit__path", "period", "indicator_id",
                                                    "option", "value"))  # fmt: skip
        out: dict = {}
        for owner in units:
            for path, period, indicator_id, option, value in values:
                if path.startswith(owner.path):
                    key = (owner.pk, period, indicator_id, option)
                    total, count = out.get(key, (Decimal(0), 0))
                    out[key] = (total + value, count + 1)
        return out

    def stored(self) -> dict:
        return {
            (u, p, i, o): (Decimal(v), n)
            for u, p, i, o, v, n in RollupValue.objects.values_list(
                "unit_id", "period", "indicator_id", "option", "value", "n"
            )
        }

    def test_a_rebuild_keeps_a_province_total_with_its_own_value(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(37000)})
        save_values(self.province_officer, self.ward, S1, {("news_articles", ""): Decimal(378)})
        save_values(self.province_officer, self.province, S1, {("news_articles", ""): 1})
        before = self.stored()[(self.province.pk, S1.id, self.news(), "")]
        self.assertEqual(before, (Decimal(37379), 3))
        rollup.rebuild()
        self.assertEqual(self.stored()[(self.province.pk, S1.id, self.news(), "")], before)
        self.assertEqual(rollup.verify(), [])

    def test_a_rebuild_sums_fractions_exactly_and_matches_the_upkeep(self):
        # SQLite hands decimals with a fraction back as floats: 0.1 + 0.2 must stay 0.3.
        Indicator.objects.filter(code="news_articles").update(value_type=ValueType.DECIMAL)
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal("0.1")})
        save_values(self.sibling_officer, self.sibling, S1, {("news_articles", ""): Decimal("0.2")})
        save_values(
            self.province_officer, self.province, S1, {("news_articles", ""): Decimal("1.05")}
        )
        upkept = self.stored()[(self.province.pk, S1.id, self.news(), "")]
        self.assertEqual(upkept, (Decimal("1.35"), 3))
        rows = rollup.rebuild()
        self.assertEqual(rows, RollupValue.objects.count())
        self.assertEqual(self.stored()[(self.province.pk, S1.id, self.news(), "")], upkept)
        self.assertEqual(rollup.verify(), [])

    def test_sums_counted_as_rows_stream_past_equal_those_read_back(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(40)})
        save_values(self.province_officer, self.province, S1, {("news_articles", ""): Decimal(5)})
        sums = rollup.SubtreeSums()
        for batch in rollup.stored_values():
            sums.add(batch)
        RollupValue.objects.all().delete()
        rollup.rebuild(sums=sums)
        self.assertEqual(rollup.verify(), [])
        self.assertEqual(self.stored()[(self.province.pk, S1.id, self.news(), "")], (45, 2))

    def news(self) -> int:
        return DataValue.objects.filter(indicator__code="news_articles").first().indicator_id

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["province", "district", "ward", "commune", "move", "grow"]),
                st.one_of(st.none(), st.integers(min_value=0, max_value=900)),
            ),
            min_size=1,
            max_size=12,
        )
    )
    def test_upkeep_rebuild_and_a_direct_sum_agree(self, steps):
        units = {
            "province": self.province,
            "district": self.district,
            "ward": self.ward,
            "commune": self.commune,
        }
        for target, amount in steps:
            if target == "move":  # the ward goes to the province or back to the district
                ward = OrgUnit.objects.get(pk=self.ward.pk)
                ward.parent = self.province if ward.parent_id == self.district.pk else self.district
                ward.save()
                continue
            if target == "grow":  # a leaf gains a child once
                if not OrgUnit.objects.filter(code="BDI-QN-T1").exists():
                    make_unit("BDI-QN-T1", "Tổ dân phố 1", "other", self.commune)
                continue
            unit = OrgUnit.objects.get(pk=units[target].pk)
            value = None if amount is None else Decimal(amount)
            save_values(self.province_officer, unit, S1, {("news_articles", ""): value})
        expected = self.direct()
        kept = {k: (v, n) for k, (v, n, _d, _p) in rollup.fresh_sums().items()}
        self.assertEqual(self.stored(), expected)
        self.assertEqual(kept, expected)
        rollup.rebuild()
        self.assertEqual(self.stored(), expected)
        self.assertEqual(rollup.verify(), [])


class RollupCommandTests(TreeTestCase):
    def test_verify_exits_non_zero_on_a_difference_and_rebuild_repairs_it(self):
        import io

        from django.core.management import CommandError, call_command

        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(40)})
        call_command("rollup", "verify", stdout=io.StringIO())
        RollupValue.objects.filter(period=S1.id).update(value=Decimal(3))
        with self.assertRaises(CommandError):
            call_command("rollup", "verify", stdout=io.StringIO(), stderr=io.StringIO())
        out = io.StringIO()
        call_command("rollup", "rebuild", "--periods", "2024S1", stdout=out)
        self.assertIn("Rebuilt", out.getvalue())
        call_command("rollup", "verify", stdout=io.StringIO())
