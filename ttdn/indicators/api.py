"""Indicators, data value sets (DHIS2-like) and subtree totals over the API."""

from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.timezone import localdate
from django.utils.translation import get_language
from ninja import Path, Query, Router
from ninja.errors import ValidationError as RequestInvalid
from pydantic import Field, WithJsonSchema

from ttdn.api.schemas import (
    CODE_PATTERN,
    ERRORS,
    ApiInput,
    ApiRequest,
    ApiSchema,
    PeriodId,
    error_items,
    unit_code_path,
)
from ttdn.indicators import charts
from ttdn.indicators.models import (
    DataValueSource,
    Disaggregation,
    Indicator,
    TimeAggregation,
    UnitAggregation,
    ValueType,
)
from ttdn.indicators.services import (
    Key,
    Totals,
    ValuesRejected,
    save_values,
    stored_values,
    subtree_totals,
)
from ttdn.lib.periods import half_year_in_hand, parse_period_id
from ttdn.lib.vnformat import plain_number
from ttdn.orgunits.access import Action, get_unit_for

router = Router(tags=["indicators"], by_alias=True)
PERIOD_PATH = Path(...)

Number = int | float
# Numbers as JSON numbers; numeric strings are accepted too, as DHIS2 clients send them.
InputNumber = Annotated[
    Decimal,
    Field(max_digits=20, decimal_places=4),
    WithJsonSchema(
        {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}]}
    ),
]


class OptionOut(ApiSchema):
    code: str = Field(description='Option code; "" is the total or an undisaggregated value.')
    name: str
    name_en: str


class IndicatorOut(ApiSchema):
    code: str
    name: str
    name_en: str
    group: str
    measure_unit: str
    value_type: ValueType
    time_aggregation: TimeAggregation
    unit_aggregation: UnitAggregation
    disaggregation: Disaggregation
    options: list[OptionOut]

    @staticmethod
    def resolve_options(indicator: Indicator) -> list[dict[str, str]]:
        return [
            {
                "code": option,
                "name": indicator.option_label(option, "vi"),
                "name_en": indicator.option_label(option, "en"),
            }
            for option in indicator.options()
        ]


@router.get("/indicators", response={200: list[IndicatorOut], **ERRORS}, summary="Indicators")
def list_indicators(request: HttpRequest) -> list[Indicator]:
    return list(Indicator.objects.filter(active=True))


# Data value sets ----------------------------------------------------------------------


class DataValueOut(ApiSchema):
    indicator: str
    option: str
    value: Number
    version: int = Field(description="Send it back when writing to detect concurrent edits.")
    derived: bool = Field(
        description="Computed from finer periods or from the parts of the breakdown; a "
        "value written for the cell replaces it."
    )
    months: int | None = Field(
        description="For a derived value whose parts cover only part of the period (a year "
        "with one half), the months they cover; null for the whole period."
    )
    estimated: bool = Field(description="Given as an estimate (số ước).")


class DataValueSetOut(ApiSchema):
    period: str
    org_unit: str
    data_values: list[DataValueOut]


class DataValueSetQuery(ApiSchema):
    org_unit: str = Field(
        description="Unit code.", pattern=CODE_PATTERN, max_length=40, examples=["BDI-QN"]
    )
    period: PeriodId


class DataValueIn(ApiInput):
    indicator: str = Field(pattern=CODE_PATTERN, max_length=60, examples=["publication_copies"])
    option: str = Field("", pattern=r"^[A-Za-z0-9_.-]*$", max_length=40, examples=["en"])
    value: InputNumber | None = Field(
        description="A number (or a numeric string), at most 4 decimal places; null clears it.",
        examples=[12],
    )
    version: int | None = Field(
        None,
        ge=0,
        description=(
            "The version you read (0 for no value). If someone changed the value since, "
            "it is not overwritten and comes back in conflicts."
        ),
    )
    estimated: bool = Field(False, description="An estimate (số ước), to be replaced later.")


class DataValueSetIn(ApiInput):
    period: PeriodId
    org_unit: str = Field(pattern=CODE_PATTERN, max_length=40, examples=["BDI-QN"])
    data_values: list[DataValueIn] = Field(max_length=5000)


class ConflictOut(ApiSchema):
    indicator: str
    option: str
    value: Number | None = Field(description="The value stored now.")


class ImportSummaryOut(ApiSchema):
    status: Literal["OK", "CONFLICT"]
    created: int
    updated: int
    deleted: int
    unchanged: int
    conflicts: list[ConflictOut]


