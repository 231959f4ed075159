"""One entry per register (ttdn.registers) for the tests that walk every route: the
access matrix (tests/test_access_matrix.py) and the page fuzzer (tests/test_page_fuzz.py).
Each gives a record of the commune, a body the API accepts to create one and a change."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

QN = "BDI-QN"


@dataclass
class RegisterRows:
    """A register's pages and operations take the standard rows below unless ``pages``
    or ``operations`` say otherwise. ``record``: a record of the commune, made in the
    test's setUp; ``create``: a body the API accepts for the commune; ``patch``: a change."""

    record: Any
    create: Any
    patch: dict
    # Rows of the access matrix that differ from the standard ones or add to them (Page,
    # Operation); a page given as a string takes the unit's code and that is its GET row.
    pages: dict[str, Any] = field(default_factory=dict)
    operations: dict[str, Any] = field(default_factory=dict)


def _plan(test):
    from ttdn.plans.models import Plan

    return Plan.objects.create(
        issuing_unit=test.commune,
        number="12/KH-UBND",
        issued_on=date(2024, 3, 5),
        title="Kế hoạch thông tin đối ngoại năm 2024",
        year=2024,
    )


# The publishing registers' records are dated, and end, in 2023: a record that counts in
# 2024S1, which the matrix's submitted report holds, would have every save of a 2024
# record refused (as it should be).
def _outlet(test, name="Báo Bình Định"):
    from ttdn.publishing.models import Outlet

    return Outlet.objects.get_or_create(
        unit=test.commune, name=name, defaults={"kind": "online", "level": "local"}
    )[0]


def _outlet_id(test) -> int:
    return _outlet(test).pk


def _publication(test):
    from ttdn.publishing.models import Publication

    return Publication.objects.create(
        unit=test.commune,
        title="Quy Nhơn - Điểm đến hấp dẫn",
        format="to_gap",
        published_on=date(2023, 3, 5),
        copies=1000,
    )


def _programme(test):
    from ttdn.publishing.models import Programme

    return Programme.objects.create(
        unit=test.commune,
        outlet=_outlet(test),
        title="Quy Nhơn hội nhập",
        schedule="20 giờ thứ Bảy hằng tuần",
        languages=["vi", "en"],
        since=date(2023, 1, 6),
        until=date(2023, 12, 31),
    )


def _website(test):
    from ttdn.publishing.models import Website

    return Website.objects.create(
        unit=test.commune,
        name="Trang thông tin điện tử phường Quy Nhơn",
        url="https://quynhon.binhdinh.gov.vn",
        launched_on=date(2020, 1, 1),
        closed_on=date(2023, 12, 31),
    )


def _account(test):
    from ttdn.publishing.models import SocialAccount

    return SocialAccount.objects.create(
        unit=test.commune,
        platform="facebook",
        name="Quy Nhơn ngày mới",
        url="https://facebook.com/quynhonngaymoi",
        opened_on=date(2023, 1, 1),
        closed_on=date(2023, 12, 31),
    )


def _coverage(test):
    from ttdn.publishing.models import Coverage

    return Coverage.objects.create(
        unit=test.commune,
        outlet=_outlet(test),
        published_on=date(2023, 3, 5),
        channel="bao_dien_tu",
        title="Quy Nhơn đón đoàn khách quốc tế",
    )


def _course(test):
    from ttdn.cooperation.models import TrainingCourse

    return TrainingCourse.objects.create(
        unit=test.commune,
        title="Tập huấn kỹ năng thông tin đối ngoại cho cán bộ cơ sở",
        starts_on=date(2024, 3, 12),
        sessions=2,
        participants=60,
    )


def _attendance(test):
    from ttdn.cooperation.models import CourseAttendance

    return CourseAttendance.objects.create(
        unit=test.commune,
        course_title="Bồi dưỡng nghiệp vụ thông tin đối ngoại",
        organiser="Bộ Ngoại giao",
        starts_on=date(2024, 4, 8),
        attendees=2,
    )


def _delegation(test):
    from ttdn.cooperation.models import Delegation

    return Delegation.objects.create(
        unit=test.commune,
        direction="incoming",
        kind="press",
        name="Đoàn phóng viên Đài NHK",
        country="JP",
        members=4,
        starts_on=date(2024, 5, 14),
    )


def _partner(test):
    from ttdn.cooperation.models import Partner

    return Partner.objects.create(
        unit=test.commune, name="Thành phố Fujisawa", country="JP", kind="locality"
    )


def _agreement(test):
    from ttdn.cooperation.models import Agreement

    return Agreement.objects.create(
        unit=test.commune,
        partner=test.register_partner,
        title="Thỏa thuận hợp tác giao lưu văn hóa",
        signed_on=date(2024, 6, 3),
    )


def _partner_for_agreement(test):
    partner = _partner(test)
    test.register_partner = partner
    return partner


def _activity(test):
    from ttdn.activities.models import Activity

    return Activity.objects.create(
        unit=test.commune,
        type="event",
        title="Hội nghị xúc tiến đầu tư",
        start_date=date(2024, 3, 5),
    )


