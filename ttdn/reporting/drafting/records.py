"""What a report is drafted from: the request it answers, the request it consolidates and
what it counts (``Basis``), and the records of the unit and its units — activities,
figures with their contributors, plans, the reports submitted — gathered in a fixed
number of queries (``gather``). A drafted line and its sources (``Line``, ``Source``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from ttdn.activities.models import Activity
from ttdn.indicators.models import (
    DataValue,
    Indicator,
    RollupValue,
    TimeAggregation,
    ValueType,
)
from ttdn.indicators.services import subtree_sums, subtree_totals
from ttdn.lib import prose
from ttdn.lib.periods import Period, PeriodError, PeriodType
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.plans.models import Plan
from ttdn.plans.services import TaskResult, assigned_tasks, targets_covering, task_results
from ttdn.reporting import phrasebook
from ttdn.reporting.drafting.sentences import HEADING
from ttdn.reporting.letterhead import Letterhead, letterhead, split_administrative
from ttdn.reporting.models import (
    BoardState,
    ReportRequest,
    Scope,
    Status,
    Submission,
    SubmissionSection,
)
from ttdn.reporting.phrasebook import Figure


@dataclass(frozen=True)
class Source:
    """A record a line was drafted from."""

    kind: str  # activity, value, plan, target, request, section, board
    id: str
    label: str

    def as_list(self) -> list[str]:
        return [self.kind, self.id, self.label]


@dataclass
class Line:
    text: str
    sources: list[Source] = field(default_factory=list)
    # Said from figures, plans or counts that a report above recomputes for all its
    # units: merging a unit's report leaves such lines out.
    derived: bool = False

    def as_dict(self) -> dict:
        data: dict[str, object] = {
            "text": self.text,
            "sources": [s.as_list() for s in self.sources],
        }
        if self.derived:
            data["derived"] = True
        return data


@dataclass
class Draft:
    """The drafted text of every section, the opening and closing sentences, and last
    period's tasks to check this period's work against."""

    opening: Line
    sections: dict[str, list[Line]]
    closing: Line
    next_period_label: str
    checklist: list[tuple[str, list[str]]] = field(default_factory=list)
    consolidated: bool = False
    units_reported: int = 0
    addressee: str | None = None  # the body the report goes to
    figures: dict[str, Figure] = field(default_factory=dict)
    unit_names: list[str] = field(default_factory=list)  # in tree order
    missing_names: list[str] = field(default_factory=list)  # expected, not submitted

    def figures_record(self) -> dict:
        """The figures as a consolidation above counts them once this report is submitted."""
        return {
            code: {
                "total": str(figure.total),
                "parts": {option: str(value) for option, value in figure.parts.items()},
                "estimated": figure.estimated,
                "partial": figure.partial,
            }
            for code, figure in self.figures.items()
        }

    def text(self, code: str) -> str:
        return "\n".join(line.text for line in self.sections.get(code, []))


@dataclass
class Basis:
    """What a report rests on: unit, period, the request it answers (if any), the unit's
    own request whose submissions it consolidates, and what it counts."""

    unit: OrgUnit
    period: Period
    answering: ReportRequest | None = None
    consolidates: ReportRequest | None = None
    scope: str = ""

    @classmethod
    def of(cls, submission: Submission) -> Basis:
        unit, period = submission.unit, submission.the_period
        consolidates = submission.consolidates or default_consolidated_request(unit, period)
        return cls(unit, period, submission.request, consolidates, submission.scope)

    @property
    def scope_label(self) -> str:
        return str(Scope(self.effective_scope).label)

    @property
    def effective_scope(self) -> str:
        if self.scope:
            return self.scope
        return Scope.SUBMITTED if self.consolidates is not None else Scope.RECORDED


def default_consolidated_request(unit: OrgUnit, period: Period) -> ReportRequest | None:
    """The unit's own latest request for the period, when it issued one."""
    if not unit.child_count:
        return None
    return (
        ReportRequest.objects.filter(issuing_unit=unit, period=period.id, cancelled_at=None)
        .order_by("-issued_on", "-id")
        .first()
    )


# Records ------------------------------------------------------------------------------


