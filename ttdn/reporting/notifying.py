"""Who is told what in the reporting cycle (ttdn.notices does the telling).

    new request                → the officers and leaders of each recipient unit
    3 days before the deadline → the officers and leaders of units that owe the report
    deadline passed            → the same, once (for deadlines of the last OVERDUE_DAYS)
    reminder ("Nhắc nộp")      → the officers and leaders of the units reminded
    presented to the leader    → the unit's leaders
    approved (sign_off)        → the unit's officers
    sent back by the leader    → the unit's officers
    returned, accepted         → the unit's officers and leaders
    approval voided            → the unit's leaders
    deadline extended          → the unit's officers and leaders
    recipients added later     → as for a new request, those units only

The workflow events are heard from the SubmissionEvent rows the services write (a
post_save receiver), so a step logged anywhere — also one added later, as "present"
— notifies in the same transaction. The person who acted is not told of their act.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Role, person_name
from ttdn.lib.vnformat import format_date
from ttdn.notices.models import Kind, register_kind
from ttdn.notices.services import PERIODIC, notify, people_in
from ttdn.reporting.models import ReportRequest, Submission, SubmissionEvent

DUE_SOON_DAYS = 3
# An old deadline found missed (a first run on old data) is not announced.
OVERDUE_DAYS = 7

WRITERS = (Role.OFFICER, Role.LEADER)

REQUEST = register_kind(
    Kind(
        "request",
        _("Yêu cầu báo cáo %(number)s"),
        _(
            "%(issuer)s đề nghị %(unit)s gửi báo cáo “%(subject)s” (kỳ %(period)s), "
            "hạn nộp %(deadline)s."
        ),
    )
)
DUE_SOON = register_kind(
    Kind(
        "due_soon",
        _("Sắp đến hạn nộp báo cáo %(number)s"),
        _("Hạn nộp báo cáo %(number)s là %(deadline)s; %(unit)s chưa nộp."),
    )
)
OVERDUE = register_kind(
    Kind(
        "overdue",
        _("Quá hạn nộp báo cáo %(number)s"),
        _("Đã quá hạn nộp báo cáo %(number)s (%(deadline)s) mà %(unit)s chưa nộp."),
    )
)
REMINDER = register_kind(
    Kind(
        "reminder",
        _("Nhắc nộp báo cáo %(number)s"),
        _("%(issuer)s nhắc %(unit)s nộp báo cáo “%(subject)s”, hạn nộp %(deadline)s."),
    )
)
PRESENTED = register_kind(
    Kind(
        "present",
        _("Báo cáo %(report)s chờ lãnh đạo duyệt"),
        _("%(actor)s trình lãnh đạo duyệt báo cáo %(report)s của %(unit)s."),
    )
)
APPROVED = register_kind(
    Kind(
        "sign_off",
        _("Lãnh đạo đã duyệt báo cáo %(report)s"),
        _("%(actor)s đã duyệt báo cáo %(report)s của %(unit)s."),
    )
)
RETURNED = register_kind(
    Kind(
        "return",
        _("Báo cáo %(report)s bị trả lại"),
        _("%(actor)s trả lại báo cáo %(report)s của %(unit)s: %(comment)s"),
    )
)
ACCEPTED = register_kind(
    Kind(
        "accept",
        _("Báo cáo %(report)s đã được chấp nhận"),
        _("%(actor)s đã chấp nhận báo cáo %(report)s của %(unit)s."),
    )
)
VOIDED = register_kind(
    Kind(
        "void",
        _("Báo cáo %(report)s cần duyệt lại"),
        _("%(comment)s Báo cáo của %(unit)s cần được lãnh đạo duyệt lại trước khi nộp."),
    )
)

SENT_BACK = register_kind(
    Kind(
        "send_back",
        _("Lãnh đạo trả lại báo cáo %(report)s để sửa"),
        _("%(actor)s trả lại báo cáo %(report)s của %(unit)s để sửa: %(comment)s"),
    )
)
EXTENDED = register_kind(
    Kind(
        "extend",
        _("Gia hạn nộp báo cáo %(report)s"),
        _("%(actor)s gia hạn nộp báo cáo %(report)s cho %(unit)s. %(comment)s"),
    )
)

# SubmissionEvent action → the roles in the submission's unit that are told.
TOLD_OF = {
    PRESENTED.code: (Role.LEADER,),
    APPROVED.code: (Role.OFFICER,),
    SENT_BACK.code: (Role.OFFICER,),
    EXTENDED.code: WRITERS,
    RETURNED.code: WRITERS,
    ACCEPTED.code: WRITERS,
    VOIDED.code: (Role.LEADER,),
}


def _link(submission: Submission | None) -> str:
    return reverse("reporting:submission", args=[submission.pk]) if submission else ""


def _request_params(request: ReportRequest, unit) -> dict[str, str]:
    return {
        "number": request.number,
        "subject": request.subject,
        "issuer": request.issuing_unit.name,
        "unit": unit.name,
        "period": request.the_period.label(),
        "deadline": format_date(request.deadline),
    }


def request_issued(request: ReportRequest, units=None) -> int:
    """Tell the recipient units of a new request; ``units``: only these (recipients
    added to a request already issued)."""
    submissions = {s.unit_id: s for s in request.submissions.select_related("unit")}
    if units is not None:
        wanted = {unit.pk for unit in units}
        submissions = {pk: s for pk, s in submissions.items() if pk in wanted}
    told = 0
    for submission in submissions.values():
        told += notify(
            people_in([submission.unit], WRITERS, exclude=request.created_by),
            REQUEST.code,
            _request_params(request, submission.unit),
            link=_link(submission),
        )
    return told


def reminded(request: ReportRequest, rows, user) -> int:
    """``rows``: the board rows of the units reminded."""
    return sum(
        notify(
            people_in([row.unit], WRITERS, exclude=user),
            REMINDER.code,
            _request_params(request, row.unit),
            link=_link(row.submission),
        )
        for row in rows
    )


def event_logged(sender, instance: SubmissionEvent, created: bool, **kwargs) -> None:
    roles = TOLD_OF.get(instance.action)
    if not created or roles is None:
        return
    submission = instance.submission
    request = submission.request
    notify(
        people_in([submission.unit], roles, exclude=instance.by),
        instance.action,
        {
            "report": request.number if request else submission.the_period.label(),
            "unit": submission.unit.name,
            "actor": person_name(instance.by) or submission.unit.name,
            "comment": instance.comment,
        },
        link=_link(submission),
    )


def deadline_notices(now: datetime) -> int:
    """The periodic step: units that owe a report whose deadline is DUE_SOON_DAYS away or
    nearer, or has passed in the last OVERDUE_DAYS. Each person hears of each once."""
    from ttdn.reporting.services import board

    today = timezone.localdate(now)
    requests = ReportRequest.objects.filter(
        deadline__gte=today - timedelta(days=OVERDUE_DAYS),
        deadline__lte=today + timedelta(days=DUE_SOON_DAYS),
        issued_on__lte=today,
    ).select_related("issuing_unit")
    told = 0
    for request in requests:
        kind = OVERDUE if request.deadline < today else DUE_SOON
        for row in board(request).rows:
            if not row.state.awaited:
                continue
            told += notify(
                people_in([row.unit], WRITERS),
                kind.code,
                _request_params(request, row.unit),
                link=_link(row.submission),
                key=f"{kind.code}:{request.pk}:{row.unit.pk}",
            )
    return told


def connect() -> None:
    post_save.connect(event_logged, sender=SubmissionEvent, dispatch_uid="reporting-notices")
    if deadline_notices not in PERIODIC:
        PERIODIC.append(deadline_notices)
