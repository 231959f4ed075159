"""How a unit directs its external-information work (chỉ đạo, tổ chức thực hiện): its
steering committee (Ban Chỉ đạo công tác TTĐN) with members and meetings, the officers
assigned to the work, the oversight visits it received or made with their numbered
recommendations and their follow-up, and the money set aside for the work."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.fields import PeriodField, PeriodOf
from ttdn.lib.vnformat import format_date
from ttdn.orgunits.models import OrgUnit, UnitKind, UnitScopedQuerySet


class UnitRecords(UnitScopedQuerySet):
    unit_fields = ("unit",)


class FollowUpRows(UnitScopedQuerySet):
    """A meeting's task: the meeting's unit's, and the unit given it."""

    unit_fields = ("meeting__unit", "responsible_unit")


class RecommendationRows(UnitScopedQuerySet):
    """A recommendation: the visit's unit's, and the unit given it."""

    unit_fields = ("visit__unit", "responsible_unit")


def _in_subtree(child: OrgUnit | None, unit: OrgUnit | None) -> bool:
    return child is None or unit is None or child.path.startswith(unit.path)


# Ban Chỉ đạo ------------------------------------------------------------------------


class SteeringCommittee(models.Model):
    """A Ban Chỉ đạo công tác thông tin đối ngoại: set up by a unit's decision, served by
    a standing agency (cơ quan thường trực) below that unit. Where the tree also holds
    the committee as a unit of its own (kind ``steering_committee``), ``committee_unit``
    names it, and the committee's figures go to that unit only (``counting_unit``)."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị thành lập"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên Ban Chỉ đạo"), max_length=255)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    standing_agency = models.ForeignKey(
        OrgUnit,
        verbose_name=_("cơ quan thường trực"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    committee_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Ban Chỉ đạo trong cây đơn vị"),
        help_text=_(
            "Khi cây đơn vị có Ban Chỉ đạo là một đơn vị riêng: số liệu ghi cho đơn vị đó."
        ),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("Ban Chỉ đạo")
        verbose_name_plural = _("Ban Chỉ đạo")
        ordering = ["-decision_date"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unit = self.unit if self.unit_id else None
        errors = {}
        if self.standing_agency_id and not _in_subtree(self.standing_agency, unit):
            errors["standing_agency"] = _(
                "Cơ quan thường trực phải là đơn vị thuộc đơn vị thành lập Ban Chỉ đạo."
            )
        committee_unit = self.committee_unit if self.committee_unit_id else None
        if committee_unit is not None:
            if not _in_subtree(committee_unit, unit):
                errors["committee_unit"] = _("Ban Chỉ đạo phải là đơn vị thuộc đơn vị thành lập.")
            elif committee_unit.kind != UnitKind.STEERING_COMMITTEE:
                errors["committee_unit"] = _("Đơn vị này không phải là một Ban Chỉ đạo.")
        if errors:
            raise ValidationError(errors)

    def counting_unit(self) -> OrgUnit:
        """The one unit the committee's meetings are counted for: the committee's own
        unit in the tree when there is one, else the unit that set it up — never both,
        so no total holds a meeting twice."""
        return self.committee_unit or self.unit


class MemberRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó Trưởng ban")
    STANDING_DEPUTY = "standing_deputy", _("Phó Trưởng ban Thường trực")
    STANDING_MEMBER = "standing_member", _("Ủy viên Thường trực")
    MEMBER = "member", _("Thành viên")


class CommitteeMember(models.Model):
    committee = models.ForeignKey(
        SteeringCommittee, on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(
        _("họ và tên"), max_length=120, help_text=_("Họ trước tên: Nguyễn Văn An")
    )
    position = models.CharField(_("chức vụ"), max_length=255)
    agency = models.CharField(_("cơ quan công tác"), max_length=255, blank=True)
    role = models.CharField(
        _("chức danh trong Ban"), max_length=20, choices=MemberRole.choices, default="member"
    )

    class Meta:
        verbose_name = _("thành viên Ban Chỉ đạo")
        verbose_name_plural = _("thành viên Ban Chỉ đạo")

    def __str__(self) -> str:
        return self.full_name


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Họp thường kỳ")
    MIDTERM = "midterm", _("Hội nghị sơ kết")
    REVIEW = "review", _("Hội nghị tổng kết")
    THEMATIC = "thematic", _("Họp chuyên đề")


class SteeringMeeting(models.Model):
    """A meeting or conference of a steering committee, kept by the unit that set the
    committee up."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    committee = models.ForeignKey(
        SteeringCommittee,
        verbose_name=_("Ban Chỉ đạo"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    held_on = models.DateField(_("ngày họp"))
    kind = models.CharField(_("hình thức"), max_length=20, choices=MeetingKind.choices)
    chair = models.CharField(_("người chủ trì"), max_length=255, blank=True)
    title = models.CharField(_("nội dung"), max_length=500)
    conclusions = models.TextField(_("kết luận"), blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("hội nghị, cuộc họp của Ban Chỉ đạo")
        verbose_name_plural = _("hội nghị, cuộc họp của Ban Chỉ đạo")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class MeetingFollowUp(models.Model):
    """A task a meeting's conclusions gave a unit."""

    meeting = models.ForeignKey(
        SteeringMeeting, on_delete=models.CASCADE, related_name="follow_ups"
    )
    action = models.CharField(_("nhiệm vụ"), max_length=500)
    responsible_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình hình thực hiện"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NOT_STARTED,
    )

    objects = FollowUpRows.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ sau cuộc họp")
        verbose_name_plural = _("nhiệm vụ sau cuộc họp")


# Cán bộ --------------------------------------------------------------------------------


class Officer(models.Model):
    """A person assigned to the work in a unit (cán bộ làm công tác TTĐN), from
    ``since`` to ``until`` (empty while still in post)."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    full_name = models.CharField(
        _("họ và tên"), max_length=120, help_text=_("Họ trước tên: Nguyễn Văn An")
    )
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    staff_role = models.CharField(
        _("vị trí"), max_length=20, choices=names.vocabulary_choices("staff_roles")
    )
    trained = models.BooleanField(_("đã qua bồi dưỡng nghiệp vụ TTĐN"), default=False)
    trained_on = models.DateField(_("ngày hoàn thành bồi dưỡng"), null=True, blank=True)
    since = models.DateField(_("được phân công từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("cán bộ làm công tác TTĐN")
        verbose_name_plural = _("cán bộ làm công tác TTĐN")
        ordering = ["staff_role", "full_name"]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        errors = {}
        if self.until and self.since and self.until < self.since:
            errors["until"] = _("Ngày thôi phân công không được trước ngày được phân công.")
        if self.trained_on and not self.trained:
            errors["trained"] = _("Có ngày hoàn thành bồi dưỡng: hãy đánh dấu đã qua bồi dưỡng.")
        if errors:
            raise ValidationError(errors)


# Kiểm tra, giám sát -------------------------------------------------------------------


class VisitKind(models.TextChoices):
    SUPERIOR = "superior", _("Đoàn của cấp trên kiểm tra, giám sát")
    SELF = "self", _("Đơn vị tự kiểm tra")


class OversightVisit(models.Model):
    """A visit or inspection of the work, kept by the unit visited (an upper body's
    delegation) or by the unit that inspected (its own websites and pages, its units)."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    kind = models.CharField(_("hình thức"), max_length=20, choices=VisitKind.choices)
    visiting_body = models.CharField(
        _("đoàn kiểm tra"),
        max_length=255,
        help_text=_("Ví dụ: Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại Trung ương"),
    )
    visited = models.CharField(
        _("đơn vị được kiểm tra"),
        max_length=500,
        help_text=_("Ví dụ: Ban Thường vụ Tỉnh ủy, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh"),
    )
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.visiting_body} — {self.visited}"

    def progress_rows(self) -> list[tuple[Recommendation, RecommendationProgress | None]]:
        """Each recommendation with the progress last reported for it."""
        latest: dict[int, RecommendationProgress] = {}
        rows = RecommendationProgress.objects.filter(recommendation__visit=self)
        for row in sorted(rows, key=lambda r: r.the_period.sort_key):
            latest[row.recommendation_id] = row
        return [
            (r, latest.get(r.pk))
            for r in self.recommendations.select_related("responsible_unit").order_by("number")
        ]

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Ngày kết thúc không được trước ngày bắt đầu.")})


