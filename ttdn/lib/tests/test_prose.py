"""Figures, dates and periods written as the provincial reports write them."""

from datetime import date
from decimal import Decimal

import pytest

from ttdn.lib import prose
from ttdn.lib.periods import parse_period_id


@pytest.mark.parametrize(
    ("value", "noun", "expected"),
    [
        (8, "dự án", "08 dự án"),
        (3, "phóng sự", "03 phóng sự"),
        (46, "tin, bài", "46 tin, bài"),
        (1230, "lượt khách", "1.230 lượt khách"),
        (1582300, "lượt khách", "1.582.300 lượt khách"),
        (5, "phút", "5 phút"),  # amounts are not padded
        (0, "cuộc", "0 cuộc"),
        (Decimal("2.5"), "lớp", "2,5 lớp"),
    ],
)
def test_counts_pad_one_to_nine_and_group_thousands(value, noun, expected):
    assert prose.count(value, noun) == expected


def test_padding_can_be_switched_off():
    assert prose.count(8, "dự án", pad=False) == "8 dự án"


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (1_073_000_000_000, "VND", "1.073 tỷ đồng"),
        (3_650_000_000, "VND", "3,65 tỷ đồng"),
        (2_320_751_696_938, "VND", "2.321 tỷ đồng"),
        (850_000_000, "VND", "850 triệu đồng"),
        (54_700_000, "USD", "54,7 triệu USD"),
        (4_816_200_000, "USD", "4.816,2 triệu USD"),
        (1_682_700_000, "USD", "1.682,7 triệu USD"),
        (35_000, "USD", "35.000 USD"),
    ],
)
def test_money_in_the_units_officials_use(value, currency, expected):
    assert prose.money(value, currency) == expected


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (46, 40, "tăng 15% so với cùng kỳ năm 2023"),
        (8, 6, "tăng 33,3% so với cùng kỳ năm 2023"),
        (Decimal("54.7"), Decimal("63.1"), "giảm 13,3% so với cùng kỳ năm 2023"),
        (12, 12, "bằng cùng kỳ năm 2023"),
        (5, 0, "tăng 05 dự án so với cùng kỳ năm 2023"),
        (None, 3, ""),
    ],
)
def test_changes_against_the_same_period_of_last_year(now, before, expected):
    assert prose.change(now, before, "cùng kỳ năm 2023", "dự án") == expected


def test_a_year_report_compares_with_the_year_before():
    assert prose.against_label(parse_period_id("2022")) == "năm 2021"
    assert prose.against_label(parse_period_id("2024S1")) == "cùng kỳ năm 2023"


def test_half_up_rounding_as_people_round():
    # 3,65 / 8 = 45,625 %: Python's round() would give 45,62
    assert prose.plan_share(Decimal("3.65"), 8, "năm") == "đạt 45,6% kế hoạch năm"
    assert prose.plan_share(1073, 1780, "năm") == "đạt 60,3% kế hoạch năm"
    assert prose.plan_share(125, 100, "năm") == "đạt 125% kế hoạch năm, vượt kế hoạch đề ra"


def test_dates_in_running_text_pad_the_day_and_only_january_and_february():
    assert prose.day(date(2022, 12, 8)) == "08/12/2022"
    assert prose.day(date(2022, 2, 23)) == "23/02/2022"
    assert prose.day(date(2022, 6, 9)) == "09/6/2022"
    assert prose.span(date(2024, 3, 12)) == "ngày 12/3/2024"
    assert prose.span(date(2024, 4, 18), date(2024, 4, 21)) == "từ ngày 18 đến ngày 21/4/2024"
    assert prose.span(date(2024, 7, 1), date(2024, 12, 31)) == "từ ngày 01/7 đến ngày 31/12/2024"
    assert (
        prose.span(date(2024, 12, 28), date(2025, 1, 3)) == "từ ngày 28/12/2024 đến ngày 03/01/2025"
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2024S1", "6 tháng cuối năm 2024"),
        ("2024S2", "6 tháng đầu năm 2025"),
        ("2018N9", "3 tháng cuối năm 2018"),
        ("2022", "năm 2023"),
        ("2024Q3", "quý IV/2024"),
        ("2024Q4", "quý I/2025"),
        ("202412", "tháng 1/2025"),
    ],
)
def test_the_next_period_is_named_for_the_tasks_heading(period, expected):
    assert prose.next_period_label(parse_period_id(period)) == expected


def test_lists_and_sentences():
    assert prose.join(["A"]) == "A"
    assert prose.join(["A", "B"]) == "A và B"
    assert prose.join(["A", "B", "C"]) == "A, B và C"
    assert prose.sentence("  tổ chức hội nghị ;") == "Tổ chức hội nghị."
    assert prose.sentence("Đã xong.") == "Đã xong."
    assert prose.Quantity(Decimal(54_700_000), "USD", "money").__str__() == "54,7 triệu USD"
