"""The reporting cycle over the API: requests (công văn), their board, and submissions
with the submit / return / accept steps."""

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language
from ninja import Path, Query, Router
from ninja import Status as Answer
from ninja.pagination import paginate
from pydantic import Field

from ttdn.accounts.models import person_name
from ttdn.api.schemas import (
    ERRORS,
    ApiInput,
    ApiRequest,
    ApiSchema,
    Pages,
    PeriodId,
    row_id_path,
    unit_code_path,
)
from ttdn.orgunits.access import Action, can, get_for_user, get_unit_for
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting import progress, services
from ttdn.reporting.models import (
    SECTION_TEXT_LIMIT,
    BoardState,
    ReportRequest,
    Stage,
    Status,
    Submission,
)

router = Router(tags=["reporting"], by_alias=True)


def requests_for(user) -> QuerySet[ReportRequest]:
    """Requests issued by or addressed to a unit the person may see (a cancelled one
    only to its issuer's people)."""
    return ReportRequest.objects.listed_for(user)


def get_request_for(user, request_id: int) -> ReportRequest:
    requests = ReportRequest.objects.select_related("issuing_unit", "form")
    return get_for_user(requests, user, pk=request_id)


def get_submission_for(user, submission_id: int) -> Submission:
    """A submission of the person's unit or of a request their unit issued, else 404."""
    submissions = Submission.objects.select_related(
        "unit", "request__issuing_unit", "request__form"
    )
    return get_for_user(submissions, user, not_found="Không tìm thấy báo cáo.", pk=submission_id)


# Schemas ------------------------------------------------------------------------------


class RequestFields(ApiSchema):
    id: int
    issuing_unit: str
    number: str = Field(description="Số, ký hiệu of the công văn.")
    issued_on: date
    subject: str
    form: str
    period: str
    deadline: date
    cancelled_at: datetime | None = Field(
        None, description="When the issuer cancelled the request; null while it stands."
    )


class RequestBriefOut(RequestFields):
    @staticmethod
    def resolve_issuing_unit(request: ReportRequest) -> str:
        return request.issuing_unit.code

    @staticmethod
    def resolve_form(request: ReportRequest) -> str:
        return request.form.code


class SubmissionBriefOut(ApiSchema):
    id: int
    org_unit: str
    status: Status
    submitted_at: datetime | None
    late: bool


class RequestOut(RequestFields):
    form_name: str
    convention: str
    recipients: list[str] = Field(description="Codes of the units asked that you may see.")
    submissions: list[SubmissionBriefOut] = Field(description="Those of units you may see.")


class BoardUnitOut(ApiSchema):
    org_unit: str
    name: str
    state: str = Field(description="on_time, late, missing or returned.")
    submission: int | None
    submitted_at: datetime | None


class BoardOut(ApiSchema):
    request: int
    expected: int
    submitted: int
    on_time: int
    late: int
    missing: int
    returned: int
    completeness: float = Field(description="Submitted / expected, in %.")
    timeliness: float = Field(description="On time / expected, in %.")
    units: list[BoardUnitOut]


class DraftLineOut(ApiSchema):
    text: str
    sources: list[list[str]] = Field(description="[kind, id, label] of each record it came from.")
    derived: bool = False


class SectionOut(ApiSchema):
    code: str
    title: str
    text: str
    version: int
    draft: list[DraftLineOut] = Field(description="The lines as last drafted from the records.")


class EventOut(ApiSchema):
    action: str
    by: str | None = Field(description="The username of who took the step.")
    by_name: str = Field(description="Their name in Vietnamese order (họ, tên đệm, tên).")
    at: datetime
    comment: str


class SubmissionOut(ApiSchema):
    id: int
    request: int | None = Field(description="The request answered; null for a unit's own report.")
    period: str
    org_unit: str
    status: Status
    stage: Stage = Field(
        description="The status, and before submission whether the report is presented to "
        "the leader (presented) or approved (approved)."
    )
    deadline: date | None = Field(description="The unit's deadline, with any extension.")
    submitted_at: datetime | None
    first_submitted_at: datetime | None
    late: bool
    presented_at: datetime | None
    signed_off_at: datetime | None
    signer_name: str
    signer_position: str
    sections: list[SectionOut]
    events: list[EventOut]


class RequestFilter(ApiSchema):
    period: PeriodId | None = None


class SubmitIn(ApiInput):
    signer_name: str = Field(
        "", max_length=120, description="For a unit without a leader account: who signs."
    )
    signer_position: str = Field("", max_length=120, description="The signer's position.")


class ReturnIn(ApiInput):
    comment: str = Field(max_length=5000, description="Why the report goes back.")


# Shaping ------------------------------------------------------------------------------


def _brief(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "org_unit": submission.unit.code,
        "status": submission.status,
        "submitted_at": submission.submitted_at,
        "late": submission.is_late(),
    }


