"""International cooperation a unit records (hợp tác quốc tế): training courses it
organises and those of others its officers attend, delegations it hosts and sends,
its partners abroad and the agreements it signs with them.

Courses organised and courses attended are two kinds of record so that a course is
counted once, by its organiser; an attendance of a course recorded by another unit
points at that course, so a consolidation knows the course is already counted
(docs/cooperation.md). Countries are ISO 3166-1 codes of ``ttdn/lib/countries.json``,
never free text, so a consolidation counts distinct countries.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.lib import countries, vocab
from ttdn.orgunits.models import OrgUnit, UnitKind, UnitScopedQuerySet


class UnitRecords(UnitScopedQuerySet):
    unit_fields = ("unit",)


def _unit(verbose_name: Any, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def _check_dates(record: Any, errors: dict[str, Any], start: str, end: str) -> None:
    first, last = getattr(record, start), getattr(record, end)
    if first and last and last < first:
        errors[end] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")


class ListedChoices(models.CharField):
    """A code from a list kept in a data file (countries, audiences): validated and
    shown by its label like any choice, but the list stays out of the migrations, so
    a corrected name is not a schema change."""

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        kwargs.pop("error_messages", None)
        return name, path, args, kwargs


def _country_choices() -> list[tuple[str, str]]:
    return countries.choices(get_language() or "vi")


def shown_country(code: str) -> str:
    """A country's name in the language of the page."""
    return countries.name(code, get_language() or "vi")


def country_field() -> ListedChoices:
    return ListedChoices(
        _("quốc gia"),
        max_length=2,
        choices=_country_choices,
        error_messages={
            "invalid_choice": _("“%(value)s” không có trong danh mục quốc gia nước ngoài.")
        },
    )


# Training ----------------------------------------------------------------------------