def _short_names(units: list[OrgUnit]) -> dict[int, str]:
    from ttdn.reporting.models import DocumentProfile

    profiles = {p.unit_id: p for p in DocumentProfile.objects.filter(unit__in=units)}
    names = {}
    for unit in units:
        # A cache on the instance that letterhead() reads before it queries.
        setattr(unit, "_document_profile", profiles.get(unit.pk))  # noqa: B010
        if unit.kind in (UnitKind.COMMUNE, UnitKind.DISTRICT) and unit.pk not in profiles:
            word, _proper = split_administrative(unit.name)
            names[unit.pk] = f"UBND {prose.lower_first(unit.name)}" if word else unit.name
        else:
            names[unit.pk] = letterhead(unit).short_name
    return names


def _indicator_figures(
    indicators: list[Indicator],
    current: dict[tuple[int, str], Decimal],
    previous: dict[tuple[int, str], Decimal],
    contributions: dict[tuple[int, str], dict[int, Decimal]],
    names: dict[int, str],
    kinds: dict[int, str],
    targets: dict,
    period: Period,
    estimated: Set[int] = frozenset(),
    partial: Set[int] = frozenset(),
) -> tuple[dict[str, Figure], dict[str, list[Source]]]:
    figures: dict[str, Figure] = {}
    sources: dict[str, list[Source]] = {}
    for indicator in indicators:
        key = (indicator.pk, "")
        parts = {
            option: current[(indicator.pk, option)]
            for option in indicator.options()[1:]
            if (indicator.pk, option) in current
        }
        total = current.get(key)  # a total only the parts were given for is stored, derived
        if total is None:
            continue
        kind = "money" if indicator.value_type == ValueType.MONEY else "count"
        if indicator.value_type in (ValueType.DECIMAL, ValueType.PERCENT):
            kind = "amount"
        target = targets.get(key)
        by_unit = contributions.get(key, {})
        short = indicator.pk in partial  # not compared with a whole period before
        previous_parts = {
            option: previous[(indicator.pk, option)]
            for option in parts
            if (indicator.pk, option) in previous
        }
        figure = Figure(
            code=indicator.code,
            name=indicator.name.replace("TTĐN", "thông tin đối ngoại"),
            noun=indicator.measure_unit,
            kind=kind,
            total=total,
            previous=None if short else previous.get(key),
            disaggregation=indicator.disaggregation,
            parts=parts,
            previous_parts={} if short else previous_parts,
            target=target.value if target else None,
            target_scope=prose.target_scope(target.period, period) if target else "",
            stock=indicator.time_aggregation == TimeAggregation.LAST,
            contributors=sorted(
                ((names[unit_id], value) for unit_id, value in by_unit.items() if value),
                key=lambda item: (-item[1], item[0]),
            ),
            contributor_kinds=frozenset(kinds[u] for u, value in by_unit.items() if value),
            group=phrasebook.CATALOGUE_GROUPS.get(indicator.group, "other"),
            estimated=indicator.pk in estimated,
            partial=short,
        )
        figures[indicator.code] = figure
        label = f"{indicator.name}: {figure.quantity()} ({period.label()})"
        found = [Source("value", indicator.code, label)]
        if target:
            found.append(Source("target", str(target.plan.pk), f"Kế hoạch số {target.plan.number}"))
        sources[indicator.code] = found
    return figures, sources


@dataclass
class Records:
    basis: Basis
    head: Letterhead
    consolidated: bool
    activities: list[Activity]
    figures: dict[str, Figure]
    figure_sources: dict[str, list[Source]]
    plans: list[Plan]
    plans_below: list[Plan]  # plans of units below that implement the unit's own
    plan_tasks: dict[int, list[TaskResult]]  # plan id → its tasks with their status
    given_tasks: list[TaskResult]  # tasks plans of units above gave the unit itself
    issued_requests: list[ReportRequest]
    names: dict[int, str]  # unit id → how prose names it
    children_sections: dict[str, list[tuple[OrgUnit, SubmissionSection]]]
    previous_tasks: list[str]
    expected: int = 0
    submitted: int = 0
    late: int = 0
    missing: list[OrgUnit] = field(default_factory=list)  # expected, not (yet) submitted


