"""The reporting cycle: report forms (mẫu báo cáo), report requests (công văn yêu cầu
báo cáo), each unit's submission with its narrative sections, and every transition."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.lib.periods import Convention, Period, PeriodType, parse_period_id

DEFAULT_SECTIONS: list[dict[str, str]] = [
    {"code": "context", "title": "Bối cảnh, tình hình", "role": "context"},
    {"code": "direction", "title": "Công tác chỉ đạo, triển khai", "role": "direction"},
    {"code": "results", "title": "Kết quả thực hiện", "role": "results"},
    {"code": "advantages", "title": "Thuận lợi", "role": "advantages"},
    {"code": "difficulties", "title": "Khó khăn, hạn chế, tồn tại", "role": "difficulties"},
    {"code": "causes", "title": "Nguyên nhân", "role": "assessment"},
    {"code": "solutions", "title": "Giải pháp", "role": "solutions"},
    {"code": "next_tasks", "title": "Phương hướng, nhiệm vụ kỳ tới", "role": "next_tasks"},
    {"code": "proposals", "title": "Đề xuất, kiến nghị", "role": "proposals"},
]


def default_sections() -> list[dict[str, str]]:
    return [dict(section) for section in DEFAULT_SECTIONS]


class ReportForm(models.Model):
    """What a report asks for: indicators and narrative sections, per period type and
    kind of unit."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên mẫu"), max_length=255)
    period_type = models.CharField(
        _("loại kỳ"), max_length=12, choices=[(t.value, t.value) for t in PeriodType]
    )
    unit_kinds = models.JSONField(_("loại đơn vị áp dụng"), default=list, blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", verbose_name=_("chỉ tiêu"), blank=True
    )
    sections = models.JSONField(_("phần thuyết minh"), default=default_sections)
    locks_after_deadline = models.BooleanField(
        _("khóa khi quá hạn"),
        default=False,
        help_text=_("Không nhận báo cáo sau hạn (mặc định: nhận và đánh dấu nộp muộn)."),
    )

    class Meta:
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")

    def __str__(self) -> str:
        return self.name


class ReportRequestQuerySet(models.QuerySet["ReportRequest"]):
    def for_user(self, user) -> ReportRequestQuerySet:
        """Requests issued by or addressed to a unit the person may see."""
        from ttdn.orgunits.models import OrgUnit

        units = OrgUnit.objects.for_user(user, "view")
        return self.filter(
            models.Q(issuing_unit__in=units) | models.Q(recipients__in=units)
        ).distinct()


class ReportRequest(models.Model):
    """A công văn asking units to report: issuing unit, số/ký hiệu, date, form, period,
    recipients and deadline."""

    issuing_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="issued_requests",
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    subject = models.CharField(_("trích yếu"), max_length=500)
    form = models.ForeignKey(ReportForm, verbose_name=_("mẫu báo cáo"), on_delete=models.PROTECT)
    period = models.CharField(_("kỳ báo cáo"), max_length=8)
    deadline = models.DateField(_("hạn nộp"))
    convention = models.CharField(
        _("quy ước chốt số liệu"),
        max_length=10,
        choices=[
            (Convention.CALENDAR.value, _("Theo năm dương lịch")),
            (Convention.DECREE_09_2019.value, _("Theo Nghị định 09/2019/NĐ-CP")),
        ],
        default=Convention.CALENDAR.value,
    )
    recipients = models.ManyToManyField(
        "orgunits.OrgUnit", verbose_name=_("đơn vị nhận"), related_name="received_requests"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} — {self.subject}"

    @property
    def the_period(self) -> Period:
        return parse_period_id(self.period)

    def data_bounds(self) -> tuple[date, date]:
        return self.the_period.bounds(Convention(self.convention))

    def deadline_passed(self, now: datetime | None = None) -> bool:
        today = timezone.localdate(now) if now else timezone.localdate()
        return today > self.deadline


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


class Submission(models.Model):
    """One unit's report for one request."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["request", "unit"], name="submission_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.request.number}"

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)

    def is_late(self) -> bool:
        if self.submitted_at is None:
            return False
        return timezone.localdate(self.submitted_at) > self.request.deadline


class SubmissionSection(models.Model):
    """A narrative part of a submission (thuyết minh), versioned for optimistic locking."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "code"], name="section_unique")
        ]


class Action(models.TextChoices):
    SAVE = "save", _("Lưu bản nháp")
    CONFLICT = "conflict", _("Lưu bị từ chối do xung đột")
    SIGN_OFF = "sign_off", _("Lãnh đạo duyệt")
    SUBMIT = "submit", _("Nộp")
    RESUBMIT = "resubmit", _("Nộp lại")
    RETURN = "return", _("Trả lại")
    ACCEPT = "accept", _("Chấp nhận")
    REMIND = "remind", _("Nhắc nộp")


class SubmissionEvent(models.Model):
    """Every transition of a submission: who, when, and what was said or kept."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]


class DocumentStyle(models.TextChoices):
    STATE = "state", _("Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)")
    PARTY = "party", _("Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)")


class DocumentProfile(models.Model):
    """How a unit's official documents are headed and signed."""

    unit = models.OneToOneField(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="document_profile"
    )
    style = models.CharField(
        _("thể thức"), max_length=6, choices=DocumentStyle.choices, default=DocumentStyle.STATE
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Ví dụ: UBND TỈNH BÌNH ĐỊNH")
    )
    issuing_body = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: dùng tên đơn vị, viết hoa"),
    )
    abbreviation = models.CharField(
        _("chữ viết tắt trong ký hiệu"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: SVHTTDL, UBND, TU"),
    )
    place = models.CharField(
        _("địa danh"), max_length=80, blank=True, help_text=_("Ví dụ: Bình Định")
    )
    authority = models.CharField(
        _("thẩm quyền ký"),
        max_length=200,
        blank=True,
        help_text=_("Mỗi dòng một cấp, ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"),
    )
    signer_position = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    recipients = models.TextField(
        _("nơi nhận thường dùng"), blank=True, help_text=_("Mỗi dòng một nơi nhận")
    )

    class Meta:
        verbose_name = _("thể thức văn bản của đơn vị")
        verbose_name_plural = _("thể thức văn bản của đơn vị")

    def __str__(self) -> str:
        return str(self.unit)
