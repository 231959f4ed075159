"""Subtree totals at national scale (`make bench`).

For the whole country, the median province and the largest province, an entered
six-month period and a year derived from its halves (each with the same period a year
earlier, as the totals page shows):
``subtree_totals()`` as the tree stood and in today's tree (closed districts counted in
their successors), and the totals page through Django's test client as a superuser —
median of repeated runs and the number of SQL queries, on SQLite and PostgreSQL with the
national data set loaded.

References: the raw values table summed with one GROUP BY in the database (what totals
cost without the rollup), and the same result in DuckDB over an export of the same values:
the subtree's sums for both periods and the current period's breakdown by child.
Targets, reported and not asserted: at the service layer ≤ 15 ms for the country and
≤ 30 ms for any province (the largest is measured), the page ≤ 100 ms, and the same query
count for the country as for a province.

    python -m bench totals
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from pathlib import Path

from bench.common import (
    OUT,
    SQLITE_NATIONAL,
    backends,
    child,
    ensure_national,
    setup_django,
    timed,
)
from bench.common import table as format_table

# What is measured: (period, a year earlier). The year's values are derived from the
# halves the units entered, stored and rolled up as the entered ones are.
CASES = {"half year, entered": ("2025S1", "2024S1"), "year, derived": ("2024", "2023")}
PAGE_TARGET_MS = 100.0
SERVICE_TARGET_MS = {"country": 15.0, "province": 30.0, "largest province": 30.0}
DUCKDB_FILE = OUT / "national.duckdb"
SEGMENT = 9  # one level of the unit path: eight digits and a dot


def _targets():
    """The root (whole country), the province in the middle by number of units and the
    largest one."""
    from django.db.models import Count

    from ttdn.orgunits.models import OrgUnit

    root = OrgUnit.objects.filter(parent__isnull=True).order_by("-child_count").first()
    provinces = list(OrgUnit.objects.filter(kind="province", valid_to__isnull=True))
    sizes = dict(
        OrgUnit.objects.filter(parent__in=provinces)
        .values("parent")
        .annotate(n=Count("id"))
        .values_list("parent", "n")
    )
    provinces.sort(key=lambda p: (sizes.get(p.pk, 0), p.code))
    return [
        ("country", root),
        ("province", provinces[len(provinces) // 2]),
        ("largest province", provinces[-1]),
    ]


def measure(url: str) -> dict:
    setup_django(url)
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ttdn.indicators import services
    from ttdn.lib.periods import parse_period_id
    from ttdn.orgunits.models import OrgUnit

    admin = get_user_model().objects.filter(is_superuser=True).first() or (
        get_user_model().objects.create_superuser("bench-admin", password="Bench-mat-khau-1")
    )
    client = Client()
    client.force_login(admin)
    results: dict = {"cases": {}, "units": OrgUnit.objects.count(), "raw_group_by": {}}
    targets = _targets()
    for case, (period_id, previous_id) in CASES.items():
        period = parse_period_id(period_id)
        rows = results["cases"][case] = {}
        for label, unit in targets:
            entry = {"unit": unit.name, "size": OrgUnit.objects.subtree(unit).count()}
            for view in (services.AS_STOOD, services.CURRENT):

                def call(unit=unit, view=view, period=period):
                    return services.subtree_totals(unit, period, view=view)

                with CaptureQueriesContext(connection) as queries:
                    totals = call()
                entry[view] = {
                    **timed(call, repeat=15, warmup=2),
                    "queries": len(queries),
                    "rows": len(totals.rows),
                    "derived_rows": sum(1 for r in totals.rows if r.derived_units),
                }
            page = reverse("indicators:totals", args=[unit.code, period.id])

            def get(page=page):
                response = client.get(page)
                if response.status_code != 200:
                    raise RuntimeError(f"{page}: HTTP {response.status_code}")
                return response

            # A request empties the query log when it starts (the request_started
            # signal), so the capture must start from an empty log too.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                get()
            entry["page"] = {**timed(get, repeat=9, warmup=1), "queries": len(queries)}
            rows[label] = entry
        results["raw_group_by"][case] = _raw_group_by(connection, period_id, previous_id)
    return results


def _raw_group_by(connection, period_id: str, previous_id: str) -> dict:
    """The national sum straight from the values table: what the rollup saves."""
    from ttdn.indicators.models import DataValue

    table = DataValue._meta.db_table

    def query():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT period, indicator_id, option, SUM(value), COUNT(*) FROM {table} "
                "WHERE period IN (%s, %s) GROUP BY period, indicator_id, option",
                [period_id, previous_id],
            )
            return cursor.fetchall()

    return timed(query, repeat=5, warmup=1)


# DuckDB reference ------------------------------------------------------------------


def _export_values(csv_path: Path) -> int:
    """The national values with their units' paths, from the SQLite bench database."""
    source = sqlite3.connect(f"file:{SQLITE_NATIONAL}?mode=ro", uri=True)
    rows = source.execute(
        "SELECT u.path, v.period, v.indicator_id, v.option, v.value "
        "FROM indicators_datavalue v JOIN orgunits_orgunit u ON u.id = v.unit_id"
    )
    count = 0
    with csv_path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["path", "period", "indicator_id", "option", "value"])
        for row in rows:
            writer.writerow(row)
            count += 1
    source.close()
    return count


