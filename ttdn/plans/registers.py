"""Plans as a register: pages, API and history (ttdn.registers)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from ttdn.api.schemas import CODE_PATTERN, ApiInput, ApiSchema
from ttdn.plans.forms import PlanForm, TargetFormSet
from ttdn.plans.models import Plan, PlanTarget
from ttdn.registers.api import ApiShape, Child
from ttdn.registers.base import Column, Inline, Register, register


class TargetIn(ApiSchema):
    indicator_id: int
    option: str = Field("", max_length=40)
    period: str = Field(max_length=10, description="2025 or 2025S1")
    value: float


class PlanFields(ApiSchema):
    number: str = Field(min_length=1, max_length=60, description="Số, ký hiệu: 59/KH-UBND")
    issued_on: date
    title: str = Field(min_length=1, max_length=500)
    year: int = Field(ge=1900, le=2099)
    implements_id: int | None = None


class PlanIn(ApiInput, PlanFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40, description="Code of the issuing unit.")
    targets: list[TargetIn] | None = Field(None, max_length=500)


class PlanPatch(ApiInput):
    number: str | None = Field(None, min_length=1, max_length=60)
    issued_on: date | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    year: int | None = Field(None, ge=1900, le=2099)
    implements_id: int | None = None
    targets: list[TargetIn] | None = Field(None, max_length=500)


class PlanOut(PlanFields):
    id: int
    unit: str

    @staticmethod
    def resolve_unit(plan: Plan) -> str:
        return plan.issuing_unit.code


@register
class PlanRegister(Register):
    model = Plan
    slug = "plans"
    label = _("Kế hoạch, chương trình")
    one = _("kế hoạch")
    form_class = PlanForm
    unit_field = "issuing_unit"
    inlines = [Inline(TargetFormSet, _("Chỉ tiêu kế hoạch"))]
    columns = [
        Column(_("Số, ký hiệu"), "number"),
        Column(_("Ngày ban hành"), lambda p: p.issued_on.strftime("%d/%m/%Y")),
        Column(_("Trích yếu"), "title"),
    ]
    date_field = "issued_on"
    search_fields = ["number", "title"]
    order = 10
    api = ApiShape(
        out=PlanOut,
        create=PlanIn,
        patch=PlanPatch,
        children=[Child("targets", PlanTarget, "plan")],
    )
