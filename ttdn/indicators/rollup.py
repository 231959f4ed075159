"""Upkeep, rebuild and verification of the subtree-sum rollup (RollupValue)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from decimal import Decimal
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from ttdn.indicators.models import DataValue, RollupValue
from ttdn.lib.bulkrows import bulk_load_mode
from ttdn.lib.bulkrows import insert_tuples as bulk_insert
from ttdn.orgunits.models import SEGMENT, OrgUnit

# (unit id, period, indicator id, option) → (Δvalue, Δcount, Δderived count, Δpartial count)
Deltas = dict[tuple[int, str, int, str], tuple[Decimal, int, int, int]]
NO_CHANGE = (Decimal(0), 0, 0, 0)


class Change(NamedTuple):
    """What a write did to one unit's values of one indicator, option and period, as the
    rollup counts it. A tuple: a rebuild of derived values makes thousands."""

    indicator_id: int
    option: str
    value: Decimal  # Δ of the sum
    n: int  # Δ of the number of values
    derived: int  # Δ of how many of them are derived
    partial: int  # Δ of how many cover only part of the period


def ancestor_ids(path: str, include_self: bool) -> list[int]:
    """Unit ids along a materialised path ("00000001.00000042." → [1, 42])."""
    ids = [int(path[i : i + SEGMENT - 1]) for i in range(0, len(path), SEGMENT)]
    return ids if include_self else ids[:-1]


def targets(unit: OrgUnit) -> list[int]:
    """The units whose rollup a value of ``unit`` counts in: its ancestors, and itself
    when it has children."""
    return ancestor_ids(unit.path, include_self=unit.child_count > 0)


def apply(deltas: Deltas) -> None:
    """Add deltas to the rollup in one statement; drop rows left with no values.

    Must run inside the transaction that wrote the values.
    """
    # Sorted, so concurrent writers lock shared ancestor rows in the same order and never
    # deadlock each other.
    rows = sorted((*key, *change) for key, change in deltas.items() if any(change))
    if not rows:
        return
    table = RollupValue._meta.db_table
    upsert = (
        "ON CONFLICT (unit_id, period, indicator_id, option) DO UPDATE SET "
        f"value = {table}.value + excluded.value, n = {table}.n + excluded.n, "
        f"d = {table}.d + excluded.d, p = {table}.p + excluded.p"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column: PostgreSQL parses and plans eight parameters instead
            # of eight per row, which for a form's few hundred rows is most of the cost.
            columns = [list(column) for column in zip(*rows, strict=True)]
            cursor.execute(
                f"INSERT INTO {table} (unit_id, period, indicator_id, option, value, n, d, p) "
                "SELECT * FROM unnest(%s::bigint[], %s::varchar[], %s::bigint[], "
                "%s::varchar[], %s::numeric[], %s::integer[], %s::integer[], %s::integer[]) "
                + upsert,
                columns,
            )
            rows_left = []
        else:
            rows_left = rows
        for start in range(0, len(rows_left), 500):
            chunk = rows_left[start : start + 500]
            placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            params = [str(x) if isinstance(x, Decimal) else x for row in chunk for x in row]
            cursor.execute(
                f"INSERT INTO {table} (unit_id, period, indicator_id, option, value, n, d, p) "
                f"VALUES {placeholders} " + upsert,
                params,
            )
        if any(row[5] < 0 for row in rows):  # only a removed value can empty a row
            RollupValue.objects.filter(
                unit_id__in={r[0] for r in rows}, period__in={r[1] for r in rows}, n=0
            ).delete()


def add_changes(
    deltas: Deltas,
    unit: OrgUnit,
    period: str,
    changes: Iterable[Change],
) -> None:
    """Accumulate value changes of one unit in one period."""
    owners = targets(unit)
    for change in changes:
        delta = (change.value, change.n, change.derived, change.partial)
        for owner in owners:
            key = (owner, period, change.indicator_id, change.option)
            deltas[key] = add(deltas.get(key, NO_CHANGE), delta)


def add(first, second, sign: int = 1) -> tuple:
    return tuple(a + sign * b for a, b in zip(first, second, strict=True))


SUMS = {
    "total": Sum("value"),
    "count": Count("id"),
    "derived_count": Count("id", filter=Q(derived=True)),
    "partial_count": Count("id", filter=Q(months__isnull=False)),
}
SUM_NAMES = ("total", "count", "derived_count", "partial_count")


def own_sums(unit: OrgUnit):
    """(period, indicator id, option, sum, count, derived count, partial count) of the
    unit's own values."""
    return (
        DataValue.objects.filter(unit=unit)
        .values("period", "indicator_id", "option")
        .annotate(**SUMS)
        .values_list("period", "indicator_id", "option", *SUM_NAMES)
        .order_by()
    )


def subtree_sums(unit: OrgUnit) -> dict[tuple[str, int, str], tuple]:
    """(period, indicator id, option) → (sum, count, derived count, partial count) over
    ``unit``'s subtree, fresh."""
    if unit.child_count:
        rows = RollupValue.objects.filter(unit=unit).values_list(
            "period", "indicator_id", "option", "value", "n", "d", "p"
        )
    else:
        rows = own_sums(unit)
    return {(p, i, o): tuple(rest) for p, i, o, *rest in rows}


def move_subtree(unit: OrgUnit, old_path: str, new_path: str) -> None:
    """Take a moved subtree's sums out of its old ancestors and into its new ones."""
    sums = subtree_sums(unit)
    if not sums:
        return
    deltas: Deltas = {}
    for sign, path in ((-1, old_path), (1, new_path)):
        for owner in ancestor_ids(path, include_self=False):
            for (period, indicator_id, option), change in sums.items():
                key = (owner, period, indicator_id, option)
                deltas[key] = add(deltas.get(key, NO_CHANGE), change, sign)
    apply(deltas)


