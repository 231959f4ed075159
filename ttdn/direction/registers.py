"""The direction registers (ttdn.registers): the steering committee and its meetings,
the officers assigned to the work, oversight visits with their recommendations and the
follow-up of each, and the budget."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from pydantic import Field

from ttdn import names
from ttdn.api.schemas import CODE_PATTERN, ApiInput, ApiSchema
from ttdn.direction import forms
from ttdn.direction.feeds import in_post
from ttdn.direction.models import (
    Budget,
    CommitteeMember,
    MeetingFollowUp,
    MemberRole,
    Officer,
    OversightVisit,
    Recommendation,
    RecommendationProgress,
    SteeringCommittee,
    SteeringMeeting,
    ordinal,
)
from ttdn.indicators.feeds import periods_containing
from ttdn.lib import prose
from ttdn.lib.periods import Period, PeriodError, PeriodType, parse_period_id
from ttdn.lib.textfold import fold
from ttdn.lib.vnformat import format_date, format_number
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.registers.api import ApiShape, Child, RecordOut
from ttdn.registers.base import Column, Inline, Register, register
from ttdn.search import services as search


def unit_field() -> Any:
    return Field(pattern=CODE_PATTERN, max_length=40, description="Code of the record's unit.")


def _day(value: date | None) -> str:
    return format_date(value) if value else ""


class Reindexed(Register):
    """A register whose search entry also reads the record's inline rows, which are
    written after the record itself: the entry is made again once they are."""

    search_kind: ClassVar[str]

    def save(self, user, record, **kwargs: Any) -> models.Model:
        fresh = super().save(user, record, **kwargs)
        search.index(self.search_kind, fresh)
        return fresh


def code_field(description: str, required: bool = False) -> Any:
    default = ... if required else None
    return Field(default, pattern=CODE_PATTERN, max_length=40, description=description)


def units_from_codes(*names: str, children: tuple[str, ...] = ()):
    """An ``ApiShape.prepare``: the unit codes a body gives under ``names`` (and in the
    rows of ``children``) become units; a code the person may not see is refused as an
    unknown one."""

    def prepare(user, data: dict[str, Any]) -> dict[str, Any]:
        def unit(code: str | None) -> OrgUnit | None:
            if code is None:
                return None
            found = OrgUnit.objects.for_user(user).filter(code=code).first()
            if found is None:
                raise ValidationError(_t("Không có đơn vị mã %(code)s.") % {"code": code})
            return found

        for name in names:
            if name in data:
                data[name] = unit(data[name])
        for child in children:
            for row in data.get(child) or []:
                if "responsible_unit" in row:
                    row["responsible_unit"] = unit(row["responsible_unit"])
        return data

    return prepare


def _code(unit: OrgUnit | None) -> str | None:
    return unit.code if unit is not None else None


def _outside(unit_id: int | None, record_unit: OrgUnit) -> bool:
    if unit_id is None:
        return False
    unit = OrgUnit.objects.filter(pk=unit_id).only("path").first()
    return unit is None or not unit.path.startswith(record_unit.path)


# Ban Chỉ đạo ------------------------------------------------------------------------


class MemberIn(ApiSchema):
    full_name: str = Field(min_length=1, max_length=120)
    position: str = Field(min_length=1, max_length=255)
    agency: str = Field("", max_length=255)
    role: str = Field("member", max_length=20, description=", ".join(MemberRole.values))


class CommitteeFields(ApiSchema):
    name: str = Field(min_length=1, max_length=255)
    decision_number: str = Field(min_length=1, max_length=60, description="Số quyết định")
    decision_date: date
    standing_agency: str | None = code_field("Code of the standing agency (cơ quan thường trực).")
    committee_unit: str | None = code_field(
        "Code of the committee's own unit, if the tree has one."
    )


class CommitteeIn(ApiInput, CommitteeFields):
    unit: str = unit_field()
    members: list[MemberIn] | None = Field(None, max_length=200)


class CommitteePatch(ApiInput):
    name: str | None = Field(None, min_length=1, max_length=255)
    decision_number: str | None = Field(None, min_length=1, max_length=60)
    decision_date: date | None = None
    standing_agency: str | None = code_field("Code of the standing agency.")
    committee_unit: str | None = code_field("Code of the committee's own unit.")
    members: list[MemberIn] | None = Field(None, max_length=200)


class CommitteeOut(CommitteeFields, RecordOut):
    members: list[MemberIn]

    @staticmethod
    def resolve_standing_agency(committee: SteeringCommittee) -> str | None:
        return _code(committee.standing_agency)

    @staticmethod
    def resolve_committee_unit(committee: SteeringCommittee) -> str | None:
        return _code(committee.committee_unit)

    @staticmethod
    def resolve_members(committee: SteeringCommittee) -> list[CommitteeMember]:
        return list(committee.members.order_by("pk"))


@register
class CommitteeRegister(Reindexed):
    """Ban Chỉ đạo công tác TTĐN: no person twice, at most one head."""

    model = SteeringCommittee
    slug = "steering-committees"
    search_kind = "committee"
    label = _("Ban Chỉ đạo công tác thông tin đối ngoại")
    one = _("Ban Chỉ đạo")
    form_class = forms.CommitteeForm
    inlines = [Inline(forms.MemberFormSet, _("Thành viên"))]
    columns = [
        Column(_("Tên"), "name"),
        Column(
            _("Quyết định thành lập"), lambda c: f"{c.decision_number} ({_day(c.decision_date)})"
        ),
        Column(_("Cơ quan thường trực"), "standing_agency.name"),
    ]
    search_fields = ["name", "decision_number"]
    order = 20
    section = "direction"
    api = ApiShape(
        out=CommitteeOut,
        create=CommitteeIn,
        patch=CommitteePatch,
        children=[Child("members", CommitteeMember, "committee")],
        prepare=units_from_codes("standing_agency", "committee_unit"),
    )

    def queryset(self) -> models.QuerySet:
        return SteeringCommittee.objects.select_related("unit", "standing_agency", "committee_unit")

    def feeds_units(self, record) -> list[OrgUnit]:
        return [record.counting_unit()]

    def periods(self, record) -> list[Period]:
        """The periods of its meetings: naming the committee's own unit moves their
        count from one unit to the other."""
        found: dict[str, Period] = {}
        if record.pk is not None:
            for day in SteeringMeeting.objects.filter(committee=record).values_list(
                "held_on", flat=True
            ):
                found.update({p.id: p for p in periods_containing(day)})
        return sorted(found.values(), key=lambda p: p.sort_key)

    def check(self, record, children) -> None:
        seen: dict[str, str] = {}
        heads = 0
        for member in children.get("committeemember", []):
            key = " ".join(fold(member.full_name).split())
            if key in seen:
                raise ValidationError(
                    _t(
                        "%(name)s có tên hai lần trong danh sách thành viên: mỗi người chỉ ghi một lần."
                    )
                    % {"name": member.full_name}
                )
            seen[key] = member.full_name
            heads += member.role == MemberRole.HEAD
        if heads > 1:
            raise ValidationError(_t("Ban Chỉ đạo chỉ có một Trưởng ban."))


# Hội nghị, cuộc họp ----------------------------------------------------------------


class FollowUpIn(ApiSchema):
    action: str = Field(min_length=1, max_length=500)
    responsible_unit: str | None = code_field("Code of the unit responsible.")
    deadline: date | None = None
    status: str = Field("not_started", max_length=20)


class MeetingFields(ApiSchema):
    committee_id: int
    held_on: date
    kind: str = Field(max_length=20, description="regular, midterm, review, thematic")
    chair: str = Field("", max_length=255)
    title: str = Field(min_length=1, max_length=500)
    conclusions: str = Field("", max_length=20000)


class MeetingIn(ApiInput, MeetingFields):
    unit: str = unit_field()
    follow_ups: list[FollowUpIn] | None = Field(None, max_length=200)


class MeetingPatch(ApiInput):
    held_on: date | None = None
    kind: str | None = Field(None, max_length=20)
    chair: str | None = Field(None, max_length=255)
    title: str | None = Field(None, min_length=1, max_length=500)
    conclusions: str | None = Field(None, max_length=20000)
    follow_ups: list[FollowUpIn] | None = Field(None, max_length=200)


class MeetingOut(MeetingFields, RecordOut):
    follow_ups: list[FollowUpIn]

    @staticmethod
    def resolve_follow_ups(meeting: SteeringMeeting) -> list[dict[str, Any]]:
        return [
            {
                "action": f.action,
                "responsible_unit": _code(f.responsible_unit),
                "deadline": f.deadline,
                "status": f.status,
            }
            for f in meeting.follow_ups.select_related("responsible_unit").order_by("pk")
        ]


@register
class MeetingRegister(Register):
    """A committee's meetings, kept by the unit that set the committee up; counted
    for the committee's counting unit only."""

    model = SteeringMeeting
    slug = "steering-meetings"
    label = _("Hội nghị, cuộc họp của Ban Chỉ đạo")
    one = _("cuộc họp")
    form_class = forms.MeetingForm
    inlines = [Inline(forms.FollowUpFormSet, _("Nhiệm vụ sau cuộc họp"))]
    columns = [
        Column(_("Nội dung"), "title"),
        Column(_("Ngày"), lambda m: _day(m.held_on)),
        Column(_("Hình thức"), "get_kind_display"),
        Column(_("Ban Chỉ đạo"), "committee.name"),
    ]
    filters = ["kind"]
    date_field = "held_on"
    search_fields = ["title", "conclusions", "chair"]
    order = 21
    section = "direction"
    api = ApiShape(
        out=MeetingOut,
        create=MeetingIn,
        patch=MeetingPatch,
        children=[Child("follow_ups", MeetingFollowUp, "meeting")],
        prepare=units_from_codes(children=("follow_ups",)),
    )

    def queryset(self) -> models.QuerySet:
        return SteeringMeeting.objects.select_related(
            "unit", "committee", "committee__committee_unit", "committee__unit"
        )

    def feeds_units(self, record) -> list[OrgUnit]:
        return [record.committee.counting_unit()]

    def check(self, record, children) -> None:
        if record.committee.unit_id != record.unit_id:
            raise ValidationError(
                {
                    "committee": _t(
                        "Ban Chỉ đạo này không do đơn vị thành lập; chọn Ban Chỉ đạo của đơn vị."
                    )
                }
            )
        for row in children.get("meetingfollowup", []):
            if _outside(row.responsible_unit_id, record.unit):
                raise ValidationError(
                    _t("Đơn vị thực hiện nhiệm vụ “%(action)s” không thuộc đơn vị.")
                    % {"action": row.action}
                )


