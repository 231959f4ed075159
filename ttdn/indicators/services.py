"""Entering values and totalling them over a subtree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn.indicators import rollup
from ttdn.indicators.models import (
    TOTAL,
    DataValue,
    DataValueChange,
    DataValueSource,
    Indicator,
    RegisterFigure,
    RollupValue,
    TimeAggregation,
)
from ttdn.lib import timeagg
from ttdn.lib.periods import Period
from ttdn.lib.vnformat import change_percent, format_date, format_number
from ttdn.orgunits.access import can
from ttdn.orgunits.models import SEGMENT, OrgUnit

Key = tuple[str, str]  # (indicator code, option)


class ExistingValue(NamedTuple):
    """A value as a write finds it in the table."""

    pk: int
    value: Decimal
    version: int
    derived: bool
    estimated: bool
    months: int | None


class ValueUpdate(NamedTuple):
    """An entered value written over a stored row."""

    value: Decimal
    version: int
    by: int
    source: str
    estimated: bool
    pk: int


class ValueHistory(NamedTuple):
    """One line of a value's history (DataValueChange); ``old`` is None for a new value
    or one that replaces a derived figure."""

    indicator_id: int
    option: str
    old: Decimal | None
    new: Decimal | None
    estimated: bool


class DerivedUpdate(NamedTuple):
    """A derived row whose figure moved with its parts."""

    value: Decimal
    months: int | None
    estimated: bool
    pk: int


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
    """Values that fail validation; ``errors`` maps each key to its message. ``whole`` is
    the reason when the period as a whole cannot be written (see ``write_refusal``)."""

    def __init__(self, errors: dict[Key, str], whole: str = ""):
        self.errors = errors
        self.whole = whole
        super().__init__(
            [f"{code}{'/' + opt if opt else ''}: {msg}" for (code, opt), msg in errors.items()]
        )


def current_values(unit: OrgUnit, period: Period) -> dict[Key, tuple[Decimal, int]]:
    """(value, version) of every value the unit entered for the period (derived values,
    which an entered one replaces, left out)."""
    rows = DataValue.objects.filter(unit=unit, period=period.id, derived=False).values_list(
        "indicator__code", "option", "value", "version"
    )
    return {(code, option): (value, version) for code, option, value, version in rows}


@dataclass(frozen=True)
class StoredValue:
    """A value as the entry page and the API show it."""

    value: Decimal
    version: int
    derived: bool
    estimated: bool
    months: int | None


def stored_values(unit: OrgUnit, period: Period) -> dict[Key, StoredValue]:
    rows = DataValue.objects.filter(unit=unit, period=period.id).values_list(
        "indicator__code", "option", "value", "version", "derived", "estimated", "months"
    )
    return {(c, o): StoredValue(v, ver, d, e, m) for c, o, v, ver, d, e, m in rows}


def last_saved_at(unit: OrgUnit, period: Period):
    """When a value of the unit for the period was last entered or changed, or None."""
    return (
        DataValue.objects.filter(unit=unit, period=period.id, derived=False)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )


def parts_values(
    unit: OrgUnit, period: Period, indicators: list[Indicator]
) -> dict[Key, timeagg.Cell]:
    """What a coarse period's parts give for each cell (months for a quarter, halves for
    a year …), whatever was entered for the period itself; empty for a month."""
    if not timeagg.parts_of(period):
        return {}
    ids = {indicator.pk: indicator for indicator in indicators}
    periods = [p.id for p in timeagg.periods_of_year(period.year)]
    entered: dict[int, dict] = defaultdict(dict)
    for indicator_id, period_id, option, value, is_estimated in DataValue.objects.filter(
        unit=unit, indicator_id__in=ids, period__in=periods, derived=False
    ).values_list("indicator_id", "period", "option", "value", "estimated"):
        entered[indicator_id][(period_id, option)] = (value, is_estimated)
    out: dict[Key, timeagg.Cell] = {}
    for indicator_id, values in entered.items():
        indicator = ids[indicator_id]
        cells = timeagg.from_parts(
            values,
            period,
            indicator.options(),
            indicator.time_aggregation == TimeAggregation.LAST,
            indicator.additive,
        )
        for option, cell in cells.items():
            out[(indicator.code, option)] = cell
    return out


# Checks other apps add to every write of values (a submitted report locks its
# period, say): called with (unit, period) inside the write's transaction after the unit
# is locked; each returns why the values cannot change, or None.
WRITE_GUARDS: list = []
# Called after a write changed values, with (user, unit, period ids changed).
AFTER_WRITE: list = []
# Who has yet to report a subtree's figures for a period, for the totals page: called
# with (unit, period), each returns (the number of the request asking for them, ids of
# the units that have not reported); the first that names a request answers.
PENDING_REPORTS: list = []
# The name of each register whose records feed values, by the kind its sources carry
# ("plan" → "Kế hoạch, chương trình"), filled by ttdn.registers; a refused write of a
# fed cell names it.
REGISTER_NAMES: dict[str, Any] = {}


def fed_refusal(sources: list) -> str:
    """Why a cell fed from register records (``sources``: [kind, id, label, url]) cannot
    be typed or imported: the register and the records named, so the person knows
    where to correct it."""
    kinds = list(dict.fromkeys(str(REGISTER_NAMES.get(s[0], s[0])) for s in sources))
    labels = [f"“{s[2]}”" for s in sources[:3]]
    if len(sources) > 3:
        labels.append("…")
    return _("số liệu này lấy từ sổ %(registers)s (%(records)s); sửa ở sổ, không nhập ở đây.") % {
        "registers": ", ".join(kinds),
        "records": ", ".join(labels),
    }


def _fed_errors(
    unit: OrgUnit, period: Period, values: dict[Key, Decimal | None], indicators: dict
) -> dict[Key, str]:
    """The cells among ``values`` that registers feed and that the write would change."""
    ids = {indicator.pk: code for code, indicator in indicators.items()}
    errors: dict[Key, str] = {}
    for indicator_id, option, value, sources in RegisterFigure.objects.filter(
        unit=unit, period=period.id, indicator_id__in=ids
    ).values_list("indicator_id", "option", "value", "sources"):
        key = (ids[indicator_id], option)
        if key in values and values[key] != value:
            errors[key] = fed_refusal(sources)
    return errors


def pending_reports(unit: OrgUnit, period: Period) -> tuple[str, set[int]]:
    """The request that asks the units below ``unit`` for ``period``'s figures and the
    units that have not answered it, as the apps that know about requests tell it
    (PENDING_REPORTS); ("", set()) when none does."""
    for finder in PENDING_REPORTS:
        number, units = finder(unit, period)
        if number:
            return number, units
    return "", set()


def write_refusal(unit: OrgUnit, period: Period) -> str | None:
    """Why no value of ``unit`` for ``period`` can be written now, or None: the unit did
    not exist then, or a guard (a submitted report) holds the period."""
    closed = _unit_dates_error(unit, period)
    if closed is not None:
        return closed
    for guard in WRITE_GUARDS:
        refusal = guard(unit, period)
        if refusal:
            return refusal
    return None


def _unit_dates_error(unit: OrgUnit, period: Period) -> str | None:
    """Why ``unit`` can hold no value for ``period`` (it closed before or opened after)."""
    if unit.valid_to is not None and period.start > unit.valid_to:
        message = _("%(unit)s đã giải thể, sáp nhập từ %(day)s") % {
            "unit": unit.name,
            "day": format_date(unit.valid_to + timedelta(days=1)),
        }
        if unit.successor_id:
            message += _("; số liệu từ đó ghi cho %(successor)s") % {
                "successor": unit.successor.name if unit.successor else ""
            }
        return message + "."
    if unit.valid_from is not None and period.end < unit.valid_from:
        return _("%(unit)s thành lập từ %(day)s, chưa có trong %(period)s.") % {
            "unit": unit.name,
            "day": format_date(unit.valid_from),
            "period": period.label(),
        }
    return None


def _value_errors(
    indicators: dict[str, Indicator], values: dict[Key, Decimal | None]
) -> dict[Key, str]:
    """What is wrong with each value on its own: an unknown indicator or option, a
    negative number, a fraction where a count is asked for."""
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
    return errors


def _rule_errors(
    unit: OrgUnit,
    period: Period,
    indicators: dict[str, Indicator],
    values: dict[Key, Decimal | None],
    existing: dict[Key, ExistingValue],
    source: str,
    errors: dict[Key, str],
) -> dict[Key, str]:
    """``errors`` and every rule that reads more than one value, all at once: a person
    correcting a form wants every mistake on the first save, not one rule per save.
    A cell keeps its first error."""
    found = dict(errors)
    if source != DataValueSource.REGISTER:
        # A figure a register gives is corrected in the register, never typed or
        # imported over: it would be counted twice or silently lost at the next save.
        for key, message in _fed_errors(unit, period, values, indicators).items():
            found.setdefault(key, message)
    valid = {k: v for k, v in values.items() if k not in errors}
    for key, message in _parts_errors(indicators, valid, existing).items():
        found.setdefault(key, message)
    return found


def check_values(
    unit: OrgUnit, period: Period, values: dict[Key, Decimal | None]
) -> dict[Key, str]:
    """Every error ``save_values`` would give these values, without writing: the entry
    form shows them beside the cells that failed to read as numbers, so one save lists
    every mistake."""
    values = {k: None if v is None else Decimal(str(v)) for k, v in values.items()}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={c for c, _ in values})}
    codes = {indicator.pk: code for code, indicator in indicators.items()}
    existing = {
        (codes[indicator_id], option): ExistingValue._make(row)
        for indicator_id, option, *row in DataValue.objects.filter(
            unit=unit, period=period.id, indicator_id__in=codes
        ).values_list(
            "indicator_id", "option", "pk", "value", "version", "derived", "estimated", "months"
        )
    }
    errors = _value_errors(indicators, values)
    return _rule_errors(unit, period, indicators, values, existing, DataValueSource.FORM, errors)


def save_values(
    user,
    unit: OrgUnit,
    period: Period,
    values: dict[Key, Decimal | None],
    loaded_versions: dict[Key, int] | None = None,
    source: str = DataValueSource.FORM,
    estimated: set[Key] | None = None,
    actions: Iterable[str] = ("enter",),
) -> SaveResult:
    """Write a unit's values for a period in one transaction.

    ``None`` clears a value. ``loaded_versions`` are the versions the person saw (0 for
    no value); a value someone else changed since is not overwritten but returned in
    ``conflicts`` with the value now stored, so both versions stay visible. ``estimated``
    are the keys given as estimates (số ước); a later write of the same number without it
    makes the figure final, the estimate kept in the history.

    The periods and totals derived from these values (timeagg) are brought up to date
    in the same transaction, and every change reaches the subtree sums. The writer must
    be allowed one of ``actions`` at the unit: entering, or also consolidating for the
    values of a document a consolidator reviewed (ttdn.archive.review).
    """
    if not any(can(user, unit, action) for action in actions):
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu cho đơn vị này."))
    values = {k: None if v is None else Decimal(str(v)) for k, v in values.items()}
    estimated = set(estimated or ())
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={c for c, _ in values})}
    errors = _value_errors(indicators, values)
    result = SaveResult()
    loaded_versions = loaded_versions or {}
    with transaction.atomic():
        # Lock the unit and re-read its place in the tree: a concurrent move then waits
        # for this write, or this write sees the unit's new ancestors.
        unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
        refusal = write_refusal(unit, period)
        if refusal:
            raise ValuesRejected({key: refusal for key in values}, whole=refusal)
        codes = {indicator.pk: code for code, indicator in indicators.items()}
        existing = {
            (codes[indicator_id], option): ExistingValue._make(row)
            for indicator_id, option, *row in (
                DataValue.objects.select_for_update()
                .filter(unit=unit, period=period.id, indicator_id__in=codes)
                .values_list(
                    "indicator_id",
                    "option",
                    "pk",
                    "value",
                    "version",
                    "derived",
                    "estimated",
                    "months",
                )
            )  # fmt: skip
        }
        errors = _rule_errors(unit, period, indicators, values, existing, source, errors)
        if errors:
            raise ValuesRejected(errors)
        created: list[DataValue] = []
        updated: list[ValueUpdate] = []
        deleted: list[int] = []
        history: list[ValueHistory] = []
        now = timezone.now()
        deltas: rollup.Deltas = {}
        changes: list[rollup.Change] = []
        for key, value in values.items():
            pk, old, version, was_derived, was_estimated, months = existing.get(
                key, (None, None, 0, False, False, None)
            )
            is_estimated = key in estimated and value is not None
            seen = loaded_versions.get(key)
            if seen is not None and seen != version:
                if old != value:
                    result.conflicts[key] = old
                else:
                    result.unchanged += 1
                continue
            if value is None and (pk is None or was_derived):
                result.unchanged += 1  # a derived figure goes away with its parts
                continue
            if old == value and not was_derived and was_estimated == is_estimated:
                result.unchanged += 1
                continue
            indicator_id = indicators[key[0]].pk
            if value is None:
                assert pk is not None and old is not None  # a stored, entered value
                deleted.append(pk)
                result.deleted += 1
                changes.append(
                    rollup.Change(
                        indicator_id, key[1], -old, -1, -int(was_derived), -int(months is not None)
                    )
                )
            elif pk is None:
                created.append(
                    DataValue(
                        indicator_id=indicator_id,
                        unit=unit,
                        period=period.id,
                        option=key[1],
                        value=value,
                        source=source,
                        estimated=is_estimated,
                        created_by=user,
                        updated_by=user,
                    )
                )
                result.created += 1
                changes.append(rollup.Change(indicator_id, key[1], value, 1, 0, 0))
            else:
                assert old is not None
                updated.append(ValueUpdate(value, version + 1, user.pk, source, is_estimated, pk))
                result.updated += 1
                # An entered value in a derived row: no longer derived, nor partial.
                changes.append(
                    rollup.Change(
                        indicator_id,
                        key[1],
                        value - old,
                        0,
                        -int(was_derived),
                        -int(months is not None),
                    )
                )
            history.append(
                ValueHistory(
                    indicator_id, key[1], None if was_derived else old, value, is_estimated
                )
            )
        # A few statements whatever the number of values: a period's form holds dozens.
        if deleted:
            DataValue.objects.filter(pk__in=deleted).delete()
        if created:
            DataValue.objects.bulk_create(created)
        _write_rows(unit, period.id, updated, history, source, user, now)
        rollup.add_changes(deltas, unit, period.id, changes)
        if changes:
            rederive(unit, {indicators[code] for code, _option in values}, [period.year], deltas)
        rollup.apply(deltas)
        if changes:
            for hook in AFTER_WRITE:
                hook(user, unit, period)
    return result


def _parts_errors(
    indicators: dict[str, Indicator],
    values: dict[Key, Decimal | None],
    existing: dict[Key, ExistingValue],
) -> dict[Key, str]:
    """An entered total below the sum of its entered parts is refused, both numbers named
    (for breakdowns whose parts add up: languages of copies, channels of items)."""
    errors: dict[Key, str] = {}
    for code, indicator in indicators.items():
        if not indicator.additive or not indicator.disaggregation:
            continue
        merged: dict[str, Decimal] = {}
        for (c, option), row in existing.items():
            if c == code and not row.derived:
                merged[option] = row.value
        for (c, option), value in values.items():
            if c == code:
                if value is None:
                    merged.pop(option, None)
                else:
                    merged[option] = value
        total = merged.get(TOTAL)
        parts = sum((v for o, v in merged.items() if o != TOTAL), Decimal(0))
        if total is not None and parts > total:
            errors[(code, TOTAL)] = _(
                "tổng %(total)s nhỏ hơn tổng các phần %(parts)s (%(name)s)."
            ) % {
                "total": format_number(total),
                "parts": format_number(parts),
                "name": indicator.name,
            }
    return errors


def rederive(
    unit: OrgUnit, indicators: set[Indicator], years: list[int], deltas: rollup.Deltas
) -> int:
    """Bring the unit's derived values of ``years`` for ``indicators`` up to date with
    what it entered; returns how many rows changed. The changes go into ``deltas``."""
    ids = {indicator.pk: indicator for indicator in indicators}
    periods = [p.id for year in years for p in timeagg.periods_of_year(year)]
    full_months = {
        p.id: timeagg.months_in(p) for year in years for p in timeagg.periods_of_year(year)
    }
    rows = DataValue.objects.filter(
        unit=unit, indicator_id__in=ids, period__in=periods
    ).values_list("pk", "indicator_id", "period", "option", "value", "derived", "estimated",
                  "months")  # fmt: skip
    entered: dict[tuple[int, int], dict] = defaultdict(dict)
    derived: dict[tuple[int, int], dict] = defaultdict(dict)
    for pk, indicator_id, period_id, option, value, is_derived, is_estimated, months in rows:
        group = (indicator_id, Period.parse(period_id).year)
        if is_derived:
            derived[group][(period_id, option)] = (pk, value, is_estimated, months)
        else:
            entered[group][(period_id, option)] = (value, is_estimated)
    create: list[DataValue] = []
    update: list[DerivedUpdate] = []
    delete: list[int] = []
    by_period: dict[str, list[rollup.Change]] = defaultdict(list)
    for indicator_id, indicator in ids.items():
        stock = indicator.time_aggregation == TimeAggregation.LAST
        for year in years:
            group = (indicator_id, year)
            cells = timeagg.derive(
                entered[group], year, indicator.options(), stock, indicator.additive
            )
            old = derived[group]
            for key, cell in cells.items():
                if not cell.derived:
                    continue
                period_id, option = key
                # Months are kept only when the parts cover part of the period.
                months = cell.months if cell.months < full_months[period_id] else None
                if key not in old:
                    create.append(
                        DataValue(
                            indicator_id=indicator_id, unit=unit, period=period_id,
                            option=option, value=cell.value, source=DataValueSource.DERIVED,
                            derived=True, months=months, estimated=cell.estimated,
                        )
                    )  # fmt: skip
                    by_period[period_id].append(
                        rollup.Change(
                            indicator_id, option, cell.value, 1, 1, int(months is not None)
                        )
                    )
                    continue
                pk, value, was_estimated, was_months = old[key]
                if (value, was_estimated, was_months) != (cell.value, cell.estimated, months):
                    update.append(DerivedUpdate(cell.value, months, cell.estimated, pk))
                    partial = int(months is not None) - int(was_months is not None)
                    by_period[period_id].append(
                        rollup.Change(indicator_id, option, cell.value - value, 0, 0, partial)
                    )
            for key, (pk, value, _e, was_months) in old.items():
                if key not in cells or not cells[key].derived:
                    delete.append(pk)
                    by_period[key[0]].append(
                        rollup.Change(
                            indicator_id, key[1], -value, -1, -1, -int(was_months is not None)
                        )
                    )
    if delete:
        DataValue.objects.filter(pk__in=delete).delete()
    if create:
        DataValue.objects.bulk_create(create)
    if update:
        _update_derived(update)
    for period_id, period_changes in by_period.items():
        rollup.add_changes(deltas, unit, period_id, period_changes)
    return len(create) + len(update) + len(delete)


def rederive_all(years: list[int] | None = None) -> int:
    """Derive every unit's periods and totals from what it entered (after an upgrade or a
    bulk import that wrote entered values only), then rebuild the rollup; returns how
    many derived rows changed. One unit at a time, each in its own transaction."""
    indicators = set(Indicator.objects.all())
    entered = DataValue.objects.filter(derived=False)
    changed = 0
    for unit_id in entered.values_list("unit_id", flat=True).distinct().order_by("unit_id"):
        unit = OrgUnit.objects.get(pk=unit_id)
        periods = entered.filter(unit=unit).values_list("period", flat=True).distinct()
        unit_years = sorted({Period.parse(p).year for p in periods})
        if years:
            unit_years = [y for y in unit_years if y in years]
        if unit_years:
            with transaction.atomic():
                changed += rederive(unit, indicators, unit_years, {})
    rollup.rebuild()
    return changed


def _update_derived(rows: list[DerivedUpdate]) -> None:
    """Derived rows in one statement: a write of a half-year's form moves its year's and
    nine months' rows, dozens of them."""
    table = DataValue._meta.db_table
    adapt = connection.ops.adapt_decimalfield_value
    params = [(adapt(row.value, 20, 4), row.months, row.estimated, row.pk) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one array per column (see rollup.apply)
            cursor.execute(
                f"UPDATE {table} AS t SET value = v.value, months = v.months, "
                "estimated = v.estimated, version = t.version + 1 FROM unnest(%s::numeric[], "
                "%s::smallint[], %s::boolean[], %s::bigint[]) AS v(value, months, estimated, id) "
                "WHERE t.id = v.id",
                [list(column) for column in zip(*params, strict=True)],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET value = %s, months = %s, estimated = %s, "
                "version = version + 1 WHERE id = %s",
                params,
            )


def _write_rows(
    unit: OrgUnit,
    period_id: str,
    updated: list[ValueUpdate],
    history: list[ValueHistory],
    source: str,
    user,
    now,
) -> None:
    """Updates and history rows in one statement each: Django's bulk_update builds a CASE
    expression per field and row, and a statement per row costs a round trip each on
    PostgreSQL — both more than the writes themselves."""
    ops = connection.ops

    def decimal(value):
        return None if value is None else ops.adapt_decimalfield_value(value, 20, 4)

    stamp = ops.adapt_datetimefield_value(now)
    values_table = DataValue._meta.db_table
    with connection.cursor() as cursor:
        if updated:
            rows = [
                (u.pk, decimal(u.value), u.version, u.by, u.source, u.estimated) for u in updated
            ]
            # An entered value replaces a derived one in its row: derived and months reset.
            if connection.vendor == "postgresql":  # one array per column (rollup.apply)
                cursor.execute(
                    f"UPDATE {values_table} AS t SET value = v.value, version = v.version, "
                    "updated_by_id = v.by, source = v.source, estimated = v.estimated, "
                    "derived = false, months = NULL, updated_at = %s "
                    "FROM unnest(%s::bigint[], %s::numeric[], %s::integer[], %s::bigint[], "
                    "%s::varchar[], %s::boolean[]) AS v(id, value, version, by, source, estimated) "
                    "WHERE t.id = v.id",
                    [stamp, *[list(column) for column in zip(*rows, strict=True)]],
                )
            else:  # SQLite runs a prepared statement per row in C: as fast as it gets
                cursor.executemany(
                    f"UPDATE {values_table} SET value = %s, version = %s, updated_by_id = %s, "
                    "source = %s, estimated = %s, derived = 0, months = NULL, updated_at = %s "
                    "WHERE id = %s",
                    [
                        (v, version, by, src, est, stamp, pk)
                        for pk, v, version, by, src, est in rows
                    ],
                )
        if history:
            lines = [
                (h.indicator_id, unit.pk, period_id, h.option, decimal(h.old), decimal(h.new),
                 h.estimated, source, user.pk, stamp)
                for h in history
            ]  # fmt: skip
            insert = (
                f"INSERT INTO {DataValueChange._meta.db_table} (indicator_id, unit_id, period, "
                "option, old_value, new_value, estimated, source, changed_by_id, changed_at) "
            )
            if connection.vendor == "postgresql":  # one array per column (see rollup.apply)
                cursor.execute(
                    insert + "SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[], "
                    "%s::varchar[], %s::numeric[], %s::numeric[], %s::boolean[], %s::varchar[], "
                    "%s::bigint[], %s::timestamptz[])",
                    [list(column) for column in zip(*lines, strict=True)],
                )
            else:
                cells = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(lines))
                cursor.execute(insert + f"VALUES {cells}", [x for line in lines for x in line])