class TrainingCourse(models.Model):
    """A course (lớp tập huấn, bồi dưỡng) the unit organised."""

    unit = _unit(_("đơn vị tổ chức"), "training_courses")
    title = models.CharField(_("tên lớp"), max_length=500)
    partners = models.CharField(_("đơn vị phối hợp"), max_length=500, blank=True)
    audience = ListedChoices(
        _("đối tượng"), max_length=40, choices=names.vocabulary_choices("audiences"), blank=True
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(
        _("số buổi"), default=1, validators=[MinValueValidator(1)]
    )
    participants = models.PositiveIntegerField(
        _("số lượt người tham dự"), validators=[MinValueValidator(1)]
    )
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("lớp tập huấn đã tổ chức")
        verbose_name_plural = _("lớp tập huấn đã tổ chức")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _check_dates(self, errors, "starts_on", "ends_on")
        if errors:
            raise ValidationError(errors)

    @property
    def few_participants(self) -> bool:
        """Fewer participants than sessions: likely a typing slip (a warning, no refusal)."""
        return bool(self.participants and self.sessions and self.participants < self.sessions)


def province_of(unit: OrgUnit) -> OrgUnit:
    """The unit's province (itself when it is one), else its root."""
    line = list(unit.ancestors(include_self=True))
    provinces = [u for u in line if u.kind == UnitKind.PROVINCE]
    return provinces[-1] if provinces else line[0]


class CourseAttendance(models.Model):
    """Officers of the unit sent to a course another body ran: a course recorded by
    another unit (``course``) or an outside one, named with its organiser."""

    unit = _unit(_("đơn vị cử cán bộ"), "course_attendances")
    course = models.ForeignKey(
        TrainingCourse,
        verbose_name=_("lớp đã ghi trong sổ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    course_title = models.CharField(_("tên lớp (lớp bên ngoài)"), max_length=500, blank=True)
    organiser = models.CharField(_("cơ quan tổ chức (lớp bên ngoài)"), max_length=300, blank=True)
    starts_on = models.DateField(_("từ ngày"), blank=True)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    attendees = models.PositiveIntegerField(
        _("số lượt cán bộ tham dự"), validators=[MinValueValidator(1)]
    )

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("lớp tập huấn đã cử cán bộ tham dự")
        verbose_name_plural = _("lớp tập huấn đã cử cán bộ tham dự")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.course.title if self.course is not None else self.course_title

    @property
    def organiser_name(self) -> str:
        return self.course.unit.name if self.course is not None else self.organiser

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        course = None
        if self.course_id:
            # A course that does not exist is reported by the field's own check.
            course = TrainingCourse.objects.select_related("unit").filter(pk=self.course_id).first()
        if course is not None:
            if self.unit_id and course.unit_id == self.unit_id:
                errors["course"] = _(
                    "Lớp này do chính đơn vị tổ chức: ghi vào sổ lớp tập huấn đã tổ chức."
                )
            elif self.unit_id and not _may_attend(self.unit, course.unit):
                errors["course"] = _("Chọn một lớp của đơn vị trong tỉnh hoặc của cấp trên.")
            if self.starts_on is None:
                self.starts_on = course.starts_on
                self.ends_on = self.ends_on or course.ends_on
        elif not self.course_id:
            if not self.course_title.strip():
                errors["course_title"] = _("Chọn lớp đã ghi trong sổ hoặc nhập tên lớp.")
            if not self.organiser.strip():
                errors["organiser"] = _("Nhập cơ quan tổ chức lớp.")
        if self.starts_on is None:
            errors["starts_on"] = _("Nhập ngày bắt đầu.")
        _check_dates(self, errors, "starts_on", "ends_on")
        if errors:
            raise ValidationError(errors)


def _may_attend(unit: OrgUnit, organiser: OrgUnit) -> bool:
    """A recorded course a unit may attend: run by a unit of its province or above it."""
    return organiser.path.startswith(province_of(unit).path) or unit.path.startswith(organiser.path)


# Delegations ---------------------------------------------------------------------


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Đón tiếp đoàn vào")
    OUTGOING = "outgoing", _("Cử đoàn ra nước ngoài")


class DelegationKind(models.TextChoices):
    PRESS = "press", _("Đoàn phóng viên, báo chí nước ngoài")
    OFFICIAL = "official", _("Đoàn công tác, đoàn chính thức")
    EXCHANGE = "exchange", _("Giao lưu, sự kiện đối ngoại")


class Delegation(models.Model):
    """A delegation the unit hosted (incoming) or sent abroad (outgoing)."""

    unit = _unit(_("đơn vị"), "delegations")
    direction = models.CharField(_("chiều"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("loại đoàn"), max_length=10, choices=DelegationKind.choices)
    name = models.CharField(_("tên đoàn"), max_length=500)
    country = country_field()
    outlets = models.CharField(_("cơ quan báo chí, cơ quan cử đoàn"), max_length=500, blank=True)
    members = models.PositiveIntegerField(
        _("số thành viên, phóng viên"), validators=[MinValueValidator(1)]
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    topics = models.JSONField(_("chủ đề"), default=list, blank=True)
    programme = models.TextField(_("chương trình làm việc"), blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("đoàn ra, đoàn vào")
        verbose_name_plural = _("đoàn ra, đoàn vào")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _check_dates(self, errors, "starts_on", "ends_on")
        if self.direction == Direction.OUTGOING and self.kind == DelegationKind.PRESS:
            errors["kind"] = _("Đoàn phóng viên nước ngoài là đoàn vào: chọn chiều đón tiếp.")
        unknown = set(self.topics or []) - set(vocab.codes("topics"))
        if unknown:
            errors["topics"] = _("Mã không có: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
        if errors:
            raise ValidationError(errors)

    @property
    def country_name(self) -> str:
        return shown_country(self.country)

    @property
    def topic_labels(self) -> list[str]:
        return [vocab.label("topics", code) for code in self.topics or []]


# Partners and agreements ------------------------------------------------------------


class PartnerKind(models.TextChoices):
    LOCALITY = "locality", _("Địa phương")
    ORGANISATION = "organisation", _("Tổ chức")
    COMPANY = "company", _("Doanh nghiệp")
    UNIVERSITY = "university", _("Trường đại học")


class Partner(models.Model):
    """A locality or organisation abroad the unit has ties with (đối tác nước ngoài);
    ``twinned``: a kết nghĩa (twinning) relation."""

    unit = _unit(_("đơn vị"), "partners")
    name = models.CharField(_("tên đối tác"), max_length=300)
    country = country_field()
    kind = models.CharField(_("loại đối tác"), max_length=12, choices=PartnerKind.choices)
    twinned = models.BooleanField(_("kết nghĩa"), default=False)
    since = models.DateField(_("thiết lập quan hệ từ ngày"), null=True, blank=True)
    until = models.DateField(_("chấm dứt quan hệ từ ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("đối tác nước ngoài")
        verbose_name_plural = _("đối tác nước ngoài")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({countries.name(self.country)})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _check_dates(self, errors, "since", "until")
        if errors:
            raise ValidationError(errors)


class Agreement(models.Model):
    """An agreement (thỏa thuận hợp tác quốc tế) the unit signed with a partner, with
    the approval steps before it (``ApprovalStep``)."""

    unit = _unit(_("đơn vị ký kết"), "agreements")
    partner = models.ForeignKey(
        Partner, verbose_name=_("đối tác"), on_delete=models.PROTECT, related_name="agreements"
    )
    title = models.CharField(_("tên thỏa thuận"), max_length=500)
    signed_on = models.DateField(_("ngày ký"))
    scope = models.TextField(_("phạm vi, nội dung hợp tác"), blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)

    objects = UnitRecords.as_manager()

    class Meta:
        verbose_name = _("thỏa thuận hợp tác quốc tế")
        verbose_name_plural = _("thỏa thuận hợp tác quốc tế")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        _check_dates(self, errors, "signed_on", "expires_on")
        if self.partner_id and self.unit_id and self.partner.unit_id != self.unit_id:
            errors["partner"] = _("Chọn một đối tác của đơn vị ký kết.")
        if errors:
            raise ValidationError(errors)


class ApprovalStep(models.Model):
    """A step of an agreement's approval: who gave an opinion or approved, when, in
    which document ("Bộ Ngoại giao có ý kiến tại Công văn số 1234/BNG-LS")."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("bước"), max_length=300)
    done_on = models.DateField(_("ngày"))
    document_number = models.CharField(_("số, ký hiệu văn bản"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("bước thẩm định, phê duyệt")
        verbose_name_plural = _("bước thẩm định, phê duyệt")
        ordering = ["done_on", "pk"]

    def __str__(self) -> str:
        return self.step