def _progress(test):
    from ttdn.plans.models import Plan, TaskProgress

    plan = Plan.objects.create(
        issuing_unit=test.province,
        number="20/KH-UBND",
        issued_on=date(2024, 2, 23),
        title="Kế hoạch công tác thông tin đối ngoại tỉnh năm 2024",
        year=2024,
    )
    task = plan.tasks.create(
        title="Xây dựng phóng sự quảng bá du lịch",
        assignee=test.commune,
        deadline=date(2024, 9, 30),
    )
    return TaskProgress.objects.create(
        task=task, unit=test.commune, period="2024S1", status="in_progress"
    )


def _progress_body(test) -> dict:
    task_id = test.register_records["task-progress"].task_id
    return {"unit": QN, "taskId": task_id, "period": "2024S2", "status": "done"}


# One entry per register (ttdn.registers): slug → its record and bodies.
REGISTERS: dict[str, RegisterRows] = {
    "plans": RegisterRows(
        record=_plan,
        create={
            "unit": QN,
            "number": "13/KH-UBND",
            "issuedOn": "2024-04-01",
            "title": "Kế hoạch",
            "startYear": 2024,
        },
        patch={"title": "Kế hoạch thông tin đối ngoại năm 2024 (sửa đổi)"},
        pages={"plans:assigned": "302 200 200 200 200 200 404"},
    ),
    "task-progress": RegisterRows(
        record=_progress,
        create=_progress_body,
        patch={"note": "Đã phát sóng 02 số"},
    ),
    "courses": RegisterRows(
        record=_course,
        create={
            "unit": QN,
            "title": "Tập huấn phát ngôn",
            "startsOn": "2024-04-01",
            "participants": 40,
        },
        patch={"participants": 45},
    ),
    "attendances": RegisterRows(
        record=_attendance,
        create={
            "unit": QN,
            "courseTitle": "Lớp bồi dưỡng",
            "organiser": "Bộ Ngoại giao",
            "startsOn": "2024-04-01",
            "attendees": 3,
        },
        patch={"attendees": 4},
    ),
    "delegations": RegisterRows(
        record=_delegation,
        create={
            "unit": QN,
            "direction": "incoming",
            "kind": "official",
            "name": "Đoàn tỉnh Champasak",
            "country": "LA",
            "members": 8,
            "startsOn": "2024-04-01",
        },
        patch={"members": 9},
    ),
    "partners": RegisterRows(
        record=_partner_for_agreement,
        create={"unit": QN, "name": "Tỉnh Champasak", "country": "LA", "kind": "locality"},
        patch={"twinned": True},
    ),
    "agreements": RegisterRows(
        record=_agreement,
        create=lambda test: {
            "unit": QN,
            "partnerId": test.register_partner.pk,
            "title": "Thỏa thuận hợp tác",
            "signedOn": "2024-04-01",
        },
        patch={"title": "Thỏa thuận hợp tác (sửa đổi)"},
    ),
    # The activities' API is their own (ttdn.activities.api), at the standard paths.
    "activities": RegisterRows(
        record=_activity,
        create={"unit": QN, "type": "event", "title": "Họp báo", "startDate": "2024-03-05"},
        patch={"title": "Họp báo quý I"},
    ),
    "publications": RegisterRows(
        record=_publication,
        create={
            "unit": QN,
            "title": "Sổ tay du lịch Quy Nhơn",
            "format": "so_tay",
            "publishedOn": "2023-04-01",
            "copies": 500,
            "editions": [{"language": "vi", "copies": 300}, {"language": "en", "copies": 200}],
        },
        patch={"copies": 1200},
    ),
    "outlets": RegisterRows(
        record=_outlet,
        create={"unit": QN, "name": "VnExpress", "kind": "online", "level": "central"},
        patch={"country": ""},
    ),
    "programmes": RegisterRows(
        record=_programme,
        create=lambda test: {
            "unit": QN,
            "outletId": _outlet_id(test),
            "title": "Biển đảo quê hương",
            "languages": ["vi"],
            "since": "2023-02-01",
            "until": "2023-12-31",
        },
        patch={"schedule": "20 giờ Chủ nhật hằng tuần"},
    ),
    "websites": RegisterRows(
        record=_website,
        create={
            "unit": QN,
            "name": "Du lịch Quy Nhơn",
            "url": "https://dulich.quynhon.vn",
            "launchedOn": "2023-01-01",
            "closedOn": "2023-12-31",
            "versions": [{"language": "en"}],
        },
        patch={"name": "Cổng du lịch Quy Nhơn"},
    ),
    "social-accounts": RegisterRows(
        record=_account,
        create={
            "unit": QN,
            "platform": "youtube",
            "name": "Quy Nhơn TV",
            "url": "https://youtube.com/@quynhontv",
            "openedOn": "2023-01-01",
            "closedOn": "2023-12-31",
            "snapshots": [{"takenOn": "2023-06-30", "followers": 1200}],
        },
        patch={"name": "Quy Nhơn TV chính thức"},
    ),
    "coverage": RegisterRows(
        record=_coverage,
        create=lambda test: {
            "unit": QN,
            "outletId": _outlet_id(test),
            "publishedOn": "2023-04-02",
            "channel": "bao_dien_tu",
            "title": "Lễ hội biển Quy Nhơn",
        },
        patch={"title": "Lễ hội biển Quy Nhơn 2023"},
    ),
}


