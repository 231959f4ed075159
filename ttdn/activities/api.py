"""Activities over the API: list, record, correct and read the history of the work the
report drafts are made from, with the pages' access rules (see: the unit's subtree;
record and change: an officer or leader of the activity's unit). Saving goes through
the activities register (ttdn.activities.registers): history, checks and fed values
are the pages'."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate
from pydantic import Field

from ttdn.activities.models import Activity, ActivityLink, ActivityQuantity, ActivityType
from ttdn.api.schemas import (
    CODE_PATTERN,
    ERRORS,
    ApiInput,
    ApiRequest,
    ApiSchema,
    Pages,
    row_id_path,
)
from ttdn.indicators.models import Indicator
from ttdn.orgunits.access import Action, get_for_user, get_unit_for
from ttdn.registers import base
from ttdn.registers.api import ChangeOut

router = Router(tags=["activities"], by_alias=True)

# Vocabulary and indicator codes are short, and an activity names a handful of them.
LIST_LIMIT = 100
Code = Annotated[str, Field(max_length=60)]
Codes = Annotated[list[Code], Field(max_length=LIST_LIMIT)]


class LinkIn(ApiSchema):
    slug: str = Field(max_length=40, description="The register's slug: plans, …")
    record_id: int = Field(ge=1, le=2**63 - 1)


class ActivityFields(ApiSchema):
    type: ActivityType
    title: str = Field(min_length=1, max_length=500, description="As a report would say it.")
    description: str = Field("", max_length=10_000)
    start_date: date
    end_date: date | None = None
    topics: Codes = Field(default_factory=list, description="Codes of /docs topics.")
    channels: Codes = Field(default_factory=list)
    languages: Codes = Field(default_factory=list, description="vi, en, zh, ja, ko …")
    partner_countries: str = Field("", max_length=255)
    audiences: Codes = Field(default_factory=list, description="Codes of /docs audiences.")
    quantities: dict[Code, float] = Field(
        default_factory=dict,
        max_length=LIST_LIMIT,
        description=(
            'Figures by indicator code, an option after a slash: {"training_participants": '
            '120, "foreign_media_items/en": 4}. An unknown code is refused.'
        ),
    )
    counted: bool = Field(False, description="The figures count in the unit's values.")
    links: list[LinkIn] = Field(
        default_factory=list, max_length=LIST_LIMIT, description="Register records concerned."
    )
    evidence_url: str = Field("", max_length=200)


class ActivityIn(ApiInput, ActivityFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40, description="Code of the unit.")


class ActivityPatch(ApiInput):
    type: ActivityType | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    description: str | None = Field(None, max_length=10_000)
    start_date: date | None = None
    end_date: date | None = None
    topics: Codes | None = None
    channels: Codes | None = None
    languages: Codes | None = None
    audiences: Codes | None = None
    partner_countries: str | None = Field(None, max_length=255)
    quantities: dict[Code, float] | None = Field(None, max_length=LIST_LIMIT)
    counted: bool | None = None
    links: list[LinkIn] | None = Field(None, max_length=LIST_LIMIT)
    evidence_url: str | None = Field(None, max_length=200)


class ActivityOut(ActivityFields):
    id: int
    unit: str
    created_at: datetime
    updated_at: datetime
    cancelled_at: datetime | None = Field(
        None, description="When the activity was cancelled; it then gives no values."
    )
    cancel_reason: str = ""

    @staticmethod
    def resolve_unit(activity: Activity) -> str:
        return activity.unit.code

    @staticmethod
    def resolve_quantities(activity: Activity) -> dict[str, float]:
        return {
            f"{row.indicator.code}/{row.option}" if row.option else row.indicator.code: float(
                row.value
            )
            for row in activity.quantity_rows.all()
        }

    @staticmethod
    def resolve_links(activity: Activity) -> list[dict]:
        return [{"slug": k.register, "record_id": k.record_id} for k in activity.links.all()]


class ActivityFilter(ApiSchema):
    unit: str | None = Field(
        None, pattern=CODE_PATTERN, max_length=40, description="This unit and the units under it."
    )
    start: date | None = Field(None, description="Activities that end on or after this day.")
    end: date | None = Field(None, description="Activities that start on or before this day.")
    type: ActivityType | None = None


@router.get(
    "/activities",
    response={200: list[ActivityOut], **ERRORS},
    summary="Activities you may see, newest first",
)
@paginate(Pages)
def list_activities(request: ApiRequest, filters: Query[ActivityFilter]):
    activities = _register().queryset().for_user(request.auth).prefetch_related("links")
    if filters.unit is not None:
        unit = get_unit_for(request.auth, filters.unit)
        activities = activities.filter(unit__path__startswith=unit.path)
    if filters.start is not None or filters.end is not None:
        activities = activities.in_period(filters.start or date.min, filters.end or date.max)
    if filters.type is not None:
        activities = activities.filter(type=filters.type)
    return activities


def _register():
    return base.get("activities")


def _rows(activity: Activity, data: dict):
    """The quantity and link rows a body gives (None: leave them), and the writer that
    replaces them once the activity has its key. An unknown indicator or option is
    refused by name."""
    quantities = data.pop("quantities", None)
    links = data.pop("links", None)
    new_quantities: list[ActivityQuantity] = []
    if quantities is not None:
        codes = {key.partition("/")[0] for key in quantities}
        indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
        errors = []
        for key, amount in quantities.items():
            code, _sep, option = key.partition("/")
            indicator = indicators.get(code)
            if indicator is None:
                errors.append(_("Không có chỉ tiêu mã “%(code)s” trong danh mục.") % {"code": code})
                continue
            row = ActivityQuantity(indicator=indicator, option=option, value=Decimal(str(amount)))
            try:
                row.clean()
            except ValidationError as error:
                errors.extend(error.messages)
            new_quantities.append(row)
        if errors:
            raise ValidationError({"quantities": errors})
    new_links = [
        ActivityLink(register=link["slug"], record_id=link["record_id"]) for link in links or []
    ]

    def write(saved: models.Model) -> None:
        if quantities is not None:
            saved.quantity_rows.all().delete()  # type: ignore[attr-defined]
            for row in new_quantities:
                row.activity = saved  # type: ignore[assignment]
                row.save()
        if links is not None:
            saved.links.all().delete()  # type: ignore[attr-defined]
            for link in new_links:
                link.activity = saved  # type: ignore[assignment]
                link.save()

    return write


@router.get(
    "/activities/{record_id}", response={200: ActivityOut, **ERRORS}, summary="One activity"
)
def get_activity(request: ApiRequest, record_id: int = row_id_path()):
    return get_for_user(_register().queryset(), request.auth, pk=record_id)


@router.post(
    "/activities",
    response={201: ActivityOut, **ERRORS},
    summary="Record an activity of a unit",
)
def create_activity(request: ApiRequest, payload: ActivityIn):
    unit = get_unit_for(request.auth, payload.unit, Action.ENTER)
    data = payload.model_dump(exclude={"unit"})
    activity = Activity()
    write = _rows(activity, data)
    for name, value in data.items():
        setattr(activity, name, value)
    saved = _register().save(request.auth, activity, unit=unit, write_children=write)
    return Status(201, saved)


@router.patch(
    "/activities/{record_id}",
    response={200: ActivityOut, **ERRORS},
    summary="Correct an activity",
)
def patch_activity(request: ApiRequest, payload: ActivityPatch, record_id: int = row_id_path()):
    activity = get_for_user(
        _register().queryset(),
        request.auth,
        Action.ENTER,
        not_allowed=_("Bạn không có quyền sửa hoạt động của đơn vị này."),
        pk=record_id,
    )
    data = payload.model_dump(exclude_unset=True)
    write = _rows(activity, data)
    for name, value in data.items():
        setattr(activity, name, value)
    return _register().save(request.auth, activity, write_children=write)


@router.get(
    "/activities/{record_id}/history",
    response={200: list[ChangeOut], **ERRORS},
    summary="Who changed an activity, and what, newest first",
)
def activity_history(request: ApiRequest, record_id: int = row_id_path()):
    activity = get_for_user(_register().queryset(), request.auth, pk=record_id)
    return list(_register().history(activity))
