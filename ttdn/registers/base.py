"""A register (sổ theo dõi): a kind of record a unit keeps — plans, publications,
courses, accounts — described once by a ``Register`` subclass, which gives it pages
(list with filters, detail, create, edit, history; ``ttdn.registers.views``), JSON API
routes (``ttdn.registers.api``), saving with the unit-scoped access rule, a history of
every change (``RecordChange``) and, through ``ttdn.indicators.feeds.feed_values``, the
indicator values its records give.

A register app declares, in its own ``registers.py``::

    @register
    class PublicationRegister(Register):
        model = Publication
        slug = "publications"                 # /publications/…, URL names registers:publications-…
        label = _("Ấn phẩm")                  # the register's name, as a heading
        one = _("ấn phẩm")                    # one record, lower case, in messages
        form_class = PublicationForm          # a BoundedModelForm without the unit field
        inlines = [Inline(EditionFormSet, _("Ấn bản theo ngôn ngữ"))]
        columns = [Column(_("Tên"), "title"), Column(_("Số bản"), "total_copies")]
        filters = ["format"]                  # model fields with choices: a select each
        date_field = "published_on"           # the year filter, ordering, fed periods
        search_fields = ["title"]             # what the list's text filter looks in

and ``urls.py`` of the site includes ``ttdn.registers.urls``, which serves every
registered register.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ttdn import names
from ttdn.indicators.feeds import feed_values, periods_containing
from ttdn.indicators.services import REGISTER_NAMES
from ttdn.lib.periods import Period
from ttdn.lib.prose import upper_first
from ttdn.lib.vnformat import format_date, format_number
from ttdn.orgunits.access import Action, can
from ttdn.orgunits.models import OrgUnit
from ttdn.registers.models import ChangeKind, RecordChange


@dataclass(frozen=True)
class Column:
    """A column of the list: its heading and the record's attribute (a dotted path or a
    callable taking the record)."""

    label: str | Promise
    value: str | Callable[[Any], Any]

    def of(self, record: models.Model) -> Any:
        if callable(self.value):
            return self.value(record)
        found: Any = record
        for part in self.value.split("."):
            found = getattr(found, part, None)
            if found is None:
                return ""
        if callable(found):
            found = found()
        return found


@dataclass(frozen=True)
class Inline:
    """Rows that belong to a record (a publication's editions, a plan's tasks), edited
    on the record's form as an inline formset and shown on its detail page."""

    formset: type[BaseInlineFormSet[Any, Any, Any]]
    label: str | Promise
    # False when the register's detail_template shows the rows its own way.
    on_detail: bool = True

    @property
    def model(self) -> type[models.Model]:
        model = self.formset.model
        assert model is not None  # an inline formset always has one
        return model


