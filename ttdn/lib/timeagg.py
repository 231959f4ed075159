"""Periods derived from finer ones (tổng hợp theo thời gian): a year from its halves,
quarters or months; nine months from the first half and the third quarter; a total from
the parts of an additive breakdown.

Flows (articles, visitors) add up; stocks (followers, accounts) take the value at the
end of the period. A value entered for a period wins over what its parts give. Every
derived value says how many months its parts cover, so a year known only for its first
half is never compared as if it were whole. No Django import: the rule can be tested on
its own and against a direct computation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ttdn.lib.periods import Period, PeriodType

TOTAL = ""


@dataclass(frozen=True)
class Cell:
    """A value of one period and option: entered, or derived from finer periods."""

    value: Decimal
    months: int  # months of the period its figure covers
    estimated: bool = False
    derived: bool = False


def months_in(period: Period) -> int:
    first, last = period.months
    return last - first + 1


def periods_of_year(year: int) -> list[Period]:
    """Every period of a year, finest first: months, quarters, halves, nine months, year."""
    return [
        *(Period(PeriodType.MONTH, year, m) for m in range(1, 13)),
        *(Period(PeriodType.QUARTER, year, q) for q in range(1, 5)),
        Period(PeriodType.SIX_MONTH, year, 1),
        Period(PeriodType.SIX_MONTH, year, 2),
        Period(PeriodType.NINE_MONTH, year, 1),
        Period(PeriodType.YEAR, year, 1),
    ]


def parts_of(period: Period) -> list[Period]:
    """The periods a coarser one is made of, in order; none for a month."""
    year = period.year
    match period.type:
        case PeriodType.QUARTER:
            first = (period.index - 1) * 3 + 1
            return [Period(PeriodType.MONTH, year, m) for m in range(first, first + 3)]
        case PeriodType.SIX_MONTH:
            first = (period.index - 1) * 2 + 1
            return [Period(PeriodType.QUARTER, year, q) for q in (first, first + 1)]
        case PeriodType.NINE_MONTH:
            return [Period(PeriodType.SIX_MONTH, year, 1), Period(PeriodType.QUARTER, year, 3)]
        case PeriodType.YEAR:
            return [Period(PeriodType.SIX_MONTH, year, 1), Period(PeriodType.SIX_MONTH, year, 2)]
        case _:
            return []


def combine(period: Period, parts: list[tuple[Period, Cell]], stock: bool) -> Cell | None:
    """The value ``period`` takes from those of its parts that have one."""
    if not parts:
        return None
    estimated = any(cell.estimated for _part, cell in parts)
    if stock:
        last, cell = parts[-1]
        covered = last.months[1] - period.months[0] + 1
        return Cell(cell.value, covered, estimated, True)
    value = sum((cell.value for _part, cell in parts), Decimal(0))
    return Cell(value, sum(cell.months for _part, cell in parts), estimated, True)


@lru_cache(maxsize=64)
def _layout(year: int) -> tuple[tuple[Period, str, int, tuple[tuple[Period, str], ...]], ...]:
    """Each period of the year, finest first, with its id, its months and its parts (with
    their ids): derive() runs on every write, and ids are costly to make again."""
    return tuple(
        (period, period.id, months_in(period), tuple((p, p.id) for p in parts_of(period)))
        for period in periods_of_year(year)
    )


def derive(
    entered: Mapping[tuple[str, str], tuple[Decimal, bool]],
    year: int,
    options: Iterable[str] = (TOTAL,),
    stock: bool = False,
    additive: bool = True,
) -> dict[tuple[str, str], Cell]:
    """Every (period id, option) of ``year`` that has a value, for one unit and indicator.

    ``entered`` maps (period id, option) to (value, estimated) for what people entered.
    Level by level from months to the year, each cell is the entered value, else what
    its parts give; a total with neither is, for an additive breakdown, the sum of its
    parts in the same period.
    """
    options = list(dict.fromkeys([TOTAL, *options]))
    cells: dict[tuple[str, str], Cell] = {}
    for period, period_id, whole, parts_ids in _layout(year):
        for option in options:
            key = (period_id, option)
            if key in entered:
                value, estimated = entered[key]
                cells[key] = Cell(value, whole, estimated, False)
                continue
            parts = [
                (part, cells[(part_id, option)])
                for part, part_id in parts_ids
                if (part_id, option) in cells
            ]
            cell = combine(period, parts, stock)
            if cell is not None:
                cells[key] = cell
        if additive and (period_id, TOTAL) not in cells:
            given = [cells[(period_id, o)] for o in options if o and (period_id, o) in cells]
            if given:
                cells[(period_id, TOTAL)] = Cell(
                    sum((p.value for p in given), Decimal(0)),
                    min(p.months for p in given),
                    any(p.estimated for p in given),
                    True,
                )
    return cells


def from_parts(
    entered: Mapping[tuple[str, str], tuple[Decimal, bool]],
    period: Period,
    options: Iterable[str] = (TOTAL,),
    stock: bool = False,
    additive: bool = True,
) -> dict[str, Cell]:
    """What ``period``'s parts give for each option, whatever was entered for the period
    itself: shown beside an entered figure so a difference is seen."""
    rest = {key: value for key, value in entered.items() if key[0] != period.id}
    cells = derive(rest, period.year, options, stock, additive)
    return {
        option: cells[(period.id, option)]
        for option in dict.fromkeys([TOTAL, *options])
        if (period.id, option) in cells
    }
