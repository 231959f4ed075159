"""Demonstration data (dữ liệu mẫu): a small realistic tree with people, values and
activities, so a fresh install shows something true to life.

Units are inserted in bulk with their path, depth and child count computed here — the
same values ``OrgUnit.save()`` would place one unit at a time — because the national set
(demo_national.py) has thousands. Names come from provincial reports; nothing in the
application depends on them.
"""

from __future__ import annotations

import random
import secrets
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model, password_validation
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from ttdn.accounts.models import Membership, Role
from ttdn.activities.models import Activity, ActivityType
from ttdn.indicators.models import DataValue, DataValueChange, RollupValue
from ttdn.orgunits.demo_values import (
    SubtreeSums,
    ValuePlan,
    iter_rows,
    plan_unit,
    six_month_periods,
    write_values,
)
from ttdn.orgunits.models import OrgUnit, UnitKind, path_segment

SEED = 20240101
REORGANISED = date(2025, 6, 30)  # the last day of districts and of the 63 provinces


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None = None  # code
    profile: str = ""  # which report form it fills (demo_values.PROFILES); "" for none
    name_en: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None  # code


@dataclass
class PersonSpec:
    username: str
    full_name: str
    unit: str | None  # code; None for the superuser
    role: str | None


@dataclass
class Credential:
    username: str
    full_name: str
    role: str
    unit: str
    password: str


@dataclass
class DemoResult:
    units: int = 0
    values: int = 0
    activities: int = 0
    people: list[Credential] = field(default_factory=list)
    seconds: float = 0.0
    rollup_rows: int | None = None  # None: the loader left the subtree sums to a rebuild
    ids: dict[str, int] = field(default_factory=dict)  # unit code → id


# The small tree ---------------------------------------------------------------------

