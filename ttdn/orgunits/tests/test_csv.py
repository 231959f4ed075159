import csv
import io
from decimal import Decimal

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from ttdn.indicators import rollup
from ttdn.indicators.services import save_values, subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import OrgUnit
from ttdn.orgunits.services import ImportError_, export_units_csv, import_units_csv
from ttdn.testing import TreeTestCase, assert_tree_as_save_builds_it

S1 = parse_period_id("2024S1")

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


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


class ImportUnitsTests(TestCase):
    def test_importing_the_same_rows_again_writes_nothing(self):
        import_units_csv(GOOD)
        with CaptureQueriesContext(connection) as queries:
            result = import_units_csv(GOOD)
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 0, 4))
        self.assertEqual(writes(queries), [])

    def test_only_the_rows_that_differ_are_updated(self):
        import_units_csv(GOOD)
        changed = GOOD.replace("Xã Phước Lộc,,", "Xã Phước Lộc,Phuoc Loc Commune,")
        result = import_units_csv(changed)
        self.assertEqual((result.created, result.updated, result.unchanged), (0, 1, 3))
        self.assertEqual(OrgUnit.objects.get(code="BDI-TP-PL").name_en, "Phuoc Loc Commune")

    def test_a_dry_run_counts_what_it_would_do_and_writes_nothing(self):
        result = import_units_csv(GOOD, dry_run=True)
        self.assertEqual(result.created, 4)
        self.assertEqual(OrgUnit.objects.count(), 0)

    def test_a_code_listed_twice_or_a_unit_succeeding_itself_is_refused(self):
        bad = GOOD + "BDI-TP,Huyện Tuy Phước,,district,BDI,,,\nX,Xã X,,commune,,,,X\n"
        with self.assertRaises(ImportError_) as raised:
            import_units_csv(bad)
        messages = "\n".join(raised.exception.messages)
        self.assertIn("Dòng 6, cột code: mã “BDI-TP” đã có ở dòng 3", messages)
        self.assertIn("Dòng 7, cột successor_code", messages)
        self.assertEqual(OrgUnit.objects.count(), 0)

    def test_new_units_get_the_paths_save_gives_even_under_a_unit_moved_in_the_same_file(self):
        import_units_csv(GOOD)
        # The district moves under the new province (listed after it), and gains a
        # commune of its own, and that commune a child.
        moved = (
            GOOD.replace(",district,BDI,", ",district,GLA,")
            + "BDI-TP-PT,Xã Phước Thuận,,commune,BDI-TP,,,\n"
            + "BDI-TP-PT-1,Thôn 1,,other,BDI-TP-PT,,,\n"
        )
        result = import_units_csv(moved)
        self.assertEqual((result.created, result.updated, result.unchanged), (2, 1, 3))
        district = OrgUnit.objects.get(code="BDI-TP")
        self.assertEqual(
            [u.code for u in OrgUnit.objects.get(code="BDI-TP-PT-1").ancestors()],
            ["GLA", "BDI-TP", "BDI-TP-PT"],
        )
        self.assertEqual(district.child_count, 2)
        self.assertEqual(OrgUnit.objects.get(code="BDI").child_count, 0)
        assert_tree_as_save_builds_it(self)


class ImportUnderUnitsWithValuesTests(TreeTestCase):
    def test_a_commune_with_values_that_gains_imported_units_keeps_its_own_in_its_total(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(12)})
        import_units_csv("code,name,kind,parent_code\nBDI-QN-T1,Tổ dân phố 1,other,BDI-QN\n")
        self.commune.refresh_from_db()
        self.assertEqual(self.commune.child_count, 1)
        self.assertEqual(rollup.verify(), [])
        row = next(
            r
            for r in subtree_totals(self.commune, S1).rows
            if r.indicator.code == "news_articles" and not r.option
        )
        self.assertEqual(row.total, Decimal(12))

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
