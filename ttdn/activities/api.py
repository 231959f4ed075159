"""Activities over the API: list, record and correct the work the report drafts are made
from, with the pages' access rules (see: the unit's subtree; record and change: an
officer or leader of the activity's unit)."""

from datetime import date, datetime
from typing import Annotated

from ninja import Query, Router, Status
from ninja.pagination import paginate
from pydantic import Field

from ttdn.activities.models import Activity, ActivityType
from ttdn.activities.services import record_activity, update_activity
from ttdn.api.schemas import (
    CODE_PATTERN,
    ERRORS,
    ApiInput,
    ApiRequest,
    ApiSchema,
    Pages,
    row_id_path,
)
from ttdn.orgunits.access import Action, get_for_user, get_unit_for

router = Router(tags=["activities"], by_alias=True)

# Vocabulary and indicator codes are short, and an activity names a handful of them.
LIST_LIMIT = 100
Code = Annotated[str, Field(max_length=60)]
Codes = Annotated[list[Code], Field(max_length=LIST_LIMIT)]


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
    quantities: dict[Code, float] = Field(
        default_factory=dict,
        max_length=LIST_LIMIT,
        description='Figures by indicator code, e.g. {"training_participants": 120}.',
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
    partner_countries: str | None = Field(None, max_length=255)
    quantities: dict[Code, float] | None = Field(None, max_length=LIST_LIMIT)
    evidence_url: str | None = Field(None, max_length=200)


class ActivityOut(ActivityFields):
    id: int
    unit: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_unit(activity: Activity) -> str:
        return activity.unit.code


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
    activities = Activity.objects.for_user(request.auth).select_related("unit")
    if filters.unit is not None:
        unit = get_unit_for(request.auth, filters.unit)
        activities = activities.filter(unit__path__startswith=unit.path)
    if filters.start is not None or filters.end is not None:
        activities = activities.in_period(filters.start or date.min, filters.end or date.max)
    if filters.type is not None:
        activities = activities.filter(type=filters.type)
    return activities


@router.get(
    "/activities/{activity_id}", response={200: ActivityOut, **ERRORS}, summary="One activity"
)
def get_activity(request: ApiRequest, activity_id: int = row_id_path()):
    return get_for_user(Activity.objects.select_related("unit"), request.auth, pk=activity_id)


@router.post(
    "/activities",
    response={201: ActivityOut, **ERRORS},
    summary="Record an activity of a unit",
)
def create_activity(request: ApiRequest, payload: ActivityIn):
    unit = get_unit_for(request.auth, payload.unit, Action.ENTER)
    data = payload.model_dump(exclude={"unit"})
    activity = record_activity(request.auth, unit, Activity(**data))
    return Status(201, activity)


@router.patch(
    "/activities/{activity_id}",
    response={200: ActivityOut, **ERRORS},
    summary="Correct an activity",
)
def patch_activity(request: ApiRequest, payload: ActivityPatch, activity_id: int = row_id_path()):
    activity = get_for_user(
        Activity.objects.select_related("unit"),
        request.auth,
        Action.ENTER,
        not_allowed="Bạn không có quyền sửa hoạt động của đơn vị này.",
        pk=activity_id,
    )
    changes = payload.model_dump(exclude_unset=True)
    return update_activity(request.auth, activity, changes)