def _submission_out(submission: Submission) -> dict[str, Any]:
    texts = {s.code: s for s in submission.sections.all()}
    return {
        **_brief(submission),
        "request": submission.request_id,
        "period": submission.period,
        "first_submitted_at": submission.first_submitted_at,
        "stage": submission.stage,
        "deadline": submission.deadline,
        "presented_at": submission.presented_at,
        "signed_off_at": submission.signed_off_at,
        "signer_name": submission.signer_name,
        "signer_position": submission.signer_position,
        "sections": [
            {
                "code": section["code"],
                "title": section["title"],
                "text": texts[section["code"]].text if section["code"] in texts else "",
                "version": texts[section["code"]].version if section["code"] in texts else 0,
                "draft": texts[section["code"]].draft if section["code"] in texts else [],
            }
            for section in submission.section_specs
        ],
        "events": [
            {
                "action": event.action,
                "by": event.by.username if event.by else None,
                "by_name": person_name(event.by),
                "at": event.at,
                "comment": event.comment,
            }
            for event in submission.events.select_related("by")
        ],
    }


# Endpoints ----------------------------------------------------------------------------


@router.get(
    "/requests",
    response={200: list[RequestBriefOut], **ERRORS},
    summary="Report requests issued by or addressed to your units",
)
@paginate(Pages)
def list_requests(request: ApiRequest, filters: Query[RequestFilter]) -> QuerySet[ReportRequest]:
    requests = requests_for(request.auth).select_related("issuing_unit", "form")
    if filters.period is not None:
        requests = requests.filter(period=filters.period)
    return requests


@router.get(
    "/requests/{request_id}", response={200: RequestOut, **ERRORS}, summary="One report request"
)
def get_request(request: ApiRequest, request_id: int = row_id_path()) -> dict[str, Any]:
    report_request = get_request_for(request.auth, request_id)
    submissions = report_request.submissions.select_related("unit", "request").order_by(
        "unit__path"
    )
    return {
        **{
            field: getattr(report_request, field)
            for field in (
                "id",
                "number",
                "issued_on",
                "subject",
                "period",
                "deadline",
                "cancelled_at",
            )
        },
        "issuing_unit": report_request.issuing_unit.code,
        "form": report_request.form.code,
        "form_name": report_request.form.name,
        "convention": report_request.convention,
        "recipients": sorted(
            OrgUnit.objects.for_user(request.auth)
            .filter(received_requests=report_request)
            .values_list("code", flat=True)
        ),
        "submissions": [_brief(s) for s in submissions if can(request.auth, s.unit, Action.VIEW)],
    }


@router.get(
    "/requests/{request_id}/board",
    response={200: BoardOut, **ERRORS},
    summary="Completeness and timeliness of a request",
)
def get_board(request: ApiRequest, request_id: int = row_id_path()) -> dict[str, Any]:
    report_request = get_request_for(request.auth, request_id)
    if not can(request.auth, report_request.issuing_unit, Action.VIEW):
        raise PermissionDenied("Chỉ đơn vị ban hành xem được tình hình nộp báo cáo.")
    table = services.board(report_request)
    return {
        "request": report_request.pk,
        "expected": table.expected,
        "submitted": table.submitted,
        **{state.value: table.count(state) for state in BoardState},
        "completeness": table.completeness,
        "timeliness": table.timeliness,
        "units": [
            {
                "org_unit": row.unit.code,
                "name": row.unit.name,
                "state": row.state.value,
                "submission": row.submission.pk if row.submission else None,
                "submitted_at": row.submission.submitted_at if row.submission else None,
            }
            for row in table.rows
        ],
    }


@router.get(
    "/submissions/{submission_id}",
    response={200: SubmissionOut, **ERRORS},
    summary="One unit's report",
)
def get_submission(request: ApiRequest, submission_id: int = row_id_path()) -> dict[str, Any]:
    return _submission_out(get_submission_for(request.auth, submission_id))


class SectionIn(ApiInput):
    text: str = Field(max_length=SECTION_TEXT_LIMIT)
    version: int = Field(
        ge=0, le=2**31 - 1, description="The version you read (0 for a section never saved)."
    )


class ConflictOut(ApiSchema):
    detail: str
    text: str = Field(description="The text now stored, saved by someone else meanwhile.")


@router.put(
    "/submissions/{submission_id}/sections/{code}",
    response={200: SubmissionOut, 409: ConflictOut, **ERRORS},
    summary="Save one section's text",
)
def put_section(
    request: ApiRequest,
    payload: SectionIn,
    submission_id: int = row_id_path(),
    code: str = Path(..., pattern=r"^[a-z_]{1,40}$", example="results"),
) -> Any:
    submission = get_submission_for(request.auth, submission_id)
    if code not in {spec["code"] for spec in submission.section_specs}:
        raise Http404("Báo cáo không có phần này.")
    outcome = services.save_sections(
        request.auth, submission, {code: payload.text}, {code: payload.version}
    )
    if code in outcome.conflicts:
        return Answer(
            409,
            {
                "detail": "Phần này vừa được người khác lưu; bản của bạn chưa được ghi.",
                "text": outcome.conflicts[code],
            },
        )
    return _submission_out(submission)


