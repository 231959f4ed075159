"""Demonstration cooperation records for the small tree: courses the Sở Ngoại vụ and a
ward organised and those their officers attended, foreign press and official
delegations, partners abroad and an agreement with its approval steps.

Names and numbers are of the kind provincial reports give; none is a real record. The
demo's figures are generated (values.py), so these records are written as they are,
without feeding values over them: they show the registers' pages, search and the
report's sentences."""

from __future__ import annotations

from datetime import date

from ttdn.cooperation.models import (
    Agreement,
    ApprovalStep,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
)
from ttdn.orgunits.models import OrgUnit

COURSES = [
    # unit, title, partners, audience, from, to, sessions, participants, place
    (
        "BDI-SNGV",
        "Hội nghị tập huấn công tác thông tin đối ngoại năm 2024",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "officials",
        date(2024, 5, 16),
        date(2024, 5, 17),
        4,
        150,
        "Hội trường Sở Ngoại vụ, thành phố Quy Nhơn",
    ),
    (
        "BDI-SVHTTDL",
        "Tập huấn kỹ năng quảng bá du lịch trên mạng xã hội",
        "Trung tâm Thông tin Xúc tiến Du lịch",
        "officials",
        date(2024, 9, 10),
        None,
        2,
        85,
        "Trung tâm Thông tin Xúc tiến Du lịch",
    ),
    (
        "BDI-QN",
        "Tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí",
        "",
        "officials",
        date(2024, 3, 12),
        None,
        1,
        45,
        "Hội trường UBND phường Quy Nhơn",
    ),
    (
        "NBH-SNGV",
        "Bồi dưỡng nghiệp vụ thông tin đối ngoại cho cán bộ cấp xã",
        "Sở Văn hóa, Thể thao và Du lịch",
        "officials",
        date(2024, 6, 20),
        date(2024, 6, 21),
        4,
        120,
        "Thành phố Hoa Lư",
    ),
]

# unit, the title of a course above or (title, organiser, first day) of an outside one,
# attendees
ATTENDANCES: list[tuple[str, str | tuple[str, str, date], int]] = [
    ("BDI-QN", "Hội nghị tập huấn công tác thông tin đối ngoại năm 2024", 5),
    ("BDI-AN", "Hội nghị tập huấn công tác thông tin đối ngoại năm 2024", 4),
    ("BDI-PL", "Hội nghị tập huấn công tác thông tin đối ngoại năm 2024", 3),
    ("NBH-HL", "Bồi dưỡng nghiệp vụ thông tin đối ngoại cho cán bộ cấp xã", 4),
    (
        "BDI-SNGV",
        ("Bồi dưỡng kiến thức, kỹ năng thông tin đối ngoại", "Bộ Ngoại giao", date(2024, 4, 23)),
        2,
    ),
    (
        "BDI-QN",
        (
            "Lớp bồi dưỡng kỹ năng xử lý thông tin trên mạng xã hội",
            "Bộ Thông tin và Truyền thông",
            date(2024, 10, 8),
        ),
        1,
    ),
]

DELEGATIONS = [
    # unit, direction, kind, name, country, outlets, members, from, to, topics, programme
    (
        "BDI-SNGV",
        "incoming",
        "press",
        "Đoàn phóng viên Đài Truyền hình NHK (Nhật Bản)",
        "JP",
        "Đài NHK",
        4,
        date(2024, 3, 18),
        date(2024, 3, 21),
        ["du_lich"],
        "Ghi hình về du lịch biển Quy Nhơn, Khu kinh tế Nhơn Hội",
    ),
    (
        "BDI-SNGV",
        "incoming",
        "press",
        "Đoàn phóng viên Đài KBS (Hàn Quốc)",
        "KR",
        "Đài KBS",
        3,
        date(2024, 8, 5),
        date(2024, 8, 7),
        ["xuc_tien_dau_tu"],
        "Tìm hiểu môi trường đầu tư, làm việc với Ban Quản lý Khu kinh tế tỉnh",
    ),
    (
        "BDI-QN",
        "incoming",
        "official",
        "Đoàn đại biểu tỉnh Champasak (Lào)",
        "LA",
        "UBND tỉnh Champasak",
        12,
        date(2024, 4, 10),
        date(2024, 4, 13),
        ["hop_tac_quoc_te"],
        "Thăm, làm việc và ký kết thỏa thuận hợp tác giai đoạn 2024-2028",
    ),
    (
        "BDI-SVHTTDL",
        "incoming",
        "exchange",
        "Giao lưu văn hóa Việt - Nhật tại Quy Nhơn",
        "JP",
        "Hội Hữu nghị Nhật - Việt tỉnh Gunma",
        25,
        date(2024, 11, 2),
        None,
        ["van_hoa"],
        "",
    ),
    (
        "BDI-SNGV",
        "outgoing",
        "official",
        "Đoàn công tác xúc tiến đầu tư, du lịch tại Hàn Quốc",
        "KR",
        "",
        8,
        date(2024, 10, 14),
        date(2024, 10, 19),
        ["xuc_tien_dau_tu", "du_lich"],
        "Xúc tiến đầu tư, du lịch tại Seoul và Busan",
    ),
    (
        "NBH-SNGV",
        "incoming",
        "press",
        "Đoàn phóng viên hãng thông tấn AFP (Pháp)",
        "FR",
        "AFP",
        2,
        date(2024, 5, 8),
        date(2024, 5, 9),
        ["du_lich", "quang_ba_hinh_anh"],
        "Tác nghiệp tại Quần thể danh thắng Tràng An",
    ),
]