# Totals ---------------------------------------------------------------------------


@dataclass
class TotalsRow:
    indicator: Indicator
    option: str
    total: Decimal | None
    previous: Decimal | None
    reporting_units: int
    by_branch: dict[int, Decimal] = field(default_factory=dict)  # child unit id (or own) → sum
    derived_units: int = 0  # of the reporting units, how many gave a derived figure
    partial_units: int = 0  # … one whose parts cover only part of the period

    @property
    def partial(self) -> bool:
        """Part of the total covers only part of the period (a year with one half): it is
        not compared with a whole year before."""
        return self.partial_units > 0

    @property
    def change(self) -> float | None:
        return None if self.partial else change_percent(self.total, self.previous)

    def notes(self) -> list[str]:
        """What the reader must know about the total: derived figures in it, figures
        short of the period (and so no comparison)."""
        notes = []
        if self.derived_units:
            notes.append(
                ngettext(
                    "%(n)s đơn vị tự tính",
                    "%(n)s đơn vị tự tính",
                    self.derived_units,
                )
                % {"n": self.derived_units}
            )
        if self.partial:
            notes.append(
                ngettext(
                    "%(n)s đơn vị chưa đủ kỳ",
                    "%(n)s đơn vị chưa đủ kỳ",
                    self.partial_units,
                )
                % {"n": self.partial_units}
            )
        return notes


