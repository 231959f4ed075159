"""The period entry grid: one text field per indicator × option, read in the person's
number format (Vietnamese: 1.582.300 and 54,7)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import get_language

from ttdn.indicators.models import Indicator
from ttdn.indicators.services import REGISTER_NAMES
from ttdn.inputs import BoundedForm
from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number

# Longer than any figure written out (1.582.300.000,25); a version as stored.
NUMBER_LENGTH = 40
MAX_VERSION = 2**31 - 1


def field_name(code: str, option: str) -> str:
    return f"v__{code}__{option}"


def version_name(code: str, option: str) -> str:
    return f"ver__{code}__{option}"


def estimate_name(code: str, option: str) -> str:
    return f"e__{code}__{option}"


class ValuesForm(BoundedForm):
    """``current`` maps keys to StoredValue; ``parts`` to what the period's parts give
    (timeagg.Cell), shown beside an entered figure. A derived value is shown as the
    field's placeholder, so typing a figure replaces it and leaving it alone keeps it.
    ``fed`` maps keys to RegisterFigure: those cells are shown with their records, not
    asked for (a changed one posted anyway is refused by ``save_values``)."""

    def __init__(
        self,
        indicators: list[Indicator],
        current: dict,
        *args,
        parts: dict | None = None,
        fed: dict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.current = current
        self.parts = parts or {}
        self.fed = fed or {}
        self.language = get_language() or "vi"
        self.keys: list[tuple[str, str]] = []
        for indicator in indicators:
            for option in indicator.options():
                key = (indicator.code, option)
                self.keys.append(key)
                stored = current.get(key)
                value = stored.value if stored is not None and not stored.derived else None
                version = stored.version if stored is not None else 0
                self.fields[field_name(*key)] = forms.CharField(
                    required=False,
                    max_length=NUMBER_LENGTH,
                    initial=format_number(value, language=self.language),
                    label=indicator.option_label(option, self.language),
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                )
                self.fields[version_name(*key)] = forms.IntegerField(
                    required=False,
                    min_value=0,
                    max_value=MAX_VERSION,
                    initial=version,
                    widget=forms.HiddenInput,
                )
                self.fields[estimate_name(*key)] = forms.BooleanField(required=False)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for key in self.keys:
            name = field_name(*key)
            if name not in cleaned:  # refused as text already (too long, a NUL)
                continue
            raw = cleaned[name]
            if not raw:
                cleaned[name] = None
                continue
            try:
                cleaned[name] = parse_number(raw, self.language)
            except NumberFormatError as error:
                self.add_error(name, str(error))
        return cleaned

    def posted_keys(self) -> list[tuple[str, str]]:
        """Only the cells the page actually sent: a form opened before an indicator was
        added must not clear that indicator's value."""
        return [key for key in self.keys if field_name(*key) in self.data]

    def values(self) -> dict[tuple[str, str], Decimal | None]:
        return {key: self.cleaned_data.get(field_name(*key)) for key in self.posted_keys()}

    def estimated(self) -> set[tuple[str, str]]:
        """The cells marked "ước" among those sent."""
        return {key for key in self.posted_keys() if self.cleaned_data.get(estimate_name(*key))}

    def versions(self) -> dict[tuple[str, str], int]:
        return {
            key: int(self.cleaned_data.get(version_name(*key)) or 0)
            for key in self.posted_keys()
            if version_name(*key) in self.data
        }

    def rows(self) -> list[dict]:
        """One plain dict per cell for the template, which writes the inputs itself: the
        grid has a hundred and more cells, and Django's widget templates cost tens of
        milliseconds at that count."""
        errors = self.errors if self.is_bound else {}
        out = []
        for indicator in self.indicators:
            for option in indicator.options():
                name = field_name(indicator.code, option)
                version = version_name(indicator.code, option)
                key = (indicator.code, option)
                stored = self.current.get(key)
                estimate = estimate_name(*key)
                if self.is_bound:
                    value = self.data.get(name, "")
                    seen = self.data.get(version, self.fields[version].initial)
                    marked = bool(self.data.get(estimate))
                else:
                    value = self.fields[name].initial
                    seen = self.fields[version].initial
                    marked = bool(stored and stored.estimated and not stored.derived)
                derived = stored if stored is not None and stored.derived else None
                parts = self.parts.get(key)
                figure = self.fed.get(key)
                differs = (
                    parts is not None
                    and stored is not None
                    and not stored.derived
                    and parts.value != stored.value
                )
                out.append(
                    {
                        "indicator": indicator,
                        "option": option,
                        "label": self.fields[name].label,
                        "name": name,
                        "value": value,
                        "version_name": version,
                        "version": seen,
                        "estimate_name": estimate,
                        "estimated": marked,
                        "derived": derived and format_number(derived.value, language=self.language),
                        "derived_months": derived.months if derived else None,
                        "derived_estimated": bool(derived and derived.estimated),
                        "parts": format_number(parts.value, language=self.language)
                        if differs and parts is not None
                        else "",
                        "errors": [*errors.get(name, []), *errors.get(version, [])],
                        "fed": figure and format_number(figure.value, language=self.language),
                        "sources": [
                            {
                                "register": REGISTER_NAMES.get(s[0], ""),
                                "label": s[2],
                                "url": s[3] if len(s) > 3 else "",
                            }
                            for s in (figure.sources if figure else [])
                        ],
                    }
                )
        return out
