"""``ttdn exchange export|import|metadata`` on the command line."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from ttdn.exchange.tests.fill import wipe_values
from ttdn.indicators.models import DataValue
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import TreeTestCase, make_person


class ExchangeCommandTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = make_person("quantri", None, None, is_superuser=True)
        for unit, period, value in [
            (cls.commune, "2024S1", 3),
            (cls.commune, "2025S2", 4),
            (cls.sibling, "2024", 5),
            (cls.other_commune, "2024S1", 9),
        ]:
            save_values(cls.admin, unit, parse_period_id(period),
                        {("press_conferences", ""): Decimal(value)})  # fmt: skip

    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)

    def run_command(self, *args: str) -> str:
        out = StringIO()
        call_command("exchange", *args, stdout=out)
        return out.getvalue()

    def test_export_writes_the_subtree_for_the_years_given(self):
        target = self.folder / "bdi.json"
        self.run_command("export", "--format", "dvs-json", "--unit", "BDI",
                         "--periods", "2024,2025", "--out", str(target))  # fmt: skip
        values = json.loads(target.read_text())["dataValues"]
        self.assertEqual(
            sorted((v["orgUnit"], v["period"], v["value"]) for v in values),
            [("BDI-QN", "2024S1", "3"), ("BDI-QN", "2025S2", "4"), ("BDI-TP", "2024", "5")],
        )

    def test_export_takes_dhis2_periods_and_writes_to_standard_output(self):
        out = self.run_command("export", "--format", "adx", "--unit", "BDI", "--periods", "2024S1")
        self.assertIn('period="2024-01-01/P6M"', out)
        self.assertIn('orgUnit="BDI-QN"', out)
        self.assertNotIn("BDI-TP", out)

    def test_export_refuses_bad_periods_and_units_outside_the_persons_reach(self):
        with self.assertRaisesRegex(CommandError, "không phải năm hay kỳ"):
            self.run_command("export", "--unit", "BDI", "--periods", "2024X")
        with self.assertRaisesRegex(CommandError, "trong phạm vi của bạn"):
            self.run_command(
                "export", "--unit", "HNA", "--periods", "2024", "--user", "canbo.quynhon"
            )

    def test_import_is_a_dry_run_until_commit(self):
        target = self.folder / "bdi.csv"
        self.run_command("export", "--format", "dvs-csv", "--unit", "BDI",
                         "--periods", "2024,2025", "--out", str(target))  # fmt: skip
        wipe_values()
        out = self.run_command("import", str(target))
        self.assertIn("Thêm mới: 3;", out)
        self.assertIn("Chạy thử: chưa ghi gì.", out)
        self.assertFalse(DataValue.objects.exists())
        out = self.run_command("import", str(target), "--commit")
        self.assertIn("Đã ghi.", out)
        self.assertEqual(DataValue.objects.filter(derived=False).count(), 3)

    def test_import_lists_refused_lines_and_fails(self):
        target = self.folder / "bad.csv"
        target.write_text(
            "dataelement,period,orgunit,catoptcombo,attroptcombo,value\n"
            "press_conferences,2024S2,BDI-QN,default,,7\n"
            "press_conferences,2024Q1,BDI-QN,default,,-1\n"
        )
        out = StringIO()
        with self.assertRaisesRegex(CommandError, "chưa ghi giá trị nào"):
            call_command("exchange", "import", str(target), "--commit", stdout=out)
        self.assertIn("dòng 3 (BDI-QN, 2024Q1, press_conferences): Số liệu không được âm.",
                      out.getvalue())  # fmt: skip
        self.assertFalse(DataValue.objects.filter(period="2024S2").exists())

    def test_import_applies_the_persons_access(self):
        target = self.folder / "v.csv"
        target.write_text(
            "dataelement,period,orgunit,catoptcombo,attroptcombo,value\n"
            "press_conferences,2024S2,BDI-TP,default,,7\n"
        )
        with self.assertRaisesRegex(CommandError, "chưa ghi"):
            call_command("exchange", "import", str(target), "--commit", "--user",
                         "canbo.quynhon", stdout=StringIO())  # fmt: skip
        self.assertFalse(DataValue.objects.filter(period="2024S2").exists())

    def test_import_of_a_missing_file_fails_clearly(self):
        with self.assertRaisesRegex(CommandError, "Không đọc được tệp"):
            self.run_command("import", str(self.folder / "none.json"))

    def test_metadata_lists_the_catalogue_for_dhis2(self):
        document = json.loads(self.run_command("metadata"))
        codes = {e["code"] for e in document["dataElements"]}
        self.assertIn("publication_copies", codes)
        combos = {c["id"] for c in document["categoryCombos"]}
        options = {o["id"] for o in document["categoryOptions"]}
        for element in document["dataElements"]:
            self.assertRegex(element["id"], r"^[A-Za-z][A-Za-z0-9]{10}$")
        for combo in document["categoryOptionCombos"]:
            self.assertIn(combo["categoryCombo"]["id"], combos)
            self.assertLessEqual({o["id"] for o in combo["categoryOptions"]}, options)
        ids = [o["id"] for key in document for o in document[key]]
        self.assertEqual(len(ids), len(set(ids)))
