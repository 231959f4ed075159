"""What plans set and how far they got: targets of a unit for a period, each target
against the figures recorded, each task's latest status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from ttdn.indicators.services import subtree_sums
from ttdn.lib import prose
from ttdn.lib.periods import Period, PeriodType
from ttdn.orgunits.models import OrgUnit
from ttdn.plans.models import (
    OVERDUE,
    OVERDUE_LABEL,
    Plan,
    PlanTarget,
    PlanTask,
    TaskProgress,
    TaskStatus,
)


def targets_for(unit: OrgUnit, period: Period) -> dict[tuple[int, str], Decimal]:
    """(indicator id, option) → target that ``unit``'s own plans set for ``period``."""
    rows = (
        PlanTarget.objects.filter(plan__issuing_unit=unit, period=period.id)
        .values("indicator_id", "option")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "option", "total")
        .order_by()
    )
    return {(indicator_id, option): Decimal(total) for indicator_id, option, total in rows}


@dataclass
class Target:
    value: Decimal
    period: Period
    plan: Plan


def targets_covering(unit: OrgUnit, period: Period) -> dict[tuple[int, str], Target]:
    """(indicator id, option) → the target ``unit``'s plans set for ``period`` itself or,
    failing that, for the year it falls in ("đạt 45,6% kế hoạch năm"). Targets of several
    plans for the same figure add up."""
    ids = [period.id] if period.type is PeriodType.YEAR else [period.id, str(period.year)]
    rows = (
        PlanTarget.objects.filter(plan__issuing_unit=unit, period__in=ids)
        .select_related("plan")
        .order_by("plan__issued_on", "pk")
    )
    by_period: dict[str, dict[tuple[int, str], Target]] = {period_id: {} for period_id in ids}
    for row in rows:
        found = by_period[row.period]
        key = (row.indicator_id, row.option)
        if key in found:
            found[key].value += row.value
        else:
            found[key] = Target(Decimal(row.value), row.the_period, row.plan)
    targets = dict(by_period[ids[-1]])
    targets.update(by_period[period.id])
    return targets


# Plan versus actual -------------------------------------------------------------------


@dataclass
class TargetResult:
    """A target beside what the issuing unit's subtree recorded for its period."""

    target: PlanTarget
    actual: Decimal | None

    @property
    def share(self) -> Decimal | None:
        if self.actual is None or not self.target.value:
            return None
        return self.actual / self.target.value * 100

    @property
    def share_label(self) -> str:
        """ "60,3%" of the target."""
        share = self.share
        return "" if share is None else prose.percent(share)

    @property
    def option_label(self) -> str:
        return self.target.indicator.option_label(self.target.option) if self.target.option else ""

    @property
    def reached(self) -> bool:
        return self.actual is not None and self.actual >= self.target.value

    def share_text(self) -> str:
        """ "đạt 75,9% kế hoạch" or ""."""
        if self.actual is None or not self.target.value:
            return ""
        return prose.plan_share(self.actual, self.target.value, "")


@dataclass
class TaskResult:
    """A task with the latest progress its unit reported and the status that follows:
    a task not done whose deadline is past ``as_of`` is overdue."""

    task: PlanTask
    latest: TaskProgress | None
    status: str

    @property
    def status_label(self) -> str:
        if self.status == OVERDUE:
            return str(OVERDUE_LABEL)
        return str(TaskStatus(self.status).label)


@dataclass
class PlanReview:
    plan: Plan
    targets: list[TargetResult] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Tasks by status, every status present."""
        found = {status: 0 for status in [*TaskStatus.values, OVERDUE]}
        for result in self.tasks:
            found[result.status] += 1
        return found


def task_status(task: PlanTask, latest: TaskProgress | None, as_of: date) -> str:
    if latest is not None and latest.status == TaskStatus.DONE:
        return TaskStatus.DONE
    if task.deadline < as_of:
        return OVERDUE
    return latest.status if latest is not None else TaskStatus.NOT_STARTED


def task_results(plans: list[Plan], as_of: date) -> dict[int, list[TaskResult]]:
    """Plan id → its tasks with the latest progress reported for a period that began by
    ``as_of``, in two queries."""
    tasks = list(
        PlanTask.objects.filter(plan__in=plans)
        .select_related("assignee", "indicator", "plan")
        .order_by("plan_id", "deadline", "pk")
    )
    latest: dict[int, TaskProgress] = {}
    for progress in TaskProgress.objects.filter(task__in=tasks):
        period = progress.the_period
        if period.start > as_of:
            continue
        held = latest.get(progress.task_id)
        if held is None or (period.end, progress.pk) > (held.the_period.end, held.pk):
            latest[progress.task_id] = progress
    results: dict[int, list[TaskResult]] = {plan.pk: [] for plan in plans}
    for task in tasks:
        found = latest.get(task.pk)
        results[task.plan_id].append(TaskResult(task, found, task_status(task, found, as_of)))
    return results


def target_results(plan: Plan) -> list[TargetResult]:
    """Each target of ``plan`` with the issuing unit's subtree total for its period."""
    targets = list(
        plan.targets.select_related("indicator").order_by("period", "indicator__sort_order")
    )
    if not targets:
        return []
    unit = plan.issuing_unit
    sums = subtree_sums([unit], sorted({t.period for t in targets})).get(unit.pk, {})
    return [TargetResult(t, sums.get((t.period, t.indicator_id, t.option))) for t in targets]


def plan_versus_actual(plan: Plan, as_of: date) -> PlanReview:
    """The plan's targets against the figures and its tasks' latest status."""
    return PlanReview(plan, target_results(plan), task_results([plan], as_of)[plan.pk])


def assigned_tasks(unit: OrgUnit, as_of: date) -> list[TaskResult]:
    """The tasks given to ``unit`` and the units below it, by any plan — also plans of
    units above, which the unit's people may not otherwise see — nearest deadline first."""
    plans = list(
        Plan.objects.filter(tasks__assignee__path__startswith=unit.path)
        .distinct()
        .select_related("issuing_unit")
    )
    by_plan = {plan.pk: plan for plan in plans}
    results = []
    for plan_id, found in task_results(plans, as_of).items():
        for result in found:
            if result.task.assignee.path.startswith(unit.path):
                result.task.plan = by_plan[plan_id]
                results.append(result)
    return sorted(results, key=lambda r: (r.task.deadline, r.task.pk))