SMALL_TREE: list[UnitSpec] = [
    UnitSpec("VN", "Toàn quốc", UnitKind.OTHER, name_en="Viet Nam (nationwide)"),
    UnitSpec("BDI", "Tỉnh Bình Định", UnitKind.PROVINCE, "VN", name_en="Binh Dinh Province"),
    UnitSpec(
        "BDI-BCD",
        "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
        UnitKind.STEERING_COMMITTEE,
        "BDI",
        "steering_committee",
        "Provincial Steering Committee for External Information",
    ),
    UnitSpec(
        "BDI-BTGDV",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        UnitKind.DEPARTMENT,
        "BDI",
        "propaganda",
        "Party Committee's Commission for Information, Education and Mass Mobilisation",
    ),
    UnitSpec(
        "BDI-SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        UnitKind.DEPARTMENT,
        "BDI",
        "culture_tourism",
        "Department of Culture, Sports and Tourism",
    ),
    UnitSpec(
        "BDI-TTXTDL",
        "Trung tâm Thông tin Xúc tiến Du lịch",
        UnitKind.OTHER,
        "BDI-SVHTTDL",
        "centre",
        "Tourism Information and Promotion Centre",
    ),
    UnitSpec(
        "BDI-STTTT",
        "Sở Thông tin và Truyền thông",
        UnitKind.DEPARTMENT,
        "BDI",
        "department",
        "Department of Information and Communications",
        valid_to=date(2025, 2, 28),
        successor="BDI-SVHTTDL",
    ),
    UnitSpec(
        "BDI-SNGV",
        "Sở Ngoại vụ",
        UnitKind.DEPARTMENT,
        "BDI",
        "foreign_affairs",
        "Department of Foreign Affairs",
    ),
    UnitSpec(
        "BDI-STC", "Sở Tài chính", UnitKind.DEPARTMENT, "BDI", "investment", "Department of Finance"
    ),
    UnitSpec(
        "BDI-BPTTH",
        "Báo và Phát thanh, Truyền hình Bình Định",
        UnitKind.PRESS_AGENCY,
        "BDI",
        "press_agency",
        "Binh Dinh Newspaper, Radio and Television",
    ),
    UnitSpec(
        "BDI-QN", "Phường Quy Nhơn", UnitKind.COMMUNE, "BDI", "commune_tourism", "Quy Nhon Ward"
    ),
    UnitSpec(
        "BDI-QNN",
        "Phường Quy Nhơn Nam",
        UnitKind.COMMUNE,
        "BDI",
        "commune_tourism",
        "Quy Nhon Nam Ward",
    ),
    UnitSpec("BDI-AN", "Phường An Nhơn", UnitKind.COMMUNE, "BDI", "commune", "An Nhon Ward"),
    UnitSpec("BDI-PL", "Xã Phước Lộc", UnitKind.COMMUNE, "BDI", "commune", "Phuoc Loc Commune"),
    UnitSpec(
        "BDI-CT", "Xã Cát Tiến", UnitKind.COMMUNE, "BDI", "commune_tourism", "Cat Tien Commune"
    ),
    UnitSpec(
        "BDI-TP",
        "Xã Tuy Phước",
        UnitKind.COMMUNE,
        "BDI",
        "commune",
        "Tuy Phuoc Commune",
        valid_from=date(2025, 7, 1),
    ),
    UnitSpec(
        "BDI-HTP",
        "Huyện Tuy Phước",
        UnitKind.DISTRICT,
        "BDI",
        "district",
        "Tuy Phuoc District",
        valid_to=REORGANISED,
        successor="BDI-TP",
    ),
    UnitSpec("NBH", "Tỉnh Ninh Bình", UnitKind.PROVINCE, "VN", name_en="Ninh Binh Province"),
    UnitSpec(
        "NBH-BTGDV",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        UnitKind.DEPARTMENT,
        "NBH",
        "propaganda",
        "Party Committee's Commission for Information, Education and Mass Mobilisation",
    ),
    UnitSpec(
        "NBH-SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        UnitKind.DEPARTMENT,
        "NBH",
        "culture_tourism",
        "Department of Culture, Sports and Tourism",
    ),
    UnitSpec(
        "NBH-SNGV",
        "Sở Ngoại vụ",
        UnitKind.DEPARTMENT,
        "NBH",
        "foreign_affairs",
        "Department of Foreign Affairs",
    ),
    UnitSpec(
        "NBH-BPTTH",
        "Báo và Phát thanh, Truyền hình Ninh Bình",
        UnitKind.PRESS_AGENCY,
        "NBH",
        "press_agency",
        "Ninh Binh Newspaper, Radio and Television",
    ),
    UnitSpec("NBH-HL", "Phường Hoa Lư", UnitKind.COMMUNE, "NBH", "commune_tourism", "Hoa Lu Ward"),
    UnitSpec("NBH-TD", "Phường Tam Điệp", UnitKind.COMMUNE, "NBH", "commune", "Tam Diep Ward"),
    UnitSpec("NBH-PL", "Phường Phủ Lý", UnitKind.COMMUNE, "NBH", "commune", "Phu Ly Ward"),
    UnitSpec("NBH-ND", "Phường Nam Định", UnitKind.COMMUNE, "NBH", "commune", "Nam Dinh Ward"),
    UnitSpec(
        "NBH-GV", "Xã Gia Viễn", UnitKind.COMMUNE, "NBH", "commune_tourism", "Gia Vien Commune"
    ),
]

SMALL_PEOPLE: list[PersonSpec] = [
    PersonSpec("admin", "Quản trị hệ thống", None, None),
    PersonSpec("quantri.bdi", "Lê Minh Quân", "BDI", Role.ADMIN),
    PersonSpec("tonghop.bdi", "Trần Thị Thu Hà", "BDI", Role.CONSOLIDATOR),
    PersonSpec("xem.bdi", "Phạm Văn Đức", "BDI", Role.VIEWER),
    PersonSpec("lanhdao.quynhon", "Nguyễn Văn Hùng", "BDI-QN", Role.LEADER),
    PersonSpec("canbo.quynhon", "Võ Thị Mai", "BDI-QN", Role.OFFICER),
    PersonSpec("canbo.tuyphuoc", "Đặng Quốc Bảo", "BDI-TP", Role.OFFICER),
    PersonSpec("tonghop.nbh", "Đinh Thị Lan", "NBH", Role.CONSOLIDATOR),
]

