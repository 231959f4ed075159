"""Upkeep, rebuild and verification of the subtree-sum rollup (RollupValue)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from ttdn.indicators.models import DataValue, RollupValue
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


def fresh_sums(
    periods: list[str] | None = None,
) -> dict[tuple[int, str, int, str], tuple[Decimal, int, int, int]]:
    """The rollup recomputed from the raw values: one GROUP BY per tree level.

    At each level the values counted are those of units at that level or below: a
    value a unit with children holds itself is its own share, counted once in its own
    sum and its ancestors', never again at the levels below it (where its path is
    shorter than the prefix and would stand for itself)."""
    by_prefix = {
        path: pk for pk, path in OrgUnit.objects.filter(child_count__gt=0).values_list("pk", "path")
    }
    depths = {len(p) // SEGMENT for p in by_prefix}
    result: dict[tuple[int, str, int, str], tuple[Decimal, int, int, int]] = {}
    for depth in sorted(depths):
        qs = DataValue.objects.filter(unit__depth__gte=depth - 1)  # path ≥ the prefix
        if periods:
            qs = qs.filter(period__in=periods)
        rows = (
            qs.annotate(prefix=Substr("unit__path", 1, depth * SEGMENT))
            .values("prefix", "period", "indicator_id", "option")
            .annotate(**SUMS)
            .values_list("prefix", "period", "indicator_id", "option", *SUM_NAMES)
            .order_by()
        )
        for prefix, period, indicator_id, option, total, *counts in rows:
            owner = by_prefix.get(prefix)
            if owner is not None:
                result[(owner, period, indicator_id, option)] = (Decimal(total), *counts)
    return result


def rebuild(periods: list[str] | None = None) -> int:
    """Recompute the rollup (after tree edits or bulk loads); returns rows written."""
    sums = fresh_sums(periods)
    with transaction.atomic():
        existing = RollupValue.objects.all()
        if periods:
            existing = existing.filter(period__in=periods)
        existing.delete()
        RollupValue.objects.bulk_create(
            (
                RollupValue(
                    unit_id=u, period=p, indicator_id=i, option=o, value=v, n=n, d=d, p=partial
                )
                for (u, p, i, o), (v, n, d, partial) in sums.items()
            ),
            batch_size=2000,
        )
    return len(sums)


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
