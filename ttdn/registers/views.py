"""The pages every register has: the list of a unit's records and its units' (filters:
unit by name, year, the register's choice fields, text without diacritics), one record
with its rows, the form to create or edit it with its rows, and its history."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ttdn import names
from ttdn.downloads import safe_filename
from ttdn.indicators.services import ValuesRejected
from ttdn.inputs import BoundedForm
from ttdn.lib import sheets
from ttdn.lib.prose import upper_first
from ttdn.lib.textfold import fold
from ttdn.orgunits.access import Action, can, get_for_user, get_unit_for
from ttdn.orgunits.models import OrgUnit
from ttdn.registers import base
from ttdn.registers.base import Column, Register, column_field, row_fields

PAGE_SIZE = 50


def _register(slug: str) -> Register:
    try:
        return base.get(slug)
    except KeyError:
        raise Http404(_("Không có sổ này.")) from None


class ListFilter(BoundedForm):
    q = forms.CharField(label=gettext_lazy("Tìm"), required=False, max_length=200)
    unit = forms.ChoiceField(label=gettext_lazy("Đơn vị"), required=False)
    year = forms.IntegerField(
        label=gettext_lazy("Năm"), required=False, min_value=1900, max_value=2099
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, *, register: Register, units: list[OrgUnit]):
        super().__init__(data)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        # The widget first: setting the field's choices hands them to its widget.
        unit_field.widget = names.MarkedSelect(vietnamese={u.code for u in units if not u.name_en})
        unit_field.choices = [("", _("Tất cả")), *((u.code, names.name_of(u)) for u in units)]
        if register.date_field is None:
            del self.fields["year"]
        for name in register.filters:
            field = register.model._meta.get_field(name)
            assert isinstance(field, models.Field) and field.choices, f"{name}: no choices"
            self.fields[name] = forms.ChoiceField(
                label=upper_first(str(field.verbose_name)),
                required=False,
                choices=[("", _("Tất cả")), *field.flatchoices],
            )


def _filtered(register: Register, records: models.QuerySet, data: dict) -> models.QuerySet:
    if data.get("unit"):
        records = records.filter(**{f"{register.unit_field}__code": data["unit"]})
    if data.get("year") and register.date_field:
        records = records.filter(**{f"{register.date_field}__year": data["year"]})
    for name in register.filters:
        if data.get(name):
            records = records.filter(**{name: data[name]})
    return records


def _matches(register: Register, record: models.Model, needle: str) -> bool:
    haystack = " ".join(str(Column("", f).of(record) or "") for f in register.search_fields)
    return needle in fold(haystack)


def _listed(request, register: Register, unit: OrgUnit):
    """The list's filter form, its cleaned filters, the records they keep (a queryset,
    for the list's extra context) and those records in the list's order after the text
    filter."""
    records = register.in_subtree(request.user, unit)
    unit_ids = records.values_list(register.unit_field, flat=True).distinct()
    units = list(OrgUnit.objects.filter(pk__in=unit_ids).order_by("path"))
    form = ListFilter(request.GET or None, register=register, units=units)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    records = _filtered(register, records, data)
    ordered = records.order_by(f"-{register.date_field}", "-pk") if register.date_field else records
    rows: Any = ordered
    needle = fold(data.get("q") or "")
    if needle:
        # Folded in Python: registers are hundreds of records a unit, not millions.
        rows = [r for r in ordered if _matches(register, r, needle)]
    return form, data, records, rows


@login_required
@require_GET
def record_list(request, slug: str, code: str):
    register = _register(slug)
    unit = get_unit_for(request.user, code, Action.VIEW)
    form, data, records, rows = _listed(request, register, unit)
    extra = {}
    if register.list_template:
        extra = register.list_context(request.user, unit, records, data)
    page = Paginator(rows, PAGE_SIZE).get_page(data.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registers/list.html",
        {
            "register": register,
            "unit": unit,
            "form": form,
            "page": page,
            "rows": [(r, _cells(register, r), register.unit_of(r)) for r in page.object_list],
            "query": query.urlencode(),
            "filters": request.GET.urlencode(),
            "may_enter": can(request.user, unit, Action.ENTER),
            "extra": extra,
        },
    )


def _cells(register: Register, record) -> list:
    """The list's cells of a record. The first names the record (its title); a column
    read from a model property (not a field) gives what people wrote, as titles do."""
    cells = []
    for i, column in enumerate(register.columns):
        path = column.value if isinstance(column.value, str) else None
        field = column_field(register.model, path) if path else None
        written = i == 0 or (path is not None and field is None)
        cells.append(base.shown(column.of(record), field, title=written))
    return cells


@login_required
@require_GET
def record_export(request, slug: str, code: str, fmt: str):
    """Every record the list shows with its filters, on one sheet: the list's columns
    and the unit, as CSV or XLSX."""
    register = _register(slug)
    unit = get_unit_for(request.user, code, Action.VIEW)
    _form, _data, _records, rows = _listed(request, register, unit)
    heading = [*(c.label for c in register.columns), _("Đơn vị"), _("Mã đơn vị")]
    table = []
    for record in rows:
        owner = register.unit_of(record)
        table.append([*(c.of(record) for c in register.columns), owner.name, owner.code])
    name = f"{slug}-{unit.code}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            sheets.write_csv(heading, table), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            sheets.write_xlsx(heading, table, str(register.label)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(name)}"'
    return response


def _record(request, register: Register, pk: int, action: Action = Action.VIEW):
    return get_for_user(register.queryset(), request.user, action, pk=pk)


@login_required
@require_GET
def record_detail(request, slug: str, pk: int):
    register = _register(slug)
    record = _record(request, register, pk)
    unit = register.unit_of(record)
    inlines = []
    for inline in register.inlines:
        if not inline.on_detail:
            continue
        fk = inline.formset.fk.name  # type: ignore[attr-defined]
        fields = row_fields(inline.model, fk)
        rows = inline.model._default_manager.filter(**{fk: record}).order_by("pk")
        inlines.append(
            {
                "label": inline.label,
                "headers": [upper_first(str(f.verbose_name)) for f in fields],
                "rows": [[base.page_value(row, f) for f in fields] for row in rows],
            }
        )
    return render(
        request,
        "registers/detail.html",
        {
            "register": register,
            "record": record,
            "unit": unit,
            "fields": [
                (upper_first(str(f.verbose_name)), base.page_value(record, f))
                for f in register.fields()
            ],
            "inlines": inlines,
            "related": [
                item for finder in base.RELATED for item in finder(register, record, request.user)
            ],
            "may_enter": can(request.user, unit, Action.ENTER),
            **register.detail_context(record),
        },
    )


class NextForm(BoundedForm):
    """Where to go back to after saving (the report being written)."""

    next = forms.CharField(required=False, max_length=2000)


def _back(request) -> str:
    """The page to return to after saving, when the person came from one on this site."""
    asked = NextForm(request.POST if "next" in request.POST else request.GET)
    back = asked.cleaned_data["next"] if asked.is_valid() else ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return ""
    return back


def _edit(request, register: Register, unit: OrgUnit, record: models.Model):
    creating = record.pk is None
    back = _back(request)
    initial = register.initial(request.GET) if creating and request.method == "GET" else None
    form = register.form_class(
        request.POST or None, request.FILES or None, instance=record, initial=initial
    )
    if hasattr(form, "for_unit"):
        form.for_unit(unit)
    formsets = [
        inline.formset(
            request.POST or None, request.FILES or None, instance=record, prefix=f"rows{i}"
        )
        for i, inline in enumerate(register.inlines)
    ]
    for formset in formsets:
        if hasattr(formset, "for_unit"):
            formset.for_unit(unit)
    if request.method == "POST":
        valid = form.is_valid() and all(fs.is_valid() for fs in formsets)
        if valid:
            saved = form.save(commit=False)
            children = {
                inline.model._meta.model_name or "": [
                    f.instance
                    for f in fs.forms
                    if f.has_changed() and f not in fs.deleted_forms and f.is_valid()
                ]
                for inline, fs in zip(register.inlines, formsets, strict=True)
            }

            def write_children(parent: models.Model) -> None:
                form.save_m2m()
                for fs in formsets:
                    fs.instance = parent
                    fs.save()

            try:
                saved = register.save(
                    request.user,
                    saved,
                    unit=unit if creating else None,
                    children=children,
                    write_children=write_children,
                )
            except ValuesRejected as error:
                form.add_error(None, error.whole or " ".join(error.messages))
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        target = field if field in form.fields else None
                        for e in errors:
                            form.add_error(target, e)
                else:
                    form.add_error(None, error)
            else:
                text = _("Đã lưu %(one)s “%(name)s”.") % {"one": register.one, "name": saved}
                messages.success(request, text)
                return redirect(back or register.detail_url(saved))
    return render(
        request,
        "registers/form.html",
        {
            "register": register,
            "unit": unit,
            "record": record if not creating else None,
            "form": form,
            "next": back,
            "formsets": [
                (inline.label, fs) for inline, fs in zip(register.inlines, formsets, strict=True)
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request, slug: str, code: str):
    register = _register(slug)
    unit = get_unit_for(request.user, code, Action.ENTER)
    record = register.model()
    # The new record knows its unit while its form is checked (Register.save sets it too).
    setattr(record, register.unit_field, unit)
    return _edit(request, register, unit, record)


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, slug: str, pk: int):
    register = _register(slug)
    record = _record(request, register, pk, Action.ENTER)
    return _edit(request, register, register.unit_of(record), record)


@login_required
@require_GET
def record_history(request, slug: str, pk: int):
    register = _register(slug)
    record = _record(request, register, pk)
    return render(
        request,
        "registers/history.html",
        {
            "register": register,
            "record": record,
            "unit": register.unit_of(record),
            "changes": [
                (change, [(register.label_for(k), pair) for k, pair in change.changes.items()])
                for change in register.history(record)
            ],
        },
    )