PARTNERS = [
    # unit, name, country, kind, twinned, since
    ("BDI-SNGV", "Tỉnh Champasak", "LA", "locality", True, date(2008, 5, 20)),
    ("BDI-SNGV", "Tỉnh Attapeu", "LA", "locality", False, date(2016, 9, 1)),
    ("BDI-SNGV", "Tỉnh Gunma", "JP", "locality", False, date(2019, 11, 6)),
    ("BDI-QN", "Đại học Quốc gia Pusan", "KR", "university", False, date(2022, 3, 15)),
    ("NBH-SNGV", "Tỉnh Luang Prabang", "LA", "locality", True, date(2010, 4, 12)),
]

AGREEMENTS = [
    # unit, partner, title, signed, scope, expires, steps (step, date, document)
    (
        "BDI-SNGV",
        "Tỉnh Champasak",
        "Biên bản thỏa thuận hợp tác giữa tỉnh Bình Định và tỉnh Champasak giai đoạn 2024-2028",
        date(2024, 4, 12),
        "Hợp tác trong các lĩnh vực nông nghiệp, giáo dục - đào tạo, văn hóa, du lịch",
        date(2028, 12, 31),
        [
            ("Sở Ngoại vụ thẩm định", date(2024, 3, 8), "215/SNgV-LS"),
            ("Bộ Ngoại giao có ý kiến", date(2024, 3, 20), "1186/BNG-LS"),
            ("UBND tỉnh cho phép ký kết", date(2024, 4, 2), "1020/QĐ-UBND"),
        ],
    ),
]


def wipe_cooperation() -> None:
    """Delete every cooperation record (they protect their units)."""
    for model in (ApprovalStep, Agreement, Partner, CourseAttendance, TrainingCourse, Delegation):
        model._default_manager.all().delete()


def load_cooperation(ids: dict[str, int]) -> int:
    """Write the records of the units present in ``ids``; returns how many."""
    units = {u.code: u for u in OrgUnit.objects.filter(pk__in=ids.values())}
    made = 0
    courses: dict[str, TrainingCourse] = {}
    for code, title, with_, audience, start, end, sessions, people, place in COURSES:
        if code in units:
            courses[title] = TrainingCourse.objects.create(
                unit=units[code],
                title=title,
                partners=with_,
                audience=audience,
                starts_on=start,
                ends_on=end,
                sessions=sessions,
                participants=people,
                place=place,
            )
            made += 1
    for code, course, attendees in ATTENDANCES:
        if code not in units:
            continue
        if isinstance(course, str):
            if course not in courses:
                continue
            run = courses[course]
            attendance = CourseAttendance(course=run, starts_on=run.starts_on, ends_on=run.ends_on)
        else:
            title, organiser, start = course
            attendance = CourseAttendance(course_title=title, organiser=organiser, starts_on=start)
        attendance.unit = units[code]
        attendance.attendees = attendees
        attendance.full_clean()
        attendance.save()
        made += 1
    for (
        code,
        direction,
        kind,
        name,
        country,
        outlets,
        members,
        start,
        end,
        topics,
        programme,
    ) in DELEGATIONS:
        if code in units:
            Delegation.objects.create(
                unit=units[code],
                direction=direction,
                kind=kind,
                name=name,
                country=country,
                outlets=outlets,
                members=members,
                starts_on=start,
                ends_on=end,
                topics=topics,
                programme=programme,
            )
            made += 1
    by_name: dict[str, Partner] = {}
    for code, name, country, kind, twinned, since in PARTNERS:
        if code in units:
            by_name[name] = Partner.objects.create(
                unit=units[code],
                name=name,
                country=country,
                kind=kind,
                twinned=twinned,
                since=since,
            )
            made += 1
    for code, partner, title, signed, scope, expires, steps in AGREEMENTS:
        if code in units and partner in by_name:
            agreement = Agreement.objects.create(
                unit=units[code],
                partner=by_name[partner],
                title=title,
                signed_on=signed,
                scope=scope,
                expires_on=expires,
            )
            for step, done_on, number in steps:
                ApprovalStep.objects.create(
                    agreement=agreement, step=step, done_on=done_on, document_number=number
                )
            made += 1
    return made
