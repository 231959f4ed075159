"""Confirmed activities of the small demo: recorded by Phường Quy Nhơn's officer
through the activities register, so their figures become the ward's values for the
third quarter of 2025 with the activities as sources (the entry form shows them
read-only). Run after the demo's values, which they replace in their cells."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from ttdn.activities.models import Activity, ActivityQuantity
from ttdn.indicators.models import Indicator
from ttdn.orgunits.models import OrgUnit
from ttdn.registers.base import get as get_register

UNIT = "BDI-QN"
OFFICER = "canbo.quynhon"

# (type, title, start, end, topics, languages, audiences, quantities by (code, option))
CONFIRMED = [
    (
        "training",
        "Tập huấn nâng cao kỹ năng thông tin đối ngoại cho cán bộ, công chức phường năm 2025",
        date(2025, 8, 14),
        date(2025, 8, 15),
        ["dao_tao_tap_huan"],
        ["vi"],
        ["officials"],
        {("training_courses", ""): 1, ("training_participants", ""): 85},
    ),
    (
        "press_conference",
        "Họp báo giới thiệu Lễ hội Văn hóa - Du lịch biển Quy Nhơn 2025",
        date(2025, 7, 22),
        None,
        ["du_lich", "bao_chi_phat_ngon"],
        ["vi", "en"],
        ["public"],
        {("press_conferences", ""): 1},
    ),
    (
        "media_coverage",
        "Phối hợp đăng tải tin, bài quảng bá du lịch Quy Nhơn trên báo chí nước ngoài",
        date(2025, 9, 5),
        date(2025, 9, 30),
        ["du_lich", "quang_ba_hinh_anh"],
        ["en", "ko"],
        ["overseas_vietnamese"],
        {("foreign_media_items", "en"): 6, ("foreign_media_items", "ko"): 3},
    ),
]


def record_confirmed_activities() -> int:
    """Record the ward's confirmed activities as its officer would; the number saved."""
    unit = OrgUnit.objects.get(code=UNIT)
    officer = get_user_model().objects.get(username=OFFICER)
    register = get_register("activities")
    indicators = {i.code: i for i in Indicator.objects.all()}
    for kind, title, start, end, topics, languages, audiences, quantities in CONFIRMED:

        def rows(activity, quantities=quantities):
            ActivityQuantity.objects.bulk_create(
                ActivityQuantity(
                    activity=activity, indicator=indicators[code], option=option, value=value
                )
                for (code, option), value in quantities.items()
            )

        activity = Activity(
            type=kind,
            title=title,
            start_date=start,
            end_date=end,
            topics=topics,
            languages=languages,
            audiences=audiences,
            counted=True,
        )
        register.save(officer, activity, unit=unit, write_children=rows)
    return len(CONFIRMED)
