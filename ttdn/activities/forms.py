"""The activity form and its rows: quantities chosen from the catalogue by name (never
typed as codes), evidence files and photos, the register records it concerns."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.activities.models import Activity, ActivityFile, ActivityLink, ActivityQuantity
from ttdn.indicators.models import TOTAL, Indicator
from ttdn.inputs import BoundedModelForm
from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number

# A measure is one cell of the catalogue, "indicator code|option code"; the officer sees
# and picks it by name only.
SEPARATOR = "|"


def measure_choices(language: str = "vi") -> list:
    """The catalogue's cells grouped by indicator name, each option by its label, with
    the unit of measure: "Lượt người tham gia tập huấn (người)"."""
    groups: list = [("", "—")]
    for indicator in Indicator.objects.filter(active=True):
        name = indicator.display_name(language)
        unit = indicator.display_unit(language)
        measure = f" ({unit})" if unit else ""
        options = [
            (
                f"{indicator.code}{SEPARATOR}{option}",
                f"{name}{measure}"
                if option == TOTAL
                else f"{name} — {indicator.option_label(option, language)}{measure}",
            )
            for option in indicator.options()
        ]
        groups.append((name, options))
    return groups


class ActivityForm(BoundedModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Chủ đề"),
        required=False,
        choices=names.vocabulary_choices("topics"),
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        label=_("Kênh"),
        required=False,
        choices=names.vocabulary_choices("channels"),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Ngôn ngữ"),
        required=False,
        choices=names.vocabulary_choices("languages"),
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = forms.MultipleChoiceField(
        label=_("Đối tượng"),
        required=False,
        choices=names.vocabulary_choices("audiences"),
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_url = forms.URLField(
        label=_("Đường dẫn minh chứng"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Activity
        fields = [
            "type",
            "title",
            "description",
            "start_date",
            "end_date",
            "topics",
            "channels",
            "languages",
            "audiences",
            "partner_countries",
            "evidence_url",
            "evidence_file",
            "counted",
        ]
        labels = {"counted": _("Tính vào số liệu của đơn vị")}
        widgets = {
            "start_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "end_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class QuantityForm(BoundedModelForm):
    """One figure: the indicator (and option) picked by name, the number in the
    person's format (1.234 or 54,7)."""

    measure = forms.ChoiceField(
        label=_("Chỉ tiêu"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Không có chỉ tiêu “%(value)s” trong danh mục: chọn chỉ tiêu theo tên trong "
                "danh sách."
            )
        },
    )
    amount = forms.CharField(
        label=_("Số lượng"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "1.234"}),
    )

    class Meta:
        model = ActivityQuantity
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "vi"
        measure = self.fields["measure"]
        assert isinstance(measure, forms.ChoiceField)
        measure.choices = measure_choices(language)
        self.language = language
        row = self.instance
        if row.pk is not None:
            self.initial["measure"] = f"{row.indicator.code}{SEPARATOR}{row.option}"
            self.initial["amount"] = _format(row.value, language)

    def clean(self):
        cleaned = super().clean() or {}
        measure = cleaned.get("measure") or ""
        raw = (cleaned.get("amount") or "").strip()
        if not measure and not raw:
            return cleaned
        if not measure:
            self.add_error("measure", _("Chọn chỉ tiêu cho số lượng này."))
            return cleaned
        if not raw:
            self.add_error("amount", _("Nhập số lượng, ví dụ 1.234."))
            return cleaned
        code, _sep, option = measure.partition(SEPARATOR)
        try:
            value = parse_number(raw, self.language)
        except NumberFormatError as error:
            self.add_error("amount", str(error))
            return cleaned
        row = self.instance
        row.indicator, row.option, row.value = Indicator.objects.get(code=code), option, value
        try:
            row.clean()
        except ValidationError as error:
            self.add_error("amount", error)
            row.indicator = None  # checked once: the model's clean() then passes it by
        return cleaned


def _format(value: Decimal, language: str) -> str:
    return format_number(value, language=language)


class RowsFormSet(forms.BaseInlineFormSet):
    """Rows posted without their management form (a client that knows only the
    activity's fields) are read as no change to the rows, not as an error."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            prefix = kwargs.get("prefix") or self.get_default_prefix()
            if f"{prefix}-TOTAL_FORMS" not in data:
                data = data.copy()
                data[f"{prefix}-TOTAL_FORMS"] = "0"
                data[f"{prefix}-INITIAL_FORMS"] = "0"
        super().__init__(data, *args, **kwargs)


class QuantityRowsFormSet(RowsFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if form in self.deleted_forms or not hasattr(form, "cleaned_data"):
                continue
            measure = form.cleaned_data.get("measure")
            if not measure:
                continue
            if measure in seen:
                raise ValidationError(
                    _("Một chỉ tiêu được ghi hai lần: gộp thành một dòng."), code="twice"
                )
            seen.add(measure)


QuantityFormSet = forms.inlineformset_factory(
    Activity,
    ActivityQuantity,
    form=QuantityForm,
    formset=QuantityRowsFormSet,
    extra=3,
    can_delete=True,
)

FileFormSet = forms.inlineformset_factory(
    Activity,
    ActivityFile,
    formset=RowsFormSet,
    fields=["kind", "file", "caption"],
    extra=2,
    can_delete=True,
    form=BoundedModelForm,
)


def register_choices() -> list[tuple[str, str]]:
    from ttdn.registers.base import registers

    return [("", "—"), *((r.slug, str(r.label)) for r in registers())]


class LinkForm(BoundedModelForm):
    register = forms.ChoiceField(label=_("Sổ"), required=False)

    class Meta:
        model = ActivityLink
        fields = ["register", "record_id"]
        labels = {"record_id": _("Số bản ghi (trong địa chỉ trang của bản ghi)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        register = self.fields["register"]
        assert isinstance(register, forms.ChoiceField)
        register.choices = register_choices()
        self.fields["record_id"].required = False

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("register") and not cleaned.get("record_id"):
            self.add_error("record_id", _("Nhập số bản ghi."))
        if cleaned.get("record_id") and not cleaned.get("register"):
            self.add_error("register", _("Chọn sổ của bản ghi."))
        return cleaned


LinkFormSet = forms.inlineformset_factory(
    Activity,
    ActivityLink,
    form=LinkForm,
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
)