A = ActivityType
# unit, type, start, end, title, topics, channels, languages, partner countries, quantities
SMALL_ACTIVITIES: list[tuple] = [
    (
        "BDI-SNGV",
        A.DELEGATION,
        date(2024, 3, 12),
        None,
        "Tiếp và làm việc với đoàn công tác Đại sứ quán Hàn Quốc tại Việt Nam",
        ["hop_tac_quoc_te", "xuc_tien_dau_tu"],
        [],
        ["ko"],
        "Hàn Quốc",
        {"international_delegations": 1},
    ),
    (
        "BDI-SVHTTDL",
        A.EXHIBITION,
        date(2024, 4, 18),
        date(2024, 4, 21),
        "Tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024",
        ["du_lich", "quang_ba_hinh_anh"],
        ["hoi_cho"],
        ["vi", "en"],
        "",
        {"exhibitions": 1},
    ),
    (
        "BDI-BTGDV",
        A.TRAINING,
        date(2024, 5, 15),
        date(2024, 5, 16),
        "Hội nghị tập huấn nghiệp vụ công tác thông tin đối ngoại năm 2024",
        ["dao_tao_tap_huan"],
        ["hoi_nghi"],
        ["vi"],
        "",
        {"training_courses": 1, "training_participants": 135},
    ),
    (
        "BDI-STTTT",
        A.PRESS_CONFERENCE,
        date(2024, 6, 25),
        None,
        "Giao ban báo chí, cung cấp thông tin định kỳ quý II/2024",
        ["bao_chi_phat_ngon"],
        ["hoi_nghi"],
        ["vi"],
        "",
        {"press_briefings": 1},
    ),
    (
        "BDI-HTP",
        A.TRAINING,
        date(2024, 6, 12),
        None,
        "Tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ các xã, thị trấn",
        ["dao_tao_tap_huan"],
        ["hoi_nghi"],
        ["vi"],
        "",
        {"training_courses": 1, "training_participants": 60},
    ),
    (
        "BDI-BPTTH",
        A.MEDIA_COVERAGE,
        date(2024, 7, 1),
        date(2024, 12, 31),
        "Chuyên mục “Biển, đảo Việt Nam” trên sóng phát thanh, truyền hình",
        ["chu_quyen_bien_dao"],
        ["phat_thanh", "truyen_hinh"],
        ["vi"],
        "",
        {"broadcast_programmes": 26},
    ),
    (
        "BDI-HTP",
        A.REBUTTAL,
        date(2024, 8, 20),
        None,
        "Phản bác thông tin sai sự thật về giải phóng mặt bằng trên mạng xã hội",
        ["phan_bac_thong_tin_sai"],
        ["mang_xa_hoi", "cong_thong_tin_dien_tu"],
        ["vi"],
        "",
        {"rebuttal_articles": 3},
    ),
    (
        "BDI-QN",
        A.EVENT,
        date(2024, 8, 26),
        date(2024, 9, 2),
        "Tuyên truyền kỷ niệm 79 năm Quốc khánh trên hệ thống truyền thanh cơ sở, pa-nô",
        ["su_kien_ky_niem"],
        ["truyen_thanh_co_so", "pano"],
        ["vi"],
        "",
        {"news_articles": 12},
    ),
    (
        "BDI-SVHTTDL",
        A.FOREIGN_PRESS,
        date(2024, 10, 8),
        date(2024, 10, 11),
        "Đón đoàn phóng viên, blogger du lịch Hàn Quốc khảo sát điểm đến Quy Nhơn",
        ["du_lich", "quang_ba_hinh_anh"],
        ["bao_dien_tu", "mang_xa_hoi"],
        ["ko"],
        "Hàn Quốc",
        {"foreign_press_delegations": 1, "foreign_reporters": 6},
    ),
    (
        "BDI-SNGV",
        A.PUBLICATION,
        date(2024, 11, 15),
        None,
        "Phát hành ấn phẩm “Bình Định – Tiềm năng và cơ hội đầu tư” song ngữ Anh – Việt",
        ["xuc_tien_dau_tu", "quang_ba_hinh_anh"],
        ["an_pham"],
        ["vi", "en"],
        "",
        {"publication_titles": 1, "publication_copies": 2000},
    ),
    (
        "BDI-CT",
        A.EVENT,
        date(2025, 3, 26),
        None,
        "Tuyên truyền Luật Biên giới quốc gia, chủ quyền biển, đảo cho ngư dân",
        ["chu_quyen_bien_dao"],
        ["truyen_thanh_co_so", "pano"],
        ["vi"],
        "",
        {},
    ),
    (
        "BDI-SVHTTDL",
        A.EXHIBITION,
        date(2025, 4, 28),
        date(2025, 5, 4),
        "Triển lãm “Hoàng Sa, Trường Sa của Việt Nam – Những bằng chứng lịch sử và pháp lý”",
        ["chu_quyen_bien_dao"],
        ["trien_lam"],
        ["vi", "en"],
        "",
        {"exhibitions": 1},
    ),
    (
        "BDI-STC",
        A.DELEGATION,
        date(2025, 5, 22),
        None,
        "Làm việc với đoàn doanh nghiệp Nhật Bản tìm hiểu cơ hội đầu tư tại Khu kinh tế Nhơn Hội",
        ["xuc_tien_dau_tu"],
        [],
        ["ja"],
        "Nhật Bản",
        {"international_delegations": 1},
    ),
    (
        "BDI-SNGV",
        A.AGREEMENT,
        date(2025, 6, 10),
        None,
        "Ký biên bản ghi nhớ hợp tác văn hóa, du lịch với địa phương đối tác Hàn Quốc",
        ["hop_tac_quoc_te", "du_lich"],
        [],
        ["vi", "ko"],
        "Hàn Quốc",
        {"international_agreements": 1},
    ),
    (
        "BDI-BTGDV",
        A.PRESS_CONFERENCE,
        date(2025, 7, 15),
        None,
        "Họp báo thông tin kết quả sắp xếp đơn vị hành chính cấp xã",
        ["bao_chi_phat_ngon"],
        ["hoi_nghi"],
        ["vi"],
        "",
        {"press_conferences": 1},
    ),
    (
        "BDI-TP",
        A.MEDIA_COVERAGE,
        date(2025, 8, 19),
        None,
        "Thông tin về hoạt động của chính quyền địa phương hai cấp trên trang thông tin điện tử xã",
        ["bao_chi_phat_ngon"],
        ["cong_thong_tin_dien_tu", "mang_xa_hoi"],
        ["vi"],
        "",
        {"portal_items": 15},
    ),
    (
        "BDI-QN",
        A.MEDIA_COVERAGE,
        date(2025, 9, 5),
        date(2025, 9, 30),
        "Quảng bá du lịch biển Quy Nhơn trên mạng xã hội bằng tiếng Việt và tiếng Anh",
        ["du_lich", "quang_ba_hinh_anh"],
        ["mang_xa_hoi"],
        ["vi", "en"],
        "",
        {"social_posts": 40},
    ),
    (
        "BDI-BPTTH",
        A.MEDIA_COVERAGE,
        date(2025, 10, 1),
        date(2025, 12, 31),
        "Phóng sự song ngữ Anh – Việt giới thiệu võ cổ truyền Bình Định",
        ["van_hoa", "quang_ba_hinh_anh"],
        ["truyen_hinh", "mang_xa_hoi"],
        ["vi", "en"],
        "",
        {"broadcast_programmes": 3},
    ),
    (
        "NBH-SVHTTDL",
        A.FOREIGN_PRESS,
        date(2024, 5, 9),
        date(2024, 5, 11),
        "Đón đoàn phóng viên quốc tế tìm hiểu Quần thể danh thắng Tràng An",
        ["du_lich", "van_hoa"],
        ["bao_dien_tu"],
        ["en", "fr"],
        "Pháp, Đức",
        {"foreign_press_delegations": 1, "foreign_reporters": 8},
    ),
    (
        "NBH-BTGDV",
        A.TRAINING,
        date(2024, 8, 13),
        None,
        "Bồi dưỡng kiến thức thông tin đối ngoại cho báo cáo viên, tuyên truyền viên",
        ["dao_tao_tap_huan"],
        ["hoi_nghi"],
        ["vi"],
        "",
        {"training_courses": 1, "training_participants": 120},
    ),
    (
        "NBH-HL",
        A.EVENT,
        date(2024, 12, 18),
        None,
        "Tuyên truyền chính sách đối với người Việt Nam ở nước ngoài",
        ["nguoi_viet_o_nuoc_ngoai"],
        ["truyen_thanh_co_so"],
        ["vi"],
        "",
        {},
    ),
    (
        "NBH-SNGV",
        A.DELEGATION,
        date(2025, 3, 18),
        date(2025, 3, 20),
        "Tiếp đoàn đại biểu tỉnh Hủa Phăn (Lào) sang thăm và làm việc",
        ["hop_tac_quoc_te"],
        [],
        ["vi", "lo"],
        "Lào",
        {"international_delegations": 1},
    ),
    (
        "NBH-BPTTH",
        A.REBUTTAL,
        date(2025, 6, 20),
        None,
        "Loạt bài phản bác luận điệu xuyên tạc về tự do tôn giáo ở Việt Nam",
        ["nhan_quyen", "phan_bac_thong_tin_sai"],
        ["bao_dien_tu", "truyen_hinh"],
        ["vi"],
        "",
        {"rebuttal_articles": 5},
    ),
    (
        "NBH-GV",
        A.EVENT,
        date(2025, 11, 12),
        None,
        "Hội nghị tuyên truyền về hội nhập quốc tế, các hiệp định CPTPP, EVFTA cho hợp tác xã",
        ["hoi_nhap_quoc_te", "xuc_tien_thuong_mai"],
        ["hoi_nghi"],
        ["vi"],
        "",
        {},
    ),
]


