from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.lib.periods import (
    Convention,
    Period,
    PeriodError,
    PeriodType,
    find_period_labels,
    half_year_in_hand,
    parse_period,
    parse_period_id,
    parse_period_label,
)

LIMITS = {
    PeriodType.MONTH: 12,
    PeriodType.QUARTER: 4,
    PeriodType.SIX_MONTH: 2,
    PeriodType.NINE_MONTH: 1,
    PeriodType.YEAR: 1,
}


@st.composite
def periods(draw):
    kind = draw(st.sampled_from(list(PeriodType)))
    return Period(kind, draw(st.integers(1901, 2098)), draw(st.integers(1, LIMITS[kind])))


@given(periods())
def test_every_vietnamese_label_parses_back_to_its_period(period):
    assert parse_period_label(period.label("vi")) == period


@given(periods())
def test_every_english_label_parses_back_to_its_period(period):
    assert parse_period_label(period.label("en")) == period


@given(periods())
def test_every_id_parses_back_to_its_period(period):
    assert parse_period_id(period.id) == period
    assert parse_period(period.id) == period


@given(periods())
def test_a_period_starts_before_it_ends_and_last_year_is_a_year_earlier(period):
    assert period.start <= period.end
    earlier = period.same_period_last_year()
    assert (earlier.start.replace(year=earlier.start.year + 1)) == period.start


@pytest.mark.parametrize(
    "label, period_id, start, end",
    [
        ("6 tháng đầu năm 2024", "2024S1", date(2024, 1, 1), date(2024, 6, 30)),
        ("6 tháng cuối năm 2023", "2023S2", date(2023, 7, 1), date(2023, 12, 31)),
        ("năm 2022", "2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("9 tháng đầu năm 2018", "2018N9", date(2018, 1, 1), date(2018, 9, 30)),
        ("quý I/2023", "2023Q1", date(2023, 1, 1), date(2023, 3, 31)),
        ("quý I năm 2023", "2023Q1", date(2023, 1, 1), date(2023, 3, 31)),
        ("tháng 3/2024", "202403", date(2024, 3, 1), date(2024, 3, 31)),
        ("Tháng 2 năm 2024", "202402", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_it_reads_the_labels_reports_use(label, period_id, start, end):
    period = parse_period_label(label)
    assert (period.id, period.start, period.end) == (period_id, start, end)


def test_it_finds_labels_inside_running_text():
    text = "Báo cáo kết quả công tác TTĐN 6 tháng đầu năm 2024 và phương hướng 6 tháng cuối năm"
    found = find_period_labels(text)
    assert [m.period.id for m in found] == ["2024S1"]
    assert text[found[0].start : found[0].end] == "6 tháng đầu năm 2024"


def test_decree_09_2019_cuts_data_on_the_fourteenth():
    assert parse_period_id("2024S1").bounds(Convention.DECREE_09_2019) == (
        date(2023, 12, 15),
        date(2024, 6, 14),
    )
    assert parse_period_id("2024").bounds(Convention.DECREE_09_2019) == (
        date(2023, 12, 15),
        date(2024, 12, 14),
    )


@pytest.mark.parametrize("bad", ["2024S3", "2024Q5", "202413", "24S1", "abc", "2024N6", ""])
def test_it_refuses_ids_that_name_no_period(bad):
    with pytest.raises(PeriodError):
        parse_period_id(bad)


def test_it_refuses_a_label_that_names_no_period():
    with pytest.raises(PeriodError):
        parse_period_label("kết quả công tác thông tin đối ngoại")


def test_previous_periods_wrap_across_years():
    assert parse_period_id("2024S1").previous().id == "2023S2"
    assert parse_period_id("2024Q1").previous().id == "2023Q4"
    assert parse_period_id("202401").previous().id == "202312"
    assert parse_period_id("2024").previous().id == "2023"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 10), "2025S2"),  # the year just ended is still being reported
        (date(2026, 2, 1), "2026S1"),
        (date(2026, 6, 14), "2026S1"),  # the six-month report closes on 14/6
        (date(2026, 7, 20), "2026S1"),  # late six-month reports
        (date(2026, 8, 1), "2026S2"),
        (date(2026, 12, 6), "2026S2"),  # December reports the second half, not the first
        (date(2026, 12, 31), "2026S2"),
    ],
)
def test_the_half_year_in_hand_follows_the_reporting_calendar(today, expected):
    assert half_year_in_hand(today).id == expected
