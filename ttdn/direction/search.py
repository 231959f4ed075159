"""What the search index holds of the direction registers: committees with their
members, meetings with their conclusions, officers, visits with their
recommendations, the follow-up of recommendations and budget notes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.direction.models import (
    Budget,
    Officer,
    OversightVisit,
    RecommendationProgress,
    SteeringCommittee,
    SteeringMeeting,
    ordinal,
)
from ttdn.registers.base import record_url
from ttdn.search.registry import Entry, SearchIndex, register


@register
class CommitteeIndex(SearchIndex):
    kind = "committee"
    label = _("Ban Chỉ đạo")
    model = SteeringCommittee
    order = 60

    def entry(self, committee: SteeringCommittee) -> Entry:
        members = [
            f"{m.full_name} ({m.get_role_display()}, {m.position})"
            for m in committee.members.order_by("pk")
        ]
        return Entry(
            unit_id=committee.unit_id,
            title=committee.name,
            body="\n".join([f"Quyết định số {committee.decision_number}", *members]),
            starts_on=committee.decision_date,
            url=record_url(committee),
        )


@register
class MeetingIndex(SearchIndex):
    kind = "meeting"
    label = _("Cuộc họp Ban Chỉ đạo")
    model = SteeringMeeting
    order = 61

    def entry(self, meeting: SteeringMeeting) -> Entry:
        return Entry(
            unit_id=meeting.unit_id,
            title=meeting.title,
            body="\n".join(part for part in (meeting.chair, meeting.conclusions) if part),
            starts_on=meeting.held_on,
            url=record_url(meeting),
        )


@register
class OfficerIndex(SearchIndex):
    kind = "officer"
    label = _("Cán bộ TTĐN")
    model = Officer
    order = 62

    def entry(self, officer: Officer) -> Entry:
        return Entry(
            unit_id=officer.unit_id,
            title=officer.full_name,
            body=f"{officer.position}\n{officer.get_staff_role_display()}",
            starts_on=officer.since,
            ends_on=officer.until,
            url=record_url(officer),
        )


@register
class VisitIndex(SearchIndex):
    kind = "oversight"
    label = _("Kiểm tra, giám sát")
    model = OversightVisit
    order = 63

    def entry(self, visit: OversightVisit) -> Entry:
        recommendations = [
            f"{ordinal(r.number)}, {r.text}" for r in visit.recommendations.order_by("number")
        ]
        return Entry(
            unit_id=visit.unit_id,
            title=str(visit),
            body="\n".join([visit.findings, *recommendations]),
            starts_on=visit.started_on,
            ends_on=visit.ended_on or visit.started_on,
            url=record_url(visit),
        )


@register
class ProgressIndex(SearchIndex):
    kind = "followup"
    label = _("Thực hiện kiến nghị")
    model = RecommendationProgress
    order = 64

    def entry(self, progress: RecommendationProgress) -> Entry:
        return Entry(
            unit_id=progress.unit_id,
            title=str(progress.recommendation),
            body=f"{progress.get_status_display()}\n{progress.note}",
            period=str(progress.period),
            url=record_url(progress),
        )


@register
class BudgetIndex(SearchIndex):
    kind = "budget"
    label = _("Kinh phí TTĐN")
    model = Budget
    order = 65

    def entry(self, budget: Budget) -> Entry | None:
        return Entry(
            unit_id=budget.unit_id,
            title=f"Kinh phí thông tin đối ngoại năm {budget.year}: {budget.get_source_display()}",
            body=budget.note,
            period=str(budget.year),
            url=record_url(budget),
        )
