from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import BoundedForm
from ttdn.signing.models import SigningKey


class SignForm(BoundedForm):
    """Which of the person's keys signs, and its password or PIN — typed each time,
    never stored (the field is never rendered back)."""

    key = forms.ModelChoiceField(queryset=SigningKey.objects.none(), label=_("Khóa ký số"))
    secret = forms.CharField(
        label=_("Mật khẩu tệp khóa hoặc mã PIN token"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )

    def __init__(self, keys: list[SigningKey], *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["key"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = SigningKey.objects.filter(pk__in=[k.pk for k in keys])
        if len(keys) == 1:
            field.initial = keys[0].pk
