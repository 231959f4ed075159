"""Entering values and totalling them over a subtree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import can
from ttdn.indicators.models import DataValue, DataValueChange, DataValueSource, Indicator
from ttdn.lib.periods import Period
from ttdn.lib.vnformat import change_percent
from ttdn.orgunits.models import SEGMENT, OrgUnit

Key = tuple[str, str]  # (indicator code, option)


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: dict[Key, Decimal | None] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


class ValuesRejected(ValidationError):
    """Values that fail validation; ``errors`` maps each key to its message."""

    def __init__(self, errors: dict[Key, str]):
        self.errors = errors
        super().__init__(
            [f"{code}{'/' + opt if opt else ''}: {msg}" for (code, opt), msg in errors.items()]
        )


def current_values(unit: OrgUnit, period: Period) -> dict[Key, tuple[Decimal, int]]:
    """(value, version) of every value the unit holds for the period."""
    rows = DataValue.objects.filter(unit=unit, period=period.id).values_list(
        "indicator__code", "option", "value", "version"
    )
    return {(code, option): (value, version) for code, option, value, version in rows}


def save_values(
    user,
    unit: OrgUnit,
    period: Period,
    values: dict[Key, Decimal | None],
    loaded_versions: dict[Key, int] | None = None,
    source: str = DataValueSource.FORM,
) -> SaveResult:
    """Write a unit's values for a period in one transaction.

    ``None`` clears a value. ``loaded_versions`` are the versions the person saw (0 for
    no value); a value someone else changed since is not overwritten but returned in
    ``conflicts`` with the value now stored, so both versions stay visible.
    """
    if not can(user, unit, "enter"):
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu cho đơn vị này."))
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={c for c, _ in values})}
    errors: dict[Key, str] = {}
    for key, value in values.items():
        code, option = key
        indicator = indicators.get(code)
        if indicator is None:
            errors[key] = _("không có chỉ tiêu mã “%(code)s”.") % {"code": code}
            continue
        if option not in indicator.options():
            errors[key] = _("phân tổ “%(option)s” không thuộc chỉ tiêu này.") % {"option": option}
            continue
        if value is not None:
            try:
                indicator.check_value(value)
            except ValidationError as error:
                errors[key] = " ".join(error.messages)
    if errors:
        raise ValuesRejected(errors)

    result = SaveResult()
    loaded_versions = loaded_versions or {}
    with transaction.atomic():
        existing = {
            (row.indicator.code, row.option): row
            for row in DataValue.objects.select_for_update()
            .filter(unit=unit, period=period.id, indicator__code__in=indicators)
            .select_related("indicator")
        }
        history = []
        for key, value in values.items():
            row = existing.get(key)
            seen = loaded_versions.get(key)
            current_version = row.version if row else 0
            if seen is not None and seen != current_version:
                if (row.value if row else None) != value:
                    result.conflicts[key] = row.value if row else None
                else:
                    result.unchanged += 1
                continue
            old = row.value if row else None
            if old == value:
                result.unchanged += 1
                continue
            if value is None:
                row.delete()
                result.deleted += 1
            elif row is None:
                DataValue.objects.create(
                    indicator=indicators[key[0]],
                    unit=unit,
                    period=period.id,
                    option=key[1],
                    value=value,
                    source=source,
                    created_by=user,
                    updated_by=user,
                )
                result.created += 1
            else:
                row.value, row.version, row.updated_by, row.source = (
                    value,
                    row.version + 1,
                    user,
                    source,
                )
                row.save(update_fields=["value", "version", "updated_by", "source", "updated_at"])
                result.updated += 1
            history.append(
                DataValueChange(
                    indicator=indicators[key[0]],
                    unit=unit,
                    period=period.id,
                    option=key[1],
                    old_value=old,
                    new_value=value,
                    source=source,
                    changed_by=user,
                )
            )
        DataValueChange.objects.bulk_create(history)
    return result


# Totals ---------------------------------------------------------------------------


@dataclass
class TotalsRow:
    indicator: Indicator
    option: str
    total: Decimal | None
    previous: Decimal | None
    reporting_units: int
    by_branch: dict[int, Decimal] = field(default_factory=dict)  # child unit id (or own) → sum

    @property
    def change(self) -> float | None:
        return change_percent(self.total, self.previous)


@dataclass
class Totals:
    unit: OrgUnit
    period: Period
    previous_period: Period
    branches: list[OrgUnit]  # the unit itself first when it reports, then its children
    rows: list[TotalsRow]


def subtree_totals(unit: OrgUnit, period: Period, include_options: bool = True) -> Totals:
    """Every indicator totalled over ``unit``'s subtree for ``period`` and a year earlier,
    broken down by child unit. A fixed number of queries whatever the tree's size."""
    previous = period.same_period_last_year()
    branch_length = len(unit.path) + SEGMENT
    qs = DataValue.objects.filter(
        unit__path__startswith=unit.path, period__in=[period.id, previous.id]
    )
    if not include_options:
        qs = qs.filter(option="")
    rows = (
        qs.annotate(branch=Substr("unit__path", 1, branch_length))
        .values("branch", "period", "indicator_id", "option")
        .annotate(total=Sum("value"), units=Count("unit_id", distinct=True))
        .values_list("branch", "period", "indicator_id", "option", "total", "units")
        .order_by()
    )
    current: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(dict)
    earlier: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for branch, period_id, indicator_id, option, total, units in rows:
        key = (indicator_id, option)
        if period_id == period.id:
            current[key][branch] = current[key].get(branch, Decimal(0)) + total
            counts[key] += units
        else:
            earlier[key] += total

    branch_paths = {b for per in current.values() for b in per}
    children = list(
        OrgUnit.objects.filter(parent=unit).active_during(period.start, period.end)
        | OrgUnit.objects.filter(path__in=branch_paths)
    )
    children = sorted(
        {c.pk: c for c in children}.values(), key=lambda u: (u.pk != unit.pk, u.kind, u.name)
    )
    by_path = {c.path: c.pk for c in children}
    by_path[unit.path] = unit.pk
    branches = ([unit] if unit.path in branch_paths else []) + [
        c for c in children if c.pk != unit.pk
    ]

    indicators = list(Indicator.objects.filter(active=True))
    result_rows = []
    for indicator in indicators:
        options = indicator.options() if include_options else [""]
        for option in options:
            key = (indicator.pk, option)
            per_branch = current.get(key, {})
            if option and not per_branch and key not in earlier:
                continue
            result_rows.append(
                TotalsRow(
                    indicator=indicator,
                    option=option,
                    total=sum(per_branch.values()) if per_branch else None,
                    previous=earlier.get(key),
                    reporting_units=counts.get(key, 0),
                    by_branch={by_path[b]: v for b, v in per_branch.items() if b in by_path},
                )
            )
    return Totals(
        unit=unit, period=period, previous_period=previous, branches=branches, rows=result_rows
    )