# Cán bộ --------------------------------------------------------------------------------


class OfficerFields(ApiSchema):
    full_name: str = Field(min_length=1, max_length=120)
    position: str = Field("", max_length=255)
    staff_role: str = Field(max_length=20, description="leader, full_time, part_time")
    trained: bool = False
    trained_on: date | None = None
    since: date
    until: date | None = None


class OfficerIn(ApiInput, OfficerFields):
    unit: str = unit_field()


class OfficerPatch(ApiInput):
    full_name: str | None = Field(None, min_length=1, max_length=120)
    position: str | None = Field(None, max_length=255)
    staff_role: str | None = Field(None, max_length=20)
    trained: bool | None = None
    trained_on: date | None = None
    since: date | None = None
    until: date | None = None


class OfficerOut(OfficerFields, RecordOut):
    pass


def stock_periods(first: date, last: date) -> list[Period]:
    """Quarters, half-years, nine months and years from ``first``'s year to ``last``'s
    whose last day falls on or after ``first`` and whose first day falls on or before
    ``last``: the periods whose stock of officers a person in post between those days
    can change."""
    found: dict[str, Period] = {}
    for year in range(first.year, last.year + 1):
        candidates = [Period(PeriodType.QUARTER, year, q) for q in range(1, 5)]
        candidates += [Period(PeriodType.SIX_MONTH, year, h) for h in (1, 2)]
        candidates += [Period(PeriodType.NINE_MONTH, year), Period(PeriodType.YEAR, year)]
        for period in candidates:
            if period.end >= first and period.start <= last:
                found[period.id] = period
    return sorted(found.values(), key=lambda p: p.sort_key)