# Building blocks shared with the national set ------------------------------------------


def insert_units(specs: Sequence[UnitSpec]) -> dict[str, int]:
    """Create the units (parents listed before children) in bulk; return code → id.

    Ids are chosen here so each path can be written with its row instead of a second
    pass; the sequence is moved past them afterwards.
    """
    next_id = (OrgUnit.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    ids = {spec.code: next_id + i for i, spec in enumerate(specs)}
    children = Counter(spec.parent for spec in specs if spec.parent)
    paths: dict[str, str] = {}
    units = []
    for spec in specs:
        pk = ids[spec.code]
        path = (paths[spec.parent] if spec.parent else "") + path_segment(pk)
        paths[spec.code] = path
        units.append(
            OrgUnit(
                pk=pk,
                code=spec.code,
                name=spec.name,
                name_en=spec.name_en,
                kind=spec.kind,
                parent_id=ids[spec.parent] if spec.parent else None,
                path=path,
                depth=path.count(".") - 1,
                child_count=children[spec.code],
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                successor_id=ids[spec.successor] if spec.successor else None,
            )
        )
    OrgUnit.objects.bulk_create(units, batch_size=500)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [OrgUnit]):
            cursor.execute(sql)
    return ids


def rollup_owners(
    specs: Sequence[UnitSpec], ids: dict[str, int]
) -> tuple[dict[int, int], dict[int, tuple[int, ...]]]:
    """For SubtreeSums: each unit's first rollup owner (itself when it has children, else
    its parent) and each owner's ancestors, nearest first."""
    parents = {ids[s.code]: ids[s.parent] for s in specs if s.parent}
    with_children = set(parents.values())
    first_owner = {}
    for spec in specs:
        pk = ids[spec.code]
        owner = pk if pk in with_children else parents.get(pk)
        if owner is not None:
            first_owner[pk] = owner
    ancestors = {}
    for owner in with_children:
        chain, node = [], owner
        while node in parents:
            node = parents[node]
            chain.append(node)
        ancestors[owner] = tuple(chain)
    return first_owner, ancestors


