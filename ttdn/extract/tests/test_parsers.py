"""Property tests for the number, date and period parsers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.extract.dates import find_date, parse_date
from ttdn.extract.facts import find_facts
from ttdn.extract.numbers import NumberError, format_vi, parse_number, scale
from ttdn.lib.periods import Period, PeriodType, find_period_labels, label_vi, parse_period_label

periods = st.one_of(
    st.builds(Period, st.just(PeriodType.MONTH), st.integers(1990, 2099), st.integers(1, 12)),
    st.builds(Period, st.just(PeriodType.QUARTER), st.integers(1990, 2099), st.integers(1, 4)),
    st.builds(Period, st.just(PeriodType.SIX_MONTH), st.integers(1990, 2099), st.integers(1, 2)),
    st.builds(Period, st.just(PeriodType.NINE_MONTH), st.integers(1990, 2099), st.just(1)),
    st.builds(Period, st.just(PeriodType.YEAR), st.integers(1990, 2099), st.just(1)),
)


@given(st.integers(0, 10**12))
def test_it_reads_back_any_integer_written_the_vietnamese_way(n):
    assert parse_number(format_vi(n)) == n


@given(st.integers(0, 10**9), st.integers(1, 99))
def test_it_reads_a_decimal_comma(whole, frac):
    text = f"{format_vi(whole)},{frac:02d}"
    assert parse_number(text) == pytest.approx(whole + frac / 100)


@given(st.integers(0, 10**12))
def test_it_reads_back_any_integer_written_the_english_way(n):
    assert parse_number(f"{n:,}", "en") == n


@given(st.integers(1, 999))
def test_it_reads_leading_zeros_as_counts(n):
    assert parse_number(f"{n:03d}") == n


@given(st.text(alphabet="0123456789.,", min_size=1, max_size=20))
def test_it_either_reads_a_number_or_says_it_is_not_one(token):
    try:
        value = parse_number(token)
    except NumberError:
        return
    assert value >= 0


@given(st.integers(0, 10**6), st.sampled_from([1e3, 1e6, 1e9]), st.integers(0, 9))
def test_scaling_keeps_exact_decimal_values(whole, factor, tenth):
    value = whole + tenth / 10
    assert scale(value, factor) == pytest.approx(value * factor, rel=1e-12)


@given(st.dates(date(1950, 1, 1), date(2099, 12, 31)))
def test_it_reads_dates_in_every_written_form(day):
    forms = [
        f"ngày {day.day}/{day.month}/{day.year}",
        f"ngày {day.day:02d}/{day.month:02d}/{day.year}",
        f"ngày {day.day:02d} tháng {day.month} năm {day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{day.day} {day:%B} {day.year}",
    ]
    for form in forms:
        assert parse_date(f"Theo văn bản {form} của Sở") == day, form


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1950, 2099))
def test_it_never_invents_an_impossible_date(d, m, y):
    found = find_date(f"{d}/{m}/{y}")
    try:
        real = date(y, m, d)
    except ValueError:
        assert found is None
    else:
        assert found is not None and found[0] == real


@given(periods)
def test_it_reads_back_every_period_label(period):
    assert parse_period_label(label_vi(period)) == period


@given(
    periods, st.sampled_from(["Báo cáo kết quả ", "Trong ", ""]), st.sampled_from([", ", ". ", ""])
)
def test_it_finds_a_period_label_inside_a_sentence(period, before, after):
    found = find_period_labels(f"{before}{label_vi(period)}{after}")
    assert found and found[0].period == period


@given(st.integers(1, 10**7))
def test_a_counted_number_is_one_fact_with_its_unit(n):
    facts = find_facts(f"Các cơ quan báo chí đăng {format_vi(n)} tin, bài về thông tin đối ngoại.")
    assert [(f["value"], f["unit"]) for f in facts] == [(n, "tin, bài")]


@given(st.integers(1990, 2099))
def test_years_dates_and_ranges_are_never_facts(year):
    text = (
        f"Năm {year}, theo Kế hoạch số 12/KH-UBND ngày 05/3/{year}, giai đoạn {year}-{year + 5}, "
        f"lần thứ 4, Sea Games 31, Covid-19, G7, lúc 18h00."
    )
    assert find_facts(text) == []
