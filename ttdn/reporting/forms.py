from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.fields import PeriodChoiceField
from ttdn.inputs import BoundedForm
from ttdn.lib.periods import PeriodType
from ttdn.orgunits.access import Action
from ttdn.orgunits.forms import UnitPickerField
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.reporting.models import (
    SECTION_TEXT_LIMIT,
    ReportForm,
    ReportRequest,
    Scope,
    Submission,
)

# A version as PositiveIntegerField stores it.
MAX_VERSION = 2**31 - 1


class ReportFormChoice(forms.ModelChoiceField):
    """Report forms by their name in the page's language."""

    def label_from_instance(self, obj) -> str:
        return names.name_of(obj)


class RequestForm(BoundedForm):
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "1440/STTTT-TTBCXB"}),
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    subject = forms.CharField(label=_("Trích yếu"), max_length=500)
    form = ReportFormChoice(label=_("Mẫu báo cáo"), queryset=ReportForm.objects.all())
    period = PeriodChoiceField(
        label=_("Kỳ báo cáo"),
        types=[t for t in PeriodType if t is not PeriodType.MONTH],
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
    units = UnitPickerField(
        label=_("Hoặc các đơn vị"),
        required=False,
        multiple=True,
        help_text=_(
            "Gõ tên đơn vị (không cần dấu) rồi chọn trong danh sách gợi ý; gõ nhiều đơn vị "
            "thì cách nhau bằng dấu “;”. Gõ mã đơn vị cũng được."
        ),
    )
    convention = forms.ChoiceField(
        label=_("Quy ước chốt số liệu"),
        choices=[
            ("calendar", _("Theo năm dương lịch")),
            ("decree09", _("Theo Nghị định 09/2019/NĐ-CP (15/12 – 14/6)")),
        ],
    )
    attachment = forms.FileField(
        label=_("Tệp công văn (PDF hoặc DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args, user=None, issuer: OrgUnit | None = None, **kwargs):
        """``issuer``: the unit issuing the request, whose subtree the recipients are
        chosen from (by ``user``, who consolidates it)."""
        super().__init__(*args, **kwargs)
        if user is not None:
            units = cast(UnitPickerField, self.fields["units"])
            units.limit_to(user, [Action.CONSOLIDATE], within=issuer)

    def clean_period(self) -> str:
        return self.cleaned_data["period"].id

    def unit_codes(self) -> list[str]:
        """The codes of the units chosen (``cleaned_data["units"]`` holds the units)."""
        return [unit.code for unit in self.cleaned_data.get("units") or []]


class RequestEditForm(BoundedForm):
    """What may change in a request once issued; ``version`` is the one the person read,
    so a change someone made meanwhile is not overwritten."""

    version = forms.IntegerField(min_value=1, max_value=MAX_VERSION, widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Trích yếu"), max_length=500)
    deadline = forms.DateField(
        label=_("Hạn nộp"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    form = ReportFormChoice(
        label=_("Mẫu báo cáo"),
        queryset=ReportForm.objects.all(),
        help_text=_("Chỉ đổi được khi chưa có đơn vị nào nộp báo cáo."),
    )
    units = forms.CharField(
        label=_("Gửi thêm tới các đơn vị (mã, cách nhau bằng dấu phẩy)"),
        required=False,
        max_length=5000,
    )
    attachment = forms.FileField(
        label=_("Tệp công văn (PDF hoặc DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def unit_codes(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data.get("units", "").split(",") if c.strip()]


class CancelRequestForm(BoundedForm):
    version = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_VERSION, widget=forms.HiddenInput
    )
    # Blank is refused by the service, with its own message.
    reason = forms.CharField(
        label=_("Lý do hủy"), required=False, max_length=5000, widget=forms.Textarea({"rows": 2})
    )


class ExtendForm(BoundedForm):
    deadline = forms.DateField(
        label=_("Hạn nộp mới"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    reason = forms.CharField(label=_("Lý do gia hạn"), required=False, max_length=2000)


class SubmitForm(BoundedForm):
    """The signer, typed by the officer of a unit without a leader account."""

    signer_name = forms.CharField(
        label=_("Họ tên người ký"),
        required=False,
        max_length=Submission._meta.get_field("signer_name").max_length,
    )
    signer_position = forms.CharField(
        label=_("Chức vụ người ký"),
        required=False,
        max_length=Submission._meta.get_field("signer_position").max_length,
    )


class ReturnForm(BoundedForm):
    # Blank is refused by the service, with its own message.
    comment = forms.CharField(
        label=_("Lý do trả lại"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IssueForm(BoundedForm):
    """Number and date of a report entered in the outgoing register."""

    number = forms.IntegerField(
        label=_("Số"),
        required=False,
        min_value=1,
        max_value=MAX_VERSION,
        help_text=_("Để trống: số tiếp theo trong sổ của năm."),
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Để trống: hôm nay."),
    )


def section_name(code: str) -> str:
    return f"s__{code}"


def section_version_name(code: str) -> str:
    return f"ver__{code}"


class SectionsForm(BoundedForm):
    """The narrative sections as typed (``s__<code>``), each with the version the person
    read (``ver__<code>``): a section someone saved meanwhile is not overwritten. Only
    the sections the page sent are saved, so a missing field never clears one."""

    def __init__(self, submission: Submission, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = [spec["code"] for spec in submission.section_specs]
        for code in self.codes:
            self.fields[section_name(code)] = forms.CharField(
                required=False, strip=False, max_length=SECTION_TEXT_LIMIT
            )
            self.fields[section_version_name(code)] = forms.IntegerField(
                required=False, min_value=0, max_value=MAX_VERSION, widget=forms.HiddenInput
            )

    def sent(self) -> list[str]:
        return [code for code in self.codes if section_name(code) in self.data]

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data[section_name(code)] for code in self.sent()}

    def versions(self) -> dict[str, int]:
        return {
            code: self.cleaned_data.get(section_version_name(code)) or 0 for code in self.sent()
        }

    def typed(self) -> dict[str, str]:
        """What was typed, valid or not, to show back beside the errors."""
        return {code: str(self.data.get(section_name(code), "")) for code in self.sent()}

    def read_versions(self) -> dict[str, int]:
        """The versions sent, where they are whole numbers, valid or not otherwise."""
        out = {}
        for code in self.sent():
            raw = str(self.data.get(section_version_name(code), ""))
            if raw.isascii() and raw.isdigit() and int(raw) <= MAX_VERSION:
                out[code] = int(raw)
        return out

    def section_errors(self) -> dict[str, list[str]]:
        return {
            code: [*self.errors.get(section_name(code), [])]
            + [*self.errors.get(section_version_name(code), [])]
            for code in self.codes
            if section_name(code) in self.errors or section_version_name(code) in self.errors
        }


class RedraftForm(SectionsForm):
    """Draft one section (``section``) or all again, ``replace`` = overwrite edits; the
    sections sent are saved first, as typed."""

    section = forms.ChoiceField(required=False)
    replace = forms.BooleanField(required=False)

    def __init__(self, submission: Submission, *args, **kwargs):
        super().__init__(submission, *args, **kwargs)
        section = cast(forms.ChoiceField, self.fields["section"])
        section.choices = [("", "")] + [(code, code) for code in self.codes]


class SignForm(BoundedForm):
    """The signer as the report will print them; blank: the person signing."""

    name = forms.CharField(
        label=_("Người ký"),
        required=False,
        max_length=Submission._meta.get_field("signer_name").max_length,
    )
    position = forms.CharField(
        label=_("Chức vụ người ký"),
        required=False,
        max_length=Submission._meta.get_field("signer_position").max_length,
    )


class BasisForm(BoundedForm):
    """Which of the unit's own requests a report consolidates, and what it counts."""

    consolidates = forms.ModelChoiceField(
        label=_("Yêu cầu báo cáo của đơn vị"), queryset=ReportRequest.objects.none(), required=False
    )
    scope = forms.ChoiceField(
        label=_("Số liệu, nội dung lấy từ"), choices=[("", ""), *Scope.choices], required=False
    )

    def __init__(self, unit: OrgUnit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consolidates = cast(forms.ModelChoiceField, self.fields["consolidates"])
        consolidates.queryset = ReportRequest.objects.filter(issuing_unit=unit)