def gather(basis: Basis) -> Records:
    """Everything the draft is made from, in a fixed number of queries."""
    unit, period = basis.unit, basis.period
    consolidated = unit.child_count > 0
    scope = basis.effective_scope
    start, end = basis.answering.data_bounds() if basis.answering else (period.start, period.end)
    activities_qs = (
        Activity.objects.in_period(start, end)
        .select_related("unit")
        .prefetch_related("quantity_rows__indicator")
    )
    if consolidated and scope == Scope.RECORDED:
        activities_qs = activities_qs.filter(unit__path__startswith=unit.path)
    else:
        activities_qs = activities_qs.filter(unit=unit)
    activities = sorted(activities_qs, key=lambda a: (a.start_date, a.unit.path, a.pk))

    indicators = list(Indicator.objects.filter(active=True))
    previous_period = period.same_period_last_year()
    submissions: list[Submission] = []
    if consolidated and scope != Scope.RECORDED and basis.consolidates is not None:
        statuses = [Status.ACCEPTED]
        if scope == Scope.SUBMITTED:
            statuses.append(Status.SUBMITTED)
        submissions = list(
            basis.consolidates.submissions.filter(status__in=statuses).select_related("unit")
        )
        current, previous, contributions, units, estimated, partial = _submitted_figures(
            unit, submissions, period, previous_period, indicators
        )
    else:
        totals = subtree_totals(unit, period)
        current = {(r.indicator.pk, r.option): r.total for r in totals.rows if r.total is not None}
        previous = {
            (r.indicator.pk, r.option): r.previous for r in totals.rows if r.previous is not None
        }
        contributions = {(r.indicator.pk, r.option): r.by_branch for r in totals.rows}
        units = list(totals.branches)
        estimated = estimated_indicators(unit, period)
        partial = {r.indicator.pk for r in totals.rows if r.partial}
    units = list({u.pk: u for u in [unit, *units, *(a.unit for a in activities)]}.values())
    names = _short_names(units)
    figures, figure_sources = _indicator_figures(
        indicators,
        current,
        previous,
        contributions if consolidated else {},
        names,
        {u.pk: u.kind for u in units},
        targets_covering(unit, period),
        period,
        estimated,
        partial,
    )
    plans = list(
        Plan.objects.covering(period.year)
        .filter(issuing_unit=unit, issued_on__lte=end)
        .select_related("implements__issuing_unit")
        .order_by("issued_on", "pk")
    )
    plan_tasks = task_results(plans, end)
    given_tasks = [
        r
        for r in assigned_tasks(unit, end)
        if r.task.assignee_id == unit.pk
        and r.task.plan.issuing_unit_id != unit.pk
        and r.task.plan.issued_on <= end
        and r.task.plan.start_year <= period.year <= r.task.plan.end_year
    ]
    assignees = {r.task.assignee_id: r.task.assignee for rs in plan_tasks.values() for r in rs}
    given_by = {r.task.plan.issuing_unit_id: r.task.plan.issuing_unit for r in given_tasks}
    named = [u for u in [*assignees.values(), *given_by.values()] if u.pk not in names]
    names.update(_short_names(list({u.pk: u for u in named}.values())))
    plans_below = []
    if consolidated and plans:
        plans_below = list(
            Plan.objects.filter(implements__in=plans, issuing_unit__path__startswith=unit.path)
            .exclude(issuing_unit=unit)
            .select_related("issuing_unit", "implements")
            .order_by("issuing_unit__path", "issued_on")
        )
        missing = [p.issuing_unit for p in plans_below if p.issuing_unit_id not in names]
        names.update(_short_names(missing))
    issued = list(
        ReportRequest.objects.filter(
            issuing_unit=unit, issued_on__gte=start, issued_on__lte=end
        ).order_by("issued_on", "pk")
    )
    children: dict[str, list[tuple[OrgUnit, SubmissionSection]]] = defaultdict(list)
    if submissions:
        for section in (
            SubmissionSection.objects.filter(submission__in=submissions)
            .exclude(text="")
            .select_related("submission__unit")
            .order_by("submission__unit__path", "code")
        ):
            children[section.code].append((section.submission.unit, section))
        for child, _section in (pair for pairs in children.values() for pair in pairs):
            if child.pk not in names:
                names.update(_short_names([child]))
    records = Records(
        basis=basis,
        head=letterhead(unit),
        consolidated=consolidated,
        activities=activities,
        figures=figures,
        figure_sources=figure_sources,
        plans=plans,
        plans_below=plans_below,
        plan_tasks=plan_tasks,
        given_tasks=given_tasks,
        issued_requests=issued,
        names=names,
        children_sections=dict(children),
        previous_tasks=_previous_tasks(unit, period),
    )
    if basis.consolidates is not None and consolidated:
        from ttdn.reporting.services import board

        rows = board(basis.consolidates).rows
        records.expected = len(rows)
        records.submitted = sum(1 for r in rows if r.state in (BoardState.ON_TIME, BoardState.LATE))
        records.late = sum(1 for r in rows if r.state == BoardState.LATE)
        records.missing = [r.unit for r in rows if r.state.awaited]
        names.update(_short_names([u for u in records.missing if u.pk not in names]))
    return records