def _committee(test):
    from ttdn.direction.models import SteeringCommittee

    return SteeringCommittee.objects.create(
        unit=test.commune,
        name="Ban Chỉ đạo công tác thông tin đối ngoại phường",
        decision_number="25/QĐ-UBND",
        decision_date=date(2024, 1, 10),
    )


def _meeting(test):
    from ttdn.direction.models import SteeringMeeting

    return SteeringMeeting.objects.create(
        unit=test.commune,
        committee=_committee(test),
        held_on=date(2024, 1, 20),
        kind="review",
        title="Hội nghị tổng kết công tác thông tin đối ngoại năm 2023",
    )


def _commune_committee_id(test) -> int:
    from ttdn.direction.models import SteeringCommittee

    return SteeringCommittee.objects.filter(unit=test.commune).values_list("pk", flat=True)[0]


def _officer(test):
    from ttdn.direction.models import Officer

    return Officer.objects.create(
        unit=test.commune,
        full_name="Trần Thị Bích",
        position="Công chức Văn hóa - Xã hội",
        staff_role="part_time",
        since=date(2023, 3, 1),
    )


def _visit(test):
    from ttdn.direction.models import OversightVisit, Recommendation

    visit = OversightVisit.objects.create(
        unit=test.commune,
        kind="superior",
        visiting_body="Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
        visited="UBND phường Quy Nhơn",
        started_on=date(2024, 5, 14),
    )
    Recommendation.objects.create(
        visit=visit, number=1, text="Kiện toàn đội ngũ cán bộ", responsible_unit=test.commune
    )
    return visit


def _progress(test):
    from ttdn.direction.models import RecommendationProgress

    recommendation = _visit(test).recommendations.get()
    return RecommendationProgress.objects.create(
        unit=test.commune, recommendation=recommendation, period="2024S1", status="in_progress"
    )


def _commune_recommendation_id(test) -> int:
    from ttdn.direction.models import Recommendation

    return Recommendation.objects.filter(responsible_unit=test.commune).values_list(
        "pk", flat=True
    )[0]


def _budget(test):
    from ttdn.direction.models import Budget

    return Budget.objects.create(
        unit=test.commune, year=2024, source="state_budget", allocated=120_000_000
    )


REGISTERS.update(
    {
        "steering-committees": RegisterRows(
            record=_committee,
            create={
                "unit": QN,
                "name": "Ban Chỉ đạo công tác thông tin đối ngoại phường (kiện toàn)",
                "decisionNumber": "40/QĐ-UBND",
                "decisionDate": "2024-06-03",
                "members": [
                    {"fullName": "Nguyễn Văn An", "position": "Chủ tịch UBND", "role": "head"}
                ],
            },
            patch={"name": "Ban Chỉ đạo công tác thông tin đối ngoại phường Quy Nhơn"},
        ),
        "steering-meetings": RegisterRows(
            record=_meeting,
            create=lambda test: {
                "unit": QN,
                "committeeId": _commune_committee_id(test),
                "heldOn": "2024-07-05",
                "kind": "midterm",
                "title": "Hội nghị sơ kết công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            },
            patch={"chair": "Nguyễn Văn An, Chủ tịch UBND phường"},
        ),
        "officers": RegisterRows(
            record=_officer,
            create={
                "unit": QN,
                "fullName": "Lê Văn Cường",
                "staffRole": "leader",
                "since": "2024-01-02",
            },
            patch={"position": "Phó Chủ tịch UBND phường"},
        ),
        "oversight": RegisterRows(
            record=_visit,
            create=lambda test: {
                "unit": QN,
                "kind": "self",
                "visitingBody": "UBND phường Quy Nhơn",
                "visited": "Trang thông tin điện tử phường",
                "startedOn": "2024-08-12",
                "recommendations": [
                    {"number": 1, "text": "Cập nhật tin, bài", "responsibleUnit": QN}
                ],
            },
            patch={"findings": "Trang thông tin điện tử cập nhật thường xuyên."},
        ),
        "oversight-progress": RegisterRows(
            record=_progress,
            create=lambda test: {
                "unit": QN,
                "recommendationId": _commune_recommendation_id(test),
                "period": "2024S2",
                "status": "done",
            },
            patch={"note": "Đã bổ sung 01 cán bộ kiêm nhiệm."},
        ),
        "budget": RegisterRows(
            record=_budget,
            create={"unit": QN, "year": 2024, "source": "socialised", "allocated": 50_000_000},
            patch={"spent": 80_000_000},
        ),
    }
)
