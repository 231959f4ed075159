"""The figures the direction registers give (ttdn.indicators.feeds).

- ``steering_meetings``: a committee's meetings in the period, counted for one unit
  only, ``SteeringCommittee.counting_unit`` (the committee's own unit when the tree has
  one, else the unit that set it up): a province total holds each meeting once.
- ``oversight_visits``: the visits a unit recorded that began in the period.
- ``ttdn_officers`` (by staff role) and ``ttdn_officers_trained``: stocks, the officers
  in post on the period's last day (trained by then).
- ``budget_allocated`` and ``budget_spent`` (by funding source): a year's money, fed to
  the year only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.urls import reverse

from ttdn.direction.models import Budget, Officer, OversightVisit, SteeringMeeting
from ttdn.indicators.feeds import Fed, FedSource
from ttdn.lib.periods import Period, PeriodType
from ttdn.orgunits.models import OrgUnit


def _source(kind: str, slug: str, record) -> FedSource:
    return FedSource(
        kind, record.pk, str(record), reverse(f"registers:{slug}-detail", args=[record.pk])
    )


def meetings(unit: OrgUnit, period: Period) -> Iterable[Fed]:
    found = list(
        SteeringMeeting.objects.filter(held_on__gte=period.start, held_on__lte=period.end)
        .filter(
            Q(committee__committee_unit=unit)
            | Q(committee__committee_unit__isnull=True, committee__unit=unit)
        )
        .order_by("held_on", "pk")
    )
    if found:
        sources = [_source("steering_meeting", "steering-meetings", m) for m in found]
        yield Fed("steering_meetings", len(found), sources)


def visits(unit: OrgUnit, period: Period) -> Iterable[Fed]:
    found = list(
        OversightVisit.objects.filter(
            unit=unit, started_on__gte=period.start, started_on__lte=period.end
        ).order_by("started_on", "pk")
    )
    if found:
        sources = [_source("oversight_visit", "oversight", v) for v in found]
        yield Fed("oversight_visits", len(found), sources)


def in_post(records, day):
    """Officers assigned on ``day``."""
    return records.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gte=day))


def officers(unit: OrgUnit, period: Period) -> Iterable[Fed]:
    found = list(in_post(Officer.objects.filter(unit=unit), period.end).order_by("pk"))
    if not found:
        return
    by_role: dict[str, list[Officer]] = defaultdict(list)
    for officer in found:
        by_role[officer.staff_role].append(officer)
    sources = {o.pk: _source("officer", "officers", o) for o in found}
    yield Fed("ttdn_officers", len(found), list(sources.values()))
    for role, people in by_role.items():
        yield Fed("ttdn_officers", len(people), [sources[o.pk] for o in people], role)
    trained = [
        o for o in found if o.trained and (o.trained_on is None or o.trained_on <= period.end)
    ]
    if trained:
        yield Fed("ttdn_officers_trained", len(trained), [sources[o.pk] for o in trained])


def budgets(unit: OrgUnit, period: Period) -> Iterable[Fed]:
    if period.type is not PeriodType.YEAR:
        return
    found = list(Budget.objects.filter(unit=unit, year=period.year).order_by("source"))
    if not found:
        return
    sources = {b.pk: _source("budget", "budget", b) for b in found}
    yield Fed("budget_allocated", sum(b.allocated for b in found), list(sources.values()))
    for b in found:
        yield Fed("budget_allocated", b.allocated, [sources[b.pk]], b.source)
    spent = [b for b in found if b.spent is not None]
    if spent:
        yield Fed("budget_spent", sum(b.spent or 0 for b in spent), [sources[b.pk] for b in spent])
        for b in spent:
            yield Fed("budget_spent", b.spent or 0, [sources[b.pk]], b.source)


ALL = [meetings, visits, officers, budgets]
