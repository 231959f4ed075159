"""The shapes every API operation shares: camelCase fields, request bodies free of NUL,
the error answers, periods and unit codes in paths, paging."""

from typing import Annotated, Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja import Path, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from ttdn.inputs import NUL_MESSAGE, contains_nul
from ttdn.lib.periods import parse_period_id


class ApiRequest(HttpRequest):
    """A request that passed ``AUTH`` (``ttdn.api.auth``): django-ninja sets ``auth`` to
    the person calling. Only an annotation for endpoints; django-ninja passes its usual
    request."""

    auth: User


class ApiSchema(Schema):
    """Fields are snake_case in Python and camelCase on the wire."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class ApiInput(ApiSchema):
    """A request body: no field may hold a NUL (PostgreSQL cannot store one), checked
    field by field so the 422 points at the field; a NUL in a key, or in a property the
    schema does not know (otherwise ignored), is refused for the body as a whole."""

    @model_validator(mode="before")
    @classmethod
    def refuse_nul_elsewhere(cls, data: Any) -> Any:
        raw = data._obj if isinstance(data, DjangoGetter) else data  # ninja wraps the body
        if isinstance(raw, dict):
            fields = cls.model_fields
            known = set(fields) | {field.alias for field in fields.values() if field.alias}
            for key, value in raw.items():
                if contains_nul(key) or (key not in known and contains_nul(value)):
                    raise PydanticCustomError("nul_character", str(NUL_MESSAGE))
        return data

    @field_validator("*", mode="after")
    @classmethod
    def refuse_nul(cls, value: Any) -> Any:
        if contains_nul(value):
            raise PydanticCustomError("nul_character", str(NUL_MESSAGE))
        return value


class ErrorOut(Schema):
    detail: str


class ErrorItem(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ErrorItem]


# Declared on every operation so the schema lists every status the API can answer with
# (400: a NUL in the path, query or headers, refused before the operation runs).
ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}


def error_items(messages: list[str], loc: list[str | int] | None = None) -> list[dict[str, Any]]:
    return [{"type": "value_error", "loc": loc or [], "msg": message} for message in messages]


def _period_id(value: str) -> str:
    return parse_period_id(value).id  # PeriodError is a ValueError: pydantic reports it


PERIOD_PATTERN = r"^(19|20)[0-9]{2}(0[1-9]|1[0-2]|Q[1-4]|S[12]|N9)?$"
PeriodId = Annotated[
    str,
    Field(
        pattern=PERIOD_PATTERN,
        description="Period id: 202403 (month), 2024Q1, 2024S1 (six months), 2024N9, 2024.",
        examples=["2024S1"],
    ),
    AfterValidator(_period_id),
]

# The same characters OrgUnit.code accepts; anything else cannot name a unit.
CODE_PATTERN = r"^[A-Za-z0-9_.-]+$"


def unit_code_path(example: str = "BDI-QN") -> Any:
    return Path(..., description="Unit code.", pattern=CODE_PATTERN, max_length=40, example=example)


class Pages(LimitOffsetPagination):
    """limit/offset paging with bounds the database can take."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=2**31 - 1)


def row_id_path() -> Any:
    # Bounded like a BigAutoField: a larger number would overflow the database's integer.
    return Path(..., ge=1, le=2**63 - 1, example=1)
