"""A province's two years exported in each format and imported into a database with the
same units and catalogue but no values give exactly the same subtree totals."""

from __future__ import annotations

import json

from ttdn.exchange import services
from ttdn.exchange.tests.fill import fill, wipe_values
from ttdn.indicators.models import DataValue
from ttdn.indicators.services import subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.testing import TreeTestCase, make_person, make_unit

COMPARED = ["2024S1", "2024S2", "2024", "2024Q3", "2024N9", "2025S1", "2025", "202403"]


class RoundTripTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.district = make_unit("BDI-TPD", "Huyện Tuy Phước", "district", cls.province)
        cls.ward = make_unit("BDI-TPD-DT", "Thị trấn Diêu Trì", "commune", cls.district)
        cls.province.refresh_from_db()
        leaves = [cls.commune, cls.sibling, cls.department, cls.ward, cls.other_commune]
        cls.admin = make_person("quantri", None, None, is_superuser=True)
        cls.written = fill(cls.admin, leaves)

    def totals(self) -> dict:
        """Every row of the province's totals for the compared periods, as plain data."""
        self.province.refresh_from_db()
        out = {}
        for period_id in COMPARED:
            table = subtree_totals(self.province, parse_period_id(period_id))
            for row in table.rows:
                out[(period_id, row.indicator.code, row.option)] = (
                    row.total,
                    row.previous,
                    row.reporting_units,
                    row.derived_units,
                    row.partial_units,
                    dict(row.by_branch),
                )
        return out

    def round_trip(self, fmt: str, ids: str = "code") -> None:
        before = self.totals()
        entered = DataValue.objects.filter(derived=False, unit__code__startswith="BDI").count()
        self.assertGreater(entered, 500)
        periods = services.parse_periods("2024,2025")
        content = services.export(self.admin, self.province, periods, fmt, ids)
        wipe_values()
        self.assertEqual(self.totals()[("2024S1", "press_conferences", "")][0], None)
        summary = services.import_file(self.admin, f"values.{fmt}", content, commit=True)
        self.assertEqual(summary.refused, [])
        self.assertTrue(summary.committed)
        # A value entered over a figure derived from an earlier line counts as updated.
        self.assertEqual(summary.created + summary.updated, entered)
        self.assertEqual(self.totals(), before)
        # Hà Nam is outside the province's subtree: not exported, so not imported.
        self.assertFalse(DataValue.objects.filter(unit=self.other_commune).exists())

    def test_a_data_value_set_in_json_round_trips_exactly(self):
        self.round_trip("dvs-json")

    def test_a_data_value_set_in_csv_round_trips_exactly(self):
        self.round_trip("dvs-csv")

    def test_adx_round_trips_exactly(self):
        self.round_trip("adx")

    def test_dhis2_uids_round_trip_exactly(self):
        self.round_trip("dvs-json", ids="uid")
        self.round_trip("adx", ids="uid")

    def test_the_plain_table_round_trips_exactly(self):
        self.round_trip("csv")

    def test_the_export_holds_entered_values_only_keyed_by_codes(self):
        content = services.export(
            self.consolidator, self.province, services.parse_periods("2024S1"), "dvs-json"
        )
        values = json.loads(content)["dataValues"]
        self.assertEqual(
            len(values),
            DataValue.objects.filter(
                period="2024S1", derived=False, unit__code__startswith="BDI"
            ).count(),
        )
        self.assertEqual({v["period"] for v in values}, {"2024S1"})
        self.assertLessEqual({v["orgUnit"] for v in values}, {"BDI-QN", "BDI-TP", "BDI-SVH",
                                                              "BDI-TPD-DT"})  # fmt: skip
        combos = {v["categoryOptionCombo"] for v in values}
        self.assertIn("default", combos)
        self.assertIn("languages_total", combos)

    def test_an_officer_exports_only_what_they_may_see(self):
        content = services.export(
            self.officer, self.province, services.parse_periods("2024,2025"), "dvs-csv"
        )
        units = {line.split(",")[2] for line in content.decode().splitlines()[1:]}
        self.assertEqual(units, {"BDI-QN"})