@router.get(
    "/datavalues", response={200: DataValueSetOut, **ERRORS}, summary="A unit's values for a period"
)
def get_data_values(request: ApiRequest, query: Query[DataValueSetQuery]) -> dict[str, Any]:
    unit = get_unit_for(request.auth, query.org_unit, Action.VIEW)
    values = stored_values(unit, parse_period_id(query.period))
    return {
        "period": query.period,
        "org_unit": unit.code,
        "data_values": [
            {
                "indicator": code,
                "option": option,
                "value": plain_number(stored.value),
                "version": stored.version,
                "derived": stored.derived,
                "months": stored.months,
                "estimated": stored.estimated,
            }
            for (code, option), stored in sorted(values.items())
        ],
    }


@router.post(
    "/datavalues",
    response={200: ImportSummaryOut, **ERRORS},
    summary="Write a unit's values for a period",
)
def post_data_values(request: ApiRequest, payload: DataValueSetIn) -> dict[str, Any]:
    unit = get_unit_for(request.auth, payload.org_unit, Action.ENTER)
    values: dict[Key, Decimal | None] = {}
    versions: dict[Key, int] = {}
    index: dict[Key, int] = {}
    estimated: set[Key] = set()
    errors = []
    for i, item in enumerate(payload.data_values):
        key = (item.indicator, item.option)
        if key in index:
            errors += error_items(["Giá trị lặp lại trong cùng một lần gửi."], _loc(i))
        values[key], index[key] = item.value, i
        if item.version is not None:
            versions[key] = item.version
        if item.estimated:
            estimated.add(key)
    if errors:
        raise RequestInvalid(errors)
    try:
        result = save_values(
            request.auth,
            unit,
            parse_period_id(payload.period),
            values,
            versions,
            source=DataValueSource.API,
            estimated=estimated,
        )
    except ValuesRejected as rejected:
        raise RequestInvalid(
            [
                item
                for key, message in rejected.errors.items()
                for item in error_items([f"{_label(key)}: {message}"], _loc(_position(key, index)))
            ]
        ) from rejected
    return {
        "status": "CONFLICT" if result.conflicts else "OK",
        "created": result.created,
        "updated": result.updated,
        "deleted": result.deleted,
        "unchanged": result.unchanged,
        "conflicts": [
            {"indicator": code, "option": option, "value": plain_number(value)}
            for (code, option), value in result.conflicts.items()
        ],
    }


def _position(key: Key, index: dict[Key, int]) -> int:
    """Where in the request a rejected value was; a total checked against parts sent
    without it points at its first part."""
    if key in index:
        return index[key]
    return next((i for k, i in index.items() if k[0] == key[0]), 0)


def _loc(index: int) -> list[str | int]:
    return ["body", "payload", "dataValues", index, "value"]


def _label(key: Key) -> str:
    code, option = key
    return f"{code}/{option}" if option else code


# Totals -------------------------------------------------------------------------------


class UnitValueOut(ApiSchema):
    org_unit: str
    value: Number


class UnitRefOut(ApiSchema):
    code: str
    name: str


class TotalsRowOut(ApiSchema):
    indicator: str
    option: str
    total: Number | None
    previous: Number | None = Field(description="The same period a year earlier.")
    change: float | None = Field(description="Change from previous, in %.")
    reporting_units: int
    derived_units: int = Field(
        description="Of the reporting units, how many gave a figure derived from finer "
        "periods or from the parts of the breakdown."
    )
    partial_units: int = Field(
        description="Of the reporting units, how many gave a figure covering only part of "
        "the period (a year with its first half); change is then null."
    )
    by_unit: list[UnitValueOut] = Field(
        description="Per child unit (and the unit itself when it reports)."
    )


class TotalsOut(ApiSchema):
    org_unit: str
    period: str
    previous_period: str
    units: list[UnitRefOut] = Field(description="The columns of by_unit, in order.")
    rows: list[TotalsRowOut]


@router.get(
    "/totals/{code}/{period}",
    response={200: TotalsOut, **ERRORS},
    summary="Totals over a unit's subtree",
)
def get_totals(
    request: ApiRequest,
    code: str = unit_code_path("BDI"),
    period: PeriodId = PERIOD_PATH,
) -> dict[str, Any]:
    unit = get_unit_for(request.auth, code, Action.VIEW)
    return _totals_out(subtree_totals(unit, parse_period_id(period)))