class Register:
    """One kind of record a unit keeps. Subclasses set the class attributes; they may
    override ``unit_of``, ``days``, ``periods``, ``feeds_units`` and ``check``."""

    model: ClassVar[type[models.Model]]
    slug: ClassVar[str]
    label: ClassVar[str | Promise]
    one: ClassVar[str | Promise]
    form_class: ClassVar[type[ModelForm]]
    unit_field: ClassVar[str] = "unit"
    inlines: ClassVar[list[Inline]] = []
    columns: ClassVar[list[Column]] = []
    filters: ClassVar[list[str]] = []
    date_field: ClassVar[str | None] = None
    search_fields: ClassVar[list[str]] = []
    # Extra template included on the detail page below the fields (context: record,
    # register, may_enter).
    detail_template: ClassVar[str | None] = None
    # Fields not shown in the detail page's field list (shown by detail_template).
    detail_exclude: ClassVar[list[str]] = []
    # Extra template included on the list page above the records, with what
    # ``list_context`` gives as ``extra``: the units below with nobody recorded, figures
    # over the subtree that are not sums (distinct countries).
    list_template: ClassVar[str | None] = None
    order: ClassVar[int] = 100  # place in the menu of registers
    # Where the unit's page lists it: "direction" (plans, the steering committee,
    # officers, oversight, budget) or "work" (what was done).
    section: ClassVar[str] = "work"

    # the record's unit and dates -----------------------------------------------------

    def unit_of(self, record: models.Model) -> OrgUnit:
        return getattr(record, self.unit_field)

    def days(self, record: models.Model) -> list[date | None]:
        """The dates that place the record in periods (fed values); its date field."""
        if self.date_field is None:
            return []
        return [getattr(record, self.date_field)]

    def periods(self, record: models.Model) -> list[Period]:
        """The periods whose fed values the record counts in: by default those of its
        dates (quarter, half-year, nine months, year). A yearly record (a budget line)
        returns its year only."""
        found: dict[str, Period] = {}
        for day in self.days(record):
            if day is not None:
                found.update({p.id: p for p in periods_containing(day)})
        return sorted(found.values(), key=lambda p: p.sort_key)

    def feeds_units(self, record: models.Model) -> list[OrgUnit]:
        """The units whose values the record gives (its own unit; a course attended also
        the attending units)."""
        return [self.unit_of(record)]

    def check(self, record: models.Model, children: dict[str, list[models.Model]]) -> None:
        """Rules across the record and its inline rows; raise ValidationError."""

    def detail_context(self, record: models.Model) -> dict[str, Any]:
        """More context for ``detail_template`` (a plan's results against its targets)."""
        return {}

    def initial(self, query) -> dict[str, Any]:
        """Values a new record's form starts with: the query string's values of the
        form's fields (``/plans/BDI/new/?number=20/KH-UBND`` from an archived document)."""
        names = self.form_class.base_fields
        return {name: query[name] for name in names if query.get(name)}

    # queries -------------------------------------------------------------------------

    def queryset(self) -> models.QuerySet:
        """Records with what the list and the detail page show."""
        related = [self.unit_field]
        return self.model._default_manager.select_related(*related)

    def list_context(
        self, user, unit: OrgUnit, records: models.QuerySet, filters: dict
    ) -> dict[str, Any]:
        """What ``list_template`` shows on the list page of ``unit``: ``records`` are the
        records the list holds, ``filters`` the list's cleaned filters."""
        return {}

    def in_subtree(self, user, unit: OrgUnit) -> models.QuerySet:
        """Records of ``unit`` and the units below it that ``user`` may see."""
        records = self.queryset().for_user(user)  # type: ignore[attr-defined]
        return records.filter(**{f"{self.unit_field}__path__startswith": unit.path})

    # pages ---------------------------------------------------------------------------

    def url(self, name: str, *args: Any) -> str:
        return reverse(f"registers:{self.slug}-{name}", args=args)

    def detail_url(self, record: models.Model) -> str:
        return self.url("detail", record.pk)

    # saving --------------------------------------------------------------------------

    def save(
        self,
        user,
        record: models.Model,
        *,
        unit: OrgUnit | None = None,
        children: dict[str, list[models.Model]] | None = None,
        write_children: Callable[[models.Model], None] | None = None,
    ) -> models.Model:
        """Create (``unit`` given) or change a record of a unit the person may enter,
        checked whole, its history written and the values it gives fed, in one
        transaction: when a submitted report holds a period whose figures would change,
        nothing is saved (ValuesRejected). ``write_children`` saves the inline rows once
        the record has its key; ``children`` are those rows as they will be, for
        ``check``."""
        creating = record.pk is None
        if creating:
            if unit is None:
                raise ValueError("a new record needs its unit")
            setattr(record, self.unit_field, unit)
        target = self.unit_of(record)
        if not can(user, target, Action.ENTER):
            raise PermissionDenied(_("Bạn không có quyền ghi sổ của đơn vị này."))
        with transaction.atomic():
            before: dict[str, str] = {}
            old_periods: list[Period] = []
            old_units: list[OrgUnit] = []
            if not creating:
                stored = self.queryset().select_for_update(of=("self",)).get(pk=record.pk)
                before = self.snapshot(stored)
                old_periods = self.periods(stored)
                old_units = self.feeds_units(stored)
            record.full_clean()
            self.check(record, children or {})
            record.save()
            if write_children is not None:
                write_children(record)
            fresh = self.queryset().get(pk=record.pk)
            after = self.snapshot(fresh)
            changes = {
                label: [before.get(label, ""), text]
                for label, text in after.items()
                if before.get(label, "") != text
            }
            for label in before.keys() - after.keys():
                changes[label] = [before[label], ""]
            if creating or changes:
                RecordChange.objects.create(
                    content_type=ContentType.objects.get_for_model(self.model),
                    object_id=record.pk,
                    unit=target,
                    kind=ChangeKind.CREATED if creating else ChangeKind.CHANGED,
                    changes=changes,
                    user=user,
                )
            periods = {p.id: p for p in [*old_periods, *self.periods(fresh)]}
            units = {u.pk: u for u in [*old_units, *self.feeds_units(fresh)]}
            for fed_unit in units.values():
                for period in sorted(periods.values(), key=lambda p: p.sort_key):
                    feed_values(user, fed_unit, period)
        return fresh

    def history(self, record: models.Model) -> models.QuerySet:
        return RecordChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=record.pk
        ).select_related("user")

    # what the history and the detail page say ---------------------------------------

    def fields(self) -> list[models.Field]:
        """The record's own fields a person reads, in model order."""
        skip = {"id", self.unit_field, *self.detail_exclude}
        return [
            f
            for f in self.model._meta.get_fields()
            if isinstance(f, models.Field)
            and not f.auto_created
            and f.concrete
            and f.name not in skip
            and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)
            and f.editable
        ]

    def snapshot(self, record: models.Model) -> dict[str, str]:
        """Each field (by name) and inline row (``model_name number``) as text: what the
        history compares. Labels are given when the history is shown (``label_for``), in
        the reader's language."""
        shot = {f.name: display(record, f) for f in self.fields()}
        for inline in self.inlines:
            fk = inline.formset.fk.name  # type: ignore[attr-defined]
            rows = inline.model._default_manager.filter(**{fk: record}).order_by("pk")
            for number, row in enumerate(rows, 1):
                parts = [display(row, f) for f in row_fields(inline.model, fk)]
                shot[f"{inline.model._meta.model_name} {number}"] = "; ".join(p for p in parts if p)
        return shot

    def label_for(self, key: str) -> str:
        """The label of a history key: a field's name, or an inline row's."""
        name, _sep, number = key.partition(" ")
        for inline in self.inlines:
            if inline.model._meta.model_name == name and number:
                return f"{inline.label} {number}"
        try:
            field = self.model._meta.get_field(key)
        except FieldDoesNotExist:
            return key
        if isinstance(field, models.Field):
            return upper_first(str(field.verbose_name))
        return key


