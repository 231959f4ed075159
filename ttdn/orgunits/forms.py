from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Role
from ttdn.inputs import BoundedForm


class RoleForm(BoundedForm):
    unit = forms.CharField(
        label=_("Mã đơn vị"), max_length=60, widget=forms.TextInput(attrs={"list": "managed-units"})
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)


class PersonForm(RoleForm):
    """A new person: the name as Vietnamese write it, split where the account keeps it."""

    field_order = ["family_name", "given_name", "username", "email", "unit", "role"]

    family_name = forms.CharField(
        label=_("Họ và tên đệm"), max_length=150, help_text=_("Ví dụ: Nguyễn Văn")
    )
    given_name = forms.CharField(label=_("Tên"), max_length=150, help_text=_("Ví dụ: Hùng"))
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    email = forms.EmailField(label=_("Địa chỉ e-mail"), max_length=254)
