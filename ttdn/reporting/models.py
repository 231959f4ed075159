"""The reporting cycle: report forms (mẫu báo cáo), report requests (công văn yêu cầu
báo cáo), each unit's submission with its narrative sections, and every transition."""

from __future__ import annotations

from datetime import date, datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.fields import PeriodField, PeriodOf
from ttdn.lib.periods import Convention, PeriodType
from ttdn.orgunits.models import OrgUnit, UnitScopedQuerySet

# The skeleton of a BÁO CÁO (docs/report-writing.md): I. Công tác lãnh đạo, chỉ đạo;
# II. Kết quả thực hiện; III. Đánh giá chung (1. Kết quả đạt được, 2. Hạn chế, khó khăn,
# 3. Nguyên nhân); IV. Phương hướng, nhiệm vụ [kỳ sau]; V. Đề xuất, kiến nghị. Sections
# sharing a "part" are numbered 1., 2., 3. under one Roman heading.
# Each section's English title (title_en) is what English mode shows on the pages; the
# document itself keeps the Vietnamese.
DEFAULT_SECTIONS: list[dict[str, str]] = [
    {
        "code": "direction",
        "title": "Công tác lãnh đạo, chỉ đạo",
        "title_en": "Leadership and direction",
        "role": "direction",
    },
    {"code": "results", "title": "Kết quả thực hiện", "title_en": "Results", "role": "results"},
    {
        "code": "achievements",
        "title": "Kết quả đạt được",
        "title_en": "Achievements",
        "role": "advantages",
        "part": "assessment",
    },
    {
        "code": "difficulties",
        "title": "Hạn chế, khó khăn",
        "title_en": "Shortcomings and difficulties",
        "role": "difficulties",
        "part": "assessment",
    },
    {
        "code": "causes",
        "title": "Nguyên nhân",
        "title_en": "Causes",
        "role": "assessment",
        "part": "assessment",
    },
    {
        "code": "next_tasks",
        "title": "Phương hướng, nhiệm vụ",
        "title_en": "Directions and tasks for the next period",
        "role": "next_tasks",
    },
    {
        "code": "proposals",
        "title": "Đề xuất, kiến nghị",
        "title_en": "Proposals and recommendations",
        "role": "proposals",
    },
]

# The report forms the product ships (migration 0003), with their English names.
DEFAULT_FORMS: list[dict[str, str]] = [
    {
        "code": "ttdn-6-thang",
        "name": "Báo cáo công tác thông tin đối ngoại 6 tháng",
        "name_en": "Six-month report on external information work",
        "period_type": "six_month",
    },
    {
        "code": "ttdn-nam",
        "name": "Báo cáo công tác thông tin đối ngoại năm",
        "name_en": "Annual report on external information work",
        "period_type": "year",
    },
    {
        "code": "ttdn-quy",
        "name": "Báo cáo công tác thông tin đối ngoại quý",
        "name_en": "Quarterly report on external information work",
        "period_type": "quarter",
    },
]


def default_sections() -> list[dict[str, str]]:
    return [dict(section) for section in DEFAULT_SECTIONS]


