"""Every register over the API, with the pages' rules: list (a unit's subtree, a year),
one record, create, change and history. A register opts in with ``ApiShape`` (its
``api`` attribute): the output schema, the create and change bodies, and the inline
rows a body may carry (replaced as a whole when given)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from ninja import Query, Router, Status
from ninja.pagination import paginate
from pydantic import Field

from ttdn.accounts.models import person_name
from ttdn.api.schemas import CODE_PATTERN, ERRORS, ApiRequest, ApiSchema, Pages, row_id_path
from ttdn.orgunits.access import Action, get_for_user, get_unit_for
from ttdn.registers import base
from ttdn.registers.base import Register

router = Router(tags=["registers"], by_alias=True)


@dataclass(frozen=True)
class Child:
    """Inline rows in a body: the body's key, the rows' model and its key to the record."""

    name: str
    model: type[models.Model]
    fk: str


@dataclass(frozen=True)
class ApiShape:
    """``prepare``, when given, turns a body's data (children included) into model
    values before anything is built, e.g. unit codes into the units the person may
    see; called with the person and the data, it may raise ValidationError."""

    out: type[ApiSchema]
    create: type[ApiSchema]  # has ``unit``: the code of the record's unit
    patch: type[ApiSchema]
    children: list[Child] = field(default_factory=list)
    prepare: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None


class RecordOut(ApiSchema):
    """What every register's record says over the API beside its own fields: its id and
    the code of its unit."""

    id: int
    unit: str

    @staticmethod
    def resolve_unit(record: Any) -> str:
        register = base.for_model(type(record))
        unit = register.unit_of(record) if register is not None else record.unit
        return unit.code


class RegisterFilter(ApiSchema):
    unit: str | None = Field(
        None, pattern=CODE_PATTERN, max_length=40, description="This unit and the units under it."
    )
    year: int | None = Field(None, ge=1900, le=2099)


class ChangeOut(ApiSchema):
    at: datetime
    kind: str
    user: str
    changes: dict[str, list[str]]

    @staticmethod
    def resolve_user(change) -> str:
        return person_name(change.user)


def _children_writer(shape: ApiShape, data: dict[str, Any]):
    given = {c.name: data.pop(c.name, None) for c in shape.children}
    given = {name: rows for name, rows in given.items() if rows is not None}

    def write(record: models.Model) -> None:
        for child in shape.children:
            if child.name not in given:
                continue
            child.model._default_manager.filter(**{child.fk: record}).delete()
            for row in given[child.name]:
                instance = child.model(**{child.fk: record, **row})
                instance.full_clean()
                instance.save()

    rows = {
        c.model._meta.model_name or "": [c.model(**row) for row in given.get(c.name, [])]
        for c in shape.children
    }
    return write, rows


def _add(register: Register, shape: ApiShape) -> None:
    slug = register.slug
    label = str(register.label)

    @router.get(
        f"/{slug}",
        response={200: list[shape.out], **ERRORS},  # type: ignore[name-defined]
        summary=f"{label}: records you may see",
        operation_id=f"{slug.replace('-', '_')}_list",
    )
    @paginate(Pages)
    def list_records(request: ApiRequest, filters: Query[RegisterFilter]):
        records = register.queryset().for_user(request.auth)  # type: ignore[attr-defined]
        if filters.unit is not None:
            unit = get_unit_for(request.auth, filters.unit)
            records = records.filter(**{f"{register.unit_field}__path__startswith": unit.path})
        if filters.year is not None and register.date_field:
            records = records.filter(**{f"{register.date_field}__year": filters.year})
        return records.order_by("pk")

    @router.get(
        f"/{slug}/{{record_id}}",
        response={200: shape.out, **ERRORS},
        summary=f"{label}: one record",
        operation_id=f"{slug.replace('-', '_')}_get",
    )
    def get_record(request: ApiRequest, record_id: int = row_id_path()):
        return get_for_user(register.queryset(), request.auth, pk=record_id)

    @router.post(
        f"/{slug}",
        response={201: shape.out, **ERRORS},
        summary=f"{label}: record one for a unit",
        operation_id=f"{slug.replace('-', '_')}_create",
    )
    def create_record(request: ApiRequest, payload: shape.create):  # type: ignore[name-defined]
        data = payload.model_dump(exclude={"unit"})
        unit = get_unit_for(request.auth, payload.unit, Action.ENTER)
        if shape.prepare is not None:
            data = shape.prepare(request.auth, data)
        write, rows = _children_writer(shape, data)
        record = register.save(
            request.auth, register.model(**data), unit=unit, children=rows, write_children=write
        )
        return Status(201, record)

    @router.patch(
        f"/{slug}/{{record_id}}",
        response={200: shape.out, **ERRORS},
        summary=f"{label}: change a record",
        operation_id=f"{slug.replace('-', '_')}_patch",
    )
    def patch_record(
        request: ApiRequest,
        payload: shape.patch,  # type: ignore[name-defined]
        record_id: int = row_id_path(),
    ):
        record = get_for_user(register.queryset(), request.auth, Action.ENTER, pk=record_id)
        data = payload.model_dump(exclude_unset=True)
        if shape.prepare is not None:
            data = shape.prepare(request.auth, data)
        write, rows = _children_writer(shape, data)
        for name, value in data.items():
            setattr(record, name, value)
        return register.save(request.auth, record, children=rows, write_children=write)

    @router.get(
        f"/{slug}/{{record_id}}/history",
        response={200: list[ChangeOut], **ERRORS},
        summary=f"{label}: who changed what, newest first",
        operation_id=f"{slug.replace('-', '_')}_history",
    )
    def record_history(request: ApiRequest, record_id: int = row_id_path()):
        record = get_for_user(register.queryset(), request.auth, pk=record_id)
        return list(register.history(record))


def build() -> Router:
    """The router with every register that has an API shape (called once, by apiroot)."""
    for register in base.registers():
        shape = getattr(register, "api", None)
        if shape is not None:
            _add(register, shape)
    return router
