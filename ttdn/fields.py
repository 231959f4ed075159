"""Model and form fields for the project's value types.

A reporting period is stored as its id (``202403``, ``2024Q1``, ``2024S1``, ``2024N9``,
``2024``; ttdn.lib.periods) in an 8-character column. The model attribute keeps that id
as a string, so querysets, ``values_list()``, JSON, templates, forms and the admin see
exactly what the database holds and the consolidation reads millions of ids at no extra
cost; ``PeriodOf`` beside the field gives the parsed ``Period`` for the code that needs
dates, labels or containment. Lookups and assignments take a ``Period`` or an id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar, overload

from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import contains_nul
from ttdn.lib.periods import ROMAN, Period, PeriodError, PeriodType, parse_period, parse_period_id

PERIOD_ID_LENGTH = 8
StrOrPromise = str | Promise


class PeriodField(models.CharField):
    """A period id column; accepts a ``Period`` wherever it takes a value."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", PERIOD_ID_LENGTH)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        # Migrations record the column as the CharField it is. A field path of its own
        # would make Django's SQLite backend copy each table (millions of values) for a
        # change no database can see.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def to_python(self, value: Any) -> Any:
        if isinstance(value, Period):
            return value.id
        return super().to_python(value)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Period):
            return value.id
        return super().get_prep_value(value)


P = TypeVar("P")


class _PeriodAccessor(Generic[P]):
    def __init__(self, field_name: str) -> None:
        self.field_name = field_name

    @overload
    def __get__(self, instance: None, owner: type) -> _PeriodAccessor[P]: ...

    @overload
    def __get__(self, instance: models.Model, owner: type) -> P: ...

    def __get__(self, instance: models.Model | None, owner: type) -> Any:
        if instance is None:
            return self
        return self.parse(getattr(instance, self.field_name))

    def parse(self, value: str | Period) -> P:
        raise NotImplementedError


class PeriodOf(_PeriodAccessor[Period]):
    """The ``Period`` a required period field names; an id that names none raises
    ``PeriodError``. Declared beside the field: ``the_period = PeriodOf("period")``."""

    def parse(self, value: str | Period) -> Period:
        return value if isinstance(value, Period) else parse_period_id(value)


class PeriodOrNone(_PeriodAccessor[Period | None]):
    """The ``Period`` an optional period field names; ``None`` when it is blank or holds
    text that names no period (an id read from an imported file)."""

    def parse(self, value: str | Period) -> Period | None:
        if isinstance(value, Period):
            return value
        try:
            return parse_period_id(value) if value else None
        except PeriodError:
            return None


# Choosing a period in a form ---------------------------------------------------------

ALL_TYPES = tuple(PeriodType)
YEARS_BACK = 10  # years before this one that the lists offer; older ones can be typed


def period_choice_label(period: Period, language: str = "vi") -> str:
    """'6 tháng đầu năm 2024', 'Quý I năm 2024', 'Năm 2024': a period as a list shows it."""
    if language.startswith("en"):
        text = period.label("en")
    elif period.type is PeriodType.QUARTER:
        text = f"quý {ROMAN[period.index]} năm {period.year}"
    elif period.type is PeriodType.MONTH:
        text = f"tháng {period.index} năm {period.year}"
    else:
        text = period.label("vi")
    return text[:1].upper() + text[1:]


def period_choices(
    types: Iterable[PeriodType] = ALL_TYPES,
    last_year: int | None = None,
    years_back: int = YEARS_BACK,
    language: str = "vi",
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Periods of ``types`` grouped by year, the newest first: next year down to
    ``years_back`` years before this one; in a year, the year first, then the shorter
    periods from the last."""
    wanted = set(types)
    if last_year is None:
        from django.utils import timezone

        last_year = timezone.localdate().year + 1
    groups = []
    for year in range(last_year, last_year - years_back - 2, -1):
        periods = [
            Period(t, year, i)
            for t in (
                PeriodType.YEAR,
                PeriodType.NINE_MONTH,
                PeriodType.SIX_MONTH,
                PeriodType.QUARTER,
                PeriodType.MONTH,
            )
            if t in wanted
            for i in range(_COUNT[t], 0, -1)
        ]
        groups.append((str(year), [(p.id, period_choice_label(p, language)) for p in periods]))
    return groups


_COUNT = {
    PeriodType.YEAR: 1,
    PeriodType.NINE_MONTH: 1,
    PeriodType.SIX_MONTH: 2,
    PeriodType.QUARTER: 4,
    PeriodType.MONTH: 12,
}


class PeriodSelect(forms.Select):
    """A list of labelled periods; a period the list does not hold (typed in an address,
    read from an old document) is added at the top so it shows as chosen."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.types: tuple[PeriodType, ...] = ALL_TYPES
        self.blank: StrOrPromise = ""

    def format_value(self, value: Any) -> list[str]:
        if isinstance(value, Period):
            return [value.id]
        text = str(value or "").strip()
        try:
            return [parse_period(text).id] if text else [""]
        except PeriodError:
            return [text]

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None) -> Any:
        from django.utils.translation import get_language

        language = get_language() or "vi"
        choices: list = [("", self.blank or "—")]
        groups = period_choices(self.types, language=language)
        offered = {pid for _year, periods in groups for pid, _label in periods}
        for chosen in value:
            if chosen and chosen not in offered:
                try:
                    shown = period_choice_label(parse_period_id(chosen), language)
                except PeriodError:
                    shown = chosen
                choices.append((chosen, shown))
        self.choices = choices + groups
        return super().optgroups(name, value, attrs)


class PeriodChoiceField(forms.Field):
    """A period chosen from a labelled list (``types`` the kinds offered); an id or a
    label typed in its place ("2024S1", "6 tháng đầu năm 2024") is taken too. Cleans to
    a ``Period``, or None when blank and not required."""

    widget = PeriodSelect
    default_error_messages = {
        "invalid": _("Không có kỳ “%(value)s”: chọn kỳ trong danh sách."),
        "type": _("Kỳ “%(value)s” không phải loại kỳ dùng ở đây."),
    }

    def __init__(
        self, *, types: Iterable[PeriodType] = ALL_TYPES, blank: StrOrPromise = "", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.types = tuple(types)
        assert isinstance(self.widget, PeriodSelect)
        self.widget.types = self.types
        self.widget.blank = blank

    def to_python(self, value: Any) -> Period | None:
        if isinstance(value, Period):
            return value
        text = " ".join(str(value or "").split())
        if not text:
            return None
        if contains_nul(text) or len(text) > 60:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": text[:60]}
            )
        try:
            period = parse_period(text)
        except PeriodError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": text}
            ) from None
        if period.type not in self.types:
            raise forms.ValidationError(
                self.error_messages["type"], code="type", params={"value": text}
            )
        return period
