"""Indicators (chỉ tiêu) and the values units report for them (số liệu)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.fields import PeriodField
from ttdn.lib import vocab
from ttdn.orgunits.models import UnitScopedQuerySet

TOTAL = ""  # the option code of an undisaggregated value or of a total (DHIS2's "default")


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENT = "percent", _("Tỷ lệ %")
    MONEY = "money", _("Tiền")


class TimeAggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn (lưu lượng)")
    LAST = "last", _("Giá trị cuối kỳ (tồn lượng)")


class UnitAggregation(models.TextChoices):
    SUM = "sum", _("Cộng các đơn vị")


class Disaggregation(models.TextChoices):
    NONE = "", _("Không phân tổ")
    LANGUAGE = "languages", _("Theo ngôn ngữ")
    CHANNEL = "channels", _("Theo kênh")
    PLATFORM = "platforms", _("Theo nền tảng mạng xã hội")
    STAFF_ROLE = "staff_roles", _("Theo vị trí cán bộ")
    FUNDING_SOURCE = "funding_sources", _("Theo nguồn kinh phí")


class Indicator(models.Model):
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    group = models.CharField(_("nhóm"), max_length=80, blank=True)
    measure_unit = models.CharField(_("đơn vị tính"), max_length=40)
    measure_unit_en = models.CharField(_("đơn vị tính (tiếng Anh)"), max_length=40, blank=True)
    value_type = models.CharField(
        _("kiểu giá trị"), max_length=10, choices=ValueType.choices, default=ValueType.INTEGER
    )
    time_aggregation = models.CharField(
        _("tổng hợp theo thời gian"),
        max_length=8,
        choices=TimeAggregation.choices,
        default=TimeAggregation.SUM,
    )
    unit_aggregation = models.CharField(
        _("tổng hợp theo đơn vị"),
        max_length=8,
        choices=UnitAggregation.choices,
        default=UnitAggregation.SUM,
    )
    disaggregation = models.CharField(
        _("phân tổ"), max_length=20, choices=Disaggregation.choices, blank=True, default=""
    )
    additive = models.BooleanField(
        _("phân tổ cộng được"),
        default=True,
        help_text=_(
            "Các phần cộng lại không vượt tổng, tổng thiếu thì lấy tổng các phần. Bỏ chọn "
            "khi một mục có thể thuộc nhiều phần (ấn phẩm song ngữ)."
        ),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str = "vi") -> str:
        return names.pick(self.name, self.name_en, language)

    def display_unit(self, language: str = "vi") -> str:
        if language.startswith("en") and self.measure_unit_en:
            return self.measure_unit_en
        return self.measure_unit

    def options(self) -> list[str]:
        """Option codes of the disaggregation; the total ("") always comes first."""
        if not self.disaggregation:
            return [TOTAL]
        return [TOTAL, *vocab.codes(self.disaggregation)]

    def option_label(self, option: str, language: str = "vi") -> str:
        if option == TOTAL:
            return "Tổng" if not language.startswith("en") else "Total"
        return vocab.label(self.disaggregation, option, language)

    def check_value(self, value: Decimal) -> None:
        """Raise ValidationError with a readable message when ``value`` cannot be stored."""
        if value < 0:
            raise ValidationError(_("Số liệu không được âm."))
        if self.value_type == ValueType.INTEGER and value != value.to_integral_value():
            raise ValidationError(_("Chỉ tiêu này chỉ nhận số nguyên."))
        if self.value_type == ValueType.PERCENT and value > 100:
            raise ValidationError(_("Tỷ lệ phải trong khoảng 0–100%."))
        if abs(value) >= Decimal("1e16"):
            raise ValidationError(_("Số quá lớn."))


class DataValueSource(models.TextChoices):
    FORM = "form", _("Nhập trên biểu mẫu")
    IMPORT = "import", _("Nhập từ tài liệu")
    API = "api", _("Qua API")
    DEMO = "demo", _("Dữ liệu mẫu")
    DERIVED = "derived", _("Tự tính từ kỳ nhỏ hơn hoặc từ các phần")
    REGISTER = "register", _("Từ sổ theo dõi")


class DataValue(models.Model):
    """One number: indicator × unit × period × option. No row means no value; a row
    holding 0 means the unit reported zero.

    A ``derived`` row was computed from the unit's finer periods or from the parts of an
    additive breakdown (ttdn.lib.timeagg) and is kept up to date by every write; a value
    entered for the same cell replaces it. ``months`` is how much of the period a derived
    figure covers when its parts cover only part of it (NULL: the whole period). ``estimated`` marks a figure given as an estimate (số ước)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="data_values"
    )
    period = PeriodField(_("kỳ"))
    option = models.CharField(_("phân tổ"), max_length=40, blank=True, default=TOTAL)
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4)
    version = models.PositiveIntegerField(default=1)
    source = models.CharField(
        max_length=8, choices=DataValueSource.choices, default=DataValueSource.FORM
    )
    derived = models.BooleanField(_("tự tính"), default=False, db_default=False)
    # Months a derived figure covers when its parts cover only part of the period (the
    # current year before its end); NULL for the whole period.
    months = models.PositiveSmallIntegerField(_("số tháng có số liệu"), null=True, blank=True)
    estimated = models.BooleanField(_("số ước"), default=False, db_default=False)
    comment = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "indicator", "option"],
                name="datavalue_unique",
                violation_error_message=_("Đã có số liệu này cho đơn vị và kỳ."),
            )
        ]
        indexes = [
            models.Index(fields=["period", "indicator", "option"]),
            # Covers the breakdown read (a unit's children for a period) without touching
            # the table: a hundred communes' values come from the index alone.
            models.Index(
                fields=["unit", "period", "indicator", "option", "value"],
                name="datavalue_cover",
            ),
            # Estimates are few: a report finds its subtree's in a tiny index.
            models.Index(
                fields=["period", "indicator"],
                condition=models.Q(estimated=True),
                name="datavalue_estimated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}{'/' + self.option if self.option else ''} {self.period}"


class DataValueChange(models.Model):
    """The history of every value: who changed it, when, from what to what."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    period = PeriodField()
    option = models.CharField(max_length=40, blank=True, default=TOTAL)
    old_value = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    new_value = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    estimated = models.BooleanField(default=False, db_default=False)  # the new value
    source = models.CharField(max_length=8, choices=DataValueSource.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch sử số liệu")
        verbose_name_plural = _("lịch sử số liệu")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["unit", "period"])]


class RollupValue(models.Model):
    """Subtree sums kept exact in the same transaction as every value write.

    One row per unit that has children × period × indicator × option: the sum of the
    values of the unit and all its descendants, and ``n``, how many values made it.
    Totals over any subtree are then index reads instead of a GROUP BY over millions of
    rows. ``option`` is never NULL ("" is the total) so upserts always meet their row.
    """

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    period = PeriodField()
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    option = models.CharField(max_length=40, blank=True, default=TOTAL)
    value = models.DecimalField(max_digits=24, decimal_places=4)
    n = models.IntegerField(default=0)  # deltas may be negative before they add up
    d = models.IntegerField(default=0, db_default=0)  # of the n, how many were derived
    p = models.IntegerField(default=0, db_default=0)  # … and how many cover part of the period

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "indicator", "option"], name="rollup_unique"
            )
        ]


class RegisterFigure(models.Model):
    """A figure a register gives a unit for a period (ttdn.indicators.feeds): the value
    written into ``DataValue`` and the records it counts, so the entry form shows it as
    given, with its sources, instead of asking for it a second time."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    period = PeriodField()
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    option = models.CharField(max_length=40, blank=True, default=TOTAL)
    value = models.DecimalField(max_digits=20, decimal_places=4)
    # [[kind, id, label, url], …]: the records counted, as the entry form links them.
    sources = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "indicator", "option"], name="register_figure_unique"
            )
        ]


class EntryDraft(models.Model):
    """What one person has typed on a unit's entry form for a period and not saved yet,
    kept as typed (a half-written "1.2" included) while they type, so a closed tab, a
    lost connection or a click elsewhere loses nothing. ``data`` maps the form's field
    names to the text sent, the versions of the values the person started from
    included: restoring it tells a value someone else saved since from one that waits
    for the person's save (ttdn.indicators.drafts)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    period = PeriodField(_("kỳ"))
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản nháp số liệu")
        verbose_name_plural = _("bản nháp số liệu")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "period"], name="entry_draft_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period} ({self.user_id})"