class ReportForm(models.Model):
    """What a report asks for: indicators and narrative sections, per period type and
    kind of unit."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên mẫu"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
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


# The words for a công văn's signature check; the same verdicts as the archive's
# (ttdn.signing.models.Verdict), which reporting does not import.
ATTACHMENT_SIGNATURE = {
    "valid": _("Có chữ ký số hợp lệ"),
    "invalid": _("Chữ ký số không hợp lệ"),
    "unsigned": _("Không ký số"),
}


class ReportRequestQuerySet(UnitScopedQuerySet):
    """Requests issued by or addressed to a unit the person may ``action``."""

    unit_fields = ("issuing_unit", "recipients")

    def for_user(self, user, action="view") -> Self:
        # A request addressed to several of the person's units is still one request.
        return super().for_user(user, action).distinct()

    def listed_for(self, user) -> Self:
        """The requests a person's lists show: a cancelled one only to its issuer's
        people, as the units it was sent to no longer owe it."""
        return self.for_user(user).exclude(
            models.Q(cancelled_at__isnull=False)
            & ~models.Q(issuing_unit__in=OrgUnit.objects.for_user(user))
        )


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
    period = PeriodField(_("kỳ báo cáo"))
    the_period = PeriodOf("period")
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
    # Raised by every change, so a form read before someone else's change is refused.
    version = models.PositiveIntegerField(default=1)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    # The công văn itself (PDF or DOCX), kept in the archive's storage under a random
    # name and sent only to the issuer and the recipients (ttdn.archive.storage).
    attachment = models.CharField(max_length=255, blank=True)
    attachment_filename = models.CharField(_("tệp công văn"), max_length=255, blank=True)
    # What the check of the công văn's digital signatures found when it was attached
    # ("valid", "invalid", "unsigned"; empty for a DOCX or when no check is installed),
    # and its summary: signer, time, what is wrong (docs/signing.md).
    attachment_signature = models.CharField(_("chữ ký số của công văn"), max_length=8, blank=True)
    attachment_signature_summary = models.TextField(blank=True)

    objects = ReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} — {self.subject}"

    @property
    def attachment_signature_label(self) -> str:
        """The công văn's signature check in words ("Có chữ ký số hợp lệ")."""
        return str(ATTACHMENT_SIGNATURE.get(self.attachment_signature, ""))

    def data_bounds(self) -> tuple[date, date]:
        return self.the_period.bounds(Convention(self.convention))

    def deadline_passed(self, now: datetime | None = None) -> bool:
        today = timezone.localdate(now) if now else timezone.localdate()
        return today > self.deadline

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class RequestChange(models.TextChoices):
    EDIT = "edit", _("Sửa yêu cầu")
    CANCEL = "cancel", _("Hủy yêu cầu")


class Step(models.Model):
    """What a step in a request's or a report's life keeps: who took it, when, what was
    said and what was kept with it."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class RequestEvent(Step):
    """A change to a request after it was issued: who, when, what (``data["changes"]``:
    field → [before, after]) and why."""

    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=RequestChange.choices)

    class Meta(Step.Meta):
        pass


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


class Stage(models.TextChoices):
    """Where a report stands, as its page says it: the status, and before submission
    whether the leader has it before them (trình lãnh đạo) or has approved it."""

    DRAFT = "draft", _("Đang soạn")
    PRESENTED = "presented", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Lãnh đạo đã duyệt")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")


class BoardState(models.TextChoices):
    """Where an expected unit stands on a request's board (tình hình nộp báo cáo)."""

    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Nộp muộn")
    MISSING = "missing", _("Chưa nộp")
    RETURNED = "returned", _("Đã trả lại")

    @property
    def awaited(self) -> bool:
        """Whether the unit still owes its report: never submitted, or returned."""
        return self in (BoardState.MISSING, BoardState.RETURNED)


class Scope(models.TextChoices):
    """What a consolidated report is built from."""

    SUBMITTED = "submitted", _("Các đơn vị đã nộp báo cáo")
    ACCEPTED = "accepted", _("Các đơn vị có báo cáo đã được chấp nhận")
    RECORDED = "recorded", _("Mọi dữ liệu đã ghi trong phạm vi")


class SubmissionQuerySet(UnitScopedQuerySet):
    """A submission is its unit's, and also the business of the unit that issued the
    request it answers (which follows, returns and accepts it)."""

    unit_fields = ("unit", "request__issuing_unit")


