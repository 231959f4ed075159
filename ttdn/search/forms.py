"""The search page's form."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn.fields import PeriodChoiceField
from ttdn.inputs import BoundedForm
from ttdn.lib import vocab
from ttdn.lib.periods import PeriodType
from ttdn.orgunits.forms import UnitPickerField
from ttdn.search import registry


class SearchForm(BoundedForm):
    q = forms.CharField(label=_("Tìm"), max_length=200, required=False)
    unit = UnitPickerField(label=_("Đơn vị"), required=False)
    period = PeriodChoiceField(
        label=_("Kỳ"),
        required=False,
        types=[t for t in PeriodType if t is not PeriodType.MONTH],
        blank=_("Mọi kỳ"),
    )
    topic = forms.ChoiceField(label=_("Chủ đề"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), required=False)
    page = forms.IntegerField(min_value=1, max_value=500, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        cast(UnitPickerField, self.fields["unit"]).limit_to(user)
        language = get_language() or "vi"
        topic = cast(forms.ChoiceField, self.fields["topic"])
        topic.choices = [("", _("Tất cả")), *vocab.choices("topics", language)]
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [("", _("Tất cả")), *registry.choices()]
