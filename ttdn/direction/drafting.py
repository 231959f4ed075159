"""What the direction registers say in a report (ttdn.registers.drafting), in the
words of the provincial reports:

- "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh đã tổ chức 02 hội nghị, cuộc họp:
  Hội nghị tổng kết … ngày 15/01/2024; …" (direction);
- "UBND xã … đã phân công 01 lãnh đạo phụ trách, 01 cán bộ chuyên trách và 02 cán bộ
  kiêm nhiệm làm công tác thông tin đối ngoại" (direction, as Tuy Phước writes it), and
  "Cán bộ phụ trách … được bố trí kiêm nhiệm nên …" when nobody works on it full time
  (difficulties), with the proposal to staff it;
- "Tháng 5/2024, Đoàn kiểm tra của … đã làm việc với … và đề nghị: Thứ nhất, …; Thứ
  hai, …" (direction, after the Thái Nguyên article), and the follow-up of each
  recommendation reported for the period;
- "Năm 2024, kinh phí bố trí cho công tác thông tin đối ngoại là 1,2 tỷ đồng, …"
  (direction), or, when none was allocated, Tuy Phước's difficulty and proposal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import Q

from ttdn.direction.feeds import in_post
from ttdn.direction.models import (
    Budget,
    FollowUpStatus,
    Officer,
    OversightVisit,
    RecommendationProgress,
    SteeringCommittee,
    SteeringMeeting,
    VisitKind,
    ordinal,
)
from ttdn.lib import prose, vocab
from ttdn.lib.periods import PeriodError, parse_period_id
from ttdn.orgunits.models import OrgUnit
from ttdn.registers.drafting import ReportContext, ReportLine

WORK = "công tác thông tin đối ngoại"
MANY = "Các cơ quan, đơn vị, địa phương"


def _subject(context: ReportContext, units: list[OrgUnit]) -> str:
    """Who did it: the report's own unit, one unit by name, two by name, else all."""
    if len(units) == 1:
        unit = units[0]
        return context.subject if unit.pk == context.unit.pk else context.name_of(unit)
    if len(units) == 2:
        return prose.join([_subject(context, [u]) for u in units])
    return MANY


def _clause(text: str) -> str:
    return " ".join(text.split()).rstrip(" .;")


# Ban Chỉ đạo ------------------------------------------------------------------------


def committees(context: ReportContext) -> Iterable[ReportLine]:
    set_up = SteeringCommittee.objects.filter(
        **context.units_filter(), decision_date__gte=context.start, decision_date__lte=context.end
    ).select_related("unit", "standing_agency")
    for committee in set_up.order_by("decision_date", "pk"):
        members = committee.members.count()
        text = (
            f"{_subject(context, [committee.unit])} đã ban hành Quyết định số "
            f"{committee.decision_number} ngày {prose.day(committee.decision_date)} về việc "
            f"thành lập {committee.name}"
        )
        if members:
            text += f", gồm {prose.count(members, 'thành viên')}"
        if committee.standing_agency is not None:
            text += f"; {context.name_of(committee.standing_agency)} là cơ quan thường trực"
        yield ReportLine(
            "direction", text, [("committee", str(committee.pk), committee.name)], order=20
        )
    # Told by the unit they are counted for (SteeringCommittee.counting_unit), as the
    # values are: the committee's own unit's report when the tree has one.
    counted = Q(committee__committee_unit__isnull=True, **context.units_filter()) | Q(
        **context.units_filter("committee__committee_unit")
    )
    meetings = (
        SteeringMeeting.objects.filter(
            counted, held_on__gte=context.start, held_on__lte=context.end
        )
        .select_related("committee")
        .order_by("held_on", "pk")
    )
    by_committee: dict[SteeringCommittee, list[SteeringMeeting]] = defaultdict(list)
    for meeting in meetings:
        by_committee[meeting.committee].append(meeting)
    for committee, held in by_committee.items():
        listed = "; ".join(f"{_clause(m.title)} ngày {prose.day(m.held_on)}" for m in held)
        text = (
            f"{committee.name} đã tổ chức {prose.count(len(held), 'hội nghị, cuộc họp')}: {listed}"
        )
        sources = [("steering_meeting", str(m.pk), _clause(m.title)) for m in held]
        yield ReportLine("direction", text, sources, order=21)
        for meeting in held:
            if meeting.conclusions.strip():
                who = meeting.chair.strip() or committee.name
                text = (
                    f"Kết luận {_clause(meeting.title)}, {who} đề nghị: "
                    f"{prose.lower_first(_clause(meeting.conclusions))}"
                )
                yield ReportLine(
                    "direction",
                    text,
                    [("steering_meeting", str(meeting.pk), _clause(meeting.title))],
                    order=22,
                )


