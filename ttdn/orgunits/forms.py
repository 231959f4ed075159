"""Choosing units by name: a form field and its widget, for any form that asks for one
unit or several.

Without script the widget is a text box: the person types names (diacritics optional),
labels with the parent in brackets or codes, several separated by ";". With script
(static orgunits/unitpicker.js) the box suggests the person's units as they type
(``orgunits:suggest``) and each choice becomes a ticked box that can be unticked.
Both post the same field, read by ``UnitPickerField``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Role
from ttdn.inputs import NUL_MESSAGE, BoundedForm, contains_nul
from ttdn.orgunits import names
from ttdn.orgunits.access import Action
from ttdn.orgunits.models import OrgUnit

_SEPARATORS = re.compile(r"[;\n\r]+")
MAX_TYPED = 300  # characters of one typed name
MAX_UNITS = 500  # units one field takes


def scoped_units(
    user, actions: Iterable[Action | str], within: OrgUnit | None = None
) -> QuerySet[OrgUnit]:
    """The units the person may take any of ``actions`` on, in ``within``'s subtree."""
    units = OrgUnit.objects.none()
    for action in actions:
        units = units | OrgUnit.objects.for_user(user, Action(action))
    if within is not None:
        units = units.filter(path__startswith=within.path)
    return units


class UnitPicker(forms.Widget):
    template_name = "orgunits/widgets/unit_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs)
        self.multiple = False
        self.units: QuerySet[OrgUnit] = OrgUnit.objects.none()
        self.suggest_url = ""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        return value if isinstance(value, list) else [value] if value is not None else []

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        chosen, typed = self._split(value)
        language = get_language() or "vi"
        # A ticked unit answers a required field: the box is required only while none
        # is (the script keeps it so as boxes are ticked and unticked).
        context["widget"]["required"] = bool(context["widget"]["attrs"].get("required"))
        if chosen:
            context["widget"]["attrs"].pop("required", None)
        context["widget"].update(
            {
                "chips": [names.Suggestion.of(unit, language) for unit in chosen],
                "typed": "; ".join(typed),
                "multiple": self.multiple,
                "suggest_url": self.suggest_url,
            }
        )
        return context

    def _split(self, value: Any) -> tuple[list[OrgUnit], list[str]]:
        """The units a value names (shown ticked) and the rest of what was typed (shown
        back in the box)."""
        items = value if isinstance(value, list | tuple) else [value] if value else []
        chosen: list[OrgUnit] = [item for item in items if isinstance(item, OrgUnit)]
        tokens = [
            token
            for item in items
            if not isinstance(item, OrgUnit)
            for token in split_typed(str(item or ""))
        ]
        # What the field refuses (too long, a NUL) is shown back as typed, never looked
        # up: PostgreSQL refuses a NUL in a query, SQLite a LIKE pattern that long.
        readable = [t for t in tokens if len(t) <= MAX_TYPED and not contains_nul(t)]
        by_code = {
            unit.code: unit
            for unit in self.units.filter(code__in=readable[:MAX_UNITS]).select_related("parent")
        }
        typed = []
        for token in tokens:
            if token in by_code:
                chosen.append(by_code[token])
                continue
            if len(token) > MAX_TYPED or contains_nul(token):
                typed.append(token.replace("\x00", ""))
                continue
            try:  # a name that names one unit is shown chosen too
                chosen.append(names.resolve(self.units, self.units, token))
            except names.UnitNotFound:
                typed.append(token)
        unique = list({unit.pk: unit for unit in chosen}.values())
        return unique, typed


_CODE = re.compile(r"^[A-Za-z0-9_.-]+$")


def split_typed(text: str) -> list[str]:
    """Names are separated by ";" or lines (a name may hold a comma: "Sở Văn hóa, Thể
    thao và Du lịch"); codes may also be separated by commas, as they used to be."""
    out: list[str] = []
    for part in _SEPARATORS.split(text):
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(_CODE.match(p) for p in pieces if p):
            out.extend(p for p in pieces if p)
        elif part.strip():
            out.append(part.strip())
    return out


class UnitPickerField(forms.Field):
    """One unit (``multiple=False``: an OrgUnit or None) or several (a list of
    OrgUnits, in the order chosen), out of the units ``limit_to`` allows. What is typed
    that names no such unit is refused by name and shown back as typed."""

    widget = UnitPicker
    default_error_messages = {
        "required": _("Chọn đơn vị."),
        "too_many": _("Chọn tối đa %(limit)d đơn vị."),
        "too_long": _("Tên đơn vị dài quá: tối đa %(limit)d ký tự."),
        "nul": NUL_MESSAGE,
    }

    def __init__(self, *, multiple: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.multiple = multiple
        self.units: QuerySet[OrgUnit] = OrgUnit.objects.none()
        self.visible: QuerySet[OrgUnit] = OrgUnit.objects.none()
        assert isinstance(self.widget, UnitPicker)
        self.widget.multiple = multiple

    def limit_to(
        self,
        user,
        actions: Iterable[Action | str] = (Action.VIEW,),
        within: OrgUnit | None = None,
    ) -> None:
        """Offer and accept only the units the person may take one of ``actions`` on,
        in ``within``'s subtree when given."""
        actions = [Action(a) for a in actions]
        self.units = scoped_units(user, actions, within)
        self.visible = OrgUnit.objects.for_user(user, Action.VIEW)
        assert isinstance(self.widget, UnitPicker)
        self.widget.units = self.units
        query: list[tuple[str, str]] = [("action", a.value) for a in actions]
        if within is not None:
            query.append(("within", within.code))
        self.widget.suggest_url = f"{reverse('orgunits:suggest')}?{urlencode(query)}"

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, OrgUnit):
            return [value]
        return value

    def to_python(self, value: Any) -> list[str]:
        items = value if isinstance(value, list | tuple) else [value] if value else []
        tokens = [token for item in items for token in split_typed(str(item or ""))]
        if any(contains_nul(token) for token in tokens):
            raise forms.ValidationError(self.error_messages["nul"], code="nul")
        if any(len(token) > MAX_TYPED for token in tokens):
            raise forms.ValidationError(
                self.error_messages["too_long"], code="too_long", params={"limit": MAX_TYPED}
            )
        if len(tokens) > MAX_UNITS:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": MAX_UNITS}
            )
        # One unit: what was typed last wins over a unit chosen before.
        return tokens if self.multiple else tokens[-1:]

    def validate(self, value: list[str]) -> None:
        if not value and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value: Any) -> Any:
        tokens = self.to_python(value)
        self.validate(tokens)
        units: dict[int, OrgUnit] = {}
        errors = []
        for token in tokens:
            try:
                unit = names.resolve(self.units, self.visible, token)
            except names.UnitNotFound as error:
                errors.append(str(error))
            else:
                units.setdefault(unit.pk, unit)
        if errors:
            raise forms.ValidationError(errors)
        chosen = list(units.values())
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None


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