@register
class OfficerRegister(Register):
    """Officers assigned to the work. Their figures are stocks on a period's last day,
    so an officer counts in every period from ``since`` to ``until`` (to this year
    while in post; within the unit's own dates): a change is fed to all of those
    periods, and to the periods of the dates themselves."""

    model = Officer
    slug = "officers"
    label = _("Cán bộ làm công tác thông tin đối ngoại")
    one = _("cán bộ")
    form_class = forms.OfficerForm
    columns = [
        Column(_("Họ và tên"), "full_name"),
        Column(_("Chức vụ"), "position"),
        Column(_("Vị trí"), "get_staff_role_display"),
        Column(_("Từ ngày"), lambda o: _day(o.since)),
        Column(_("Đến ngày"), lambda o: _day(o.until)),
    ]
    filters = ["staff_role"]
    date_field = "since"
    search_fields = ["full_name", "position"]
    order = 22
    section = "direction"
    list_template = "direction/officers_missing.html"
    api = ApiShape(out=OfficerOut, create=OfficerIn, patch=OfficerPatch)

    def periods(self, record) -> list[Period]:
        unit = record.unit
        first = max(record.since, unit.valid_from or record.since)
        last = min(record.until or timezone.localdate(), unit.valid_to or date.max)
        found = {p.id: p for p in stock_periods(first, max(last, first))}
        for day in (record.since, record.until, record.trained_on):
            if day is not None:
                found.update({p.id: p for p in periods_containing(day)})
        # A unit holds no values outside its own dates (before it opened, after it closed).
        return sorted(
            (p for p in found.values() if p.end >= first and p.start <= max(last, first)),
            key=lambda p: p.sort_key,
        )

    def list_context(self, user, unit: OrgUnit, records, filters: dict) -> dict[str, Any]:
        """The units right below ``unit`` with nobody in post today, for the person who
        follows them."""
        below = list(
            OrgUnit.objects.for_user(user)
            .filter(parent=unit)
            .active_on(timezone.localdate())
            .exclude(kind=UnitKind.STEERING_COMMITTEE)
            .order_by("name")
        )
        if not below:
            return {}
        staffed = set(
            in_post(Officer.objects.filter(unit__in=below), timezone.localdate()).values_list(
                "unit_id", flat=True
            )
        )
        return {"units_without_officers": [u for u in below if u.pk not in staffed]}


