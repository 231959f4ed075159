"""Values exchanged with other systems: export a subtree's values for some periods, and
import a file of values through the entry form's own service, all or nothing.

An import runs every line through ``save_values`` (ttdn.indicators.services) — the
same checks as the entry form and the API: the person's units and role, the unit's
validity dates, a submitted report's lock, cells fed by registers, the indicator's
rules and a total against its parts — inside one transaction. A dry run (the default)
and an import with any line refused are rolled back whole: nothing is half-imported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.exchange import dhis2, table
from ttdn.exchange.mapping import DATA_SET, Catalogue
from ttdn.indicators.models import DataValue, DataValueSource
from ttdn.indicators.services import Key, ValuesRejected, current_values, save_values
from ttdn.lib import timeagg
from ttdn.lib.periods import Period, PeriodError, parse_period_id
from ttdn.orgunits.access import Action, can
from ttdn.orgunits.models import OrgUnit

FORMATS = {
    # format → (media type, file extension)
    "dvs-json": ("application/json", "json"),
    "dvs-csv": ("text/csv; charset=utf-8", "csv"),
    "adx": ("application/adx+xml", "xml"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


# Decimal places a value keeps (DataValue.value).
DECIMALS = 4


class ExchangeError(ValueError):
    """A request that cannot be answered at all (a file in no known format, bad periods)."""


@dataclass
class Entry:
    """One value read from a file, resolved to codes the database knows by."""

    where: str
    unit: str
    period: str
    indicator: str
    option: str
    value: Decimal | None
    error: str = ""


@dataclass
class Refusal:
    where: str
    reason: str


@dataclass
class ImportSummary:
    """What an import did or would do. ``ignored`` lines hold no value (an empty cell);
    ``committed`` is True only when the values were written."""

    format: str
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ignored: int = 0
    refused: list[Refusal] = field(default_factory=list)
    committed: bool = False


# Export --------------------------------------------------------------------------------


def parse_periods(text: str) -> list[Period]:
    """``2024,2025`` (every period of those years: months, quarters, halves, nine months,
    years) or DHIS2 period ids (``2024S1,2024Q3``), mixed as one likes."""
    periods: list[Period] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            if part.isdigit() and len(part) == 4:
                periods += timeagg.periods_of_year(int(part))
            else:
                periods.append(parse_period_id(part))
        except PeriodError:
            raise ExchangeError(
                _("“%(p)s” không phải năm hay kỳ (ví dụ 2024, 2024S1, 2024Q1, 202403).")
                % {"p": part}
            ) from None
    if not periods:
        raise ExchangeError(_("Chưa chọn năm hay kỳ nào."))
    return list(dict.fromkeys(periods))


def entered_values(user, unit: OrgUnit, periods: list[Period]) -> list[tuple]:
    """(unit code, period id, indicator code, option, value) of every value entered in
    ``unit``'s subtree for ``periods`` that the person may see. Derived figures are left
    out: the receiving side derives them again from what was entered."""
    return list(
        DataValue.objects.for_user(user, Action.VIEW)
        .filter(
            unit__path__startswith=unit.path,
            period__in=[p.id for p in periods],
            derived=False,
            indicator__active=True,
        )
        .order_by("unit__path", "period", "indicator__sort_order", "indicator__code", "option")
        .values_list("unit__code", "period", "indicator__code", "option", "value")
    )


def export(user, unit: OrgUnit, periods: list[Period], fmt: str, ids: str = "code") -> bytes:
    """The subtree's entered values in ``fmt`` (see ``FORMATS``); ``ids`` = ``uid`` names
    data elements and option combos by their DHIS2 uids instead of their codes."""
    if fmt not in FORMATS:
        raise ExchangeError(_("Không có định dạng “%(f)s”.") % {"f": fmt})
    rows = entered_values(user, unit, periods)
    catalogue = Catalogue.load()
    if fmt == "csv":
        indicators = catalogue.indicators
        return table.write_csv(
            [
                [code, option, _cell_name(indicators[code], option), value,
                 indicators[code].measure_unit, unit_code, period]
                for unit_code, period, code, option, value in rows
            ]
        )  # fmt: skip
    lines = []
    for unit_code, period, code, option, value in rows:
        indicator = catalogue.indicators[code]
        lines.append(
            dhis2.Line(
                data_element=catalogue.element(indicator, ids),
                period=period,
                org_unit=unit_code,
                value=plain(value),
                category_option_combo=catalogue.combo(indicator, option, ids),
                options=catalogue.adx_options(indicator, option, ids),
            )
        )
    if fmt == "dvs-json":
        return dhis2.write_json(lines)
    if fmt == "dvs-csv":
        return dhis2.write_csv(lines)
    return dhis2.write_adx(lines, DATA_SET)


def plain(value: Decimal) -> str:
    """A value as DHIS2 writes it: digits, a dot before decimals, no exponent."""
    return format(value.normalize(), "f")


def _cell_name(indicator, option: str) -> str:
    if option or indicator.disaggregation:
        return f"{indicator.name} — {indicator.option_label(option)}"
    return indicator.name


# Import --------------------------------------------------------------------------------


def read_entries(name: str, data: bytes) -> tuple[str, list[Entry]]:
    """The format and values of a file: a DHIS2 data value set (JSON, CSV), ADX, or the
    plain table (CSV, XLSX). Raises ExchangeError for a file none of them reads."""
    try:
        kind = dhis2.sniff(name, data)
        if kind == "table":
            fmt = "xlsx" if data[:2] == b"PK" or name.lower().endswith(".xlsx") else "csv"
            return fmt, [
                Entry(c.where, c.org_unit, c.period, c.indicator, c.option, c.value, c.error)
                for c in table.read(name, data)
            ]
        kind, lines = dhis2.read(name, data)
    except dhis2.FormatError as error:
        raise ExchangeError(str(error)) from None
    catalogue = Catalogue.load()
    return kind, [_entry(line, catalogue) for line in lines]


def _entry(line: dhis2.Line, catalogue: Catalogue) -> Entry:
    where = line.where
    entry = Entry(where, line.org_unit, line.period, line.data_element, "", None)
    indicator = catalogue.by_element.get(line.data_element)
    if indicator is None:
        entry.error = _("%(where)s: không có chỉ tiêu (dataElement) “%(code)s”.") % {
            "where": where,
            "code": line.data_element,
        }
        return entry
    entry.indicator = indicator.code
    if line.options is not None:
        option = catalogue.option_of_adx(indicator, line.options)
        given = ", ".join(f"{k}={v}" for k, v in line.options.items()) or "—"
    else:
        option = catalogue.option_of_combo(indicator, line.category_option_combo)
        given = line.category_option_combo or "—"
    if option is None:
        entry.error = _("%(where)s: phân tổ “%(given)s” không thuộc chỉ tiêu %(code)s.") % {
            "where": where,
            "given": given,
            "code": indicator.code,
        }
        return entry
    entry.option = option
    if line.value:
        try:
            value = Decimal(line.value)
            if not value.is_finite():
                raise InvalidOperation
            entry.value = value
        except InvalidOperation:
            entry.error = _("%(where)s: “%(value)s” không phải số.") % {
                "where": where,
                "value": line.value,
            }
    return entry


def import_entries(
    user,
    fmt: str,
    entries: list[Entry],
    commit: bool = False,
    within: OrgUnit | None = None,
) -> ImportSummary:
    """Check ``entries`` and write them if ``commit`` and none is refused; ``within``
    limits the import to one unit's subtree (the unit's import page)."""
    summary = ImportSummary(format=fmt, lines=len(entries))
    units = {
        u.code: u for u in OrgUnit.objects.filter(code__in={e.unit for e in entries if e.unit})
    }
    groups: dict[tuple[str, str], dict[Key, Entry]] = defaultdict(dict)
    for entry in entries:
        reason = entry.error or _line_refusal(user, entry, units, within)
        if reason:
            summary.refused.append(Refusal(entry.where, reason))
            continue
        if entry.value is None:
            summary.ignored += 1
            continue
        if entry.value.as_tuple().exponent < -DECIMALS:  # type: ignore[operator]
            summary.refused.append(
                Refusal(
                    entry.where,
                    _("%(where)s: %(value)s có quá %(n)d chữ số thập phân.")
                    % {"where": entry.where, "value": entry.value, "n": DECIMALS},
                )
            )
            continue
        group = groups[(entry.unit, entry.period)]
        key = (entry.indicator, entry.option)
        if key in group:
            summary.refused.append(
                Refusal(
                    entry.where,
                    _("%(where)s: lặp lại giá trị ở %(first)s.")
                    % {"where": entry.where, "first": group[key].where},
                )
            )
            continue
        group[key] = entry
    with transaction.atomic():
        for (unit_code, period_id), cells in groups.items():
            _save_group(user, units[unit_code], parse_period_id(period_id), cells, summary)
        summary.committed = commit and not summary.refused
        if not summary.committed:
            transaction.set_rollback(True)
    if summary.refused:
        summary.created = summary.updated = summary.unchanged = 0
    return summary


def _line_refusal(
    user, entry: Entry, units: dict[str, OrgUnit], within: OrgUnit | None
) -> str | None:
    unit = units.get(entry.unit)
    # A unit outside the person's units reads as unknown: its existence does not leak.
    if unit is None or not can(user, unit, Action.VIEW):
        return _("%(where)s: không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {
            "where": entry.where,
            "code": entry.unit,
        }
    if within is not None and not unit.path.startswith(within.path):
        return _("%(where)s: đơn vị %(code)s không thuộc %(unit)s.") % {
            "where": entry.where,
            "code": unit.code,
            "unit": within.name,
        }
    if not can(user, unit, Action.ENTER):
        return _("%(where)s: bạn không có quyền nhập số liệu cho %(unit)s.") % {
            "where": entry.where,
            "unit": unit.name,
        }
    try:
        parse_period_id(entry.period)
    except PeriodError:
        return _("%(where)s: “%(period)s” không phải kỳ (ví dụ 2024S1, 2024Q1, 202403, 2024).") % {
            "where": entry.where,
            "period": entry.period,
        }
    return None


def _save_group(
    user, unit: OrgUnit, period: Period, cells: dict[Key, Entry], summary: ImportSummary
) -> None:
    """One unit's values for one period, through the entry form's service; what it
    refuses goes to the lines that gave the values."""
    try:
        result = save_values(
            user,
            unit,
            period,
            {key: entry.value for key, entry in cells.items()},
            source=DataValueSource.IMPORT,
        )
    except ValuesRejected as rejected:
        errors = rejected.errors
        if rejected.whole:
            # A held period (a submitted report, a closed unit) refuses only the values
            # that would change it: a file exported from here and read back is unchanged.
            stored = {key: value for key, (value, _version) in current_values(unit, period).items()}
            errors = {
                k: m for k, m in errors.items() if k not in cells or stored.get(k) != cells[k].value
            }
            summary.unchanged += len(rejected.errors) - len(errors)
        for key, message in errors.items():
            entry = cells.get(key) or next(e for k, e in cells.items() if k[0] == key[0])
            label = f"{key[0]}/{key[1]}" if key[1] else key[0]
            summary.refused.append(
                Refusal(
                    entry.where, f"{entry.where} ({unit.code}, {period.id}, {label}): {message}"
                )
            )
        return
    summary.created += result.created
    summary.updated += result.updated
    summary.unchanged += result.unchanged


def import_file(
    user, name: str, data: bytes, commit: bool = False, within: OrgUnit | None = None
) -> ImportSummary:
    fmt, entries = read_entries(name, data)
    return import_entries(user, fmt, entries, commit=commit, within=within)
