"""The national demonstration set on the country's real administrative tree: the 34
provinces and 3,321 communes since 1 July 2025 and the 63 former provinces with their
districts and communes (``vietnam.py``), each 2025 province with ~55 departments,
agencies and press offices (data/national_departments.csv), and ten years of
six-monthly values.

Each unit reports the half-years in which it existed: the departments all ten years,
the former districts and their wards and townships (phường, thị trấn) until June 2025 —
a rural commune's (xã) external-information work was reported by its district — and the
2025 communes from July 2025. About 3 M values and as many derived years and nine months.

It exists to measure consolidation at the scale the design promises. The tree goes in
through ``import_units`` as any other tree, the values through the bulk writer, and the
subtree sums are those of the rollup service, counted as the values are written.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import connection, transaction
from tqdm import tqdm

from ttdn.accounts.models import Role
from ttdn.demo.small import SEED, DemoResult, PersonSpec, create_people, plan_values
from ttdn.demo.values import full_rows, iter_rows, write_values
from ttdn.indicators import rollup
from ttdn.indicators.models import DataValue
from ttdn.lib.bulkrows import bulk_load_mode
from ttdn.lib.textfold import unaccent
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.orgunits.services import UnitRow, import_units
from ttdn.orgunits.vietnam import FIRST_DAY, vietnam_rows

FIRST_YEAR = 2016
LAST_YEAR = 2025
TOURISM_SHARE = 0.2  # communes that also count visitors
DEPARTMENTS = Path(__file__).parent / "data" / "national_departments.csv"
REPORTING_FORMER = ("Phường ", "Thị trấn ")  # former communes that reported themselves


def departments(province: UnitRow) -> list[UnitRow]:
    """The province's departments, agencies and press offices, named after it ("Báo và
    Phát thanh, Truyền hình Gia Lai"), with the report profile each fills."""
    place = province.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    in_text = province.name[0].lower() + province.name[1:]  # "tỉnh Gia Lai"
    with DEPARTMENTS.open(encoding="utf-8", newline="") as file:
        return [
            UnitRow(
                code=f"{province.code}-{row['code']}",
                name=row["name"].format(place=place, province=in_text),
                name_en=row["name_en"],
                kind=row["kind"],
                parent_code=f"{province.code}-{row['parent_code']}"
                if row["parent_code"]
                else province.code,
                line=0,
            )
            for row in csv.DictReader(file)
        ]


def department_profiles() -> dict[str, str]:
    with DEPARTMENTS.open(encoding="utf-8", newline="") as file:
        return {row["code"]: row["profile"] for row in csv.DictReader(file)}


def national_tree(
    provinces: Iterable[str] | None = None, seed: int = SEED
) -> tuple[list[UnitRow], dict[str, str]]:
    """The unit rows, parents first, and the report profile of every unit that reports.
    ``provinces``: 2025 province codes ("37", "52"), with the former provinces merged
    into them; all when None."""
    rows, _unmapped = vietnam_rows(provinces)
    rng = random.Random(seed)
    kinds = department_profiles()
    tree: list[UnitRow] = []
    profiles: dict[str, str] = {}
    for row in rows:
        tree.append(row)
        if row.kind == UnitKind.PROVINCE and row.valid_from == FIRST_DAY:
            for department in departments(row):
                tree.append(department)
                profiles[department.code] = kinds[department.code.rsplit("-", 1)[1]]
        elif row.kind == UnitKind.DISTRICT:
            profiles[row.code] = "district"
        elif row.kind == UnitKind.COMMUNE and (
            row.valid_from == FIRST_DAY or row.name.startswith(REPORTING_FORMER)
        ):
            profiles[row.code] = "commune_tourism" if rng.random() < TOURISM_SHARE else "commune"
    return tree, profiles


def national_people(tree: list[UnitRow]) -> list[PersonSpec]:
    """The same roles as the small demo, in the first 2025 province and its first two
    communes: tonghop.hanoi, canbo.hanoi, …"""
    province = next(r for r in tree if r.kind == UnitKind.PROVINCE and r.valid_from == FIRST_DAY)
    communes = [r.code for r in tree if r.parent_code == province.code and r.kind == "commune"]
    first, second = communes[0], communes[min(1, len(communes) - 1)]
    place = province.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    key = unaccent(place).lower().replace(" ", "")
    return [
        PersonSpec("admin", "Quản trị hệ thống", None, None),
        PersonSpec(f"quantri.{key}", "Lê Minh Quân", province.code, Role.ADMIN),
        PersonSpec(f"tonghop.{key}", "Trần Thị Thu Hà", province.code, Role.CONSOLIDATOR),
        PersonSpec(f"xem.{key}", "Phạm Văn Đức", province.code, Role.VIEWER),
        PersonSpec(f"lanhdao.{key}", "Nguyễn Văn Hùng", first, Role.LEADER),
        PersonSpec(f"canbo.{key}", "Võ Thị Mai", first, Role.OFFICER),
        PersonSpec(f"canbo2.{key}", "Đặng Quốc Bảo", second, Role.OFFICER),
    ]


def _fast_sqlite_pragmas() -> Callable[[], None]:
    """Skip fsync and give the page cache room while loading; return the undo.

    Losing the load to a power cut is harmless (run it again with --replace); the
    settings are restored on the same connection afterwards.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return lambda: None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB, in KiB

    def restore() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    return restore


def load_national(
    provinces: Iterable[str] | None = None,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
    seed: int = SEED,
    password: str | None = None,
    progress: bool = False,
) -> DemoResult:
    started = time.perf_counter()
    result = DemoResult()
    tree, profiles = national_tree(provinces, seed)
    rng = random.Random(seed + 1)
    restore = _fast_sqlite_pragmas()
    try:
        # SQLite checks every foreign key row by row; these ids come from this same load
        with connection.constraint_checks_disabled(), transaction.atomic():
            import_units(tree)
            plan = plan_values(profiles, first_year, last_year, rng, year_totals=True)
            sums = rollup.SubtreeSums()
            with bulk_load_mode(DataValue):
                with tqdm(
                    total=plan.row_count(),
                    unit=" values",
                    unit_scale=True,
                    disable=not progress,
                    mininterval=0.5,
                ) as bar:
                    result.values = write_values(_counted(full_rows(iter_rows(plan)), sums), bar)
                if progress:
                    print("Building indexes and subtree sums …", file=sys.stderr)
            result.rollup_rows = rollup.rebuild(sums=sums, loading=True)
            ids = dict(OrgUnit.objects.values_list("code", "pk"))
            result.people = create_people(national_people(tree), ids, password)
    finally:
        restore()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # fresh planner statistics, or the first reports plan for an empty table
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result.units = len(tree)
    result.seconds = time.perf_counter() - started
    return result


def _counted(batches: Iterable[list[tuple]], sums: rollup.SubtreeSums) -> Iterable[list[tuple]]:
    """The value rows on their way to the database, counted into the subtree sums."""
    for batch in batches:
        sums.add(
            (unit, period, indicator, option, value, derived, months)
            for indicator, unit, period, option, value, _v, _s, _c, _a, _u, derived, months in batch
        )
        yield batch
