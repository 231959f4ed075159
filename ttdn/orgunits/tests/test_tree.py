from datetime import date

from django.test import TestCase

from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.testing import make_unit


class TreeTests(TestCase):
    def setUp(self):
        self.province = make_unit("P", "Tỉnh A", UnitKind.PROVINCE)
        self.district = make_unit("P-D", "Huyện B", UnitKind.DISTRICT, self.province)
        self.commune = make_unit("P-D-C", "Xã C", UnitKind.COMMUNE, self.district)
        self.other = make_unit("Q", "Tỉnh Q", UnitKind.PROVINCE)

    def test_a_subtree_at_any_depth_is_one_query(self):
        with self.assertNumQueries(1):
            codes = [u.code for u in OrgUnit.objects.subtree(self.province)]
        self.assertEqual(codes, ["P", "P-D", "P-D-C"])

    def test_moving_a_unit_moves_its_whole_subtree(self):
        self.district.parent = self.other
        self.district.save()
        self.commune.refresh_from_db()
        self.assertTrue(self.commune.path.startswith(self.other.path))
        self.assertEqual(self.commune.depth, 2)
        self.province.refresh_from_db()
        self.other.refresh_from_db()
        self.assertEqual((self.province.child_count, self.other.child_count), (0, 1))
        self.assertEqual(
            [u.code for u in OrgUnit.objects.subtree(self.other)], ["Q", "P-D", "P-D-C"]
        )

    def test_ancestors_come_from_the_path(self):
        self.assertEqual([u.code for u in self.commune.ancestors()], ["P", "P-D"])

    def test_validity_dates_select_the_units_that_existed(self):
        self.district.valid_to = date(2025, 6, 30)
        self.district.save()
        active = OrgUnit.objects.active_on(date(2025, 7, 1)).values_list("code", flat=True)
        self.assertNotIn("P-D", active)
        during = OrgUnit.objects.active_during(date(2025, 1, 1), date(2025, 12, 31))
        self.assertIn("P-D", during.values_list("code", flat=True))