class Submission(models.Model):
    """One unit's report (báo cáo) for a period: for a request it answers, or — with no
    request — a report the unit writes on its own, such as a province's consolidated
    report when no công văn came from above."""

    request = models.ForeignKey(
        ReportRequest,
        on_delete=models.CASCADE,
        related_name="submissions",
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="submissions"
    )
    period = PeriodField(_("kỳ báo cáo"), default="")
    the_period = PeriodOf("period")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    # When the officer presented the report to the leader (trình lãnh đạo); cleared when
    # the leader sends it back or the issuer returns it.
    presented_at = models.DateTimeField(_("trình lãnh đạo lúc"), null=True, blank=True)
    # A later deadline the issuer granted this unit (gia hạn); empty: the request's.
    extended_deadline = models.DateField(_("hạn nộp được gia hạn"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    consolidates = models.ForeignKey(
        ReportRequest,
        verbose_name=_("tổng hợp từ yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Yêu cầu báo cáo của chính đơn vị mà báo cáo này tổng hợp."),
    )
    scope = models.CharField(
        _("số liệu, nội dung lấy từ"), max_length=10, choices=Scope.choices, blank=True
    )
    # What the leader approved: the unit's values for the period and the sections' text,
    # so a change afterwards is known to void the approval.
    approved = models.JSONField(default=dict, blank=True)
    # The report's figures as submitted ({indicator: {"total", "parts", "estimated"}}):
    # what a consolidation above counts, whatever changes later.
    figures = models.JSONField(default=dict, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["request", "unit"], name="submission_unique"),
            models.UniqueConstraint(
                fields=["unit", "period"],
                condition=models.Q(request__isnull=True),
                name="own_report_unique",
            ),
        ]

    def __str__(self) -> str:
        if self.request is None:
            return f"{self.unit} · {self.period}"
        return f"{self.unit} · {self.request.number}"

    def save(self, *args, **kwargs) -> None:
        if not self.period and self.request is not None:
            self.period = self.request.period
        super().save(*args, **kwargs)

    @property
    def form(self) -> ReportForm | None:
        return self.request.form if self.request is not None else None

    @property
    def section_specs(self) -> list[dict[str, str]]:
        """The narrative sections the report has: its form's, else the default skeleton."""
        form = self.form
        return list(form.sections) if form is not None else default_sections()

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)

    @property
    def stage(self) -> Stage:
        if not self.is_editable:
            return Stage(self.status)
        if self.signed_off_at is not None:
            return Stage.APPROVED
        if self.presented_at is not None:
            return Stage.PRESENTED
        return Stage(self.status)

    @property
    def deadline(self) -> date | None:
        """The unit's own deadline: the one granted to it, else the request's."""
        if self.extended_deadline is not None:
            return self.extended_deadline
        return self.request.deadline if self.request is not None else None

    def is_late(self) -> bool:
        deadline = self.deadline
        if self.submitted_at is None or deadline is None:
            return False
        return timezone.localdate(self.submitted_at) > deadline


# The longest narrative section the pages and the API take: a province's drafted results
# section runs to a few thousand characters; this leaves room for the longest report.
SECTION_TEXT_LIMIT = 100_000


class SubmissionSection(models.Model):
    """A narrative part of a report (thuyết minh), versioned for optimistic locking.

    ``draft`` keeps the lines as they were last drafted from the unit's records, each
    with the records it came from; the text differs from them once a person edits it.
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=40)
    text = models.TextField(blank=True)
    draft = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "code"], name="section_unique")
        ]

    @property
    def drafted_text(self) -> str:
        return "\n".join(line["text"] for line in self.draft)

    @property
    def edited(self) -> bool:
        """Whether a person changed the text since it was last drafted."""
        return bool(self.text.strip()) and self.text.strip() != self.drafted_text.strip()


class Action(models.TextChoices):
    SAVE = "save", _("Lưu bản nháp")
    CONFLICT = "conflict", _("Lưu bị từ chối do xung đột")
    PRESENT = "present", _("Trình lãnh đạo")
    SEND_BACK = "send_back", _("Lãnh đạo trả lại cán bộ soạn")
    SIGN_OFF = "sign_off", _("Lãnh đạo duyệt")
    SUBMIT = "submit", _("Nộp")
    RESUBMIT = "resubmit", _("Nộp lại")
    RETURN = "return", _("Trả lại")
    ACCEPT = "accept", _("Chấp nhận")
    REMIND = "remind", _("Nhắc nộp")
    DRAFT = "draft", _("Soạn từ dữ liệu đã ghi")
    ISSUE = "issue", _("Cấp số, ban hành")
    VOID = "void", _("Bỏ duyệt vì số liệu, nội dung thay đổi")
    EXTEND = "extend", _("Gia hạn nộp")


class SubmissionEvent(Step):
    """Every transition of a submission: who, when, and what was said or kept."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)

    class Meta(Step.Meta):
        pass


