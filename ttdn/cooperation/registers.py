"""The cooperation registers (ttdn.registers): courses organised, courses attended,
delegations, partners abroad and agreements — pages, API and history."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from pydantic import Field

from ttdn.api.schemas import CODE_PATTERN, ApiInput, ApiSchema
from ttdn.cooperation import services
from ttdn.cooperation.forms import (
    AgreementForm,
    CourseAttendanceForm,
    DelegationForm,
    PartnerForm,
    StepFormSet,
    TrainingCourseForm,
)
from ttdn.cooperation.models import (
    Agreement,
    ApprovalStep,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
    shown_country,
)
from ttdn.lib.periods import Period
from ttdn.lib.vnformat import format_date, format_number
from ttdn.registers.api import ApiShape, Child, RecordOut
from ttdn.registers.base import Column, Inline, Register, register

UNIT = Field(pattern=CODE_PATTERN, max_length=40, description="Code of the record's unit.")
TEXT = Field("", max_length=500)


def _day(field_name: str):
    def show(record) -> str:
        value = getattr(record, field_name)
        return format_date(value) if value else ""

    return show


def _training(unit, filters: dict) -> services.TrainingSummary:
    """Courses over the unit's subtree (in the year chosen), each counted once."""
    year = filters.get("year")
    return services.training_summary(
        {"unit__path__startswith": unit.path},
        date(year, 1, 1) if year else None,
        date(year, 12, 31) if year else None,
        root=unit,
    )


# Courses organised ---------------------------------------------------------------------


class CourseFields(ApiSchema):
    title: str = Field(min_length=1, max_length=500)
    partners: str = TEXT
    audience: str = Field("", max_length=40, description="A code of the audiences vocabulary.")
    starts_on: date
    ends_on: date | None = None
    sessions: int = Field(1, ge=1, le=32767)
    participants: int = Field(ge=1, le=10_000_000)
    place: str = Field("", max_length=300)


class CourseIn(ApiInput, CourseFields):
    unit: str = UNIT


class CoursePatch(ApiInput):
    title: str | None = Field(None, min_length=1, max_length=500)
    partners: str | None = Field(None, max_length=500)
    audience: str | None = Field(None, max_length=40)
    starts_on: date | None = None
    ends_on: date | None = None
    sessions: int | None = Field(None, ge=1, le=32767)
    participants: int | None = Field(None, ge=1, le=10_000_000)
    place: str | None = Field(None, max_length=300)


class CourseOut(RecordOut, CourseFields):
    few_participants: bool = Field(description="Fewer participants than sessions: a warning.")


@register
class CourseRegister(Register):
    model = TrainingCourse
    slug = "courses"
    label = _("Lớp tập huấn đã tổ chức")
    one = _("lớp tập huấn")
    form_class = TrainingCourseForm
    columns = [
        Column(_("Tên lớp"), "title"),
        Column(_("Từ ngày"), _day("starts_on")),
        Column(_("Số buổi"), "sessions"),
        Column(_("Số lượt người"), lambda c: format_number(c.participants)),
    ]
    filters = ["audience"]
    date_field = "starts_on"
    search_fields = ["title", "partners", "place"]
    detail_template = "cooperation/course_detail.html"
    list_template = "cooperation/training_summary.html"
    order = 40
    api = ApiShape(out=CourseOut, create=CourseIn, patch=CoursePatch)

    def list_context(self, user, unit, records: models.QuerySet, filters: dict) -> dict:
        return {"summary": _training(unit, filters)} if unit.child_count else {}


# Courses attended ----------------------------------------------------------------------


class AttendanceFields(ApiSchema):
    course_id: int | None = Field(None, description="A course recorded by another unit.")
    course_title: str = Field("", max_length=500, description="An outside course: its title.")
    organiser: str = Field("", max_length=300, description="An outside course: who ran it.")
    starts_on: date | None = Field(None, description="Empty: the recorded course's first day.")
    ends_on: date | None = None
    attendees: int = Field(ge=1, le=10_000_000)


class AttendanceIn(ApiInput, AttendanceFields):
    unit: str = UNIT


class AttendancePatch(ApiInput):
    course_id: int | None = None
    course_title: str | None = Field(None, max_length=500)
    organiser: str | None = Field(None, max_length=300)
    starts_on: date | None = None
    ends_on: date | None = None
    attendees: int | None = Field(None, ge=1, le=10_000_000)


class AttendanceOut(RecordOut, AttendanceFields):
    pass


@register
class AttendanceRegister(Register):
    model = CourseAttendance
    slug = "attendances"
    label = _("Lớp tập huấn đã cử cán bộ tham dự")
    one = _("lượt cử cán bộ tham dự tập huấn")
    form_class = CourseAttendanceForm
    columns = [
        Column(_("Tên lớp"), "title"),
        Column(_("Cơ quan tổ chức"), "organiser_name"),
        Column(_("Từ ngày"), _day("starts_on")),
        Column(_("Số lượt cán bộ"), lambda a: format_number(a.attendees)),
    ]
    date_field = "starts_on"
    search_fields = ["title", "organiser_name"]
    list_template = "cooperation/training_summary.html"
    order = 41
    api = ApiShape(out=AttendanceOut, create=AttendanceIn, patch=AttendancePatch)

    def queryset(self) -> models.QuerySet:
        return CourseAttendance.objects.select_related("unit", "course__unit")

    def list_context(self, user, unit, records: models.QuerySet, filters: dict) -> dict:
        return {"summary": _training(unit, filters)} if unit.child_count else {}


# Delegations ---------------------------------------------------------------------------