def estimated_indicators(unit: OrgUnit, period: Period) -> set[int]:
    """Indicators of which some value in ``unit``'s subtree for ``period`` is an estimate."""
    values = DataValue.objects.filter(period=period.id, estimated=True)
    values = (
        values.filter(unit__path__startswith=unit.path)
        if unit.child_count
        else values.filter(unit=unit)
    )
    return set(values.values_list("indicator_id", flat=True).distinct())


def partial_indicators(unit: OrgUnit, period: Period) -> set[int]:
    """Indicators of which some figure in ``unit``'s subtree covers only part of
    ``period`` (read from the rollup's count for a unit with children)."""
    if unit.child_count:
        rows: QuerySet = RollupValue.objects.filter(unit=unit, period=period.id, p__gt=0)
    else:
        rows = DataValue.objects.filter(unit=unit, period=period.id, months__isnull=False)
    return set(rows.values_list("indicator_id", flat=True).distinct())


def _submitted_figures(
    unit: OrgUnit,
    submissions: list[Submission],
    period: Period,
    previous: Period,
    indicators: list[Indicator],
) -> tuple[dict, dict, dict, list[OrgUnit], set[int], set[int]]:
    """The figures of the reports that count — as each was submitted — with the unit's own
    values, each unit's share, a year earlier (the values as they stand), and which
    indicators hold an estimate or a figure short of the period."""
    others = [s for s in submissions if s.unit_id != unit.pk]
    tops = [
        s
        for s in others
        if not any(o.unit_id != s.unit_id and s.unit.path.startswith(o.unit.path) for o in others)
    ]
    own = OrgUnit(pk=unit.pk, child_count=0, path=unit.path)
    live = [s.unit for s in tops if not s.figures]
    sums = subtree_sums([*[s.unit for s in tops], own], [previous.id])
    sums_now = subtree_sums([*live, own], [period.id])
    by_code = {indicator.code: indicator.pk for indicator in indicators}
    current: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    earlier: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    shares: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    estimated: set[int] = set()
    partial: set[int] = set()

    def count(unit_id: int, indicator_id: int, option: str, value: Decimal) -> None:
        current[(indicator_id, option)] += value
        shares[(indicator_id, option)][unit_id] = value

    for submission in tops:
        for code, figure in (submission.figures or {}).items():
            indicator_id = by_code.get(code)
            if indicator_id is None:
                continue
            count(submission.unit_id, indicator_id, "", Decimal(figure["total"]))
            for option, value in figure.get("parts", {}).items():
                count(submission.unit_id, indicator_id, option, Decimal(value))
            if figure.get("estimated"):
                estimated.add(indicator_id)
            if figure.get("partial"):
                partial.add(indicator_id)
    for unit_id, values in sums_now.items():
        for (_period_id, indicator_id, option), value in values.items():
            count(unit_id, indicator_id, option, value)
    for values in sums.values():
        for (_period_id, indicator_id, option), value in values.items():
            earlier[(indicator_id, option)] += value
    for counted in [own, *live]:
        estimated |= estimated_indicators(counted, period)
        partial |= partial_indicators(counted, period)
    units = [s.unit for s in tops]
    return dict(current), dict(earlier), dict(shares), units, estimated, partial


def _previous_tasks(unit: OrgUnit, period: Period) -> list[str]:
    """The "Phương hướng" lines of the unit's report for the period before this one."""
    try:
        before = period.previous() if period.type is not PeriodType.NINE_MONTH else None
    except PeriodError:
        before = None
    if before is None:
        return []
    section = (
        SubmissionSection.objects.filter(
            submission__unit=unit, submission__period=before.id, code="next_tasks"
        )
        .exclude(text="")
        .order_by("-submission__pk")
        .first()
    )
    if section is None:
        return []
    return [
        line.strip(" -–•\t")
        for line in section.text.splitlines()
        if line.strip(" -–•\t") and not HEADING.match(line)
    ]


def activity_source(activity: Activity) -> Source:
    return Source(
        "activity",
        str(activity.pk),
        f"{activity.title[:90]} ({prose.day(activity.start_date)}, {activity.unit.name})",
    )
