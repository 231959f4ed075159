"""Model fields for the project's value types.

A reporting period is stored as its id (``202403``, ``2024Q1``, ``2024S1``, ``2024N9``,
``2024``; ttdn.lib.periods) in an 8-character column. The model attribute keeps that id
as a string, so querysets, ``values_list()``, JSON, templates, forms and the admin see
exactly what the database holds and the consolidation reads millions of ids at no extra
cost; ``PeriodOf`` beside the field gives the parsed ``Period`` for the code that needs
dates, labels or containment. Lookups and assignments take a ``Period`` or an id.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

from django.db import models

from ttdn.lib.periods import Period, PeriodError, parse_period_id

PERIOD_ID_LENGTH = 8


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
