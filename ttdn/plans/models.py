"""Plans (kế hoạch, chương trình) and the targets they set for indicators."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.fields import PeriodField, PeriodOf
from ttdn.indicators.models import TOTAL
from ttdn.orgunits.models import UnitScopedQuerySet


class PlanQuerySet(UnitScopedQuerySet):
    unit_fields = ("issuing_unit",)


class Plan(models.Model):
    """A kế hoạch: number, date, issuing unit, the year it covers and the higher plan it
    implements (e.g. a commune's plan implementing the province's)."""

    issuing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm"))
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
        ordering = ["-year", "-issued_on"]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


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
