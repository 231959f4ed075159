import csv
import io

from django.core.management import CommandError, call_command
from django.test import TestCase

from ttdn.orgunits.models import OrgUnit
from ttdn.orgunits.services import ImportError_, export_units_csv, import_units_csv

GOOD = """code,name,name_en,kind,parent_code,valid_from,valid_to,successor_code
BDI,Tỉnh Bình Định,Binh Dinh Province,province,,,2025-06-30,GLA
BDI-TP,Huyện Tuy Phước,,district,BDI,,30/06/2025,
BDI-TP-PL,Xã Phước Lộc,,commune,BDI-TP,,,
GLA,Tỉnh Gia Lai,Gia Lai Province,province,,2025-07-01,,
"""


HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"


class CsvTests(TestCase):
    def test_it_imports_a_tree_with_children_listed_before_parents_and_successors(self):
        text = GOOD.splitlines()
        shuffled = "\n".join([text[0], text[3], text[2], text[1], text[4]]) + "\n"
        result = import_units_csv(shuffled)
        self.assertEqual(result.created, 4)
        commune = OrgUnit.objects.get(code="BDI-TP-PL")
        self.assertEqual([u.code for u in commune.ancestors()], ["BDI", "BDI-TP"])
        self.assertEqual(OrgUnit.objects.get(code="BDI").successor.code, "GLA")
        self.assertEqual(str(OrgUnit.objects.get(code="BDI-TP").valid_to), "2025-06-30")

    def test_export_then_import_gives_the_same_tree(self):
        import_units_csv(GOOD)
        exported = export_units_csv()
        self.assertTrue(exported.startswith("code,name,name_en,kind,parent_code"))
        OrgUnit.objects.update(successor=None)
        for unit in OrgUnit.objects.order_by("-depth"):
            unit.delete()
        import_units_csv(exported)
        self.assertEqual(export_units_csv(), exported)

    def test_bad_rows_are_named_with_their_field_and_nothing_is_written(self):
        bad = GOOD + "X1,,,,,,,\nX2,Xã X,,village,NOPE,2025-13-01,,\n"
        with self.assertRaises(ImportError_) as raised:
            import_units_csv(bad)
        messages = "\n".join(raised.exception.messages)
        self.assertIn("Dòng 6, cột name", messages)
        self.assertIn("Dòng 7, cột kind", messages)
        self.assertIn("Dòng 7, cột parent_code", messages)
        self.assertIn("Dòng 7, cột valid_from", messages)
        self.assertEqual(OrgUnit.objects.count(), 0)

    def test_a_file_without_the_required_columns_is_refused(self):
        with self.assertRaises(ImportError_):
            import_units_csv("ma,ten\nA,B\n")

    def test_the_command_imports_and_exports(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "units.csv"
            path.write_text(GOOD, encoding="utf-8")
            out = io.StringIO()
            call_command("units", "import", str(path), stdout=out)
            self.assertIn("4 đơn vị mới", out.getvalue())
            out = io.StringIO()
            call_command("units", "export", stdout=out)
            self.assertIn("BDI-TP-PL,Xã Phước Lộc", out.getvalue())
            path.write_text("code,name,kind\nA,,province\n", encoding="utf-8")
            with self.assertRaises(CommandError):
                call_command(
                    "units", "import", str(path), stdout=io.StringIO(), stderr=io.StringIO()
                )

    def test_names_that_look_like_formulas_are_exported_as_text_and_read_back(self):
        import_units_csv(GOOD)
        OrgUnit.objects.filter(code="BDI").update(name=HYPERLINK, name_en="@SUM(A1)")
        OrgUnit.objects.filter(code="BDI-TP").update(name=DDE, name_en="+Tuy Phuoc")
        exported = export_units_csv()
        rows = {row["code"]: row for row in csv.DictReader(io.StringIO(exported))}
        self.assertEqual(
            (rows["BDI"]["name"], rows["BDI"]["name_en"]), ("'" + HYPERLINK, "'@SUM(A1)")
        )
        self.assertEqual(
            (rows["BDI-TP"]["name"], rows["BDI-TP"]["name_en"]), ("'" + DDE, "'+Tuy Phuoc")
        )
        self.assertEqual(rows["BDI-TP-PL"]["name"], "Xã Phước Lộc")
        self.assertEqual(rows["BDI"]["valid_to"], "2025-06-30")
        import_units_csv(exported)
        self.assertEqual(OrgUnit.objects.get(code="BDI").name, HYPERLINK)
        self.assertEqual(OrgUnit.objects.get(code="BDI-TP").name, DDE)
        self.assertEqual(export_units_csv(), exported)
