"""Plans and the progress of their tasks as registers: pages, API and history
(ttdn.registers)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from pydantic import Field

from ttdn.api.schemas import CODE_PATTERN, ApiInput, ApiSchema, PeriodId
from ttdn.plans.forms import PlanForm, ProgressForm, TargetFormSet, TaskFormSet
from ttdn.plans.models import (
    Plan,
    PlanKind,
    PlanTarget,
    PlanTask,
    TaskProgress,
    TaskStatus,
    task_errors,
)
from ttdn.registers.api import ApiShape, Child, RecordOut
from ttdn.registers.base import Column, Inline, Register, register


class TargetIn(ApiSchema):
    indicator_id: int
    option: str = Field("", max_length=40)
    period: str = Field(max_length=10, description="2025 or 2025S1")
    value: float


class TaskIn(ApiSchema):
    title: str = Field(min_length=1, max_length=500)
    assignee_id: int = Field(description="Id of the unit the task is given to.")
    deadline: date
    indicator_id: int | None = None


class PlanFields(ApiSchema):
    kind: PlanKind = PlanKind.PLAN
    number: str = Field(min_length=1, max_length=60, description="Số, ký hiệu: 59/KH-UBND")
    issued_on: date
    title: str = Field(min_length=1, max_length=500)
    start_year: int = Field(ge=1900, le=2099)
    end_year: int | None = Field(None, ge=1900, le=2099, description="Omitted: one year.")
    vision_year: int | None = Field(None, ge=1900, le=2099)
    implements_id: int | None = None


class PlanIn(ApiInput, PlanFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40, description="Code of the issuing unit.")
    targets: list[TargetIn] | None = Field(None, max_length=500)
    tasks: list[TaskIn] | None = Field(None, max_length=500)


class PlanPatch(ApiInput):
    kind: PlanKind | None = None
    number: str | None = Field(None, min_length=1, max_length=60)
    issued_on: date | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    start_year: int | None = Field(None, ge=1900, le=2099)
    end_year: int | None = Field(None, ge=1900, le=2099)
    vision_year: int | None = Field(None, ge=1900, le=2099)
    implements_id: int | None = None
    targets: list[TargetIn] | None = Field(None, max_length=500)
    tasks: list[TaskIn] | None = Field(None, max_length=500)


class PlanOut(PlanFields, RecordOut):
    pass


def _years(plan: Plan) -> str:
    return plan.years_label()


@register
class PlanRegister(Register):
    model = Plan
    slug = "plans"
    label = _("Kế hoạch, chương trình")
    one = _("kế hoạch")
    form_class = PlanForm
    unit_field = "issuing_unit"
    inlines = [
        # Shown on the detail page beside their results (plans/_versus_actual.html).
        Inline(TargetFormSet, _("Chỉ tiêu kế hoạch"), on_detail=False),
        Inline(TaskFormSet, _("Nhiệm vụ giao các đơn vị"), on_detail=False),
    ]
    columns = [
        Column(_("Số, ký hiệu"), "number"),
        Column(_("Loại"), "get_kind_display"),
        Column(_("Ngày ban hành"), lambda p: p.issued_on.strftime("%d/%m/%Y")),
        Column(_("Trích yếu"), "title"),
        Column(_("Thời gian"), _years),
    ]
    filters = ["kind"]
    date_field = "issued_on"
    search_fields = ["number", "title"]
    detail_template = "plans/_versus_actual.html"
    order = 10
    section = "direction"
    api = ApiShape(
        out=PlanOut,
        create=PlanIn,
        patch=PlanPatch,
        children=[Child("targets", PlanTarget, "plan"), Child("tasks", PlanTask, "plan")],
    )

    def queryset(self) -> models.QuerySet:
        return Plan.objects.select_related("issuing_unit", "implements__issuing_unit")

    def check(self, record: models.Model, children: dict[str, list[models.Model]]) -> None:
        """Each task given inside the issuing unit's subtree, due within the plan's years
        (the page's form says so on the row; this holds for the API too)."""
        assert isinstance(record, Plan)
        messages = []
        for task in children.get("plantask", []):
            assert isinstance(task, PlanTask)
            for message in task_errors(record, task).values():
                messages.append(f"{task.title}: {message}")
        if messages:
            raise ValidationError({"tasks": messages})

    def detail_context(self, record: models.Model) -> dict[str, Any]:
        from ttdn.plans.services import plan_versus_actual

        assert isinstance(record, Plan)
        return {"review": plan_versus_actual(record, timezone.localdate())}


class ProgressFields(ApiSchema):
    task_id: int
    period: PeriodId
    status: TaskStatus
    note: str = Field("", max_length=4000)


class ProgressIn(ApiInput, ProgressFields):
    unit: str = Field(
        pattern=CODE_PATTERN, max_length=40, description="Code of the unit the task was given to."
    )


class ProgressPatch(ApiInput):
    period: PeriodId | None = None
    status: TaskStatus | None = None
    note: str | None = Field(None, max_length=4000)


class ProgressOut(ProgressFields, RecordOut):
    pass


@register
class ProgressRegister(Register):
    """What a unit reports on the tasks plans gave it, period by period."""

    model = TaskProgress
    slug = "task-progress"
    label = _("Tiến độ nhiệm vụ được giao")
    one = _("báo cáo tiến độ")
    form_class = ProgressForm
    columns = [
        Column(_("Nhiệm vụ"), "task.title"),
        Column(_("Kế hoạch"), "task.plan.number"),
        Column(_("Kỳ"), lambda p: p.the_period.label(get_language() or "vi")),
        Column(_("Tình trạng"), "get_status_display"),
    ]
    filters = ["status"]
    search_fields = ["task.title", "note"]
    order = 11
    section = "direction"
    api = ApiShape(out=ProgressOut, create=ProgressIn, patch=ProgressPatch)

    def queryset(self) -> models.QuerySet:
        return TaskProgress.objects.select_related("unit", "task__plan__issuing_unit")