class DraftIn(ApiInput):
    sections: list[Annotated[str, Field(max_length=40)]] | None = Field(
        None, max_length=100, description="Codes of the sections to draft; all when absent."
    )
    replace: bool = Field(False, description="Overwrite sections a person has edited.")


class DraftOut(SubmissionOut):
    kept: dict[str, str] = Field(
        description="Edited sections left as they were, with the draft that would replace them."
    )


@router.post(
    "/submissions/{submission_id}/draft",
    response={200: DraftOut, **ERRORS},
    summary="Draft the report's sections from the unit's records",
)
def draft(
    request: ApiRequest, payload: DraftIn, submission_id: int = row_id_path()
) -> dict[str, Any]:
    submission = get_submission_for(request.auth, submission_id)
    outcome = services.draft_sections(
        request.auth, submission, payload.sections, replace=payload.replace
    )
    return {**_submission_out(submission), "kept": outcome.kept}


@router.post(
    "/submissions/{submission_id}/present",
    response={200: SubmissionOut, **ERRORS},
    summary="Present a report to the unit's leader (trình lãnh đạo)",
)
def present(request: ApiRequest, submission_id: int = row_id_path()) -> dict[str, Any]:
    submission = get_submission_for(request.auth, submission_id)
    return _submission_out(services.present_report(request.auth, submission))


@router.post(
    "/submissions/{submission_id}/send-back",
    response={200: SubmissionOut, **ERRORS},
    summary="Hand a presented report back to the officer with what to change",
)
def send_back(
    request: ApiRequest, payload: ReturnIn, submission_id: int = row_id_path()
) -> dict[str, Any]:
    submission = get_submission_for(request.auth, submission_id)
    return _submission_out(services.send_back(request.auth, submission, payload.comment))


@router.post(
    "/submissions/{submission_id}/submit",
    response={200: SubmissionOut, **ERRORS},
    summary="Submit (or resubmit) a report",
)
def submit(
    request: ApiRequest, payload: SubmitIn | None = None, submission_id: int = row_id_path()
) -> dict[str, Any]:
    submission = get_submission_for(request.auth, submission_id)
    return _submission_out(
        services.submit_report(
            request.auth,
            submission,
            signer_name=payload.signer_name if payload else "",
            signer_position=payload.signer_position if payload else "",
        )
    )


@router.post(
    "/submissions/{submission_id}/return",
    response={200: SubmissionOut, **ERRORS},
    summary="Return a submitted report with a comment",
)
def return_(
    request: ApiRequest, payload: ReturnIn, submission_id: int = row_id_path()
) -> dict[str, Any]:
    submission = get_submission_for(request.auth, submission_id)
    return _submission_out(services.return_submission(request.auth, submission, payload.comment))


@router.post(
    "/submissions/{submission_id}/accept",
    response={200: SubmissionOut, **ERRORS},
    summary="Accept a submitted report",
)
def accept(request: ApiRequest, submission_id: int = row_id_path()) -> dict[str, Any]:
    submission = get_submission_for(request.auth, submission_id)
    return _submission_out(services.accept_submission(request.auth, submission))


class CompletenessOut(ApiSchema):
    request: int
    number: str
    period: str
    period_label: str
    deadline: date
    expected: int
    submitted: int
    on_time: int
    completeness: float = Field(description="Submitted / expected, in %.")
    timeliness: float = Field(description="On time / expected, in %.")


class CompletenessQuery(ApiSchema):
    count: int = Field(progress.RECENT_REQUESTS, ge=1, le=progress.MAX_RECENT_REQUESTS)


@router.get(
    "/charts/completeness/{code}",
    response={200: list[CompletenessOut], **ERRORS},
    summary="Share of expected units that submitted, over a unit's recent requests",
)
def chart_completeness(
    request: ApiRequest, query: Query[CompletenessQuery], code: str = unit_code_path("BDI")
) -> list[dict[str, Any]]:
    unit = get_unit_for(request.auth, code, Action.VIEW)
    language = get_language() or "vi"
    return [
        {
            "request": table.request.pk,
            "number": table.request.number,
            "period": table.request.period,
            "period_label": table.request.the_period.label(language),
            "deadline": table.request.deadline,
            "expected": table.expected,
            "submitted": table.submitted,
            "on_time": table.on_time,
            "completeness": table.completeness,
            "timeliness": table.timeliness,
        }
        for table in progress.recent_boards(unit, query.count)
    ]