# Kiểm tra, giám sát -------------------------------------------------------------------


class RecommendationIn(ApiSchema):
    number: int = Field(ge=1, le=99)
    text: str = Field(min_length=1, max_length=20000)
    responsible_unit: str = code_field("Code of the unit responsible.", required=True)
    deadline: date | None = None


class VisitFields(ApiSchema):
    kind: str = Field(max_length=20, description="superior or self")
    visiting_body: str = Field(min_length=1, max_length=255)
    visited: str = Field(min_length=1, max_length=500)
    started_on: date
    ended_on: date | None = None
    findings: str = Field("", max_length=20000)


class VisitIn(ApiInput, VisitFields):
    unit: str = unit_field()
    recommendations: list[RecommendationIn] | None = Field(None, max_length=99)


class VisitPatch(ApiInput):
    kind: str | None = Field(None, max_length=20)
    visiting_body: str | None = Field(None, min_length=1, max_length=255)
    visited: str | None = Field(None, min_length=1, max_length=500)
    started_on: date | None = None
    ended_on: date | None = None
    findings: str | None = Field(None, max_length=20000)
    recommendations: list[RecommendationIn] | None = Field(None, max_length=99)


class VisitOut(VisitFields, RecordOut):
    recommendations: list[RecommendationIn]

    @staticmethod
    def resolve_recommendations(visit: OversightVisit) -> list[dict[str, Any]]:
        return [
            {
                "number": r.number,
                "text": r.text,
                "responsible_unit": r.responsible_unit.code,
                "deadline": r.deadline,
            }
            for r in visit.recommendations.select_related("responsible_unit").order_by("number")
        ]


@register
class VisitRegister(Reindexed):
    """Oversight visits: numbered recommendations, each given to the unit or a unit
    below it."""

    model = OversightVisit
    slug = "oversight"
    search_kind = "oversight"
    label = _("Kiểm tra, giám sát công tác thông tin đối ngoại")
    one = _("cuộc kiểm tra")
    form_class = forms.VisitForm
    inlines = [Inline(forms.RecommendationFormSet, _("Kiến nghị"))]
    columns = [
        Column(_("Đoàn kiểm tra"), "visiting_body"),
        Column(_("Ngày"), lambda v: _day(v.started_on)),
        Column(_("Hình thức"), "get_kind_display"),
        Column(_("Đơn vị được kiểm tra"), "visited"),
    ]
    filters = ["kind"]
    date_field = "started_on"
    search_fields = ["visiting_body", "visited", "findings"]
    detail_template = "direction/visit_progress.html"
    order = 23
    section = "direction"
    api = ApiShape(
        out=VisitOut,
        create=VisitIn,
        patch=VisitPatch,
        children=[Child("recommendations", Recommendation, "visit")],
        prepare=units_from_codes(children=("recommendations",)),
    )

    def check(self, record, children) -> None:
        numbers: set[int] = set()
        for row in children.get("recommendation", []):
            if row.number in numbers:
                raise ValidationError(
                    _t("Hai kiến nghị cùng là kiến nghị %(n)s: mỗi kiến nghị một số thứ tự.")
                    % {"n": ordinal(row.number).lower()}
                )
            numbers.add(row.number)
            if row.responsible_unit_id is None or _outside(row.responsible_unit_id, record.unit):
                raise ValidationError(
                    _t(
                        "Kiến nghị %(n)s: đơn vị thực hiện phải là đơn vị được kiểm tra hoặc đơn vị trực thuộc."
                    )
                    % {"n": ordinal(row.number).lower()}
                )