def duckdb_reference(paths: dict[str, str]) -> dict | None:
    """Median time of the same sums in DuckDB, or None without duckdb. ``paths`` maps a
    target to its unit path; the export is made once and kept in bench-out/."""
    try:
        import duckdb
    except ImportError:
        return None
    expected = (
        sqlite3.connect(SQLITE_NATIONAL)
        .execute("SELECT COUNT(*) FROM indicators_datavalue")
        .fetchone()[0]
    )
    database = duckdb.connect(str(DUCKDB_FILE))
    try:
        loaded = (
            database.execute(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'v'"
            ).fetchone()[0]
            and database.execute("SELECT COUNT(*) FROM v").fetchone()[0]
        )
        if loaded != expected:
            csv_path = OUT / "national-values.csv"
            _export_values(csv_path)
            database.execute(
                "CREATE OR REPLACE TABLE v AS SELECT * FROM read_csv(?, header = true, "
                "columns = {'path': 'VARCHAR', 'period': 'VARCHAR', 'indicator_id': 'BIGINT', "
                "'option': 'VARCHAR', 'value': 'DECIMAL(20,4)'})",
                [str(csv_path)],
            )
            csv_path.unlink()
        timings: dict = {}
        # What subtree_totals() returns: the subtree's sums for both periods, and the
        # current period's sums per child (each child's path is the unit's path plus one
        # fixed-width segment).
        totals_sql = (
            "SELECT period, indicator_id, option, SUM(value), COUNT(*) FROM v "
            "WHERE period IN (?, ?) AND starts_with(path, ?) "
            "GROUP BY period, indicator_id, option"
        )
        branches_sql = (
            "SELECT left(path, ?) AS child, indicator_id, option, SUM(value) FROM v "
            "WHERE period = ? AND starts_with(path, ?) AND length(path) > ? "
            "GROUP BY child, indicator_id, option"
        )
        for case, (period_id, previous_id) in CASES.items():
            for label, path in paths.items():
                child_length = len(path) + SEGMENT

                def both(path=path, child_length=child_length, now=period_id, before=previous_id):
                    database.execute(totals_sql, [now, before, path]).fetchall()
                    database.execute(branches_sql, [child_length, now, path, len(path)]).fetchall()

                timings[(case, label)] = timed(both, repeat=15, warmup=1)["median_ms"]
        return timings
    finally:
        database.close()


def _paths() -> dict[str, str]:
    """Paths of the measured units, read the way the child processes choose them."""
    source = sqlite3.connect(f"file:{SQLITE_NATIONAL}?mode=ro", uri=True)
    root = source.execute(
        "SELECT path FROM orgunits_orgunit WHERE parent_id IS NULL ORDER BY child_count DESC"
    ).fetchone()[0]
    provinces = source.execute(
        "SELECT p.path FROM orgunits_orgunit p LEFT JOIN orgunits_orgunit c "
        "ON c.parent_id = p.id WHERE p.kind = 'province' AND p.valid_to IS NULL "
        "GROUP BY p.id ORDER BY COUNT(c.id), p.code"
    ).fetchall()
    source.close()
    return {
        "country": root,
        "province": provinces[len(provinces) // 2][0],
        "largest province": provinces[-1][0],
    }


def run() -> int:
    measured = []
    for name, url in backends():
        ensure_national(url)
        measured.append((name, child("bench.totals_bench", url)))
    reference = duckdb_reference(_paths())
    rows = []
    for name, result in measured:
        for case, by_label in result["cases"].items():
            for label, r in by_label.items():
                where = f"{label}: {r['unit']} ({r['size']:,} units)"
                duck = reference.get((case, label)) if reference else None
                for view, title in (
                    ("as_stood", "subtree_totals()"),
                    ("current", "subtree_totals(view=current)"),
                    ("page", "totals page (test client)"),
                ):
                    m = r[view]
                    ratio = f"{m['median_ms'] / duck:.1f}×" if duck and view != "page" else ""
                    target = PAGE_TARGET_MS if view == "page" else SERVICE_TARGET_MS[label]
                    rows.append(
                        [
                            name,
                            case,
                            where,
                            title,
                            m["median_ms"],
                            m["p95_ms"],
                            m["queries"],
                            ratio,
                            f"≤ {target:.0f}: " + ("yes" if m["median_ms"] <= target else "NO"),
                        ]
                    )
            raw = result["raw_group_by"][case]
            rows.append(
                [name, case, "country", "raw GROUP BY on the values table", raw["median_ms"],
                 raw["p95_ms"], 1, "", "(reference)"]
            )  # fmt: skip
    if reference:
        for (case, label), ms in reference.items():
            rows.append(
                ["DuckDB", case, label, "same sums and breakdown, export", ms, "", "", "1.0×", ""]
            )
    print(
        format_table(
            [
                "database",
                "period",
                "subtree",
                "measured",
                "median ms",
                "p95 ms",
                "queries",
                "vs DuckDB",
                "target ms",
            ],
            rows,
        )  # fmt: skip
    )
    if measured:
        units = measured[0][1]["units"]
        cases = "; ".join(f"{case}: {now} with {before}" for case, (now, before) in CASES.items())
        print(f"national data set: {units:,} units; {cases}")
    if reference is None:
        print("DuckDB reference skipped: install the bench extras (duckdb)")
    for name, result in measured:
        counts = {
            (case, label): r["as_stood"]["queries"]
            for case, by_label in result["cases"].items()
            for label, r in by_label.items()
        }
        if len(set(counts.values())) != 1:
            print(f"{name}: query count differs between subtrees: {counts}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2])))
    else:
        sys.exit(run())