# Cán bộ --------------------------------------------------------------------------------


ROLE_NOUNS = {
    "leader": "lãnh đạo phụ trách",
    "full_time": "cán bộ chuyên trách",
    "part_time": "cán bộ kiêm nhiệm",
}


def officers(context: ReportContext) -> Iterable[ReportLine]:
    found = list(
        in_post(Officer.objects.filter(**context.units_filter()), context.end)
        .select_related("unit")
        .order_by("unit__path", "pk")
    )
    if not found:
        return
    roles = Counter(o.staff_role for o in found)
    units = list({o.unit_id: o.unit for o in found}.values())
    sources = [("officer", str(o.pk), o.full_name) for o in found]
    parts = [
        prose.count(roles[code], ROLE_NOUNS[code])
        for code in vocab.codes("staff_roles")
        if roles[code]
    ]
    text = f"{_subject(context, units)} đã phân công {prose.join(parts)} làm {WORK}"
    trained = [
        o for o in found if o.trained and (o.trained_on is None or o.trained_on <= context.end)
    ]
    if trained:
        text += f", trong đó {prose.count(len(trained), 'người')} đã qua bồi dưỡng nghiệp vụ"
    yield ReportLine("direction", text, sources, order=30)
    staff = [o for o in found if o.staff_role != "leader"]
    if staff and not any(o.staff_role == "full_time" for o in staff):
        staff_sources = [("officer", str(o.pk), o.full_name) for o in staff]
        yield ReportLine(
            "difficulties",
            f"Cán bộ phụ trách {WORK} được bố trí kiêm nhiệm nên chưa phát huy được hiệu quả "
            "công tác tham mưu",
            staff_sources,
            order=30,
        )
        yield ReportLine(
            "proposals", f"Bố trí biên chế cán bộ chuyên trách làm {WORK}", staff_sources, order=30
        )
    untrained = [o for o in found if o not in trained]
    if untrained:
        yield ReportLine(
            "difficulties",
            f"Còn {prose.count(len(untrained), 'cán bộ')} làm {WORK} chưa qua bồi dưỡng nghiệp vụ",
            [("officer", str(o.pk), o.full_name) for o in untrained],
            order=31,
        )


# Kiểm tra, giám sát -------------------------------------------------------------------


def _when(visit: OversightVisit) -> str:
    return f"Tháng {visit.started_on.month}/{visit.started_on.year}"


def visits(context: ReportContext) -> Iterable[ReportLine]:
    found = (
        OversightVisit.objects.filter(
            **context.units_filter(), started_on__gte=context.start, started_on__lte=context.end
        )
        .select_related("unit")
        .prefetch_related("recommendations")
        .order_by("started_on", "pk")
    )
    for visit in found:
        sources = [("oversight_visit", str(visit.pk), visit.visiting_body)]
        if visit.kind == VisitKind.SELF:
            text = f"{_when(visit)}, {_subject(context, [visit.unit])} đã tự kiểm tra {_clause(visit.visited)}"
            if visit.findings.strip():
                text += f"; qua kiểm tra, {prose.lower_first(_clause(visit.findings))}"
        else:
            text = f"{_when(visit)}, {_clause(visit.visiting_body)} đã làm việc với {_clause(visit.visited)}"
        recommendations = sorted(visit.recommendations.all(), key=lambda r: r.number)
        if recommendations:
            items = "; ".join(f"{ordinal(r.number)}, {_clause(r.text)}" for r in recommendations)
            text += f" và đề nghị: {items}"
        yield ReportLine("direction", text, sources, order=40)


STATUS_WORDS = {
    FollowUpStatus.DONE: "đã hoàn thành",
    FollowUpStatus.IN_PROGRESS: "đang thực hiện",
    FollowUpStatus.NOT_STARTED: "chưa thực hiện",
}