def plan_values(
    specs: Sequence[UnitSpec],
    ids: dict[str, int],
    first_year: int,
    last_year: int,
    rng: random.Random,
    year_totals: bool = False,
) -> ValuePlan:
    periods = six_month_periods(first_year, last_year)
    return ValuePlan(
        periods,
        [
            plan_unit(
                rng,
                ids[spec.code],
                spec.profile,
                periods,
                spec.valid_from,
                spec.valid_to,
                year_totals,
            )
            for spec in specs
            if spec.profile
        ],
    )


def generate_password() -> str:
    """Three short words and four digits: easy to type from a printed table."""
    words = [
        "bien",
        "dao",
        "song",
        "nui",
        "lua",
        "sen",
        "tre",
        "may",
        "gio",
        "trang",
        "sao",
        "hoa",
        "nang",
        "mua",
        "cau",
        "thuyen",
        "cang",
        "rung",
        "suoi",
        "doi",
    ]
    return "-".join(secrets.choice(words) for _ in range(3)) + f"-{secrets.randbelow(10000):04d}"


def create_people(
    people: Sequence[PersonSpec], ids: dict[str, int], password: str | None = None
) -> list[Credential]:
    """Create or reset the demo people and their roles; return who can log in with what."""
    User = get_user_model()
    names = dict(OrgUnit.objects.filter(pk__in=ids.values()).values_list("pk", "name"))
    credentials = []
    for person in people:
        secret = password or generate_password()
        family, _space, given = person.full_name.rpartition(" ")
        superuser = person.unit is None
        user, _created = User.objects.update_or_create(
            username=person.username,
            defaults=dict(
                first_name=given,
                last_name=family,
                is_active=True,
                is_staff=superuser,
                is_superuser=superuser,
            ),
        )
        password_validation.validate_password(secret, user)
        user.set_password(secret)
        user.save(update_fields=["password"])
        if person.unit is not None:
            Membership.objects.get_or_create(user=user, unit_id=ids[person.unit], role=person.role)
        credentials.append(
            Credential(
                person.username,
                person.full_name,
                str(Role(person.role).label) if person.role else "Quản trị hệ thống (superuser)",
                names[ids[person.unit]] if person.unit else "—",
                secret,
            )
        )
    return credentials