class Recommendation(models.Model):
    """One numbered recommendation of a visit ("Thứ nhất, …"), given to a unit."""

    visit = models.ForeignKey(
        OversightVisit, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung kiến nghị"))
    responsible_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)

    objects = RecommendationRows.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["visit", "number"]

    def __str__(self) -> str:
        return f"{ordinal(self.number)}: {self.text[:80]}"

    @property
    def deadline_text(self) -> str:
        return format_date(self.deadline) if self.deadline else ""


ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def ordinal(number: int) -> str:
    """ "Thứ nhất", "Thứ hai", … "Thứ mười", then "Thứ 11"."""
    if 1 <= number <= len(ORDINALS):
        return f"Thứ {ORDINALS[number - 1]}"
    return f"Thứ {number}"


class RecommendationProgress(models.Model):
    """How far the unit responsible for a recommendation has got, reported for a
    period; the record belongs to that unit."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("kiến nghị"),
        on_delete=models.PROTECT,
        related_name="progress",
    )
    period = PeriodField(_("kỳ báo cáo"), help_text=_("Ví dụ 2024S2 hoặc 2024"))
    the_period = PeriodOf("period")
    status = models.CharField(
        _("tình hình thực hiện"), max_length=20, choices=FollowUpStatus.choices
    )
    note = models.TextField(_("kết quả thực hiện"), blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("tình hình thực hiện kiến nghị")
        verbose_name_plural = _("tình hình thực hiện kiến nghị")
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "period"],
                name="recommendation_progress_once",
                violation_error_message=_(
                    "Kiến nghị này đã có báo cáo cho kỳ này: hãy sửa báo cáo đã có."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} ({self.period})"


# Kinh phí ------------------------------------------------------------------------------


class Budget(models.Model):
    """Money for the work in a year from one source (kinh phí TTĐN), in đồng."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    source = models.CharField(
        _("nguồn kinh phí"), max_length=20, choices=names.vocabulary_choices("funding_sources")
    )
    allocated = models.BigIntegerField(_("kinh phí được bố trí (đồng)"))
    spent = models.BigIntegerField(_("kinh phí đã sử dụng (đồng)"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("kinh phí TTĐN")
        verbose_name_plural = _("kinh phí TTĐN")
        ordering = ["-year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "source"],
                name="budget_once_a_year",
                violation_error_message=_(
                    "Đơn vị đã có dòng kinh phí của năm này từ nguồn này: hãy sửa dòng đã có."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(allocated__gte=0), name="budget_allocated_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_source_display()}"

    def clean(self) -> None:
        if self.year is not None and not 1990 <= self.year <= 2099:
            raise ValidationError({"year": _("Năm không hợp lệ.")})
        if self.spent is not None and self.spent < 0:
            raise ValidationError({"spent": _("Số tiền không được âm.")})
