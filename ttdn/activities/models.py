"""Activities (hoạt động): one thing a unit did — a press conference, a publication,
a delegation received, a training course — with its topics, channels and languages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    quantities = models.JSONField(
        _("số lượng"),
        default=dict,
        blank=True,
        help_text=_('Theo mã chỉ tiêu, ví dụ {"training_participants": 120}.'),
    )
    evidence_url = models.URLField(_("đường dẫn minh chứng"), blank=True)
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to=evidence_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
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
        ):
            unknown = set(getattr(self, field_name) or []) - set(vocab.codes(name))
            if unknown:
                errors[field_name] = _("Mã không có: %(codes)s") % {
                    "codes": ", ".join(sorted(unknown))
                }
        for code, amount in (self.quantities or {}).items():
            if not isinstance(amount, int | float) or amount < 0:
                errors["quantities"] = _("Số lượng “%(code)s” phải là số không âm.") % {
                    "code": code
                }
        if errors:
            raise ValidationError(errors)
