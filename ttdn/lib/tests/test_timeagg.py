"""Periods derived from finer ones, checked case by case and against a direct computation."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.lib.periods import Period, PeriodType, parse_period_id
from ttdn.lib.timeagg import derive, from_parts, parts_of, periods_of_year

D = Decimal


def entered(**values) -> dict:
    """entered(M01=10, S1=5) → {("202401", ""): (10, False), ("2024S1", ""): (5, False)}."""
    out = {}
    for name, value in values.items():
        period = f"2024{name[1:]}" if name.startswith("M") else f"2024{name}"
        if name == "Y":
            period = "2024"
        out[(period, "")] = (D(value), False)
    return out


def value(cells, period_id, option=""):
    cell = cells.get((period_id, option))
    return None if cell is None else (cell.value, cell.months, cell.derived)


def test_a_year_from_its_halves():
    cells = derive(entered(S1=10, S2=15), 2024)
    assert value(cells, "2024") == (D(25), 12, True)
    assert value(cells, "2024N9") == (D(10), 6, True)  # the third quarter is not known


def test_a_year_from_quarters_and_nine_months_from_quarters():
    cells = derive(entered(Q1=1, Q2=2, Q3=3, Q4=4), 2024)
    assert value(cells, "2024S1") == (D(3), 6, True)
    assert value(cells, "2024N9") == (D(6), 9, True)
    assert value(cells, "2024") == (D(10), 12, True)


def test_a_year_and_nine_months_from_the_twelve_months():
    cells = derive({(f"2024{m:02d}", ""): (D(m), False) for m in range(1, 13)}, 2024)
    assert value(cells, "2024N9") == (D(45), 9, True)
    assert value(cells, "2024") == (D(78), 12, True)
    assert value(cells, "2024Q4") == (D(33), 3, True)


def test_an_entered_value_wins_over_its_parts_and_feeds_the_coarser_periods():
    # The first half entered as 100 while its months add up to 21: 100 counts.
    months = {(f"2024{m:02d}", ""): (D(m), False) for m in range(1, 7)}
    cells = derive(
        {**months, ("2024S1", ""): (D(100), False), ("2024S2", ""): (D(50), False)}, 2024
    )
    assert value(cells, "2024S1") == (D(100), 6, False)
    assert value(cells, "2024Q1") == (D(6), 3, True)
    assert value(cells, "2024") == (D(150), 12, True)
    assert from_parts(
        cells_to_entered(months, ("2024S1", ""), D(100)), Period(PeriodType.SIX_MONTH, 2024, 1)
    )[""].value == D(21)


def cells_to_entered(base, key, entered_value):
    return {**base, key: (entered_value, False)}


def test_nine_months_from_the_first_half_and_the_third_quarter():
    cells = derive(entered(S1=40, Q3=20), 2024)
    assert value(cells, "2024N9") == (D(60), 9, True)
    assert value(cells, "2024") == (D(60), 9, True)  # the year so far: nine months of it


def test_a_stock_takes_the_value_at_the_end_of_the_period():
    cells = derive(entered(S1=1200, S2=1500), 2024, stock=True)
    assert value(cells, "2024") == (D(1500), 12, True)
    only_first = derive(entered(S1=1200), 2024, stock=True)
    assert value(only_first, "2024") == (D(1200), 6, True)
    quarters = derive(entered(Q1=10, Q2=12, Q3=15), 2024, stock=True)
    assert value(quarters, "2024N9") == (D(15), 9, True)
    assert value(quarters, "2024S1") == (D(12), 6, True)


def test_a_missing_total_is_the_sum_of_its_parts_when_they_add_up():
    parts = {("2024S1", "en"): (D(500), False), ("2024S1", "ja"): (D(200), False)}
    cells = derive(parts, 2024, ["en", "ja"])
    assert value(cells, "2024S1") == (D(700), 6, True)
    assert value(cells, "2024") == (D(700), 6, True)
    assert value(derive(parts, 2024, ["en", "ja"], additive=False), "2024S1") is None


def test_an_estimate_makes_what_it_feeds_an_estimate():
    cells = derive({("2024S1", ""): (D(5), True), ("2024S2", ""): (D(6), False)}, 2024)
    assert cells[("2024", "")].estimated
    assert not cells[("2024S2", "")].estimated


def test_nothing_entered_gives_nothing():
    assert derive({}, 2024) == {}
    assert parts_of(parse_period_id("202403")) == []


# Against a direct computation ----------------------------------------------------------

PERIOD_IDS = [p.id for p in periods_of_year(2024)]
MONTHS = {p.id: (p.months[0], p.months[1]) for p in periods_of_year(2024)}


def direct(entries: dict[str, Decimal], period_id: str) -> Decimal | None:
    """A flow's value written straight from the rule, top-down: the entered value, else
    the sum of whatever its parts give."""
    if period_id in entries:
        return entries[period_id]
    period = parse_period_id(period_id)
    got = [direct(entries, part.id) for part in parts_of(period)]
    got = [g for g in got if g is not None]
    return sum(got, Decimal(0)) if got else None


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(PERIOD_IDS), st.integers(min_value=0, max_value=10_000), max_size=12
    )
)
def test_derived_flows_equal_a_direct_computation(raw):
    entries = {period_id: Decimal(v) for period_id, v in raw.items()}
    cells = derive({(p, ""): (v, False) for p, v in entries.items()}, 2024)
    for period_id in PERIOD_IDS:
        expected = direct(entries, period_id)
        got = cells.get((period_id, ""))
        assert (got.value if got else None) == expected, period_id
        if got is not None:
            assert got.derived == (period_id not in entries)