def follow_ups(context: ReportContext) -> Iterable[ReportLine]:
    """The progress reported for a period within the report's, latest per
    recommendation, one sentence per visit and unit."""
    rows = (
        RecommendationProgress.objects.filter(**context.units_filter())
        .select_related("unit", "recommendation", "recommendation__visit")
        .order_by("recommendation__visit__started_on", "recommendation__number", "period")
    )
    latest: dict[int, RecommendationProgress] = {}
    for row in rows:
        try:
            period = parse_period_id(str(row.period))
        except PeriodError:
            continue
        if context.period.contains(period):
            latest[row.recommendation_id] = row
    grouped: dict[tuple[int, int], list[RecommendationProgress]] = defaultdict(list)
    for row in latest.values():
        grouped[(row.recommendation.visit_id, row.unit_id)].append(row)
    for group in grouped.values():
        visit = group[0].recommendation.visit
        by_status: dict[str, list[str]] = defaultdict(list)
        for row in group:
            by_status[row.status].append(ordinal(row.recommendation.number).lower())
        said = [
            f"{STATUS_WORDS[FollowUpStatus(status)]} kiến nghị {prose.join(numbers)}"
            for status in (
                FollowUpStatus.DONE,
                FollowUpStatus.IN_PROGRESS,
                FollowUpStatus.NOT_STARTED,
            )
            if (numbers := by_status.get(status))
        ]
        text = (
            f"Thực hiện kiến nghị của {_clause(visit.visiting_body)} "
            f"({prose.lower_first(_when(visit))}), {_subject(context, [group[0].unit])} "
            f"{'; '.join(said)}"
        )
        sources = [("recommendation_progress", str(r.pk), str(r.recommendation)) for r in group]
        yield ReportLine("direction", text, sources, order=41)


# Kinh phí ------------------------------------------------------------------------------


def budget(context: ReportContext) -> Iterable[ReportLine]:
    year = context.period.year
    found = list(Budget.objects.filter(**context.units_filter(), year=year).select_related("unit"))
    if not found:
        return
    sources = [("budget", str(b.pk), f"{b.unit.name}: {b}") for b in found]
    allocated: dict[int, int] = defaultdict(int)
    for line in found:
        allocated[line.unit_id] += line.allocated
    total = sum(allocated.values())
    if total > 0:
        by_source: dict[str, int] = defaultdict(int)
        for line in found:
            by_source[line.source] += line.allocated
        whose = "" if len(allocated) == 1 else " của các cơ quan, đơn vị, địa phương"
        text = f"Năm {year}, kinh phí bố trí cho {WORK}{whose} là {prose.money(total)}"
        shares = [(code, amount) for code, amount in by_source.items() if amount]
        if len(shares) > 1:
            order = vocab.codes("funding_sources")
            shares.sort(key=lambda pair: order.index(pair[0]) if pair[0] in order else 99)
            text += ", trong đó " + ", ".join(
                f"{prose.lower_first(vocab.label('funding_sources', code))} {prose.money(amount)}"
                for code, amount in shares
            )
        spent = [b.spent for b in found if b.spent is not None]
        if spent:
            text += f"; đã sử dụng {prose.money(sum(spent))}"
        yield ReportLine("direction", text, sources, order=50)
    unfunded = [unit_id for unit_id, amount in allocated.items() if amount == 0]
    if not unfunded:
        return
    unfunded_sources = [s for s, b in zip(sources, found, strict=True) if b.unit_id in unfunded]
    if len(allocated) == 1:
        difficulty = (
            f"Kinh phí cho {WORK} chưa được bố trí riêng nên việc triển khai tổ chức thực hiện "
            "còn gặp khó khăn"
        )
    else:
        difficulty = (
            f"Một số cơ quan, đơn vị, địa phương chưa được bố trí kinh phí riêng cho {WORK}"
        )
    yield ReportLine("difficulties", difficulty, unfunded_sources, order=50)
    yield ReportLine(
        "proposals",
        f"Quan tâm bố trí kinh phí cho {WORK} để việc triển khai thực hiện đạt hiệu quả",
        unfunded_sources,
        order=50,
    )


ALL = [committees, officers, visits, follow_ups, budget]
