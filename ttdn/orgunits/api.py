"""The unit tree over the API: only the units the caller may see."""

from datetime import date

from ninja import Query, Router
from ninja.pagination import paginate
from pydantic import Field

from ttdn.api.schemas import CODE_PATTERN, ERRORS, ApiRequest, ApiSchema, Pages, unit_code_path
from ttdn.orgunits.access import Action, get_unit_for
from ttdn.orgunits.models import OrgUnit, OrgUnitQuerySet, UnitKind

router = Router(tags=["units"], by_alias=True)


class UnitOut(ApiSchema):
    code: str
    name: str
    name_en: str
    kind: UnitKind
    parent: str | None = Field(description="Code of the parent unit.")
    depth: int
    child_count: int
    valid_from: date | None
    valid_to: date | None
    successor: str | None = Field(description="Code of the unit that took this one over.")

    @staticmethod
    def resolve_parent(unit: OrgUnit) -> str | None:
        return unit.parent.code if unit.parent is not None else None

    @staticmethod
    def resolve_successor(unit: OrgUnit) -> str | None:
        return unit.successor.code if unit.successor is not None else None


class UnitFilter(ApiSchema):
    parent: str | None = Field(
        None,
        pattern=CODE_PATTERN,
        max_length=40,
        description="Only the children of the unit with this code.",
    )
    kind: UnitKind | None = None


@router.get("/units", response={200: list[UnitOut], **ERRORS}, summary="Units you may see")
@paginate(Pages)
def list_units(request: ApiRequest, filters: Query[UnitFilter]) -> OrgUnitQuerySet:
    units = OrgUnit.objects.for_user(request.auth, Action.VIEW).select_related(
        "parent", "successor"
    )
    if filters.parent is not None:
        units = units.filter(parent__code=filters.parent)
    if filters.kind is not None:
        units = units.filter(kind=filters.kind)
    return units


@router.get("/units/{code}", response={200: UnitOut, **ERRORS}, summary="One unit")
def get_unit(request: ApiRequest, code: str = unit_code_path()) -> OrgUnit:
    return get_unit_for(request.auth, code, Action.VIEW)
