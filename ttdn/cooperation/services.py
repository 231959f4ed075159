"""What the cooperation records add up to: the indicator values they feed (one unit,
one period) and the consolidations over a subtree that are not sums of the units'
values — distinct countries, and courses counted once however many units took part.

Why two kinds of count. A unit's values are fed from its own records and added up
over the tree (RollupValue). That is right for courses organised (each is counted by
its organiser only) and for delegations, but not for the countries delegations came
from (Japan hosted by two communes is one country for the province) nor for the
courses a province's units attended: a course the province's department ran is, for
the province, a course organised, not one attended. ``training_summary`` and
``delegation_summary`` count those over the records themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from ttdn.cooperation.models import (
    Agreement,
    CourseAttendance,
    Delegation,
    DelegationKind,
    Direction,
    Partner,
    TrainingCourse,
    shown_country,
)
from ttdn.indicators.feeds import Fed, FedSource, periods_containing
from ttdn.indicators.services import write_refusal
from ttdn.lib.periods import Period
from ttdn.lib.textfold import fold
from ttdn.orgunits.models import OrgUnit

# Feeds -------------------------------------------------------------------------------


def _source(kind: str, record, slug: str) -> FedSource:
    return FedSource(
        kind, record.pk, str(record), reverse(f"registers:{slug}-detail", args=[record.pk])
    )


def _within(period: Period, field_name: str) -> dict:
    return {f"{field_name}__gte": period.start, f"{field_name}__lte": period.end}


def feed_training(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    """Courses the unit organised (by their first day) and courses of others it sent
    officers to."""
    courses = list(TrainingCourse.objects.filter(unit=unit, **_within(period, "starts_on")))
    if courses:
        sources = [_source("course", c, "courses") for c in courses]
        yield Fed("training_courses", len(courses), sources)
        yield Fed("training_participants", sum(c.participants for c in courses), sources)
    attended = list(
        CourseAttendance.objects.filter(unit=unit, **_within(period, "starts_on")).select_related(
            "course"
        )
    )
    if attended:
        sources = [_source("attendance", a, "attendances") for a in attended]
        yield Fed("training_courses_attended", len(attended), sources)
        yield Fed("training_attendees", sum(a.attendees for a in attended), sources)


def feed_delegations(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    """Foreign press delegations and their reporters; other delegations hosted; those
    sent abroad. A press delegation is counted as press only, never also as an
    international delegation."""
    delegations = list(Delegation.objects.filter(unit=unit, **_within(period, "starts_on")))
    press = [
        d
        for d in delegations
        if d.direction == Direction.INCOMING and d.kind == DelegationKind.PRESS
    ]
    hosted = [
        d
        for d in delegations
        if d.direction == Direction.INCOMING and d.kind != DelegationKind.PRESS
    ]
    sent = [d for d in delegations if d.direction == Direction.OUTGOING]
    if press:
        sources = [_source("delegation", d, "delegations") for d in press]
        yield Fed("foreign_press_delegations", len(press), sources)
        yield Fed("foreign_reporters", sum(d.members for d in press), sources)
    if hosted:
        sources = [_source("delegation", d, "delegations") for d in hosted]
        yield Fed("international_delegations", len(hosted), sources)
    if sent:
        sources = [_source("delegation", d, "delegations") for d in sent]
        yield Fed("outgoing_delegations", len(sent), sources)


def active_partners(on: date) -> Q:
    """Partners whose relation holds on ``on``."""
    return (Q(since__isnull=True) | Q(since__lte=on)) & (Q(until__isnull=True) | Q(until__gt=on))


def feed_partners(unit: OrgUnit, period: Period) -> Iterator[Fed]:
    """Partners abroad (a stock: those whose relation holds on the period's last day)
    and agreements signed in the period."""
    begun = list(
        Partner.objects.filter(Q(since__isnull=True) | Q(since__lte=period.end), unit=unit)
    )
    if begun:
        # Zero once every relation has ended: a stock left out would be derived from
        # the last quarter that had one.
        partners = [p for p in begun if p.until is None or p.until > period.end]
        sources = [_source("partner", p, "partners") for p in partners]
        yield Fed("partner_localities", len(partners), sources)
    agreements = list(Agreement.objects.filter(unit=unit, **_within(period, "signed_on")))
    if agreements:
        sources = [_source("agreement", a, "agreements") for a in agreements]
        yield Fed("international_agreements", len(agreements), sources)


FEEDS = [feed_training, feed_delegations, feed_partners]


def today() -> date:
    return timezone.localdate()


def partner_periods(partner: Partner, on: date | None = None) -> list[Period]:
    """The periods a partner's save feeds: those of this year and last year (``on``:
    today) that have begun, that the relation covers and that are open — a period a
    submitted report holds, or one the unit did not exist in, keeps its figure. A
    partnership is a stock that runs for years: recording an old one must not be
    refused for every report submitted since it began."""
    on = on or today()
    found: dict[str, Period] = {}
    for year in (on.year - 1, on.year):
        for month in (3, 6, 9, 12):
            for period in periods_containing(date(year, month, 1)):
                if period.start > on or period.year != year:
                    continue
                if partner.since and period.end < partner.since:
                    continue
                if partner.unit_id and write_refusal(partner.unit, period):
                    continue
                found[period.id] = period
    return sorted(found.values(), key=lambda p: p.sort_key)


# Consolidations ----------------------------------------------------------------------


@dataclass
class CourseCount:
    """Courses and the people on them."""

    courses: int = 0
    people: int = 0
    records: list = field(default_factory=list)


@dataclass
class TrainingSummary:
    """Courses organised within the units counted, and courses run by bodies outside
    them that their officers attended, each course once (``organisers``: who ran the
    courses attended)."""

    organised: CourseCount
    attended: CourseCount
    organisers: list[str]


def training_summary(
    units: dict, start: date | None = None, end: date | None = None, root: OrgUnit | None = None
) -> TrainingSummary:
    """``units``: the lookup of the units counted (``{"unit": u}`` or
    ``{"unit__path__startswith": path}``); ``root``: the subtree's top when the count is
    over a subtree, so that a course one of its units organised and others attended is
    counted once, as organised."""
    dates = {}
    if start:
        dates["starts_on__gte"] = start
    if end:
        dates["starts_on__lte"] = end
    courses = list(
        TrainingCourse.objects.filter(**units, **dates)
        .select_related("unit")
        .order_by("starts_on", "pk")
    )
    attendances: Iterable[CourseAttendance] = (
        CourseAttendance.objects.filter(**units, **dates)
        .select_related("course__unit", "unit")
        .order_by("starts_on", "pk")
    )
    if root is not None:
        attendances = [
            a
            for a in attendances
            if a.course is None or not a.course.unit.path.startswith(root.path)
        ]
    attendances = list(attendances)
    distinct: dict[object, CourseAttendance] = {}
    for a in attendances:
        key = a.course_id or (fold(a.course_title), fold(a.organiser))
        distinct.setdefault(key, a)
    organisers = list(dict.fromkeys(a.organiser_name for a in distinct.values()))
    return TrainingSummary(
        organised=CourseCount(len(courses), sum(c.participants for c in courses), courses),
        attended=CourseCount(len(distinct), sum(a.attendees for a in attendances), attendances),
        organisers=organisers,
    )


@dataclass
class DelegationGroup:
    delegations: int = 0
    members: int = 0
    countries: list[str] = field(default_factory=list)  # codes, most delegations first
    records: list = field(default_factory=list)

    @property
    def country_names(self) -> list[str]:
        return [shown_country(code) for code in self.countries]


@dataclass
class CountryRow:
    """One country's delegations over the records: hosted, sent, and their people."""

    code: str
    hosted: int = 0
    sent: int = 0
    members: int = 0

    @property
    def name(self) -> str:
        return shown_country(self.code)