@dataclass
class Totals:
    unit: OrgUnit
    period: Period
    previous_period: Period
    branches: list[OrgUnit]  # the unit itself first when it reports, then its children
    rows: list[TotalsRow]


# Both read as (unit, period, indicator, option, value, count, derived count, partial count).
SUM_COLUMNS = ["unit_id", "period", "indicator_id", "option", "value", "n", "d", "p"]
VALUE_COLUMNS = [
    "unit_id", "period", "indicator_id", "option", "value", "1",
    "CASE WHEN derived THEN 1 ELSE 0 END", "CASE WHEN months IS NULL THEN 0 ELSE 1 END",
]  # fmt: skip
# The values alone, from the covering index (datavalue_cover): for a breakdown by
# child, which needs no counts.
BRANCH_COLUMNS = VALUE_COLUMNS[:5]
AS_STOOD = "as_stood"  # the tree as it stood in each period
CURRENT = "current"  # today's tree: closed units count in their successors


def subtree_totals(
    unit: OrgUnit, period: Period, include_options: bool = True, view: str = AS_STOOD
) -> Totals:
    """Every indicator totalled over ``unit``'s subtree for ``period`` and a year earlier,
    broken down by child unit.

    Index reads only, whatever the tree's size: the unit's and its parent children's
    rollup rows, the raw values of the unit itself and of its leaf children — four
    queries. The ``CURRENT`` view adds the sums of units merged or moved into the subtree
    (their successors lie inside it), up to three more queries.
    """
    previous = period.same_period_last_year()
    periods = [period.id, previous.id]
    children = list(
        OrgUnit.objects.filter(parent=unit).only(
            "id",
            "code",
            "name",
            "name_en",
            "kind",
            "path",
            "child_count",
            "valid_from",
            "valid_to",
        )
    )
    parents = [unit.pk] + [c.pk for c in children if c.child_count]
    leaves = [unit.pk] + [c.pk for c in children if not c.child_count]
    unit_is_parent = unit.child_count > 0
    current_id = period.id
    # A parent's own rollup rows hold both periods' totals; its children are only needed
    # for the breakdown of the current period. A unit without children reads its own
    # values with their derived and partial flags.
    rolled: list[tuple] = []
    branch_values: list[tuple] = []
    own_values: list[tuple] = []
    if unit_is_parent:
        rolled = _read(
            RollupValue,
            SUM_COLUMNS,
            [([unit.pk], periods), (parents[1:], [current_id])],
            include_options,
        )
        branch_values = _read(DataValue, BRANCH_COLUMNS, [(leaves, [current_id])], include_options)
    else:
        own_values = _read(DataValue, VALUE_COLUMNS, [([unit.pk], periods)], include_options)

    # (period, indicator, option) → (sum, count, derived count, partial count)
    own_total: dict[tuple[str, int, str], tuple] = {}
    per_branch: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    earlier: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    unit_pk = unit.pk
    # Thousands of rows for a province: plain tuple unpacking, nothing per row that can
    # be avoided.
    for unit_id, period_id, indicator_id, option, value, n, d, p in rolled:
        if unit_id == unit_pk:
            own_total[(period_id, indicator_id, option)] = (value, n, d, p)
        elif period_id == current_id:
            per_branch[(indicator_id, option)][unit_id] = value
    for unit_id, _period_id, indicator_id, option, value in branch_values:
        per_branch[(indicator_id, option)][unit_id] = value
    for _unit_id, period_id, indicator_id, option, value, n, d, p in own_values:
        own_total[(period_id, indicator_id, option)] = (value, n, d, p)
    if view == CURRENT:
        for branch_id, (period_id, indicator_id, option), sums in _predecessor_sums(
            unit, children, periods, include_options
        ):
            cell = (period_id, indicator_id, option)
            own_total[cell] = rollup.add(own_total.get(cell, rollup.NO_CHANGE), sums)
            if period_id == period.id:
                branch = per_branch[(indicator_id, option)]
                branch[branch_id] = branch.get(branch_id, Decimal(0)) + sums[0]
    totals: dict[tuple[int, str], tuple] = {}
    for (period_id, indicator_id, option), sums in own_total.items():
        key = (indicator_id, option)
        if period_id == period.id:
            totals[key] = sums
        else:
            earlier[key] = sums[0]

    reporting = {unit_id for branch in per_branch.values() for unit_id in branch}
    shown = [
        c
        for c in children
        if c.pk in reporting or c.is_active_on(period.end) or c.is_active_on(period.start)
    ]
    shown.sort(key=lambda u: (u.kind, u.name))
    branches = ([unit] if unit.pk in reporting else []) + shown

    result_rows = []
    for indicator in Indicator.objects.filter(active=True):
        for option in indicator.options() if include_options else [""]:
            key = (indicator.pk, option)
            if option and key not in totals and key not in earlier:
                continue
            total, count, derived, partial = totals.get(key, (None, 0, 0, 0))
            result_rows.append(
                TotalsRow(
                    indicator=indicator,
                    option=option,
                    total=total,
                    previous=earlier.get(key),
                    reporting_units=count,
                    by_branch=per_branch.get(key, {}),
                    derived_units=derived,
                    partial_units=partial,
                )
            )
    return Totals(
        unit=unit, period=period, previous_period=previous, branches=branches, rows=result_rows
    )


