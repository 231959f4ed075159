"""The period entry grid: one text field per indicator × option, read in the person's
number format (Vietnamese: 1.582.300 and 54,7)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn.indicators.models import TOTAL, Indicator
from ttdn.indicators.services import REGISTER_NAMES
from ttdn.inputs import BoundedForm
from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number

# Longer than any figure written out (1.582.300.000,25); a version as stored.
NUMBER_LENGTH = 40
MAX_VERSION = 2**31 - 1


# The catalogue's groups (Indicator.group), as the provincial reports head them.
GROUP_LABELS: dict[str, Promise] = {
    "press": _("Báo chí, phát thanh, truyền hình"),
    "publications": _("Ấn phẩm"),
    "digital": _("Cổng thông tin, mạng xã hội"),
    "press_relations": _("Quan hệ báo chí"),
    "international": _("Đối ngoại, hợp tác quốc tế"),
    "training": _("Đào tạo"),
    "economy": _("Kinh tế, du lịch"),
    "direction": _("Chỉ đạo, tổ chức thực hiện"),
}
OTHER_GROUP = _("Chỉ tiêu khác")


def group_label(group: str) -> str:
    """An indicator group's heading; a group an administrator added shows its code."""
    if not group:
        return str(OTHER_GROUP)
    return str(GROUP_LABELS.get(group, group))


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
        previous: dict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.current = current
        self.parts = parts or {}
        self.fed = fed or {}
        self.previous = previous or {}
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
                        "previous": self._previous(key),
                        # The live totals check (entry.js) applies the server's rule to
                        # additive breakdowns: the parts may not exceed the total.
                        "checks_parts": bool(indicator.disaggregation and indicator.additive),
                        "is_total": option == TOTAL,
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

    def _previous(self, key: tuple[str, str]) -> str:
        stored = self.previous.get(key)
        return "" if stored is None else format_number(stored.value, language=self.language)

    def groups(self) -> list[dict]:
        """The rows by indicator group, in catalogue order, each with how many of its
        cells hold a figure and how many have an error, for the collapsible headings;
        a group with an error is opened."""
        groups: dict[str, dict] = {}
        for row in self.rows():
            code = row["indicator"].group
            group = groups.get(code)
            if group is None:
                group = groups[code] = {
                    "code": code or "other",
                    "label": group_label(code),
                    "rows": [],
                    "filled": 0,
                    "errors": 0,
                }
            group["rows"].append(row)
            group["filled"] += bool(row["value"] or row["fed"] or row["derived"])
            group["errors"] += bool(row["errors"])
        return list(groups.values())

    def error_list(self, groups: list[dict]) -> list[dict]:
        """Every cell error, in page order, for the banner at the top: each links to its
        cell."""
        return [
            {"name": row["name"], "label": _row_label(row), "message": message}
            for group in groups
            for row in group["rows"]
            for message in row["errors"]
        ]


def _row_label(row: dict) -> str:
    name = row["indicator"].display_name(get_language() or "vi")
    return f"{name} — {row['label']}" if row["option"] else name


VERSION_LENGTH = 12


class DraftForm(BoundedForm):
    """The entry form's fields as text, for a draft: kept as typed, a number not
    finished yet included; only what no field may hold (a NUL, text past its limit)
    is refused."""

    def __init__(self, indicators: list[Indicator], *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in indicators:
            for option in indicator.options():
                self.fields[field_name(indicator.code, option)] = forms.CharField(
                    required=False, max_length=NUMBER_LENGTH, strip=False
                )
                self.fields[version_name(indicator.code, option)] = forms.CharField(
                    required=False, max_length=VERSION_LENGTH
                )
                self.fields[estimate_name(indicator.code, option)] = forms.BooleanField(
                    required=False
                )

    def typed(self) -> dict[str, str]:
        """The fields the page sent, as text ("1" for a ticked estimate)."""
        out: dict[str, str] = {}
        for name, value in self.cleaned_data.items():
            if name not in self.data:
                continue
            if isinstance(value, bool):
                if value:
                    out[name] = "1"
            else:
                out[name] = value
        return out
