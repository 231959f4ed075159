"""What the site accepts as input, in one place.

PostgreSQL cannot store a NUL character (U+0000) in text or JSON, and fails the whole
request when one reaches a query; SQLite stores it silently. A value nobody bounded can
also be long enough to fill a page or a table cell. So:

- every page form is a ``BoundedForm`` or ``BoundedModelForm``: each text field refuses
  NUL and is capped, at the model's ``max_length`` where there is one, else at
  ``TEXT_LIMIT`` (an activity's description runs to a few hundred words; report
  sections, the longest text, set their own 100,000);
- ``RejectNulMiddleware`` answers 400 to a NUL anywhere in the path, the query string,
  a header or a cookie, before any view or the session reads it;
- the API's input schemas (``ApiInput`` in ``ttdn/api/schemas.py``) refuse a NUL in
  any field of a JSON body with the API's usual 422.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import unquote_to_bytes

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number

NUL = "\x00"
TEXT_LIMIT = 20_000

NUL_MESSAGE = gettext_lazy("Nội dung có ký tự NUL (mã 0), không nhận được. Hãy nhập lại.")
TOO_LONG_MESSAGE = gettext_lazy(
    "Nội dung dài quá: tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
)


def bound_field(field: forms.Field, limit: int = TEXT_LIMIT) -> None:
    """Cap a text field at ``limit`` when nothing capped it, and give NUL and length
    errors the site's own wording. Django's CharField already carries a NUL validator."""
    if not isinstance(field, forms.CharField):
        return
    if field.max_length is None:
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs.setdefault("maxlength", str(limit))
    field.error_messages = {
        **field.error_messages,
        "null_characters_not_allowed": NUL_MESSAGE,
        "max_length": TOO_LONG_MESSAGE,
    }


class BoundedInputs:
    """Form mixin: every text field bounded before the form is cleaned. Done at cleaning
    rather than in ``__init__`` so the fields a form adds after ``super().__init__()``
    (one per indicator, one per imported item) are bounded too."""

    text_limit = TEXT_LIMIT
    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for field in self.fields.values():
            bound_field(field, self.text_limit)
        super().full_clean()  # type: ignore[misc]


class BoundedForm(BoundedInputs, forms.Form):
    pass


def _form_field(field, **kwargs):
    """A model field's form field; a web address typed without a scheme is https."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class BoundedModelForm(BoundedInputs, forms.ModelForm):
    def __init_subclass__(cls, **kwargs) -> None:
        # Runs inside the form metaclass, before it makes the fields from the model.
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_form_field)


# Requests -----------------------------------------------------------------------------


def _has_nul(value: str) -> bool:
    return NUL in value or b"\x00" in unquote_to_bytes(value)


def nul_in_request(request: HttpRequest) -> bool:
    """A NUL in the path, the query string (raw or %00), a header or a cookie."""
    if NUL in request.path or NUL in request.path_info:
        return True
    if _has_nul(request.META.get("QUERY_STRING", "")):
        return True
    return any(
        isinstance(value, str) and NUL in value
        for key, value in request.META.items()
        if key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")
    )


class RejectNulMiddleware:
    """400 for a NUL outside the body; the API gets its usual ``{"detail": …}``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if nul_in_request(request):
            message = _("Địa chỉ hoặc tiêu đề yêu cầu có ký tự NUL (mã 0), không xử lý được.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# The API ------------------------------------------------------------------------------


def contains_nul(value: Any) -> bool:
    """A NUL in a string, or in any string or key of a list or dict of them."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple | set):
        return any(contains_nul(item) for item in value)
    return False


# Money --------------------------------------------------------------------------------

MONEY_EXAMPLE = gettext_lazy("Nhập số tiền bằng đồng, ví dụ 1.200.000.000.")
# Below this a typed amount is a figure in tỷ or triệu typed without its unit ("12").
MONEY_FLOOR = 1000


class MoneyField(forms.Field):
    """An amount of money in đồng, typed as officials write numbers ("1.200.000.000").
    "12 tỷ", "1,2 tỷ", "850 triệu", a decimal or a number too small to be đồng are
    refused with the expected form, and what was typed stays in the box."""

    default_error_messages = {"invalid": MONEY_EXAMPLE}

    max_length = 30

    def __init__(self, *, min_value: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "30"})
        )
        super().__init__(**kwargs)
        self.min_value = min_value

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return format_number(value, language=get_language() or "vi")
        return value

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not text:
            return None
        if NUL in text or len(text) > self.max_length:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = parse_number(text, get_language() or "vi")
        except NumberFormatError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount != amount.to_integral_value() or 0 < abs(amount) < MONEY_FLOOR:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if amount < self.min_value:
            raise forms.ValidationError(_("Số tiền không được âm."), code="min_value")
        if abs(amount) >= Decimal(10) ** 18:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(amount)
