"""Two years of values for the test tree: every active indicator, every option, for each
half-year of 2024 and 2025, entered by the units themselves through ``save_values``."""

from __future__ import annotations

from decimal import Decimal

from ttdn.indicators.models import (
    TOTAL,
    DataValue,
    DataValueChange,
    Indicator,
    RollupValue,
    ValueType,
)
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id

HALVES = ["2024S1", "2024S2", "2025S1", "2025S2"]


def value_for(indicator: Indicator, seed: int) -> Decimal:
    number = Decimal(3 + (seed * 7919) % 97)
    if indicator.value_type in (ValueType.DECIMAL, ValueType.MONEY):
        return number + Decimal("0.25")
    if indicator.value_type == ValueType.PERCENT:
        return Decimal(seed % 100) + Decimal("0.5")
    return number


def fill(user, units, periods=HALVES, extra_periods=("2024Q3",)) -> int:
    """Values for ``units`` (leaves or not) in ``periods``; parts of an additive breakdown
    stay below their total. Returns how many were written."""
    indicators = list(Indicator.objects.filter(active=True))
    written = 0
    for u, unit in enumerate(units):
        for p, period_id in enumerate([*periods, *extra_periods]):
            values: dict = {}
            for i, indicator in enumerate(indicators):
                if (u + p + i) % 5 == 0:
                    continue  # leave some cells empty: no value differs from zero
                seed = u * 1000 + p * 100 + i
                parts = [o for o in indicator.options() if o != TOTAL][:3]
                for k, option in enumerate(parts):
                    values[(indicator.code, option)] = value_for(indicator, seed + k)
                values[(indicator.code, TOTAL)] = value_for(indicator, seed) + sum(
                    value_for(indicator, seed + k) for k in range(len(parts))
                )
                if indicator.value_type == ValueType.PERCENT:
                    values = {
                        key: value for key, value in values.items() if key[0] != indicator.code
                    }
                    values[(indicator.code, TOTAL)] = value_for(indicator, seed)
            result = save_values(user, unit, parse_period_id(period_id), values)
            written += result.created
    return written


def wipe_values() -> None:
    """The same units and catalogue, no values: what a receiving system starts from."""
    RollupValue.objects.all().delete()
    DataValueChange.objects.all().delete()
    DataValue.objects.all().delete()
