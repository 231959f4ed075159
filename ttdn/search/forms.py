"""The search page's form."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import BoundedForm
from ttdn.lib import vocab
from ttdn.lib.periods import Period, PeriodError, parse_period
from ttdn.orgunits.models import OrgUnit
from ttdn.search import registry


class SearchForm(BoundedForm):
    q = forms.CharField(label=_("Tìm"), max_length=200, required=False)
    unit = forms.CharField(label=_("Đơn vị (mã)"), max_length=40, required=False)
    period = forms.CharField(label=_("Kỳ"), max_length=40, required=False)
    topic = forms.ChoiceField(label=_("Chủ đề"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False)
    page = forms.IntegerField(min_value=1, max_value=500, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        language = get_language() or "vi"
        topic = cast(forms.ChoiceField, self.fields["topic"])
        topic.choices = [("", _("Tất cả")), *vocab.choices("topics", language)]
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [("", _("Tất cả")), *registry.choices()]

    def clean_unit(self) -> OrgUnit | None:
        code = self.cleaned_data["unit"].strip()
        if not code:
            return None
        unit = OrgUnit.objects.for_user(self.user).filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(_("Không tìm thấy đơn vị này."))
        return unit

    def clean_period(self) -> Period | None:
        raw = self.cleaned_data["period"].strip()
        if not raw:
            return None
        try:
            return parse_period(raw)
        except PeriodError:
            raise forms.ValidationError(
                _("Kỳ không hợp lệ (ví dụ 2024, 2024S1, 2024Q2).")
            ) from None
