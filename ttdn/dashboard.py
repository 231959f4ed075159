"""What the home page shows each person: one block per role they hold somewhere.

- officer (cán bộ phụ trách): the reports their units owe, with deadline, days left or
  overdue and where each stands;
- leader (lãnh đạo): reports presented to them (trình lãnh đạo) that wait for their
  approval;
- consolidator, viewer, administrator: for each unit they follow, its open requests with
  who has submitted, and the figures the charts draw (trend of key indicators, units
  ranked on one, completeness of recent requests).

A person with several roles in several units sees every block that applies. Rows come
through the person's memberships of that role, so a leader who is also a viewer of the
province sees the province's requests but approves only for their own unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import Q

from ttdn.accounts.models import Membership, Role
from ttdn.indicators import charts
from ttdn.indicators.models import Indicator
from ttdn.lib.periods import Period, half_year_in_hand
from ttdn.orgunits.access import home_units
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting.models import BoardState, Stage, Status, Submission
from ttdn.reporting.progress import recent_boards
from ttdn.reporting.services import Board

OVERVIEW_ROLES = (Role.CONSOLIDATOR, Role.VIEWER, Role.ADMIN)
# A report submitted stays on the officer's list this long after its deadline, so the
# officer sees it went in; older ones are history (the requests page keeps them).
SUBMITTED_KEPT = timedelta(days=30)
# A request stays "open" on the consolidator's block while units still owe it, or until
# this long after its deadline.
OPEN_AFTER_DEADLINE = timedelta(days=30)
MAX_ROWS = 20
MAX_FOLLOWED_UNITS = 3
MAX_OPEN_REQUESTS = 3
RANKED_INDICATOR = "news_articles"


@dataclass
class OwedReport:
    submission: Submission
    state: Stage
    days_left: int  # negative: overdue by that many days

    @property
    def done(self) -> bool:
        return self.state in (Stage.SUBMITTED, Stage.ACCEPTED)

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and not self.done

    @property
    def days_overdue(self) -> int:
        return -self.days_left


@dataclass
class OpenRequest:
    board: Board
    late: list[OrgUnit]
    missing: list[OrgUnit]  # never submitted, or returned and not submitted again


@dataclass
class Overview:
    """One unit a person follows: its open requests and the figures for the charts."""

    unit: OrgUnit
    open_requests: list[OpenRequest]
    trend: charts.Trend
    ranked_period: Period
    ranked_indicator: Indicator | None
    ranking: list[charts.Ranked]
    completeness: list[Board]


@dataclass
class Dashboard:
    today: date
    period: Period
    roles: set[str]
    owed: list[OwedReport] = field(default_factory=list)
    entry_units: list[OrgUnit] = field(default_factory=list)
    to_approve: list[Submission] = field(default_factory=list)
    overviews: list[Overview] = field(default_factory=list)

    @property
    def is_officer(self) -> bool:
        return Role.OFFICER in self.roles

    @property
    def is_leader(self) -> bool:
        return Role.LEADER in self.roles

    @property
    def follows_units(self) -> bool:
        return bool(self.roles & set(OVERVIEW_ROLES))


def build(user, today: date) -> Dashboard:
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if user.is_superuser:
        roles |= set(OVERVIEW_ROLES)
    board = Dashboard(today=today, period=half_year_in_hand(today), roles=roles)
    if board.is_officer:
        officer_units = units_of_role(user, [Role.OFFICER])
        board.owed = owed_reports(officer_units, today)
        board.entry_units = list(officer_units.filter(child_count=0).order_by("path")[:MAX_ROWS])
    if board.is_leader:
        board.to_approve = awaiting_approval(units_of_role(user, [Role.LEADER]))
    if board.follows_units:
        followed = (
            home_units(user)
            if user.is_superuser
            else list(
                OrgUnit.objects.filter(memberships__user=user, memberships__role__in=OVERVIEW_ROLES)
                .distinct()
                .order_by("path")
            )
        )
        board.overviews = [overview(unit, today) for unit in followed[:MAX_FOLLOWED_UNITS]]
    return board


def units_of_role(user, roles) -> models.QuerySet[OrgUnit]:
    """The subtrees of the person's memberships in ``roles``."""
    paths = Membership.objects.filter(user=user, role__in=roles).values_list(
        "unit__path", flat=True
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)


def owed_reports(units: models.QuerySet[OrgUnit], today: date) -> list[OwedReport]:
    """Reports the units owe for requests: every one not yet in, and those submitted
    for a deadline less than a month ago; nearest deadline first."""
    submissions = (
        Submission.objects.filter(
            unit__in=units, request__isnull=False, request__cancelled_at__isnull=True
        )
        .filter(
            Q(status__in=[Status.DRAFT, Status.RETURNED])
            | Q(request__deadline__gte=today - SUBMITTED_KEPT)
        )
        .select_related("request", "unit")
        .order_by("request__deadline", "unit__path")
    )[:MAX_ROWS]
    return [OwedReport(s, s.stage, _days_left(s, today)) for s in submissions]


def _days_left(submission: Submission, today: date) -> int:
    deadline = submission.deadline or today
    return (deadline - today).days


def awaiting_approval(units: models.QuerySet[OrgUnit]) -> list[Submission]:
    """Reports of the units presented to their leader (trình lãnh đạo) and not yet
    approved."""
    submissions = (
        Submission.objects.filter(
            unit__in=units,
            status__in=[Status.DRAFT, Status.RETURNED],
            presented_at__isnull=False,
            signed_off_at__isnull=True,
        )
        .exclude(request__cancelled_at__isnull=False)
        .select_related("request", "unit")
    )
    return list(submissions.order_by("request__deadline", "pk")[:MAX_ROWS])


def open_requests(boards: list[Board], today: date) -> list[OpenRequest]:
    """Of the boards, the requests still owed by some unit or recently due, newest
    first."""
    found = []
    for table in reversed(boards):
        missing = [row.unit for row in table.rows if row.state.awaited]
        recent = table.request.deadline >= today - OPEN_AFTER_DEADLINE
        if missing or recent:
            late = [row.unit for row in table.rows if row.state == BoardState.LATE]
            found.append(OpenRequest(table, late, missing))
    return found[:MAX_OPEN_REQUESTS]


def ranked_period(trend: charts.Trend, indicator: Indicator | None, today: date) -> Period:
    """The newest period of the trend in which the subtree recorded ``indicator`` (a
    round just opened has nothing to rank yet), else the half-year in hand."""
    for series in trend.series:
        if indicator is not None and series.indicator.pk == indicator.pk:
            for period, value in zip(reversed(trend.periods), reversed(series.values), strict=True):
                if value is not None:
                    return period
    return half_year_in_hand(today)


def overview(unit: OrgUnit, today: date) -> Overview:
    boards = recent_boards(unit)
    indicators = charts.key_indicators()
    ranked_indicator = next((i for i in indicators if i.code == RANKED_INDICATOR), None)
    trend = charts.trend(unit, indicators, charts.recent_periods(half_year_in_hand(today)))
    period = ranked_period(trend, ranked_indicator, today)
    return Overview(
        unit=unit,
        open_requests=open_requests(boards, today),
        trend=trend,
        ranked_period=period,
        ranked_indicator=ranked_indicator,
        ranking=charts.ranking(unit, period, ranked_indicator) if ranked_indicator else [],
        completeness=boards,
    )