class IssuedReportQuerySet(UnitScopedQuerySet):
    """An issued report is its unit's, and also the business of the unit that issued the
    request its submission answered."""

    unit_fields = ("unit", "submission__request__issuing_unit")


class IssuedReport(models.Model):
    """A BÁO CÁO entered in its unit's outgoing register (sổ văn bản đi): its number in
    the year, its date, and the files exactly as issued, kept unchanged."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="issued_reports"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    period = PeriodField(_("kỳ báo cáo"))
    summary = models.CharField(_("trích yếu"), max_length=500)
    style = models.CharField(max_length=6, default="state")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="issued"
    )
    docx = models.BinaryField()
    pdf = models.BinaryField(null=True, blank=True)
    xlsx = models.BinaryField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    objects = IssuedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo đã ban hành")
        verbose_name_plural = _("sổ báo cáo đã ban hành")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"],
                name="issued_number_unique",
                violation_error_message=_("Số này đã được dùng trong năm."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ngày {self.issued_on:%d/%m/%Y}"

    @property
    def reference(self) -> str:
        """ "12/BC-UBND" or "05-BC/TU"."""
        if self.style == "party":
            return f"{self.number:02d}-{self.symbol}"
        return f"{self.number:02d}/{self.symbol}"


class DocumentStyle(models.TextChoices):
    STATE = "state", _("Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)")
    PARTY = "party", _("Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)")


class DocumentProfile(models.Model):
    """How a unit's official documents are headed, signed and addressed, where the
    defaults of its kind (ttdn.reporting.letterhead) are not right for it."""

    unit = models.OneToOneField(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="document_profile"
    )
    style = models.CharField(
        _("thể thức"), max_length=6, choices=DocumentStyle.choices, blank=True, default=""
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: UBND TỈNH BÌNH ĐỊNH. Để trống: theo loại đơn vị; “-”: không có."),
    )
    issuing_body = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: theo tên đơn vị, viết hoa"),
    )
    abbreviation = models.CharField(
        _("chữ viết tắt trong ký hiệu"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: SVHTTDL, UBND, BTGDVTU"),
    )
    place = models.CharField(
        _("địa danh"), max_length=80, blank=True, help_text=_("Ví dụ: Bình Định")
    )
    short_name = models.CharField(
        _("tên gọi trong văn bản"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: UBND huyện Tuy Phước"),
    )
    formal_name = models.CharField(
        _("tên đầy đủ khi được trích dẫn"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Sở Thông tin và Truyền thông tỉnh Bình Định"),
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
        _("nơi nhận thường dùng"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận, sau cơ quan nhận báo cáo"),
    )
    drafting_office = models.CharField(
        _("đơn vị soạn thảo"),
        max_length=40,
        blank=True,
        help_text=_("Ghi sau “Lưu: VT,”, ví dụ: VX"),
    )
    signs_without_leader_account = models.BooleanField(
        _("đơn vị không có tài khoản lãnh đạo: cán bộ nộp ghi rõ người ký"),
        default=False,
        help_text=_(
            "Cán bộ nộp báo cáo không qua bước lãnh đạo duyệt trên hệ thống, ghi họ tên và "
            "chức vụ người ký; lịch sử báo cáo ghi lại người nộp và người ký."
        ),
    )
    pad_small_counts = models.BooleanField(
        _("viết số đếm 1–9 có số 0 đứng trước"),
        default=True,
        help_text=_("“08 dự án”, “03 phóng sự”"),
    )

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thể thức văn bản của đơn vị")
        verbose_name_plural = _("thể thức văn bản của đơn vị")

    def __str__(self) -> str:
        return str(self.unit)


class SectionDraft(models.Model):
    """What one person typed in a report's narrative sections and has not saved yet,
    kept while they type (ttdn.reporting.section_drafts). ``texts`` maps each section's
    code to [the version the person started from, the text as typed]: restoring it
    tells a section someone else saved since from one that waits for the person's
    save."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    texts = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "submission"], name="section_draft_unique")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} ({self.user_id})"
