from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.lib.vnformat import (
    NumberFormatError,
    format_number,
    format_percent,
    official_date_line,
    parse_number,
)


def test_numbers_print_in_vietnamese_format():
    assert format_number(1582300) == "1.582.300"
    assert format_number(Decimal("54.7")) == "54,7"
    assert format_number(Decimal("4816.2")) == "4.816,2"
    assert format_number(1582300, language="en") == "1,582,300"
    assert format_number(None) == ""
    assert format_number(0) == "0"


def test_percent_changes_carry_their_sign():
    assert format_percent(33.333) == "+33,3%"
    assert format_percent(-12.04) == "-12,0%"


@pytest.mark.parametrize(
    "text, value",
    [
        ("1.582.300", 1582300),
        ("54,7", Decimal("54.7")),
        ("1582300", 1582300),
        ("4.816,2", Decimal("4816.2")),
        ("0", 0),
        ("08", 8),
        (" 1.073 ", 1073),
    ],
)
def test_it_reads_numbers_typed_the_vietnamese_way(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["54.7", "1,582,300", "abc", "1.58.2", "", "12,3,4"])
def test_it_refuses_numbers_in_another_format_with_a_clear_message(text):
    with pytest.raises(NumberFormatError) as error:
        parse_number(text)
    assert str(error.value)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_formatted_numbers_read_back_to_the_same_value(value):
    assert parse_number(format_number(value)) == value
    assert parse_number(format_number(value, language="en"), language="en") == value


def test_the_official_date_line_pads_days_below_ten_and_the_first_two_months():
    assert official_date_line("Đồng Nai", date(2024, 7, 3)) == "Đồng Nai, ngày 03 tháng 7 năm 2024"
    assert official_date_line("Hà Nam", date(2022, 2, 5)) == "Hà Nam, ngày 05 tháng 02 năm 2022"
    assert official_date_line("Huế", date(2023, 12, 25)) == "Huế, ngày 25 tháng 12 năm 2023"
