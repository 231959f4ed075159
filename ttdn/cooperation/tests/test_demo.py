"""The demo's cooperation records pass every rule the registers apply."""

from __future__ import annotations

from django.test import TestCase

from ttdn.cooperation.models import (
    Agreement,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
)
from ttdn.demo.cooperation import load_cooperation, wipe_cooperation
from ttdn.orgunits.models import UnitKind
from ttdn.testing import make_unit


class DemoRecordTests(TestCase):
    def test_the_demo_records_are_valid_and_go_away_with_a_wipe(self):
        bdi = make_unit("BDI", "Tỉnh Bình Định", UnitKind.PROVINCE)
        nbh = make_unit("NBH", "Tỉnh Ninh Bình", UnitKind.PROVINCE)
        units = [bdi, nbh]
        for code, name, kind, parent in (
            ("BDI-SNGV", "Sở Ngoại vụ", UnitKind.DEPARTMENT, bdi),
            ("BDI-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", UnitKind.DEPARTMENT, bdi),
            ("BDI-QN", "Phường Quy Nhơn", UnitKind.COMMUNE, bdi),
            ("BDI-AN", "Phường An Nhơn", UnitKind.COMMUNE, bdi),
            ("BDI-PL", "Xã Phước Lộc", UnitKind.COMMUNE, bdi),
            ("NBH-SNGV", "Sở Ngoại vụ", UnitKind.DEPARTMENT, nbh),
            ("NBH-HL", "Phường Hoa Lư", UnitKind.COMMUNE, nbh),
        ):
            units.append(make_unit(code, name, kind, parent))
        made = load_cooperation({u.code: u.pk for u in units})
        self.assertEqual(made, 22)
        for model in (TrainingCourse, CourseAttendance, Delegation, Partner, Agreement):
            for record in model.objects.all():
                record.full_clean()
        self.assertEqual(CourseAttendance.objects.filter(course__unit__code="BDI-SNGV").count(), 3)
        wipe_cooperation()
        self.assertFalse(Partner.objects.exists())
