"""Validation rules a submission's values must pass, each with a readable message."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ttdn.indicators.models import DataValue, Indicator, TimeAggregation, ValueType
from ttdn.lib.vnformat import format_number

# (larger, smaller): the first indicator's value may never be below the second's.
ORDER_RULES: list[tuple[str, str]] = [
    ("training_participants", "training_courses"),
    ("foreign_reporters", "foreign_press_delegations"),
    ("publication_copies", "publication_titles"),
    ("broadcast_minutes", "broadcast_programmes"),
]


def check_values(unit, period_id: str, indicators: list[Indicator]) -> list[str]:
    """Every rule the unit's values for the period break, as messages."""
    codes = {i.code: i for i in indicators}
    rows = DataValue.objects.filter(
        unit=unit, period=period_id, indicator__code__in=codes
    ).values_list("indicator__code", "option", "value")
    values: dict[tuple[str, str], Decimal] = {(c, o): v for c, o, v in rows}
    problems: list[str] = []
    for (code, option), value in sorted(values.items()):
        indicator = codes[code]
        if option:
            total = values.get((code, ""))
            if total is not None and value > total:
                problems.append(
                    _("%(name)s — %(part)s: %(value)s lớn hơn tổng %(total)s.")
                    % {
                        "name": indicator.name,
                        "part": indicator.option_label(option),
                        "value": format_number(value),
                        "total": format_number(total),
                    }
                )
        if indicator.value_type == ValueType.PERCENT and not 0 <= value <= 100:
            problems.append(
                _("%(name)s: tỷ lệ %(value)s%% nằm ngoài khoảng 0–100%%.")
                % {"name": indicator.name, "value": format_number(value)}
            )
        if indicator.time_aggregation == TimeAggregation.LAST and value < 0:
            problems.append(_("%(name)s: số cuối kỳ không thể âm.") % {"name": indicator.name})
    for larger, smaller in ORDER_RULES:
        big, small = values.get((larger, "")), values.get((smaller, ""))
        if big is not None and small is not None and big < small:
            problems.append(
                _("%(big)s (%(b)s) không thể ít hơn %(small)s (%(s)s).")
                % {
                    "big": codes[larger].name,
                    "b": format_number(big),
                    "small": codes[smaller].name,
                    "s": format_number(small),
                }
            )
    return problems
