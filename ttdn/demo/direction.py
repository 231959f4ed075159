"""The small demo's direction records: Bình Định's steering committee with its members
and conferences, the officers assigned in its departments and communes (one commune
with nobody yet), a central inspection with its three recommendations and their
follow-up, a department's own check of websites, and the 2024–2025 budget lines — Tuy
Phước district with none allocated, as its 2022 report says.

They are written as rows, checked by the models' own rules, the way the demo's plans
are: the demo's values are its generated ones (ttdn.demo.values), which its tests hold
to; saving a record again through its page feeds the values it gives."""

from __future__ import annotations

from datetime import date

from ttdn.direction.models import (
    Budget,
    CommitteeMember,
    MeetingFollowUp,
    Officer,
    OversightVisit,
    Recommendation,
    RecommendationProgress,
    SteeringCommittee,
    SteeringMeeting,
)
from ttdn.orgunits.models import OrgUnit
from ttdn.registers.base import get

MEMBERS = [
    ("Trần Văn Hùng", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh", "head"),
    (
        "Lê Thị Thu Hà",
        "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "standing_deputy",
    ),
    ("Nguyễn Minh Quang", "Giám đốc Sở Ngoại vụ", "Sở Ngoại vụ", "deputy"),
    (
        "Phạm Thị Lan",
        "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        "Sở Văn hóa, Thể thao và Du lịch",
        "member",
    ),
    (
        "Võ Văn Tâm",
        "Phó Tổng Biên tập Báo và Phát thanh, Truyền hình Bình Định",
        "Báo và Phát thanh, Truyền hình Bình Định",
        "member",
    ),
]

MEETINGS = [
    (
        date(2024, 1, 16),
        "review",
        "Hội nghị tổng kết công tác thông tin đối ngoại năm 2023, triển khai nhiệm vụ năm 2024",
        "Các thành viên Ban Chỉ đạo bám sát Kế hoạch thông tin đối ngoại năm 2024 của tỉnh; "
        "tăng cường quảng bá hình ảnh Bình Định trên các nền tảng số.",
        [
            (
                "Xây dựng Kế hoạch thông tin đối ngoại năm 2024",
                "BDI-BTGDV",
                date(2024, 2, 29),
                "done",
            )
        ],
    ),
    (
        date(2024, 7, 11),
        "midterm",
        "Hội nghị sơ kết công tác thông tin đối ngoại 6 tháng đầu năm 2024",
        "",
        [
            (
                "Rà soát, kiện toàn đội ngũ cán bộ làm công tác thông tin đối ngoại cấp xã",
                "BDI-SVHTTDL",
                date(2024, 10, 31),
                "in_progress",
            )
        ],
    ),
    (
        date(2025, 1, 21),
        "review",
        "Hội nghị tổng kết công tác thông tin đối ngoại năm 2024, triển khai nhiệm vụ năm 2025",
        "Chuẩn bị nội dung thông tin đối ngoại phục vụ sắp xếp đơn vị hành chính.",
        [],
    ),
]

# unit code, full name, position, staff role, trained on (None: not trained), since, until
OFFICERS = [
    (
        "BDI-SVHTTDL",
        "Phạm Thị Lan",
        "Phó Giám đốc Sở",
        "leader",
        date(2023, 9, 15),
        date(2023, 3, 1),
        None,
    ),
    (
        "BDI-SVHTTDL",
        "Đặng Quốc Bảo",
        "Chuyên viên Phòng Quản lý văn hóa",
        "full_time",
        date(2023, 9, 15),
        date(2023, 3, 1),
        None,
    ),
    (
        "BDI-SNGV",
        "Huỳnh Thị Mai",
        "Trưởng phòng Lãnh sự - Thông tin đối ngoại",
        "full_time",
        date(2023, 9, 15),
        date(2023, 1, 3),
        None,
    ),
    (
        "BDI-QN",
        "Nguyễn Văn Lợi",
        "Phó Chủ tịch UBND phường",
        "leader",
        None,
        date(2023, 7, 1),
        None,
    ),
    (
        "BDI-QN",
        "Trần Thị Ngọc",
        "Công chức Văn hóa - Xã hội",
        "part_time",
        date(2024, 4, 12),
        date(2023, 7, 1),
        None,
    ),
    (
        "BDI-AN",
        "Lê Văn Sơn",
        "Công chức Văn hóa - Xã hội",
        "part_time",
        None,
        date(2024, 2, 1),
        None,
    ),
    (
        "BDI-PL",
        "Võ Thị Hồng",
        "Công chức Văn phòng - Thống kê",
        "part_time",
        None,
        date(2023, 8, 1),
        None,
    ),
    (
        "BDI-HTP",
        "Đỗ Văn Phúc",
        "Phó Chủ tịch UBND huyện",
        "leader",
        None,
        date(2023, 1, 3),
        date(2025, 6, 30),
    ),
    (
        "BDI-HTP",
        "Bùi Thị Thanh",
        "Chuyên viên Phòng Văn hóa và Thông tin",
        "part_time",
        date(2023, 9, 15),
        date(2023, 1, 3),
        date(2025, 6, 30),
    ),
]

BUDGETS = [
    ("BDI", 2024, "state_budget", 1_200_000_000, 1_050_000_000),
    ("BDI", 2024, "socialised", 150_000_000, 150_000_000),
    ("BDI", 2025, "state_budget", 1_350_000_000, None),
    ("BDI-SVHTTDL", 2024, "state_budget", 350_000_000, 310_000_000),
    ("BDI-QN", 2024, "state_budget", 45_000_000, 45_000_000),
    ("BDI-HTP", 2024, "state_budget", 0, None),
]


def load_direction(ids: dict[str, int]) -> int:
    """Write the records; returns how many (inline rows not counted)."""
    units = {u.code: u for u in OrgUnit.objects.filter(pk__in=ids.values())}
    if "BDI" not in units:
        return 0
    made = 0

    def save(slug, record, unit, write=None):
        nonlocal made
        made += 1
        setattr(record, get(slug).unit_field, unit)
        record.full_clean()
        record.save()
        if write is not None:
            write(record)
        return record

    committee = save(
        "steering-committees",
        SteeringCommittee(
            name="Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Bình Định",
            decision_number="1545/QĐ-UBND",
            decision_date=date(2021, 5, 12),
            standing_agency=units.get("BDI-BTGDV"),
            committee_unit=units.get("BDI-BCD"),
        ),
        units["BDI"],
        lambda c: CommitteeMember.objects.bulk_create(
            CommitteeMember(committee=c, full_name=n, position=p, agency=a, role=r)
            for n, p, a, r in MEMBERS
        ),
    )
    for held_on, kind, title, conclusions, tasks in MEETINGS:
        save(
            "steering-meetings",
            SteeringMeeting(
                committee=committee,
                held_on=held_on,
                kind=kind,
                chair="đồng chí Trần Văn Hùng, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo",
                title=title,
                conclusions=conclusions,
            ),
            units["BDI"],
            lambda m, tasks=tasks: MeetingFollowUp.objects.bulk_create(
                MeetingFollowUp(
                    meeting=m, action=a, responsible_unit=units.get(u), deadline=d, status=s
                )
                for a, u, d, s in tasks
            ),
        )
    for code, name, position, role, trained_on, since, until in OFFICERS:
        if code in units:
            officer = Officer(
                full_name=name,
                position=position,
                staff_role=role,
                trained=trained_on is not None,
                trained_on=trained_on,
                since=since,
                until=until,
            )
            save("officers", officer, units[code])
    _visits(units, save)
    for code, year, source, allocated, spent in BUDGETS:
        if code in units:
            line = Budget(year=year, source=source, allocated=allocated, spent=spent)
            save("budget", line, units[code])
    return made


def _visits(units, save) -> None:
    recommendations = [
        (
            1,
            "tiếp tục quán triệt, thực hiện nghiêm các nghị quyết, chỉ thị của Trung ương về "
            "công tác thông tin đối ngoại",
            "BDI",
            date(2024, 12, 31),
        ),
        (
            2,
            "đẩy mạnh quảng bá hình ảnh Bình Định trên các nền tảng số bằng tiếng Anh, tiếng "
            "Hàn và tiếng Nhật",
            "BDI-SVHTTDL",
            date(2024, 12, 31),
        ),
        (
            3,
            "kiện toàn đội ngũ cán bộ làm công tác thông tin đối ngoại ở cấp xã; bồi dưỡng "
            "nghiệp vụ cho cán bộ kiêm nhiệm",
            "BDI-BTGDV",
            date(2025, 6, 30),
        ),
    ]
    visit = save(
        "oversight",
        OversightVisit(
            kind="superior",
            visiting_body="Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại Trung ương",
            visited="Ban Thường vụ Tỉnh ủy, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh Bình Định",
            started_on=date(2024, 5, 21),
            ended_on=date(2024, 5, 22),
            findings="Tỉnh đã triển khai nghiêm túc, toàn diện công tác thông tin đối ngoại; "
            "sự phối hợp giữa các thành viên Ban Chỉ đạo đôi khi chưa kịp thời.",
        ),
        units["BDI"],
        lambda v: Recommendation.objects.bulk_create(
            Recommendation(visit=v, number=n, text=t, responsible_unit=units[u], deadline=d)
            for n, t, u, d in recommendations
            if u in units
        ),
    )
    progress = [
        (2, "BDI-SVHTTDL", "done", "Ra mắt trang quảng bá du lịch bằng tiếng Anh và tiếng Hàn."),
        (3, "BDI-BTGDV", "in_progress", "Đã mở 01 lớp bồi dưỡng cho 85 cán bộ cấp xã."),
    ]
    for number, code, status, note in progress:
        recommendation = visit.recommendations.filter(number=number).first()
        if recommendation is not None and code in units:
            save(
                "oversight-progress",
                RecommendationProgress(
                    recommendation=recommendation, period="2024S2", status=status, note=note
                ),
                units[code],
            )
    if "BDI-STTTT" in units:
        save(
            "oversight",
            OversightVisit(
                kind="self",
                visiting_body="Sở Thông tin và Truyền thông",
                visited="trang thông tin điện tử và tài khoản mạng xã hội của 05 phường, xã",
                started_on=date(2024, 10, 15),
                findings="04 trang cập nhật tin, bài thường xuyên, 01 trang chưa có chuyên mục "
                "thông tin đối ngoại.",
            ),
            units["BDI-STTTT"],
        )


# What ``ttdn demo --replace`` deletes before the units, followers before what they follow.
DIRECTION_MODELS = (
    "direction.RecommendationProgress",
    "direction.OversightVisit",
    "direction.SteeringMeeting",
    "direction.SteeringCommittee",
    "direction.Officer",
    "direction.Budget",
)
