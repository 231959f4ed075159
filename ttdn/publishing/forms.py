"""The forms of the publishing registers: numbers typed the Vietnamese way ("3.800"),
dates dd/mm/yyyy, languages and recipients ticked, outlets narrowed to the unit's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import BaseInlineFormSet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.inputs import BoundedForm, BoundedModelForm
from ttdn.lib.periods import Period, PeriodError, parse_period_id
from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number
from ttdn.publishing.models import (
    Coverage,
    FollowerSnapshot,
    Outlet,
    Programme,
    Publication,
    PublicationEdition,
    Recipient,
    SocialAccount,
    Website,
    WebsiteVersion,
    outlets_for,
)

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class VnNumberField(forms.Field):
    """A number typed as officials write it: "3.800", "45.000.000", "54,7"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, *, whole: bool = True, **kwargs: Any):
        self.whole = whole
        kwargs.pop("max_value", None)
        kwargs.pop("min_value", None)
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | Decimal | None:
        if value in (None, ""):
            return None
        if isinstance(value, int | Decimal):
            return value
        try:
            number = parse_number(str(value), get_language() or "vi")
        except NumberFormatError as error:
            raise forms.ValidationError(str(error)) from None
        if number < 0:
            raise forms.ValidationError(_("Số không được âm."))
        if self.whole:
            if number != number.to_integral_value():
                raise forms.ValidationError(_("Nhập số nguyên."))
            return int(number)
        return number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return format_number(value, language=get_language() or "vi")
        return value


def language_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=names.vocabulary_choices("languages"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một ngôn ngữ.")},
    )


class PublicationForm(BoundedModelForm):
    copies = VnNumberField(label=_("Tổng số bản"), help_text=_("Ấn phẩm định kỳ: số bản mỗi số."))
    cost = VnNumberField(label=_("Kinh phí (đồng)"), required=False)
    distribution = forms.MultipleChoiceField(
        label=_("Nơi nhận"),
        required=False,
        choices=Recipient.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Publication
        fields = [
            "title",
            "format",
            "periodicity",
            "published_on",
            "ends_on",
            "copies",
            "reprint_of",
            "distribution",
            "distribution_note",
            "cost",
            "note",
        ]
        widgets = {"published_on": DATE, "ends_on": DATE}

    def for_unit(self, unit) -> None:
        """Only the unit's own publications can be reprinted by it."""
        field = self.fields["reprint_of"]
        assert isinstance(field, forms.ModelChoiceField)
        records = Publication.objects.filter(unit=unit)
        if self.instance.pk:
            records = records.exclude(pk=self.instance.pk)
        field.queryset = records


class EditionForm(BoundedModelForm):
    copies = VnNumberField(label=_("Số bản"))

    class Meta:
        model = PublicationEdition
        fields = ["language", "copies"]


EditionFormSet: type[BaseInlineFormSet] = forms.inlineformset_factory(
    Publication, PublicationEdition, form=EditionForm, extra=3, can_delete=True
)


class OutletForm(BoundedModelForm):
    class Meta:
        model = Outlet
        fields = ["name", "kind", "level", "country", "url"]


class ProgrammeForm(BoundedModelForm):
    languages = language_field(_("Ngôn ngữ"))

    class Meta:
        model = Programme
        fields = ["outlet", "kind", "title", "schedule", "languages", "since", "until"]
        widgets = {"since": DATE, "until": DATE}

    def for_unit(self, unit) -> None:
        field = self.fields["outlet"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = outlets_for(unit)


class WebsiteForm(BoundedModelForm):
    class Meta:
        model = Website
        fields = ["name", "url", "launched_on", "closed_on"]
        widgets = {"launched_on": DATE, "closed_on": DATE}


VersionFormSet = forms.inlineformset_factory(
    Website,
    WebsiteVersion,
    fields=["language", "url", "since"],
    widgets={"since": DATE},
    extra=2,
    can_delete=True,
    form=BoundedModelForm,
)


class SocialAccountForm(BoundedModelForm):
    entering_for = forms.CharField(
        label=_("Nhập cho kỳ"),
        required=False,
        max_length=10,
        help_text=_(
            "Không bắt buộc. Ví dụ 2025S1 hoặc 2025Q2: số người theo dõi ghi thêm hoặc sửa "
            "lần này phải ghi nhận trong kỳ đó."
        ),
    )

    class Meta:
        model = SocialAccount
        fields = ["platform", "name", "url", "opened_on", "closed_on"]
        widgets = {"opened_on": DATE, "closed_on": DATE}

    def clean_entering_for(self) -> Period | None:
        raw = self.cleaned_data.get("entering_for") or ""
        if not raw.strip():
            return None
        try:
            period = parse_period_id(raw)
        except PeriodError:
            raise forms.ValidationError(
                _("Kỳ “%(v)s” không đúng dạng (ví dụ 2025, 2025S1, 2025Q2).") % {"v": raw}
            ) from None
        # Read by the register's check with the rows being entered (AccountRegister).
        self.instance.entering_for = period
        return period


class SnapshotForm(BoundedModelForm):
    followers = VnNumberField(label=_("Số người theo dõi"))

    class Meta:
        model = FollowerSnapshot
        fields = ["taken_on", "followers"]
        widgets = {"taken_on": DATE}


SnapshotFormSet: type[BaseInlineFormSet] = forms.inlineformset_factory(
    SocialAccount, FollowerSnapshot, form=SnapshotForm, extra=2, can_delete=True
)


class CoverageForm(BoundedModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Chủ đề"),
        required=False,
        choices=names.vocabulary_choices("topics"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Coverage
        fields = ["outlet", "published_on", "kind", "channel", "language", "title", "url", "topics"]
        widgets = {"published_on": DATE}

    def for_unit(self, unit) -> None:
        field = self.fields["outlet"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = outlets_for(unit)


class CoverageImportForm(BoundedForm):
    file = forms.FileField(
        label=_("Tệp danh sách (CSV hoặc XLSX)"),
        required=False,
        help_text=_(
            "Các cột: ngày, cơ quan báo chí, tiêu đề, thể loại, kênh, ngôn ngữ, đường dẫn, "
            "chủ đề. Tệp được kiểm tra trước; chưa dòng nào được ghi cho đến khi bấm Ghi."
        ),
    )
    rows = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2_000_000)