class DelegationFields(ApiSchema):
    direction: str = Field(description="incoming or outgoing")
    kind: str = Field(description="press, official or exchange")
    name: str = Field(min_length=1, max_length=500)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code")
    outlets: str = TEXT
    members: int = Field(ge=1, le=100_000)
    starts_on: date
    ends_on: date | None = None
    topics: list[str] = Field(default_factory=list, max_length=50)
    programme: str = Field("", max_length=10_000)


class DelegationIn(ApiInput, DelegationFields):
    unit: str = UNIT


class DelegationPatch(ApiInput):
    direction: str | None = None
    kind: str | None = None
    name: str | None = Field(None, min_length=1, max_length=500)
    country: str | None = Field(None, min_length=2, max_length=2)
    outlets: str | None = Field(None, max_length=500)
    members: int | None = Field(None, ge=1, le=100_000)
    starts_on: date | None = None
    ends_on: date | None = None
    topics: list[str] | None = Field(None, max_length=50)
    programme: str | None = Field(None, max_length=10_000)


class DelegationOut(RecordOut, DelegationFields):
    pass


@register
class DelegationRegister(Register):
    model = Delegation
    slug = "delegations"
    label = _("Đoàn ra, đoàn vào")
    one = _("đoàn")
    form_class = DelegationForm
    columns = [
        Column(_("Tên đoàn"), "name"),
        Column(_("Chiều"), "get_direction_display"),
        Column(_("Quốc gia"), "country_name"),
        Column(_("Từ ngày"), _day("starts_on")),
        Column(_("Số thành viên"), lambda d: format_number(d.members)),
    ]
    filters = ["direction", "kind", "country"]
    date_field = "starts_on"
    search_fields = ["name", "outlets", "programme", "country_name"]
    list_template = "cooperation/delegation_summary.html"
    detail_template = "cooperation/delegation_detail.html"
    detail_exclude = ["topics"]
    order = 42
    api = ApiShape(out=DelegationOut, create=DelegationIn, patch=DelegationPatch)

    def list_context(self, user, unit, records: models.QuerySet, filters: dict) -> dict:
        return {"summary": services.delegation_summary(records)} if unit.child_count else {}


# Partners -----------------------------------------------------------------------------


class PartnerFields(ApiSchema):
    name: str = Field(min_length=1, max_length=300)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code")
    kind: str = Field(description="locality, organisation, company or university")
    twinned: bool = False
    since: date | None = None
    until: date | None = None
    note: str = Field("", max_length=10_000)


class PartnerIn(ApiInput, PartnerFields):
    unit: str = UNIT


class PartnerPatch(ApiInput):
    name: str | None = Field(None, min_length=1, max_length=300)
    country: str | None = Field(None, min_length=2, max_length=2)
    kind: str | None = None
    twinned: bool | None = None
    since: date | None = None
    until: date | None = None
    note: str | None = Field(None, max_length=10_000)


class PartnerOut(RecordOut, PartnerFields):
    pass


@register
class PartnerRegister(Register):
    model = Partner
    slug = "partners"
    label = _("Đối tác nước ngoài")
    one = _("đối tác")
    form_class = PartnerForm
    columns = [
        Column(_("Tên đối tác"), "name"),
        Column(_("Quốc gia"), lambda p: shown_country(p.country)),
        Column(_("Loại"), "get_kind_display"),
        Column(_("Kết nghĩa"), lambda p: _("Có") if p.twinned else ""),
        Column(_("Từ ngày"), _day("since")),
    ]
    filters = ["kind", "country"]
    search_fields = ["name", "note"]
    order = 43
    api = ApiShape(out=PartnerOut, create=PartnerIn, patch=PartnerPatch)

    def periods(self, record: models.Model) -> list[Period]:
        assert isinstance(record, Partner)
        return services.partner_periods(record)


# Agreements ---------------------------------------------------------------------------


class StepIn(ApiSchema):
    step: str = Field(min_length=1, max_length=300)
    done_on: date
    document_number: str = Field("", max_length=60)


class AgreementFields(ApiSchema):
    partner_id: int
    title: str = Field(min_length=1, max_length=500)
    signed_on: date
    scope: str = Field("", max_length=10_000)
    expires_on: date | None = None


class AgreementIn(ApiInput, AgreementFields):
    unit: str = UNIT
    steps: list[StepIn] | None = Field(None, max_length=100)


class AgreementPatch(ApiInput):
    partner_id: int | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    signed_on: date | None = None
    scope: str | None = Field(None, max_length=10_000)
    expires_on: date | None = None
    steps: list[StepIn] | None = Field(None, max_length=100)


class AgreementOut(RecordOut, AgreementFields):
    steps: list[StepIn]

    @staticmethod
    def resolve_steps(agreement: Agreement) -> list:
        return list(agreement.steps.all())


@register
class AgreementRegister(Register):
    model = Agreement
    slug = "agreements"
    label = _("Thỏa thuận hợp tác quốc tế")
    one = _("thỏa thuận")
    form_class = AgreementForm
    inlines = [Inline(StepFormSet, _("Các bước thẩm định, xin ý kiến, phê duyệt"))]
    columns = [
        Column(_("Tên thỏa thuận"), "title"),
        Column(_("Đối tác"), "partner"),
        Column(_("Ngày ký"), _day("signed_on")),
        Column(_("Hết hiệu lực"), _day("expires_on")),
    ]
    date_field = "signed_on"
    search_fields = ["title", "scope", "partner"]
    order = 44
    api = ApiShape(
        out=AgreementOut,
        create=AgreementIn,
        patch=AgreementPatch,
        children=[Child("steps", ApprovalStep, "agreement")],
    )

    def queryset(self) -> models.QuerySet:
        return Agreement.objects.select_related("unit", "partner")
