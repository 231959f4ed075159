"""Activities (hoạt động): one thing a unit did — a press conference, a publication,
a delegation received, a training course — with its topics, channels, languages and
audiences, the figures it gives (``ActivityQuantity``), the register records it concerns
(``ActivityLink``) and its evidence (``ActivityFile``). A confirmed activity (``counted``)
gives its unit's values for the periods of its start date (ttdn.activities.feeding)
unless it has been cancelled."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn.indicators.models import TOTAL
from ttdn.lib import vocab
from ttdn.orgunits.models import UnitScopedQuerySet


class ActivityType(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", _("Họp báo, cung cấp thông tin cho báo chí")
    PUBLICATION = "publication", _("Xuất bản ấn phẩm, tài liệu")
    MEDIA_COVERAGE = "media_coverage", _("Tin, bài, chương trình phát sóng")
    FOREIGN_PRESS = "foreign_press", _("Đón tiếp phóng viên nước ngoài")
    DELEGATION = "delegation", _("Tiếp đoàn, làm việc với đối tác quốc tế")
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    EXHIBITION = "exhibition", _("Triển lãm, hội chợ, xúc tiến")
    EVENT = "event", _("Sự kiện, hội nghị, hội thảo")
    REBUTTAL = "rebuttal", _("Phản bác thông tin sai sự thật")
    AGREEMENT = "agreement", _("Ký kết thỏa thuận quốc tế")
    OTHER = "other", _("Khác")


def evidence_path(instance: Activity, filename: str) -> str:
    return f"evidence/{instance.unit.code}/{filename}"


class ActivityQuerySet(UnitScopedQuerySet):
    def in_period(self, start, end) -> ActivityQuerySet:
        return self.filter(start_date__lte=end).filter(
            models.Q(end_date__gte=start) | models.Q(end_date__isnull=True, start_date__gte=start)
        )


class Activity(models.Model):
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    type = models.CharField(_("loại hoạt động"), max_length=24, choices=ActivityType.choices)
    title = models.CharField(_("tên hoạt động"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    topics = models.JSONField(_("chủ đề"), default=list, blank=True)
    channels = models.JSONField(_("kênh"), default=list, blank=True)
    languages = models.JSONField(_("ngôn ngữ"), default=list, blank=True)
    partner_countries = models.CharField(_("quốc gia đối tác"), max_length=255, blank=True)
    audiences = models.JSONField(_("đối tượng"), default=list, blank=True)
    counted = models.BooleanField(
        _("tính vào số liệu của đơn vị"),
        default=False,
        help_text=_(
            "Khi chọn, số lượng của hoạt động thành số liệu của đơn vị trong kỳ có ngày bắt "
            "đầu, không phải nhập lại trên biểu nhập số liệu."
        ),
    )
    # A cancelled activity (hủy: it did not take place, or was recorded by mistake) is
    # kept with its history and no longer gives values.
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    evidence_url = models.URLField(_("đường dẫn minh chứng"), blank=True)
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to=evidence_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,  # loaded and demo rows may have no author
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["unit", "start_date"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        for name, field_name in (
            ("topics", "topics"),
            ("channels", "channels"),
            ("languages", "languages"),
            ("audiences", "audiences"),
        ):
            unknown = set(getattr(self, field_name) or []) - set(vocab.codes(name))
            if unknown:
                errors[field_name] = _("Mã không có: %(codes)s") % {
                    "codes": ", ".join(sorted(unknown))
                }
        if errors:
            raise ValidationError(errors)

    # The vocabularies by label, on the detail page and in the history.
    def display_topics(self) -> str:
        return _labels("topics", self.topics)

    def display_channels(self) -> str:
        return _labels("channels", self.channels)

    def display_languages(self) -> str:
        return _labels("languages", self.languages)

    def display_audiences(self) -> str:
        return _labels("audiences", self.audiences)

    @property
    def quantities(self) -> dict[str, Decimal]:
        """The totals the activity gives, by indicator code (the report's sentences read
        them); options are in ``quantity_rows``."""
        return {
            row.indicator.code: row.value
            for row in self.quantity_rows.all()
            if row.option == TOTAL and row.indicator is not None
        }


def _labels(vocabulary: str, codes: list[str] | None) -> str:
    known = set(vocab.codes(vocabulary))
    language = get_language() or "vi"
    return ", ".join(vocab.label(vocabulary, c, language) if c in known else c for c in codes or [])


class ActivityQuantity(models.Model):
    """A figure an activity gives: an indicator of the catalogue, an option of its
    breakdown ("" for the total) and the number."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="quantity_rows",
        verbose_name=_("hoạt động"),
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chỉ tiêu"),
    )
    option = models.CharField(_("phân tổ"), max_length=40, blank=True, default=TOTAL)
    value = models.DecimalField(_("số lượng"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("số lượng")
        verbose_name_plural = _("số lượng")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "indicator", "option"], name="activity_quantity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_label()}: {self.value}"

    def display_option(self) -> str:
        return self.indicator.option_label(self.option) if self.option else ""

    def measure_label(self, language: str = "vi") -> str:
        """The indicator's name, with the option's label when there is one."""
        name = self.indicator.display_name(language)
        if self.option == TOTAL:
            return name
        return f"{name} — {self.indicator.option_label(self.option, language)}"

    def clean(self) -> None:
        indicator = getattr(self, "indicator", None)
        if indicator is None or self.value is None:
            return
        if self.option not in indicator.options():
            raise ValidationError(
                _("Chỉ tiêu “%(name)s” không có phân tổ “%(option)s”.")
                % {"name": indicator.name, "option": self.option}
            )
        try:
            indicator.check_value(Decimal(self.value))
        except ValidationError as error:
            raise ValidationError(
                _("%(name)s: %(why)s") % {"name": self.measure_label(), "why": error.messages[0]}
            ) from error


class FileKind(models.TextChoices):
    PHOTO = "photo", _("Ảnh")
    DOCUMENT = "document", _("Tài liệu")


def activity_file_path(instance: ActivityFile, filename: str) -> str:
    return f"evidence/{instance.activity.unit.code}/{filename}"


class ActivityFileQuerySet(UnitScopedQuerySet):
    unit_fields = ("activity__unit",)


class ActivityFile(models.Model):
    """One more evidence file or photo of an activity, sent only through
    ``ttdn.downloads`` to those who may see the activity."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="files", verbose_name=_("hoạt động")
    )
    kind = models.CharField(
        _("loại tệp"), max_length=10, choices=FileKind.choices, default=FileKind.PHOTO
    )
    file = models.FileField(_("tệp"), upload_to=activity_file_path)
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)

    objects = ActivityFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp, ảnh minh chứng")
        verbose_name_plural = _("tệp, ảnh minh chứng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or (self.file.name or "").rsplit("/", 1)[-1]


class ActivityLink(models.Model):
    """A register record the activity concerns (the plan it carries out, the
    publication it launched), by register slug and record id (ttdn.registers)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="links", verbose_name=_("hoạt động")
    )
    register = models.CharField(_("sổ"), max_length=40)
    record_id = models.PositiveBigIntegerField(_("số bản ghi"))

    class Meta:
        verbose_name = _("bản ghi liên quan")
        verbose_name_plural = _("bản ghi liên quan")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "register", "record_id"], name="activity_link_unique"
            )
        ]
        indexes = [models.Index(fields=["register", "record_id"])]

    def __str__(self) -> str:
        return f"{self.register} {self.record_id}"

    def display_register(self) -> str:
        from ttdn.registers.base import get

        try:
            return str(get(self.register).label)
        except KeyError:
            return self.register

    def display_record_id(self) -> str:
        from ttdn.activities.services import linked_record

        record = linked_record(self)
        return f"{self.record_id}: {record}" if record is not None else str(self.record_id)