def create_activities(
    rows: Sequence[tuple], ids: dict[str, int], people: Sequence[PersonSpec]
) -> int:
    authors = dict(
        get_user_model()
        .objects.filter(username__in=[p.username for p in people if p.role == Role.OFFICER])
        .values_list("username", "pk")
    )
    author_of = {p.unit: authors.get(p.username) for p in people if p.role == Role.OFFICER}
    activities = [
        Activity(
            unit_id=ids[unit],
            type=kind,
            start_date=start,
            end_date=end,
            title=title,
            topics=topics,
            channels=channels,
            languages=languages,
            partner_countries=partners,
            quantities=quantities,
            created_by_id=author_of.get(unit),
        )
        for unit, kind, start, end, title, topics, channels, languages, partners, quantities in rows
    ]
    Activity.objects.bulk_create(activities)
    return len(activities)


def existing_units() -> int:
    return OrgUnit.objects.count()


def wipe() -> None:
    """Delete every unit with everything recorded of it — values, activities, roles,
    reports, plans, imported documents (for --replace).

    Children go before parents because a unit's parent link protects it; the records
    that protect a unit go first, reports before the requests they answer.
    """
    from django.apps import apps

    for label in (
        "reporting.IssuedReport",
        "reporting.Submission",
        "reporting.ReportRequest",
        "plans.PlanTarget",
        "archive.Document",
    ):
        apps.get_model(label).objects.all().delete()
    Plan = apps.get_model("plans.Plan")
    Plan.objects.update(implements=None)
    Plan.objects.all().delete()
    # Millions of rows at national scale: one statement each. Through the ORM a value's
    # SET_NULL link from imported items (gone with their documents above) would have
    # every row loaded and updated first.
    with connection.cursor() as cursor:
        for model in (RollupValue, DataValueChange, DataValue):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    Activity.objects.all().delete()
    Membership.objects.all().delete()
    OrgUnit.objects.update(successor=None)
    deepest = OrgUnit.objects.aggregate(top=Max("depth"))["top"]
    for depth in range(deepest if deepest is not None else -1, -1, -1):
        ids = list(OrgUnit.objects.filter(depth=depth).values_list("pk", flat=True))
        # In batches: deleting thousands at once passes SQLite's limit of query variables.
        for start in range(0, len(ids), 500):
            OrgUnit.objects.filter(pk__in=ids[start : start + 500]).delete()


def load_small(seed: int = SEED, password: str | None = None) -> DemoResult:
    """Two provinces with communes, departments, a press agency, a district closed in the
    2025 reorganisation; people for every role; 2023–2025 values; two dozen activities."""
    started = time.perf_counter()
    result = DemoResult()
    rng = random.Random(seed)
    with transaction.atomic():
        ids = insert_units(SMALL_TREE)
        plan = plan_values(SMALL_TREE, ids, 2023, 2025, rng, year_totals=True)
        sums = SubtreeSums(*rollup_owners(SMALL_TREE, ids))
        result.values = write_values(sums.watch(iter_rows(plan)))
        result.rollup_rows = sums.write()
        result.people = create_people(SMALL_PEOPLE, ids, password)
        result.activities = create_activities(SMALL_ACTIVITIES, ids, SMALL_PEOPLE)
    result.units = len(ids)
    result.ids = ids
    result.seconds = time.perf_counter() - started
    return result
