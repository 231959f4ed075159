from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.activities.models import Activity
from ttdn.inputs import BoundedForm, BoundedModelForm
from ttdn.lib import vocab
from ttdn.lib.vnformat import NumberFormatError, parse_number


class NextForm(BoundedForm):
    """Where to go back to after saving (the report being written)."""

    next = forms.CharField(required=False, max_length=2000)


class ActivityForm(BoundedModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Chủ đề"),
        required=False,
        choices=vocab.choices("topics"),
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        label=_("Kênh"),
        required=False,
        choices=vocab.choices("channels"),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Ngôn ngữ"),
        required=False,
        choices=vocab.choices("languages"),
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_url = forms.URLField(
        label=_("Đường dẫn minh chứng"), required=False, assume_scheme="https"
    )
    quantities_text = forms.CharField(
        label=_("Số lượng"),
        required=False,
        max_length=5000,
        help_text=_("Mỗi dòng một chỉ tiêu: mã = số, ví dụ training_participants = 120"),
        widget=forms.Textarea(attrs={"rows": 3}),
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
            "partner_countries",
            "evidence_url",
            "evidence_file",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "end_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_quantities_text(self) -> dict:
        quantities = {}
        for number, line in enumerate(self.cleaned_data["quantities_text"].splitlines(), 1):
            if not line.strip():
                continue
            code, sep, amount = line.partition("=")
            if not sep:
                raise forms.ValidationError(_("Dòng %(n)d: cần dạng mã = số.") % {"n": number})
            try:
                value = parse_number(amount)
            except NumberFormatError as error:
                raise forms.ValidationError(f"Dòng {number}: {error}") from error
            quantities[code.strip()] = float(value)
        return quantities

    def save(self, commit: bool = True) -> Activity:
        self.instance.quantities = self.cleaned_data.get("quantities_text") or {}
        return super().save(commit)
