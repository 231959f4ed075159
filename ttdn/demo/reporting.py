"""The reporting side of the demonstration data: how each demo unit heads and signs its
documents, the plans of 2024 with their targets, and the 6-month reporting round of 2024
— the ministry asking the provinces, Bình Định asking its departments and localities,
most of them answering with reports drafted from what they recorded and a few sentences
typed by hand, as officers do. Bình Định also has a round under way for the half-year in
hand on the day the demo is loaded (deadline a week ahead), so the dashboards show work
in progress: one report in, one approved, one waiting for its leader, one returned.

Names of people are invented; the document numbers follow the form real ones take.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from ttdn.demo.plans import add_tasks
from ttdn.indicators.models import Indicator
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.plans.models import Plan, PlanTarget
from ttdn.reporting import services
from ttdn.reporting.drafting import Basis, draft_for
from ttdn.reporting.models import DocumentProfile, ReportForm, Status

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

# unit code → profile fields over the defaults of its kind
PROFILES: dict[str, dict[str, str | bool]] = {
    "VN": {
        "governing_body": "-",
        "issuing_body": "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "abbreviation": "BVHTTDL",
        "place": "Hà Nội",
        "short_name": "Bộ Văn hóa, Thể thao và Du lịch",
        "formal_name": "Bộ Văn hóa, Thể thao và Du lịch",
        "authority": "KT. BỘ TRƯỞNG",
        "signer_position": "THỨ TRƯỞNG",
        "signer_name": "Nguyễn Minh Khôi",
        "drafting_office": "TTĐN",
    },
    "BDI": {
        "signer_name": "Trần Minh Đức",
        "recipients": "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh\nSở Văn hóa, Thể thao và Du lịch",
        "drafting_office": "VX",
    },
    "BDI-SVHTTDL": {"signer_name": "Phạm Văn Tài", "drafting_office": "QLBC"},
    "BDI-STTTT": {"signer_name": "Lê Quang Hưng", "drafting_office": "TTBCXB"},
    "BDI-SNGV": {"signer_name": "Võ Thị Thu Sương", "drafting_office": "LS-TTĐN"},
    "BDI-STC": {"signer_name": "Đỗ Văn Lâm"},
    "BDI-BTGDV": {"signer_name": "Nguyễn Thị Hồng Vân"},
    "BDI-BCD": {"signer_name": "Phạm Văn Tài"},
    "BDI-BPTTH": {"signer_name": "Huỳnh Văn Sang"},
    "BDI-TTXTDL": {"signer_name": "Trương Thị Mỹ Linh"},
    "BDI-QN": {"signer_name": "Nguyễn Văn Hùng", "drafting_office": "VHXH"},
    "BDI-HTP": {"signer_name": "Nguyễn Hữu Phước", "drafting_office": "VHTT"},
    # No leader account: the commune's officer submits and names the signer.
    "BDI-TP": {"signer_name": "Đặng Văn Khoa", "signs_without_leader_account": True},
    "NBH": {"signer_name": "Lê Thị Thanh Hà", "drafting_office": "VX"},
    "NBH-SVHTTDL": {"signer_name": "Bùi Văn Mạnh"},
}


@dataclass
class PlanSpec:
    unit: str
    number: str
    issued_on: date
    title: str
    implements: str | None = None  # number of the higher plan
    targets: tuple[tuple[str, int], ...] = ()  # (indicator, target for the year)


PLANS = [
    PlanSpec(
        "VN",
        "1208/KH-BVHTTDL",
        date(2024, 1, 15),
        "Kế hoạch công tác thông tin đối ngoại năm 2024",
    ),
    PlanSpec(
        "BDI",
        "20/KH-UBND",
        date(2024, 2, 23),
        "Kế hoạch công tác thông tin đối ngoại tỉnh Bình Định năm 2024",
        "1208/KH-BVHTTDL",
        (
            ("news_articles", 10_000),
            ("publication_copies", 70_000),
            ("visitors_international", 330_000),
            ("tourism_revenue", 5_000_000_000_000),
            ("fdi_projects", 45),
            ("international_delegations", 30),
        ),
    ),
    PlanSpec(
        "BDI-HTP",
        "59/KH-UBND",
        date(2024, 3, 12),
        "Kế hoạch công tác thông tin đối ngoại trên địa bàn huyện Tuy Phước năm 2024",
        "20/KH-UBND",
    ),
    PlanSpec(
        "BDI-QN",
        "12/KH-UBND",
        date(2024, 3, 5),
        "Kế hoạch công tác thông tin đối ngoại trên địa bàn phường năm 2024",
        "20/KH-UBND",
        (("news_articles", 160),),
    ),
    PlanSpec(
        "NBH",
        "35/KH-UBND",
        date(2024, 2, 26),
        "Kế hoạch công tác thông tin đối ngoại tỉnh Ninh Bình năm 2024",
        "1208/KH-BVHTTDL",
    ),
]

# What units typed by hand into their reports, besides what was drafted from records.
TYPED = {
    "BDI-HTP": {
        "difficulties": (
            "Cán bộ phụ trách lĩnh vực thông tin đối ngoại được bố trí kiêm nhiệm nên chưa "
            "phát huy được hiệu quả công tác tham mưu.\n"
            "Kinh phí phục vụ cho hoạt động thông tin đối ngoại chưa được phân bổ nên việc "
            "triển khai tổ chức thực hiện gặp khó khăn."
        ),
        "proposals": (
            "Đề nghị phân bổ kinh phí cho hoạt động thông tin đối ngoại ở cấp huyện.\n"
            "Đề nghị tổ chức tập huấn kiến thức, nghiệp vụ thông tin đối ngoại cho cán bộ "
            "cấp xã."
        ),
    },
    "BDI-QN": {
        "difficulties": (
            "Cán bộ phụ trách công tác thông tin đối ngoại được bố trí kiêm nhiệm nên chưa phát "
            "huy được hiệu quả công tác tham mưu."
        ),
        "proposals": "Đề nghị bố trí kinh phí riêng cho hoạt động thông tin đối ngoại của phường.",
    },
    "BDI-SNGV": {
        "difficulties": (
            "Nguồn nhân lực biên dịch tài liệu quảng bá sang tiếng Hàn, tiếng Nhật còn thiếu."
        ),
        "proposals": (
            "Đề nghị tổ chức lớp tập huấn kỹ năng cung cấp thông tin cho phóng viên nước ngoài."
        ),
    },
}

# unit → (status, day it submitted); units not listed have not submitted.
SUBMITTED = {
    "BDI-SVHTTDL": (Status.ACCEPTED, datetime(2024, 6, 26, 9, 30, tzinfo=HANOI)),
    "BDI-SNGV": (Status.ACCEPTED, datetime(2024, 6, 27, 15, 10, tzinfo=HANOI)),
    "BDI-BTGDV": (Status.SUBMITTED, datetime(2024, 6, 28, 8, 45, tzinfo=HANOI)),
    "BDI-BPTTH": (Status.ACCEPTED, datetime(2024, 6, 25, 10, 0, tzinfo=HANOI)),
    "BDI-HTP": (Status.ACCEPTED, datetime(2024, 6, 27, 16, 20, tzinfo=HANOI)),
    "BDI-QN": (Status.SUBMITTED, datetime(2024, 6, 28, 11, 5, tzinfo=HANOI)),
    "BDI-STC": (Status.SUBMITTED, datetime(2024, 7, 2, 14, 0, tzinfo=HANOI)),
}


def load_reporting(ids: dict[str, int]) -> dict[str, int]:
    """Profiles, plans, the 2024 6-month round; returns what was made, by kind."""
    units = {u.code: u for u in OrgUnit.objects.filter(pk__in=ids.values())}
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    made = {"profiles": 0, "plans": 0, "requests": 0, "submissions": 0}
    with transaction.atomic():
        for code, fields in PROFILES.items():
            if code in units:
                DocumentProfile.objects.update_or_create(unit=units[code], defaults=fields)
                made["profiles"] += 1
        made["plans"] = _plans(units)
        form = ReportForm.objects.get(code="ttdn-6-thang")
        services.issue_request(
            admin,
            units["VN"],
            form,
            "2024S1",
            "215/BVHTTDL-TTĐN",
            date(2024, 6, 10),
            date(2024, 7, 10),
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            kinds=[UnitKind.PROVINCE],
        )
        province = services.issue_request(
            admin,
            units["BDI"],
            form,
            "2024S1",
            "812/UBND-VX",
            date(2024, 6, 14),
            date(2024, 6, 28),
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            kinds=[
                UnitKind.DEPARTMENT,
                UnitKind.DISTRICT,
                UnitKind.COMMUNE,
                UnitKind.PRESS_AGENCY,
                UnitKind.STEERING_COMMITTEE,
            ],
        )
        made["requests"] = 2
        for submission in province.submissions.select_related("unit"):
            state = SUBMITTED.get(submission.unit.code)
            if state is None:
                continue
            services.draft_sections(admin, submission)
            drafted = {s.code: s.text for s in submission.sections.all()}
            for code, text in TYPED.get(submission.unit.code, {}).items():
                typed = "\n".join(t for t in (drafted.get(code, ""), text) if t)
                services.save_sections(admin, submission, {code: typed}, {})
            draft = draft_for(Basis.of(submission))
            services.freeze_sections(submission, admin, draft)
            submission.figures = draft.figures_record()
            status, at = state
            submission.status = status
            submission.submitted_at = submission.first_submitted_at = at
            submission.signed_off_at = at
            submission.signer_name = str(
                PROFILES.get(submission.unit.code, {}).get("signer_name", "")
            )
            submission.save()
            made["submissions"] += 1
        made["requests"] += _round_under_way(admin, units["BDI"], form)
    return made


# The round under way: unit → (what is written, approved, status, days before today it
# was submitted).
UNDER_WAY = {
    "BDI-SVHTTDL": ("Đã đăng tải 412 tin, bài về thông tin đối ngoại.", True, Status.SUBMITTED, 2),
    "BDI-SNGV": ("Đón 06 đoàn phóng viên nước ngoài.", True, Status.DRAFT, None),
    "BDI-QN": (
        "Đăng tải 68 tin, bài trên trang thông tin điện tử phường.",
        False,
        Status.DRAFT,
        None,
    ),
    "BDI-TP": ("Tổ chức 02 hội nghị.", False, Status.RETURNED, 4),
}


def _round_under_way(admin, province: OrgUnit, form: ReportForm) -> int:
    """Bình Định's request for the half-year in hand, answered in part; 1 when made."""
    from django.utils import timezone

    from ttdn.lib.periods import half_year_in_hand

    today = timezone.localdate()
    period = half_year_in_hand(today)
    if period.id == "2024S1":  # the round above
        return 0
    request = services.issue_request(
        admin,
        province,
        form,
        period.id,
        "1035/UBND-VX",
        today - timedelta(days=12),
        today + timedelta(days=8),
        f"Báo cáo kết quả công tác thông tin đối ngoại {period.label()}",
        kinds=[UnitKind.DEPARTMENT, UnitKind.COMMUNE, UnitKind.PRESS_AGENCY],
    )
    now = timezone.now()
    for submission in request.submissions.select_related("unit"):
        spec = UNDER_WAY.get(submission.unit.code)
        if spec is None:
            continue
        text, approved, status, days_ago = spec
        services.save_sections(admin, submission, {"results": text}, {})
        submission.refresh_from_db()
        if status == Status.DRAFT:
            services.present_report(admin, submission)
            submission.refresh_from_db()
        if approved:
            signer = PROFILES.get(submission.unit.code, {}).get("signer_name", "")
            services.sign_off(admin, submission, str(signer))
            submission.refresh_from_db()
        if days_ago is not None:
            submission.status = status
            submission.submitted_at = submission.first_submitted_at = now - timedelta(days=days_ago)
            submission.save()
    return 1


def _plans(units: dict[str, OrgUnit]) -> int:
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    made: dict[str, Plan] = {}
    for spec in PLANS:
        if spec.unit not in units:
            continue
        plan = Plan.objects.create(
            issuing_unit=units[spec.unit],
            number=spec.number,
            issued_on=spec.issued_on,
            title=spec.title,
            start_year=spec.issued_on.year,
            end_year=spec.issued_on.year,
            implements=made.get(spec.implements or ""),
        )
        made[spec.number] = plan
        PlanTarget.objects.bulk_create(
            PlanTarget(
                plan=plan,
                indicator_id=indicators[code],
                period=str(spec.issued_on.year),
                value=Decimal(value),
            )
            for code, value in spec.targets
            if code in indicators
        )
    add_tasks(made, units)
    return len(made)