def row_fields(model: type[models.Model], fk: str) -> list[models.Field]:
    """The fields of an inline row a person reads."""
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.Field)
        and f.concrete
        and not f.auto_created
        and f.editable
        and f.name not in ("id", fk)
    ]


def display(record: models.Model, f: models.Field) -> str:
    """A field's value as a person reads it: the model's ``display_<field>()`` when it
    has one, choices by label, dates as 03/7/2024, numbers as 1.234,5, units by name,
    lists joined."""
    value = getattr(record, f.name, None)
    if value is None or value == "" or value == [] or value == {}:
        return ""
    shown = getattr(record, f"display_{f.name}", None)  # a model's own wording
    if callable(shown):
        return str(shown())
    if f.choices:
        getter = getattr(record, f"get_{f.name}_display", None)
        if getter is not None:
            return str(getter())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, int) and f.name.endswith("year"):
        return str(value)  # a year, not a count: "2024", never "2.024"
    if isinstance(value, int | float) or type(value).__name__ == "Decimal":
        return format_number(value)
    if isinstance(value, OrgUnit):
        return value.name
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def is_written_text(field: Any) -> bool:
    """Whether a field holds what people wrote: text that no choice list names."""
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def column_field(model: type[models.Model], path: str) -> Any:
    """The model field a dotted column path ends on, None when it is not a field."""
    field: Any = None
    for part in path.split("."):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if field.is_relation and field.related_model is not None:
            model = field.related_model
    return field


def shown(value: Any, field: Any = None, *, title: bool = False) -> Any:
    """A value for a page: a unit by its name in the page's language, what people wrote
    (``field`` a text field without choices, or the record's ``title``) marked as
    Vietnamese on an English page (ttdn.names)."""
    if isinstance(value, OrgUnit):
        return names.marked_name(value)
    if isinstance(value, models.Model):  # another record, by its title
        return names.stored(str(value))
    if isinstance(value, str) and not isinstance(value, Promise):
        written = field is not None and (is_written_text(field) or field.is_relation)
        if title or written:
            return names.stored(value)
    return value


def page_value(record: models.Model, f: models.Field) -> Any:
    """``display()`` of a field for a page, through ``shown()``."""
    value = getattr(record, f.name, None)
    if isinstance(value, OrgUnit):
        return names.marked_name(value)
    return shown(display(record, f), f)


# Records that name a record of another register (an activity's links): called with
# (register, record, user), each gives (label, url) of the records the person may see,
# shown on the record's detail page. Filled by the apps that link, in ready().
RELATED: list[Callable[[Register, models.Model, Any], list[tuple[str, str]]]] = []

_registers: dict[str, Register] = {}


def register(cls: type[Register]) -> type[Register]:
    """Class decorator: serve ``cls`` under its slug."""
    existing = _registers.get(cls.slug)
    if existing is not None and type(existing) is not cls:
        raise ValueError(f"register {cls.slug!r} is declared twice")
    _registers[cls.slug] = cls()
    # A fed figure's sources carry the model's name: a refused write names the register.
    REGISTER_NAMES[cls.model._meta.model_name or ""] = cls.label
    return cls


def registers() -> list[Register]:
    return sorted(_registers.values(), key=lambda r: (r.order, r.slug))


def get(slug: str) -> Register:
    return _registers[slug]


def record_url(record: models.Model) -> str:
    """The detail page of a record of any register (search entries link to it)."""
    found = for_model(type(record))
    assert found is not None, f"{type(record).__name__} is no register's record"
    return found.detail_url(record)


def periods_with_records(years: set[int]) -> dict[int, tuple[OrgUnit, set[Period]]]:
    """Unit id → the unit and the periods of ``years`` its records count in, as each
    register says (``Register.periods``, ``Register.feeds_units``): what feeding every
    register's figures again has to cover."""
    found: dict[int, tuple[OrgUnit, set[Period]]] = {}
    for reg in registers():
        for record in reg.queryset():
            periods = {p for p in reg.periods(record) if p.year in years}
            if not periods:
                continue
            for unit in reg.feeds_units(record):
                found.setdefault(unit.pk, (unit, set()))[1].update(periods)
    return found


def for_model(model: type[models.Model]) -> Register | None:
    for reg in _registers.values():
        if reg.model is model:
            return reg
    return None


def discover() -> None:
    """Import the ``registers`` module of every installed app that has one."""
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "registers"):
            import_module(f"{config.name}.registers")
