"""The base test case: named people across a small unit tree, built once per class."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import TestCase, override_settings

from ttdn.accounts.models import Membership, Role
from ttdn.orgunits.models import OrgUnit, UnitKind

if TYPE_CHECKING:
    from ttdn.reporting.models import ReportRequest

PASSWORD = "Mat-khau-thu-2024"
REPO = Path(__file__).resolve().parents[1]


def make_unit(code: str, name: str, kind: str, parent: OrgUnit | None = None, **extra) -> OrgUnit:
    unit = OrgUnit(code=code, name=name, kind=kind, parent=parent, **extra)
    unit.save()
    return unit


def make_person(username: str, unit: OrgUnit | None, role: str | None, **extra) -> User:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if unit is not None and role is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def assert_tree_as_save_builds_it(test: TestCase) -> None:
    """Rebuild the tree one OrgUnit.save() at a time under new codes and compare path
    (translated to the original ids), depth and child count of every unit."""
    units = list(OrgUnit.objects.order_by("depth", "pk"))
    copies: dict[int, OrgUnit] = {}
    for unit in units:
        copy = OrgUnit(
            code=f"copy-{unit.pk}",
            name=unit.name,
            kind=unit.kind,
            parent=copies[unit.parent_id] if unit.parent_id else None,
        )
        copy.save()
        copies[unit.pk] = copy
    original_of = {copy.pk: pk for pk, copy in copies.items()}
    for unit in units:
        copy = OrgUnit.objects.get(pk=copies[unit.pk].pk)
        translated = "".join(
            f"{original_of[int(segment)]:08d}." for segment in copy.path.split(".")[:-1]
        )
        test.assertEqual(
            (unit.path, unit.depth, unit.child_count),
            (translated, copy.depth, copy.child_count),
            unit.code,
        )


def run_django(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` after django.setup() in a fresh process with only ``env`` set among
    the TTDN_ variables (settings read at start-up)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("TTDN_")}
    clean.pop("DATABASE_URL", None)
    # Set by the browser tests for their live server; never part of a deployment.
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "ttdn.settings",
            "PYTHONPATH": str(REPO),
            "TTDN_DATA_DIR": str(tmp_path),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


class TreeTestCase(TestCase):
    """Bình Định with two sibling communes and a department; Hà Nam as the outside.

    People: a province consolidator, a province officer, a commune officer in each
    sibling commune, a commune leader, a read-only viewer of the province, an outsider
    (an officer in Hà Nam).
    """

    province: ClassVar[OrgUnit]
    commune: ClassVar[OrgUnit]
    sibling: ClassVar[OrgUnit]
    department: ClassVar[OrgUnit]
    other_province: ClassVar[OrgUnit]
    other_commune: ClassVar[OrgUnit]
    consolidator: ClassVar[User]
    province_officer: ClassVar[User]
    officer: ClassVar[User]
    sibling_officer: ClassVar[User]
    leader: ClassVar[User]
    viewer: ClassVar[User]
    outsider: ClassVar[User]

    @classmethod
    def setUpTestData(cls):
        cls.province = make_unit(
            "BDI", "Tỉnh Bình Định", UnitKind.PROVINCE, name_en="Binh Dinh Province"
        )
        cls.commune = make_unit("BDI-QN", "Phường Quy Nhơn", UnitKind.COMMUNE, cls.province)
        cls.sibling = make_unit("BDI-TP", "Xã Tuy Phước", UnitKind.COMMUNE, cls.province)
        cls.department = make_unit(
            "BDI-SVH", "Sở Văn hóa, Thể thao và Du lịch", UnitKind.DEPARTMENT, cls.province
        )
        cls.other_province = make_unit("HNA", "Tỉnh Hà Nam", UnitKind.PROVINCE)
        cls.other_commune = make_unit(
            "HNA-PL", "Phường Phủ Lý", UnitKind.COMMUNE, cls.other_province
        )
        for unit in (cls.province, cls.other_province):
            unit.refresh_from_db()
        cls.consolidator = make_person("tonghop.bdi", cls.province, Role.CONSOLIDATOR)
        cls.province_officer = make_person("canbo.bdi", cls.province, Role.OFFICER)
        cls.officer = make_person("canbo.quynhon", cls.commune, Role.OFFICER)
        cls.sibling_officer = make_person("canbo.tuyphuoc", cls.sibling, Role.OFFICER)
        cls.leader = make_person("lanhdao.quynhon", cls.commune, Role.LEADER)
        cls.viewer = make_person("xem.bdi", cls.province, Role.VIEWER)
        cls.outsider = make_person("canbo.hanam", cls.other_commune, Role.OFFICER)

    def use_scratch_folders(self) -> Path:
        """Point MEDIA_ROOT (evidence) and ARCHIVE_ROOT (originals) at ``media`` and
        ``archive`` in a folder of this test's own, removed after it; returns the folder."""
        folder = Path(tempfile.mkdtemp(prefix="ttdn_test_"))
        self.addCleanup(shutil.rmtree, folder, True)
        override = override_settings(MEDIA_ROOT=folder / "media", ARCHIVE_ROOT=folder / "archive")
        override.enable()
        self.addCleanup(override.disable)
        return folder

    @classmethod
    def issue_half_year_request(
        cls,
        units: list[OrgUnit],
        deadline: date = date(2024, 6, 28),
        issued_on: date = date(2024, 6, 14),
    ) -> ReportRequest:
        """The province's công văn 812/UBND-VX asking ``units`` for their report of the
        first half of 2024 on the default form, issued by its consolidator."""
        from ttdn.reporting import services
        from ttdn.reporting.models import ReportForm

        return services.issue_request(
            cls.consolidator,
            cls.province,
            ReportForm.objects.get(code="ttdn-6-thang"),
            "2024S1",
            "812/UBND-VX",
            issued_on,
            deadline,
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            units=units,
        )


def log_in(client, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form (throttling needs the request)."""
    from django.urls import reverse

    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    if response.status_code != 302:
        raise AssertionError(f"login of {username} failed: {response.status_code}")
