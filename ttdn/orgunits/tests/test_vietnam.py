"""`ttdn units load-vietnam` on the real data of the vietnamadminunits package."""

import io
import time
from datetime import date

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext

from ttdn.orgunits.models import OrgUnit, UnitKind, path_segment
from ttdn.orgunits.services import export_units_csv
from ttdn.orgunits.tests.test_csv import writes
from ttdn.orgunits.vietnam import english_name, official_name

FIRST_DAY = date(2025, 7, 1)
LAST_DAY = date(2025, 6, 30)
# Hà Nội and Hồ Chí Minh City with Bình Dương and Bà Rịa - Vũng Tàu merged into it:
# the root, 2 provinces and 294 communes; 4 former provinces, 68 districts, 967 communes.
LOADED = 1 + 2 + 294 + 4 + 68 + 967


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("units", "load-vietnam", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def current(**filters):
    return OrgUnit.objects.filter(valid_from=FIRST_DAY, valid_to=None, **filters)


def closed(**filters):
    return OrgUnit.objects.filter(valid_from=None, valid_to=LAST_DAY, **filters)


def assert_tree_consistent(test) -> None:
    """Every path, depth and child count as OrgUnit.save() keeps them."""
    units = {u.pk: u for u in OrgUnit.objects.all()}
    children: dict[int, int] = {}
    for unit in units.values():
        if unit.parent_id:
            children[unit.parent_id] = children.get(unit.parent_id, 0) + 1
    for unit in units.values():
        path = (units[unit.parent_id].path if unit.parent_id else "") + path_segment(unit.pk)
        test.assertEqual(
            (unit.path, unit.depth, unit.child_count),
            (path, path.count(".") - 1, children.get(unit.pk, 0)),
            unit.code,
        )


class LoadTwoProvincesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load("--provinces", "01,79")

    def test_it_loads_the_provinces_their_communes_and_the_former_units_merged_into_them(self):
        self.assertIn("Đã nạp: 1.336 đơn vị hành chính (vietnamadminunits 1.0.4)", self.output)
        self.assertEqual(OrgUnit.objects.count(), LOADED)
        self.assertEqual(
            set(current(kind=UnitKind.PROVINCE).values_list("code", "name")),
            {("VN-01", "Thành phố Hà Nội"), ("VN-79", "Thành phố Hồ Chí Minh")},
        )
        self.assertEqual(current(kind=UnitKind.COMMUNE, parent__code="VN-01").count(), 126)
        self.assertEqual(current(kind=UnitKind.COMMUNE, parent__code="VN-79").count(), 168)
        self.assertEqual(
            set(closed(kind=UnitKind.PROVINCE).values_list("code", "name")),
            {
                ("VN63-01", "Thành phố Hà Nội"),
                ("VN63-74", "Tỉnh Bình Dương"),
                ("VN63-77", "Tỉnh Bà Rịa - Vũng Tàu"),
                ("VN63-79", "Thành phố Hồ Chí Minh"),
            },
        )
        self.assertEqual(closed(kind=UnitKind.DISTRICT).count(), 68)
        self.assertEqual(closed(kind=UnitKind.COMMUNE).count(), 967)

    def test_a_2025_commune_has_its_official_code_kind_parent_and_dates(self):
        commune = OrgUnit.objects.get(code="VN-01-00004")
        self.assertEqual(
            (commune.name, commune.name_en, commune.kind, commune.parent.code),
            ("Phường Ba Đình", "Ba Dinh Ward", UnitKind.COMMUNE, "VN-01"),
        )
        self.assertEqual(
            (commune.valid_from, commune.valid_to, commune.successor), (FIRST_DAY, None, None)
        )
        self.assertEqual([u.code for u in commune.ancestors()], ["VN", "VN-01"])
        zone = OrgUnit.objects.get(code="VN-79-26732")
        self.assertEqual((zone.name, zone.name_en), ("Đặc khu Côn Đảo", "Con Dao Special Zone"))

    def test_a_former_commune_closed_on_30_june_2025_names_the_commune_it_went_into(self):
        commune = OrgUnit.objects.get(code="VN63-01-001-00001")
        self.assertEqual((commune.name, commune.kind), ("Phường Phúc Xá", UnitKind.COMMUNE))
        self.assertEqual((commune.valid_from, commune.valid_to), (None, LAST_DAY))
        self.assertEqual(
            (commune.successor.code, commune.successor.name), ("VN-01-00097", "Phường Hồng Hà")
        )
        district = commune.parent
        self.assertEqual(
            (district.code, district.name, district.name_en, district.kind),
            ("VN63-01-001", "Quận Ba Đình", "Ba Dinh District", UnitKind.DISTRICT),
        )
        self.assertEqual((district.valid_to, district.successor.code), (LAST_DAY, "VN-01"))
        self.assertEqual(district.parent.code, "VN63-01")

    def test_a_split_commune_goes_to_the_part_the_mapping_gives_as_main(self):
        # Thị trấn Tây Đằng was divided between Xã Minh Châu (the main part) and Xã Quảng
        # Oai, which took over its code.
        commune = OrgUnit.objects.get(code="VN63-01-271-09619")
        self.assertEqual(commune.name, "Thị trấn Tây Đằng")
        self.assertEqual(commune.name_en, "Tay Dang Township")
        self.assertEqual(
            (commune.successor.code, commune.successor.name), ("VN-01-09661", "Xã Minh Châu")
        )

    def test_former_provinces_name_the_2025_province_they_merged_into(self):
        for code in ("VN63-74", "VN63-77", "VN63-79"):
            self.assertEqual(OrgUnit.objects.get(code=code).successor.code, "VN-79", code)
        self.assertEqual(OrgUnit.objects.get(code="VN63-01").successor.code, "VN-01")

    def test_an_island_district_without_communes_is_kept_and_closed(self):
        district = OrgUnit.objects.get(code="VN63-77-755")
        self.assertEqual((district.name, district.child_count), ("Huyện Côn Đảo", 0))
        self.assertEqual((district.valid_to, district.successor.code), (LAST_DAY, "VN-79"))

    def test_the_tree_is_as_save_builds_it_and_the_rollup_verifies(self):
        assert_tree_consistent(self)
        out = io.StringIO()
        call_command("rollup", "verify", stdout=out)
        self.assertIn("agree", out.getvalue())

    def test_running_it_again_changes_nothing(self):
        before = export_units_csv()
        with CaptureQueriesContext(connection) as queries:
            output = load("--provinces", "01,79")
        self.assertIn("0 mới, 0 cập nhật, 1.336 không đổi", output)
        self.assertEqual(writes(queries), [])
        self.assertEqual(export_units_csv(), before)

    def test_a_name_edited_since_is_set_back_and_only_that_unit_is_written(self):
        OrgUnit.objects.filter(code="VN-01-00004").update(name="Phường Ba Đinh")
        self.assertIn("0 mới, 1 cập nhật", load("--provinces", "01,79"))
        self.assertEqual(OrgUnit.objects.get(code="VN-01-00004").name, "Phường Ba Đình")


class LoadOptionsTests(TestCase):
    def test_a_dry_run_counts_what_it_would_load_and_writes_nothing(self):
        output = load("--provinces", "01", "--dry-run")
        self.assertIn("Chạy thử, chưa ghi gì", output)
        self.assertIn("mới, 0 cập nhật, 0 không đổi", output)
        self.assertEqual(OrgUnit.objects.count(), 0)

    def test_only_2025_leaves_out_the_former_units(self):
        load("--provinces", "01", "--only-2025")
        self.assertEqual(OrgUnit.objects.count(), 1 + 1 + 126)
        self.assertFalse(OrgUnit.objects.filter(code__startswith="VN63").exists())
        # The former units come later, beside the 2025 ones already there.
        self.assertIn("128 không đổi", load("--provinces", "01"))
        self.assertTrue(OrgUnit.objects.filter(code="VN63-01-001-00001").exists())

    def test_an_unknown_province_code_is_refused_with_the_codes_there_are(self):
        with self.assertRaisesMessage(CommandError, "Không có tỉnh, thành phố mã 02"):
            load("--provinces", "01,02")
        self.assertEqual(OrgUnit.objects.count(), 0)


class LoadWholeCountryTests(TestCase):
    def test_the_whole_country_loads_in_seconds_with_every_former_commune_succeeded(self):
        started = time.perf_counter()
        output = load()
        self.assertLess(time.perf_counter() - started, 60)
        self.assertIn("Đã nạp: 14.150 đơn vị hành chính", output)
        self.assertEqual(current(kind=UnitKind.PROVINCE).count(), 34)
        self.assertEqual(current(kind=UnitKind.COMMUNE).count(), 3321)
        self.assertEqual(closed(kind=UnitKind.PROVINCE).count(), 63)
        self.assertEqual(closed(kind=UnitKind.DISTRICT).count(), 696)
        self.assertEqual(closed(kind=UnitKind.COMMUNE).count(), 10035)
        self.assertFalse(closed(successor=None).exists())
        self.assertFalse(
            closed(kind=UnitKind.COMMUNE).exclude(successor__valid_from=FIRST_DAY).exists()
        )
        assert_tree_consistent(self)


class OfficialNameTests(SimpleTestCase):
    def test_the_type_word_is_written_as_officials_write_it(self):
        self.assertEqual(
            official_name("Thành Phố Bắc Kạn"), ("Thành phố Bắc Kạn", "Thành phố", "Bắc Kạn")
        )
        self.assertEqual(official_name("Thị Trấn  Ái Tử")[0], "Thị trấn Ái Tử")

    def test_english_names_put_the_word_first_for_numbered_units(self):
        self.assertEqual(english_name("Tỉnh", "Lào Cai"), "Lao Cai Province")
        self.assertEqual(english_name("Phường", "7"), "Ward 7")
        self.assertEqual(english_name("Quận", "1"), "District 1")
        self.assertEqual(english_name("Xã", "Ea H'leo"), "Ea H'leo Commune")