class ProgressFields(ApiSchema):
    recommendation_id: int
    period: str = Field(max_length=10, description="2024S2 or 2024")
    status: str = Field(max_length=20, description="not_started, in_progress, done")
    note: str = Field("", max_length=20000)


class ProgressIn(ApiInput, ProgressFields):
    unit: str = unit_field()


class ProgressPatch(ApiInput):
    period: str | None = Field(None, max_length=10)
    status: str | None = Field(None, max_length=20)
    note: str | None = Field(None, max_length=20000)


class ProgressOut(ProgressFields, RecordOut):
    pass

    @staticmethod
    def resolve_period(progress: RecommendationProgress) -> str:
        return str(progress.period)


@register
class ProgressRegister(Register):
    """The follow-up of a recommendation, a record of the unit it was given to."""

    model = RecommendationProgress
    slug = "oversight-progress"
    label = _("Tình hình thực hiện kiến nghị sau kiểm tra")
    one = _("báo cáo thực hiện kiến nghị")
    form_class = forms.ProgressForm
    columns = [
        Column(_("Kiến nghị"), "recommendation"),
        Column(_("Kỳ"), lambda p: p.the_period.label(get_language() or "vi")),
        Column(_("Tình hình"), "get_status_display"),
    ]
    filters = ["status"]
    search_fields = ["note"]
    order = 24
    section = "direction"
    api = ApiShape(out=ProgressOut, create=ProgressIn, patch=ProgressPatch)

    def queryset(self) -> models.QuerySet:
        return RecommendationProgress.objects.select_related(
            "unit", "recommendation", "recommendation__visit"
        )

    def periods(self, record) -> list[Period]:
        return []

    def check(self, record, children) -> None:
        if record.recommendation.responsible_unit_id != record.unit_id:
            raise ValidationError(
                {
                    "recommendation": _t(
                        "Kiến nghị này giao cho %(unit)s; đơn vị chỉ báo cáo kiến nghị giao cho mình."
                    )
                    % {"unit": record.recommendation.responsible_unit.name}
                }
            )
        try:
            parse_period_id(str(record.period))
        except PeriodError:
            raise ValidationError(
                {"period": _t("Kỳ không hợp lệ (ví dụ 2024S2 hoặc 2024).")}
            ) from None


# Kinh phí ------------------------------------------------------------------------------


class BudgetFields(ApiSchema):
    year: int = Field(ge=1990, le=2099)
    source: str = Field(max_length=20, description="state_budget, socialised, other")
    allocated: int = Field(ge=0, le=10**17, description="Đồng")
    spent: int | None = Field(None, ge=0, le=10**17, description="Đồng")
    note: str = Field("", max_length=20000)


class BudgetIn(ApiInput, BudgetFields):
    unit: str = unit_field()


class BudgetPatch(ApiInput):
    year: int | None = Field(None, ge=1990, le=2099)
    source: str | None = Field(None, max_length=20)
    allocated: int | None = Field(None, ge=0, le=10**17)
    spent: int | None = Field(None, ge=0, le=10**17)
    note: str | None = Field(None, max_length=20000)


class BudgetOut(BudgetFields, RecordOut):
    pass


@register
class BudgetRegister(Register):
    """A year's money for the work, by source; fed to the year only."""

    model = Budget
    slug = "budget"
    label = _("Kinh phí cho công tác thông tin đối ngoại")
    one = _("dòng kinh phí")
    form_class = forms.BudgetForm
    columns = [
        Column(_("Năm"), lambda b: str(b.year)),
        Column(_("Nguồn"), "get_source_display"),
        Column(_("Được bố trí"), lambda b: money_text(b.allocated)),
        Column(_("Đã sử dụng"), lambda b: money_text(b.spent)),
    ]
    filters = ["source"]
    search_fields = ["note"]
    order = 25
    section = "direction"
    api = ApiShape(out=BudgetOut, create=BudgetIn, patch=BudgetPatch)

    def periods(self, record) -> list[Period]:
        return [Period(PeriodType.YEAR, record.year)]


def money_text(amount: int | None) -> str:
    """Money on a page: "120 triệu đồng" as the reports write it, "120,000,000 VND" on an
    English page."""
    if amount is None:
        return ""
    if names.is_english():
        return f"{format_number(amount, language='en')} VND"
    return prose.money(amount)
