from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.cooperation.models import (
    Agreement,
    ApprovalStep,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
    province_of,
)
from ttdn.inputs import BoundedModelForm
from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number
from ttdn.orgunits.models import OrgUnit

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class CountField(forms.Field):
    """A whole number typed the Vietnamese way ("1.200"), at least ``min_value``."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "20"})

    def __init__(self, *, min_value: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.min_value = min_value

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return format_number(value)
        return value

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 20:
            raise forms.ValidationError(_("Số quá dài."))
        try:
            number = parse_number(text, get_language() or "vi")
        except NumberFormatError as error:
            raise forms.ValidationError(str(error)) from None
        if number != number.to_integral_value():
            raise forms.ValidationError(_("Nhập một số nguyên."))
        if number < self.min_value:
            raise forms.ValidationError(
                _("Nhập một số từ %(min)s trở lên.") % {"min": self.min_value}
            )
        return int(number)


class TrainingCourseForm(BoundedModelForm):
    sessions = CountField(label=_("Số buổi"), min_value=1, initial=1)
    participants = CountField(label=_("Số lượt người tham dự"), min_value=1)

    class Meta:
        model = TrainingCourse
        fields = [
            "title",
            "partners",
            "audience",
            "starts_on",
            "ends_on",
            "sessions",
            "participants",
            "place",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.unit.name}"


class CourseAttendanceForm(BoundedModelForm):
    course = CourseChoiceField(
        queryset=TrainingCourse.objects.none(),
        required=False,
        label=_("Lớp đã ghi trong sổ"),
        help_text=_("Lớp do đơn vị khác trong tỉnh hoặc cấp trên tổ chức đã ghi trong sổ."),
    )
    attendees = CountField(label=_("Số lượt cán bộ tham dự"), min_value=1)

    class Meta:
        model = CourseAttendance
        fields = ["course", "course_title", "organiser", "starts_on", "ends_on", "attendees"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {
            "starts_on": _("Để trống khi chọn lớp đã ghi trong sổ: lấy ngày của lớp."),
        }

    def for_unit(self, unit: OrgUnit) -> None:
        """Courses of the other units of the unit's province and of the units above it."""
        above = [u.pk for u in unit.ancestors()]
        field = self.fields["course"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            TrainingCourse.objects.filter(
                Q(unit__path__startswith=province_of(unit).path) | Q(unit__in=above)
            )
            .exclude(unit=unit)
            .select_related("unit")
        )


class DelegationForm(BoundedModelForm):
    members = CountField(label=_("Số thành viên, phóng viên"), min_value=1)
    topics = forms.MultipleChoiceField(
        label=_("Chủ đề"),
        required=False,
        choices=names.vocabulary_choices("topics"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Delegation
        fields = [
            "direction",
            "kind",
            "name",
            "country",
            "outlets",
            "members",
            "starts_on",
            "ends_on",
            "topics",
            "programme",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "programme": forms.Textarea(attrs={"rows": 4}),
        }


class PartnerForm(BoundedModelForm):
    class Meta:
        model = Partner
        fields = ["name", "country", "kind", "twinned", "since", "until", "note"]
        widgets = {"since": DATE, "until": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class AgreementForm(BoundedModelForm):
    class Meta:
        model = Agreement
        fields = ["partner", "title", "signed_on", "scope", "expires_on"]
        widgets = {
            "signed_on": DATE,
            "expires_on": DATE,
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def for_unit(self, unit: OrgUnit) -> None:
        """Only the unit's own partners."""
        field = self.fields["partner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Partner.objects.filter(unit=unit)


StepFormSet = forms.inlineformset_factory(
    Agreement,
    ApprovalStep,
    fields=["step", "done_on", "document_number"],
    widgets={"done_on": DATE},
    extra=3,
    can_delete=True,
    form=BoundedModelForm,
)
