"""The import page's form: a file, then the checked file sent back to be written."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import BoundedForm

# A web upload of values; larger files go through ``ttdn exchange import``.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ImportForm(BoundedForm):
    file = forms.FileField(
        label=_("Tệp số liệu"),
        required=False,
        help_text=_(
            "DHIS2 (JSON hoặc CSV), ADX (XML), hoặc bảng số liệu CSV/XLSX theo mẫu. Tệp "
            "được kiểm tra trước; chưa giá trị nào được ghi cho đến khi bấm Ghi."
        ),
    )
    checked = forms.CharField(required=False, widget=forms.HiddenInput, max_length=4_000_000)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)d MB): dùng lệnh ttdn exchange import.")
                % {"mb": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload


class ExportForm(BoundedForm):
    format = forms.ChoiceField(
        label=_("Định dạng"),
        choices=[
            ("dvs-json", _("DHIS2 JSON (dataValueSets)")),
            ("dvs-csv", _("DHIS2 CSV")),
            ("adx", _("ADX (XML)")),
            ("csv", _("Bảng số liệu CSV")),
        ],
    )
    periods = forms.CharField(
        label=_("Năm hoặc kỳ"),
        max_length=200,
        help_text=_("Ví dụ: 2024,2025 (mọi kỳ trong năm) hoặc 2024S1,2024Q3."),
    )
    ids = forms.ChoiceField(
        label=_("Nhận diện chỉ tiêu bằng"),
        choices=[("code", _("mã")), ("uid", _("uid DHIS2"))],
        required=False,
    )