class SubtreeSums:
    """The rollup of values as they stream past, in one pass and in memory.

    Each value belongs first to its unit when that has children (its own share), else to
    its unit's parent; its sums are kept per first owner and added up the owners' paths
    at the end. One pass over the values, where a GROUP BY per tree level sorted the
    8 M values of the national set once per level (a minute on SQLite). A bulk load
    watches the rows it writes, which spares it reading them back.
    """

    def __init__(self) -> None:
        self.first_owner: dict[int, int] = {}
        self.owners: dict[int, list[int]] = {}  # owner → itself and its ancestors
        for pk, parent_id, child_count, path in OrgUnit.objects.values_list(
            "pk", "parent_id", "child_count", "path"
        ):
            if child_count:
                self.first_owner[pk] = pk
                self.owners[pk] = ancestor_ids(path, include_self=True)
            elif parent_id is not None:
                self.first_owner[pk] = parent_id
        # (owner, period, indicator id, option) → [sum, count, derived count, partial count]
        self.sums: dict[tuple[int, str, int, str], list] = {}

    def add(self, rows: Iterable[tuple]) -> None:
        """Count rows of (unit id, period, indicator id, option, value, derived, months)."""
        sums, first_owner = self.sums, self.first_owner
        for unit_id, period, indicator_id, option, value, derived, months in rows:
            owner = first_owner.get(unit_id)
            if owner is None:
                continue  # a root without children
            if type(value) is float:  # SQLite hands back decimals with a fraction as floats
                value = Decimal(str(value))
            key = (owner, period, indicator_id, option)
            total = sums.get(key)
            if total is None:
                sums[key] = [value, 1, 1 if derived else 0, 0 if months is None else 1]
            else:
                total[0] += value
                total[1] += 1
                if derived:
                    total[2] += 1
                if months is not None:
                    total[3] += 1

    def result(self) -> dict[tuple[int, str, int, str], tuple[Decimal, int, int, int]]:
        spread: dict[tuple[int, str, int, str], list] = {}
        for (owner, period, indicator_id, option), change in self.sums.items():
            for unit_id in self.owners[owner]:
                key = (unit_id, period, indicator_id, option)
                total = spread.get(key)
                if total is None:
                    spread[key] = list(change)
                else:
                    for i, amount in enumerate(change):
                        total[i] += amount
        return {key: (Decimal(total), n, d, p) for key, (total, n, d, p) in spread.items()}


def stored_values(periods: list[str] | None = None) -> Iterator[list[tuple]]:
    """Every value as (unit id, period, indicator id, option, value, derived, months), in
    batches read straight from the database cursor."""
    qs = DataValue.objects.all()
    if periods:
        qs = qs.filter(period__in=periods)
    sql, params = qs.values_list(
        "unit_id", "period", "indicator_id", "option", "value", "derived", "months"
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(50_000):
            yield batch


def fresh_sums(
    periods: list[str] | None = None,
) -> dict[tuple[int, str, int, str], tuple[Decimal, int, int, int]]:
    """The rollup recomputed from the raw values."""
    sums = SubtreeSums()
    for batch in stored_values(periods):
        sums.add(batch)
    return sums.result()


ROLLUP_COLUMNS = ("unit", "period", "indicator", "option", "value", "n", "d", "p")


def rebuild(
    periods: list[str] | None = None, sums: SubtreeSums | None = None, loading: bool = False
) -> int:
    """Recompute the rollup (after tree edits or bulk loads); returns rows written.

    ``sums``: the values already counted as they were written (a bulk load), instead of
    reading them all again. ``loading``: the database is being loaded, so the table's
    plain indexes and keys may be dropped while writing and built once afterwards
    (readers of the table wait meanwhile)."""
    fresh = sums.result() if sums is not None else fresh_sums(periods)
    rows = [(*key, *change) for key, change in sorted(fresh.items())]
    with transaction.atomic():
        existing = RollupValue.objects.all()
        if periods:
            existing = existing.filter(period__in=periods)
        existing.delete()
        # The driver's bulk path: the ORM's bulk_create spends minutes building model
        # instances for the national set's 1.5 M sums.
        with bulk_load_mode(RollupValue) if loading else nullcontext():
            bulk_insert(
                RollupValue,
                ROLLUP_COLUMNS,
                (rows[start : start + 50_000] for start in range(0, len(rows), 50_000)),
            )
    return len(rows)


def verify(periods: list[str] | None = None) -> list[str]:
    """Differences between the rollup and a fresh sum, as readable lines."""
    fresh = fresh_sums(periods)
    stored_qs = RollupValue.objects.all()
    if periods:
        stored_qs = stored_qs.filter(period__in=periods)
    stored = {
        (u, p, i, o): (Decimal(v), *counts)
        for u, p, i, o, v, *counts in stored_qs.values_list(
            "unit_id", "period", "indicator_id", "option", "value", "n", "d", "p"
        )
    }
    problems = []
    for key in sorted(set(fresh) | set(stored), key=str):
        want, have = fresh.get(key), stored.get(key)
        if want != have:
            unit, period, indicator, option = key
            problems.append(
                f"unit {unit} period {period} indicator {indicator} option {option!r}: "
                f"stored {have}, fresh {want}"
            )
    return problems


def own_values_delta(unit: OrgUnit, sign: int) -> None:
    """A unit that gains its first child starts holding a rollup row of its own, which
    must include its own values (sign +1); one that loses its last child drops it (-1)."""
    apply({(unit.pk, p, i, o): add(NO_CHANGE, rest, sign) for p, i, o, *rest in own_sums(unit)})