def subtree_sums(
    units: list[OrgUnit], periods: list[str]
) -> dict[int, dict[tuple[str, int, str], Decimal]]:
    """For each of ``units``, the sums over its subtree by (period, indicator id, option):
    the rollup rows of units with children, the raw values of the others — two queries
    whatever the number of units."""
    parents = [u.pk for u in units if u.child_count]
    leaves = [u.pk for u in units if not u.child_count]
    sums: dict[int, dict[tuple[str, int, str], Decimal]] = defaultdict(dict)
    for model, columns, ids in (
        (RollupValue, SUM_COLUMNS[:5], parents), (DataValue, BRANCH_COLUMNS, leaves)
    ):  # fmt: skip
        for unit_id, period_id, indicator_id, option, value in _read(
            model, columns, [(ids, periods)], True
        ):
            sums[unit_id][(period_id, indicator_id, option)] = value
    return sums


def _read(
    model, columns: list[str], groups: list[tuple[list[int], list[str]]], include_options: bool
) -> list[tuple]:
    """Rows of values or sums for (unit ids, periods) groups, as plain tuples with Decimal
    values, in one query.

    A plain cursor: Django's per-row decimal conversion on SQLite cost more than the
    query itself for a province's hundred communes.
    """
    conditions: list[str] = []
    params: list[Any] = []
    for unit_ids, periods in groups:
        if unit_ids and periods:
            conditions.append(
                f"(unit_id IN ({', '.join(['%s'] * len(unit_ids))}) AND period IN "
                f"({', '.join(['%s'] * len(periods))}))"
            )
            params += [*unit_ids, *periods]
    if not conditions:
        return []
    sql = (
        f"SELECT {', '.join(columns)} FROM {model._meta.db_table} WHERE ({' OR '.join(conditions)})"
    )
    if not include_options:
        sql += " AND option = %s"
        params.append("")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    position = columns.index("value")
    out = []
    for row in rows:
        value = row[position]
        if not isinstance(value, Decimal):
            value = Decimal(value) if isinstance(value, int) else Decimal(repr(round(value, 4)))
        out.append((*row[:position], value, *row[position + 1 :]))
    return out


