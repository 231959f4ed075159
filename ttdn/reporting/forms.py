from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.lib.periods import PeriodError, parse_period
from ttdn.orgunits.models import UnitKind
from ttdn.reporting.models import ReportForm


class RequestForm(forms.Form):
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "1440/STTTT-TTBCXB"}),
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    subject = forms.CharField(label=_("Trích yếu"), max_length=500)
    form = forms.ModelChoiceField(label=_("Mẫu báo cáo"), queryset=ReportForm.objects.all())
    period = forms.CharField(
        label=_("Kỳ báo cáo"),
        max_length=40,
        help_text=_("Ví dụ 2024S1 hoặc “6 tháng đầu năm 2024”"),
    )
    deadline = forms.DateField(
        label=_("Hạn nộp"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    kinds = forms.MultipleChoiceField(
        label=_("Mọi đơn vị thuộc loại"),
        required=False,
        choices=UnitKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    units = forms.CharField(
        label=_("Hoặc các đơn vị (mã, cách nhau bằng dấu phẩy)"), required=False
    )
    convention = forms.ChoiceField(
        label=_("Quy ước chốt số liệu"),
        choices=[
            ("calendar", _("Theo năm dương lịch")),
            ("decree09", _("Theo Nghị định 09/2019/NĐ-CP (15/12 – 14/6)")),
        ],
    )

    def clean_period(self) -> str:
        try:
            return parse_period(self.cleaned_data["period"]).id
        except PeriodError as error:
            raise forms.ValidationError(_("Không hiểu kỳ báo cáo này.")) from error

    def unit_codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data.get("units", "").split(",") if c.strip()]


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}))


class IssueForm(forms.Form):
    """Number and date of a report entered in the outgoing register."""

    number = forms.IntegerField(
        label=_("Số"),
        required=False,
        min_value=1,
        help_text=_("Để trống: số tiếp theo trong sổ của năm."),
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Để trống: hôm nay."),
    )