def _totals_out(table: Totals) -> dict[str, Any]:
    codes = {branch.pk: branch.code for branch in table.branches}
    return {
        "org_unit": table.unit.code,
        "period": table.period.id,
        "previous_period": table.previous_period.id,
        "units": [{"code": b.code, "name": b.name} for b in table.branches],
        "rows": [
            {
                "indicator": row.indicator.code,
                "option": row.option,
                "total": plain_number(row.total),
                "previous": plain_number(row.previous),
                "change": row.change,
                "reporting_units": row.reporting_units,
                "derived_units": row.derived_units,
                "partial_units": row.partial_units,
                "by_unit": [
                    {"org_unit": codes[pk], "value": plain_number(value)}
                    for pk, value in row.by_branch.items()
                    if pk in codes
                ],
            }
            for row in table.rows
        ],
    }


# Charts ---------------------------------------------------------------------------------


class TrendSeriesOut(ApiSchema):
    indicator: str
    name: str = Field(description="The indicator's name in the request's language.")
    measure_unit: str
    values: list[Number | None] = Field(description="One per period; null: nothing recorded.")


class PeriodRefOut(ApiSchema):
    id: str
    label: str


class TrendOut(ApiSchema):
    org_unit: str
    periods: list[PeriodRefOut] = Field(description="Oldest first.")
    series: list[TrendSeriesOut]


class TrendQuery(ApiSchema):
    period: PeriodId | None = Field(
        None, description="The last period shown; default: the half-year in hand today."
    )
    count: int = Field(charts.TREND_PERIODS, ge=1, le=charts.MAX_TREND_PERIODS)
    indicator: list[Annotated[str, Field(pattern=CODE_PATTERN, max_length=60)]] = Field(
        default_factory=list,
        max_length=charts.MAX_SERIES,
        description="Indicator codes (repeat the parameter); default: the key indicators.",
    )


def _indicators_or_422(codes: list[str]) -> list[Indicator]:
    if not codes:
        return charts.key_indicators()
    found = charts.key_indicators(codes)
    unknown = sorted(set(codes) - {i.code for i in found})
    if unknown:
        raise RequestInvalid(error_items([f"Không có chỉ tiêu {code}." for code in unknown]))
    return found


@router.get(
    "/charts/trend/{code}",
    response={200: TrendOut, **ERRORS},
    summary="Totals of indicators over a unit's subtree, period by period",
)
def chart_trend(
    request: ApiRequest, query: Query[TrendQuery], code: str = unit_code_path("BDI")
) -> dict[str, Any]:
    unit = get_unit_for(request.auth, code, Action.VIEW)
    last = parse_period_id(query.period) if query.period else half_year_in_hand(localdate())
    indicators = _indicators_or_422(query.indicator)
    table = charts.trend(unit, indicators, charts.recent_periods(last, query.count))
    language = get_language() or "vi"
    return {
        "org_unit": unit.code,
        "periods": [{"id": p.id, "label": p.label(language)} for p in table.periods],
        "series": [
            {
                "indicator": s.indicator.code,
                "name": s.indicator.display_name(language),
                "measure_unit": s.indicator.display_unit(language),
                "values": [plain_number(v) for v in s.values],
            }
            for s in table.series
        ],
    }


class RankedOut(ApiSchema):
    org_unit: str
    name: str
    value: Number | None


class RankingOut(ApiSchema):
    org_unit: str
    period: PeriodRefOut
    indicator: str
    name: str
    measure_unit: str
    units: list[RankedOut] = Field(description="Largest first; units with nothing last.")


class RankingQuery(ApiSchema):
    indicator: str = Field(
        charts.KEY_INDICATORS[0], pattern=CODE_PATTERN, max_length=60, examples=["news_articles"]
    )


@router.get(
    "/charts/ranking/{code}/{period}",
    response={200: RankingOut, **ERRORS},
    summary="The units under a unit ranked on one indicator",
)
def chart_ranking(
    request: ApiRequest,
    query: Query[RankingQuery],
    code: str = unit_code_path("BDI"),
    period: PeriodId = PERIOD_PATH,
) -> dict[str, Any]:
    unit = get_unit_for(request.auth, code, Action.VIEW)
    the_period = parse_period_id(period)
    (indicator,) = _indicators_or_422([query.indicator])
    language = get_language() or "vi"
    return {
        "org_unit": unit.code,
        "period": {"id": the_period.id, "label": the_period.label(language)},
        "indicator": indicator.code,
        "name": indicator.display_name(language),
        "measure_unit": indicator.display_unit(language),
        "units": [
            {
                "org_unit": r.unit.code,
                "name": r.unit.display_name(language),
                "value": plain_number(r.value),
            }
            for r in charts.ranking(unit, the_period, indicator)
        ],
    }
