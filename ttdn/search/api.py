"""The one search over the API, limited to what the caller may see, as on the search
page and `ttdn search --json`."""

from enum import StrEnum

from ninja import Query, Router
from pydantic import Field

from ttdn.api.schemas import CODE_PATTERN, ERRORS, ApiRequest, ApiSchema, PeriodId
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.access import get_unit_for
from ttdn.search import registry, services

router = Router(tags=["search"], by_alias=True)

# The registered kinds, for the schema (made once the apps are ready: the URLconf
# imports this module).
EntryKind = StrEnum("EntryKind", {kind.upper(): kind for kind in registry.kinds()})  # type: ignore[misc]


class SearchFilter(ApiSchema):
    q: str = Field(
        ...,
        min_length=1,
        max_length=200,
        description="Words to find; diacritics and đ are optional.",
        examples=["thong tin doi ngoai"],
    )
    unit: str | None = Field(
        None, pattern=CODE_PATTERN, max_length=40, description="Only this unit's subtree."
    )
    period: PeriodId | None = None
    kind: EntryKind | None = None
    topic: str | None = Field(None, max_length=40, description="Topic code (topics.json).")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class HitOut(ApiSchema):
    kind: EntryKind
    title: str
    unit: str
    period: str | None
    snippet: str = Field(description="Plain text around the first match.")
    url: str = Field(description="Path of the page that shows the item.")


class SearchOut(ApiSchema):
    total: int
    more_than_total: bool = Field(description="Counting stopped at `total`: there are more.")
    hits: list[HitOut]


@router.get(
    "/search",
    response={200: SearchOut, **ERRORS},
    summary="Search documents, activities and report narratives",
    # As when the archive served it: generated clients name their method after it.
    operation_id="ttdn_archive_api_search_everything",
)
def search_everything(request: ApiRequest, filters: Query[SearchFilter]) -> dict:
    unit = get_unit_for(request.auth, filters.unit) if filters.unit else None
    results = services.search(
        request.auth,
        filters.q,
        unit=unit,
        period=parse_period_id(filters.period) if filters.period else None,
        topic=filters.topic or "",
        kind=filters.kind or "",
        limit=filters.limit,
        offset=filters.offset,
    )
    return {
        "total": results.total,
        "more_than_total": results.more_than_total,
        "hits": [hit.as_dict() for hit in results.hits],
    }
