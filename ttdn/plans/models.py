"""Plans (kế hoạch, chương trình, đề án), the targets they set for indicators, the tasks
(nhiệm vụ) they give to units and the progress the units report on those tasks."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ttdn.fields import PeriodField, PeriodOf
from ttdn.indicators.models import TOTAL
from ttdn.lib.vnformat import format_date
from ttdn.orgunits.models import OrgUnit, UnitScopedQuerySet


class PlanKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch")
    PROGRAMME = "programme", _("Chương trình")
    PROJECT = "project", _("Đề án")
    JOINT_PLAN = "joint_plan", _("Kế hoạch phối hợp")


YEAR = [MinValueValidator(1900), MaxValueValidator(2099)]


class PlanQuerySet(UnitScopedQuerySet):
    unit_fields = ("issuing_unit",)

    def covering(self, year: int) -> PlanQuerySet:
        """Plans whose years include ``year``."""
        return self.filter(start_year__lte=year, end_year__gte=year)


class Plan(models.Model):
    """A kế hoạch (or chương trình, đề án): number, date, issuing unit, the years it covers
    — one year, or a giai đoạn such as 2021-2025 with a vision year — and the higher plan
    it implements (a commune's plan implementing the province's)."""

    issuing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    kind = models.CharField(
        _("loại văn bản"), max_length=12, choices=PlanKind.choices, default=PlanKind.PLAN
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    start_year = models.PositiveSmallIntegerField(_("từ năm"), validators=YEAR)
    end_year = models.PositiveSmallIntegerField(
        _("đến năm"), help_text=_("Bằng năm bắt đầu với kế hoạch một năm."), validators=YEAR
    )
    vision_year = models.PositiveSmallIntegerField(
        _("tầm nhìn đến năm"), null=True, blank=True, validators=YEAR
    )
    implements = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implementations",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-start_year", "-issued_on"]
        indexes = [models.Index(fields=["issuing_unit", "start_year"])]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    @property
    def year(self) -> int:
        """The first year (a one-year plan's year); setting it makes a one-year plan."""
        return self.start_year

    @year.setter
    def year(self, value: int) -> None:
        self.start_year = self.end_year = value

    def cite(self) -> str:
        """How a report cites it: "Kế hoạch số 20/KH-UBND", "Chương trình số 05/CTr-UBND"
        (a kế hoạch phối hợp is a kế hoạch by its type)."""
        cited_as = {PlanKind.PROGRAMME.value: "Chương trình", PlanKind.PROJECT.value: "Đề án"}
        word = cited_as.get(self.kind, "Kế hoạch")
        return f"{word} số {self.number}"

    def years_label(self) -> str:
        """ "năm 2024", "giai đoạn 2021-2025, tầm nhìn đến năm 2030"."""
        if self.start_year is None:
            return ""
        if self.end_year in (None, self.start_year):
            text = gettext("năm %(year)s") % {"year": self.start_year}
        else:
            text = gettext("giai đoạn %(start)s-%(end)s") % {
                "start": self.start_year,
                "end": self.end_year,
            }
        if self.vision_year:
            text += gettext(", tầm nhìn đến năm %(year)s") % {"year": self.vision_year}
        return text

    def first_day(self) -> date:
        return date(self.start_year, 1, 1)

    def last_day(self) -> date:
        return date(self.end_year or self.start_year, 12, 31)

    def clean_fields(self, exclude=None) -> None:
        if self.end_year is None and self.start_year is not None:
            self.end_year = self.start_year  # a one-year plan
        super().clean_fields(exclude)

    def clean(self) -> None:
        years = (self.start_year, self.end_year, self.vision_year)
        if any(y is not None and not 1900 <= y <= 2099 for y in years):
            return  # the field says so (clean_fields)
        errors: dict[str, str] = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = str(_("Năm kết thúc không được trước năm bắt đầu."))
        if self.vision_year and self.end_year and self.vision_year <= self.end_year:
            errors["vision_year"] = str(_("Năm tầm nhìn phải sau năm kết thúc của kế hoạch."))
        if self.implements_id is not None and "end_year" not in errors:
            message = self._implements_error()
            if message:
                errors["implements"] = message
        if self.pk is not None and self.start_year and "end_year" not in errors:
            late = self.tasks.exclude(deadline__range=(self.first_day(), self.last_day()))
            task = late.order_by("deadline").first()
            if task is not None:
                errors["start_year"] = str(
                    _(
                        "Nhiệm vụ “%(task)s” có thời hạn %(day)s, ngoài %(years)s: sửa thời hạn "
                        "của nhiệm vụ trước khi đổi thời gian của kế hoạch."
                    )
                    % {
                        "task": task.title[:120],
                        "day": format_date(task.deadline),
                        "years": self.years_label(),
                    }
                )
        if errors:
            raise ValidationError(errors)

    def _implements_error(self) -> str:
        """Why this plan may not implement ``implements``, or ""."""
        higher = self.implements
        assert higher is not None
        if self.pk is not None:
            seen: set[int] = set()
            step: Plan | None = higher
            while step is not None and step.pk not in seen:
                if step.pk == self.pk:
                    return str(
                        _(
                            "Kế hoạch số %(number)s không thể thực hiện chính nó (vòng lặp kế hoạch)."
                        )
                        % {"number": self.number}
                    )
                seen.add(step.pk)
                step = step.implements
        if self.issuing_unit_id is not None:
            mine = self.issuing_unit
            theirs = higher.issuing_unit
            if not mine.path.startswith(theirs.path):
                return str(
                    _(
                        "Kế hoạch số %(number)s của %(theirs)s: %(theirs)s không phải là cấp "
                        "trên của %(mine)s, nên kế hoạch của %(mine)s không thể thực hiện kế "
                        "hoạch này."
                    )
                    % {"number": higher.number, "theirs": theirs.name, "mine": mine.name}
                )
        if (
            self.start_year
            and self.end_year
            and (higher.end_year < self.start_year or higher.start_year > self.end_year)
        ):
            return str(
                _(
                    "Kế hoạch số %(number)s áp dụng cho %(theirs)s, không trùng với %(mine)s "
                    "của kế hoạch này."
                )
                % {
                    "number": higher.number,
                    "theirs": higher.years_label(),
                    "mine": self.years_label(),
                }
            )
        return ""


class PlanTarget(models.Model):
    """What a plan aims for: an indicator (and option) over a period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT
    )
    option = models.CharField(_("phân tổ"), max_length=40, blank=True, default=TOTAL)
    period = PeriodField(_("kỳ"), help_text=_("Ví dụ 2025 hoặc 2025S1"))
    the_period = PeriodOf("period")
    value = models.DecimalField(_("chỉ tiêu kế hoạch"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator", "option", "period"], name="plan_target_unique"
            )
        ]


class PlanTaskQuerySet(UnitScopedQuerySet):
    # Seen in the plan's unit's subtree and by the unit it is given to.
    unit_fields = ("plan__issuing_unit", "assignee")


class PlanTask(models.Model):
    """A nhiệm vụ a plan gives a unit (the issuing unit or one below it), with a deadline
    inside the plan's years and, when it is about a figure, the indicator."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    assignee = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="plan_tasks",
    )
    deadline = models.DateField(_("thời hạn"))
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("chỉ tiêu liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = PlanTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "deadline", "pk"]

    def __str__(self) -> str:
        return self.title


def task_errors(plan: Plan, task: PlanTask) -> dict[str, str]:
    """What is wrong with ``task`` as a task of ``plan``: field → message."""
    errors: dict[str, str] = {}
    unit: OrgUnit | None = plan.issuing_unit if plan.issuing_unit_id else None
    assignee = task.assignee if task.assignee_id else None
    if unit is not None and assignee is not None and not assignee.path.startswith(unit.path):
        errors["assignee"] = str(
            _(
                "%(assignee)s không thuộc %(unit)s: chỉ giao nhiệm vụ cho đơn vị ban hành "
                "hoặc đơn vị cấp dưới."
            )
            % {"assignee": assignee.name, "unit": unit.name}
        )
    if task.deadline and plan.start_year and plan.end_year:
        if not plan.first_day() <= task.deadline <= plan.last_day():
            errors["deadline"] = str(
                _("Thời hạn %(day)s nằm ngoài thời gian của kế hoạch (%(years)s).")
                % {"day": format_date(task.deadline), "years": plan.years_label()}
            )
    return errors


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang triển khai")
    DONE = "done", _("Hoàn thành")


# Not stored: a task not done whose deadline has passed.
OVERDUE = "overdue"
OVERDUE_LABEL = _("Quá hạn")


class TaskProgressQuerySet(UnitScopedQuerySet):
    unit_fields = ("unit",)


class TaskProgress(models.Model):
    """What the unit a task was given to reports on it for a period: status and a note.
    The record belongs to that unit."""

    task = models.ForeignKey(
        PlanTask, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="progress"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="task_progress",
    )
    period = PeriodField(_("kỳ báo cáo"), help_text=_("Ví dụ 2024S1, 2024Q3 hoặc 2024"))
    the_period = PeriodOf("period")
    status = models.CharField(_("tình trạng"), max_length=12, choices=TaskStatus.choices)
    note = models.TextField(_("kết quả, ghi chú"), max_length=4000, blank=True)

    objects = TaskProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        ordering = ["-period", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "period"],
                name="plan_progress_unique",
                violation_error_message=_("Đã có báo cáo tiến độ của nhiệm vụ này cho kỳ này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task.title[:80]} ({self.period})"

    def clean(self) -> None:
        if self.task_id is None or self.unit_id is None:
            return
        if self.task.assignee_id != self.unit_id:
            raise ValidationError(
                {
                    "task": _(
                        "Nhiệm vụ “%(task)s” được giao cho %(assignee)s, không phải %(unit)s: "
                        "chỉ đơn vị được giao mới báo cáo tiến độ."
                    )
                    % {
                        "task": self.task.title[:120],
                        "assignee": self.task.assignee.name,
                        "unit": self.unit.name,
                    }
                }
            )
