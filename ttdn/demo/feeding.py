"""The demo's register records give their units' values, as saving them on their pages
would: for a unit with records, the generated values of every indicator its registers
feed are replaced, in every period of the demo's years, by what the records give
(ttdn.indicators.feeds), with the records as their sources. A report then never says
"03 đoàn" in its figures and "01 đoàn" in the register's sentence."""

from __future__ import annotations

from collections.abc import Iterable

from ttdn.indicators.feeds import fed_figures
from ttdn.indicators.models import DataValue, DataValueSource, Indicator, RegisterFigure
from ttdn.lib.timeagg import periods_of_year
from ttdn.registers import base


def feed_registers(years: Iterable[int]) -> int:
    """Write what the records give for every unit that has some; returns the values
    written. Called before the subtree sums are rebuilt."""
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    written = 0
    years = list(years)
    all_period_ids = [p.id for year in years for p in periods_of_year(year)]
    for unit, periods in base.periods_with_records(set(years)).values():
        figures = {
            period: fed_figures(unit, period)
            for period in sorted(periods, key=lambda p: p.sort_key)
        }
        codes = {code for found in figures.values() for code, _option in found}
        if not codes:
            continue
        DataValue.objects.filter(
            unit=unit, period__in=all_period_ids, indicator__code__in=codes
        ).delete()
        RegisterFigure.objects.filter(unit=unit, period__in=all_period_ids).delete()
        values, fed = [], []
        for period, found in figures.items():
            for (code, option), figure in found.items():
                values.append(
                    DataValue(
                        indicator_id=indicators[code],
                        unit=unit,
                        period=period.id,
                        option=option,
                        value=figure.value,
                        source=DataValueSource.REGISTER,
                    )
                )
                fed.append(
                    RegisterFigure(
                        unit=unit,
                        period=period.id,
                        indicator_id=indicators[code],
                        option=option,
                        value=figure.value,
                        sources=[s.as_list() for s in figure.sources],
                    )
                )
        DataValue.objects.bulk_create(values, batch_size=500)
        RegisterFigure.objects.bulk_create(fed, batch_size=500)
        written += len(values)
    return written