@dataclass
class DelegationSummary:
    press: DelegationGroup
    hosted: DelegationGroup
    sent: DelegationGroup
    countries: list[str]  # every country, distinct
    by_country: list[CountryRow] = field(default_factory=list)


def _group(records: list[Delegation]) -> DelegationGroup:
    counts = Counter(d.country for d in records)  # in the records' order: first seen first
    first = {code: place for place, code in enumerate(counts)}
    order = sorted(counts, key=lambda code: (-counts[code], first[code]))
    return DelegationGroup(len(records), sum(d.members for d in records), order, records)


def delegation_summary(records: QuerySet[Delegation] | Iterable[Delegation]) -> DelegationSummary:
    """Delegations by kind with their distinct countries (not a sum of the units')."""
    rows = sorted(records, key=lambda d: (d.starts_on, d.pk))
    press = [
        d for d in rows if d.direction == Direction.INCOMING and d.kind == DelegationKind.PRESS
    ]
    hosted = [
        d for d in rows if d.direction == Direction.INCOMING and d.kind != DelegationKind.PRESS
    ]
    sent = [d for d in rows if d.direction == Direction.OUTGOING]
    every = _group(rows).countries
    table = {code: CountryRow(code) for code in every}
    for d in rows:
        row = table[d.country]
        if d.direction == Direction.OUTGOING:
            row.sent += 1
        else:
            row.hosted += 1
        row.members += d.members
    return DelegationSummary(
        _group(press), _group(hosted), _group(sent), every, [table[code] for code in every]
    )