def _predecessor_sums(
    unit: OrgUnit, children: list[OrgUnit], periods: list[str], include_options: bool
):
    """Subtree sums of closed units whose successor now lies in ``unit``'s subtree, each
    with the branch (child of ``unit``, or ``unit`` itself) its successor belongs to."""
    found: dict[int, tuple[OrgUnit, str]] = {}  # predecessor id → (unit, successor path)
    frontier: dict[str, Any] = {"successor__path__startswith": unit.path}
    for _level in range(3):  # chains of reorganisations: 2024 → 2025 → ...
        batch = list(
            OrgUnit.objects.filter(**frontier)
            .exclude(path__startswith=unit.path)
            .select_related("successor")
        )
        batch = [p for p in batch if p.pk not in found]
        if not batch:
            break
        for predecessor in batch:
            assert predecessor.successor is not None  # found by its successor
            successor_path = predecessor.successor.path
            if predecessor.successor_id in found:
                successor_path = found[predecessor.successor_id][1]
            found[predecessor.pk] = (predecessor, successor_path)
        frontier = {"successor_id__in": [p.pk for p in batch]}
    # Keep only the tops: a predecessor inside another's subtree is already counted.
    roots = [
        (p, sp)
        for p, sp in found.values()
        if not any(q.pk != p.pk and p.path.startswith(q.path) for q, _sp in found.values())
    ]
    if not roots:
        return []
    by_child = {c.path: c.pk for c in children}
    branch_of = {}
    for predecessor, successor_path in roots:
        prefix = successor_path[: len(unit.path) + SEGMENT]
        branch_of[predecessor.pk] = by_child.get(prefix, unit.pk)
    parents = [p.pk for p, _sp in roots if p.child_count]
    leaves = [p.pk for p, _sp in roots if not p.child_count]
    return [
        (branch_of[unit_id], (period_id, indicator_id, option), tuple(sums))
        for model, columns, ids in (
            (RollupValue, SUM_COLUMNS, parents),
            (DataValue, VALUE_COLUMNS, leaves),
        )  # fmt: skip
        for unit_id, period_id, indicator_id, option, *sums in _read(
            model, columns, [(ids, periods)], include_options
        )
    ]
