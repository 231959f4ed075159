from decimal import Decimal

from django.core.exceptions import PermissionDenied

from ttdn.indicators.models import DataValue, DataValueChange, Indicator
from ttdn.indicators.services import ValuesRejected, save_values, subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")
LAST_YEAR = parse_period_id("2023S1")


class SaveValuesTests(TreeTestCase):
    def test_the_default_catalogue_is_loaded_by_migration(self):
        codes = set(Indicator.objects.values_list("code", flat=True))
        for code in [
            "news_articles",
            "publication_copies",
            "social_followers",
            "fdi_capital",
            "training_participants",
            "visitors_international",
            "tourism_revenue",
            "press_conferences",
            "foreign_reporters",
            "international_agreements",
        ]:
            self.assertIn(code, codes)
        copies = Indicator.objects.get(code="publication_copies")
        self.assertIn("en", copies.options())
        self.assertEqual(Indicator.objects.get(code="social_followers").time_aggregation, "last")

    def test_a_reported_zero_is_kept_apart_from_no_value(self):
        save_values(
            self.officer,
            self.commune,
            S1,
            {("press_conferences", ""): Decimal(0), ("news_articles", ""): None},
        )
        stored = dict(
            DataValue.objects.filter(unit=self.commune).values_list("indicator__code", "value")
        )
        self.assertEqual(stored, {"press_conferences": Decimal(0)})

    def test_every_change_keeps_its_author_time_and_history(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(10)})
        save_values(self.leader, self.commune, S1, {("news_articles", ""): Decimal(12)})
        save_values(self.officer, self.commune, S1, {("news_articles", ""): None})
        history = list(
            DataValueChange.objects.filter(unit=self.commune)
            .order_by("id")
            .values_list("old_value", "new_value", "changed_by__username")
        )
        self.assertEqual(
            history,
            [
                (None, Decimal(10), "canbo.quynhon"),
                (Decimal(10), Decimal(12), "lanhdao.quynhon"),
                (Decimal(12), None, "canbo.quynhon"),
            ],
        )

    def test_bad_values_are_refused_with_a_message_each_and_nothing_is_written(self):
        with self.assertRaises(ValuesRejected) as raised:
            save_values(
                self.officer,
                self.commune,
                S1,
                {
                    ("news_articles", ""): Decimal(5),
                    ("training_courses", ""): Decimal(-1),
                    ("press_conferences", ""): Decimal("2.5"),
                    ("no_such_indicator", ""): Decimal(1),
                    ("publication_copies", "xx"): Decimal(1),
                },
            )
        errors = raised.exception.errors
        self.assertEqual(
            set(errors),
            {
                ("training_courses", ""),
                ("press_conferences", ""),
                ("no_such_indicator", ""),
                ("publication_copies", "xx"),
            },
        )
        self.assertIn("âm", errors[("training_courses", "")])
        self.assertEqual(DataValue.objects.count(), 0)

    def test_a_percent_over_100_is_refused(self):
        percent = Indicator.objects.create(
            code="coverage", name="Tỷ lệ phủ sóng", measure_unit="%", value_type="percent"
        )
        with self.assertRaises(ValuesRejected) as raised:
            save_values(self.officer, self.commune, S1, {(percent.code, ""): Decimal(101)})
        self.assertIn("0–100", raised.exception.errors[("coverage", "")])

    def test_a_person_cannot_write_values_for_a_unit_outside_their_subtree(self):
        with self.assertRaises(PermissionDenied):
            save_values(self.officer, self.sibling, S1, {("news_articles", ""): Decimal(1)})
        with self.assertRaises(PermissionDenied):
            save_values(self.viewer, self.commune, S1, {("news_articles", ""): Decimal(1)})

    def test_a_concurrent_edit_is_not_silently_overwritten(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(10)})
        # Both open the form at version 1; the leader saves first.
        save_values(
            self.leader,
            self.commune,
            S1,
            {("news_articles", ""): Decimal(11)},
            {("news_articles", ""): 1},
        )
        result = save_values(
            self.officer,
            self.commune,
            S1,
            {("news_articles", ""): Decimal(15)},
            {("news_articles", ""): 1},
        )
        self.assertEqual(result.conflicts, {("news_articles", ""): Decimal(11)})
        self.assertEqual(DataValue.objects.get(unit=self.commune, period=S1.id).value, Decimal(11))


class TotalsTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        save_values(
            cls.officer,
            cls.commune,
            S1,
            {
                ("news_articles", ""): Decimal(40),
                ("publication_copies", ""): Decimal(1000),
                ("publication_copies", "en"): Decimal(300),
            },
        )
        save_values(cls.sibling_officer, cls.sibling, S1, {("news_articles", ""): Decimal(20)})
        save_values(cls.officer, cls.commune, LAST_YEAR, {("news_articles", ""): Decimal(45)})
        save_values(cls.province_officer, cls.province, S1, {("news_articles", ""): Decimal(5)})
        save_values(cls.outsider, cls.other_commune, S1, {("news_articles", ""): Decimal(999)})

    def test_the_subtree_total_has_a_breakdown_by_child_and_last_year(self):
        table = subtree_totals(self.province, S1)
        row = next(r for r in table.rows if r.indicator.code == "news_articles" and not r.option)
        self.assertEqual(row.total, Decimal(65))
        self.assertEqual(row.previous, Decimal(45))
        self.assertAlmostEqual(row.change, 44.444, places=2)
        self.assertEqual(
            row.by_branch,
            {
                self.commune.pk: Decimal(40),
                self.sibling.pk: Decimal(20),
                self.province.pk: Decimal(5),
            },
        )
        self.assertEqual(table.branches[0], self.province)
        self.assertEqual(row.reporting_units, 3)

    def test_language_editions_are_totalled_as_their_own_rows(self):
        table = subtree_totals(self.province, S1)
        copies = {r.option: r.total for r in table.rows if r.indicator.code == "publication_copies"}
        self.assertEqual(copies, {"": Decimal(1000), "en": Decimal(300)})

    def test_the_number_of_queries_does_not_grow_with_the_tree(self):
        from ttdn.testing import make_unit

        with self.assertNumQueries(4):
            subtree_totals(self.province, S1)
        for i in range(30):
            make_unit(f"BDI-X{i}", f"Xã {i}", "commune", self.province)
        self.province.refresh_from_db()
        with self.assertNumQueries(4):
            subtree_totals(self.province, S1)
