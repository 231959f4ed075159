"""The drafter: every section of one report written from its records (records.py) with
the wording of sentences.py and phrasebook.py."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ttdn.indicators.models import Indicator
from ttdn.lib import prose, vocab
from ttdn.lib.periods import PeriodType
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.plans.models import Plan
from ttdn.plans.services import TaskResult
from ttdn.registers.drafting import ReportContext, ReportLine, covered, report_lines
from ttdn.reporting import phrasebook
from ttdn.reporting.drafting.records import (
    Basis,
    Draft,
    Line,
    Records,
    Source,
    activity_source,
    gather,
)
from ttdn.reporting.drafting.sentences import (
    HEADING,
    SIMILAR,
    TIME_PREFIX,
    Point,
    activity_sentence,
    figure_name,
    merge,
    plan_about,
    plural_subject,
    proposal_topic,
    request_about,
    sentence_key,
    similarity,
    split_sentences,
    subject_for,
    with_subject,
)
from ttdn.reporting.letterhead import letterhead, split_administrative
from ttdn.reporting.models import ReportRequest, Scope, SubmissionSection
from ttdn.reporting.phrasebook import GROUPS, Clause, Figure

CONTRIBUTORS_NAMED = 3
TASKS_NAMED = 6  # a plan's tasks named in the direction section; more are counted
OPEN_TASKS_NAMED = 3  # unfinished tasks named in the next period's tasks
TASK_STATE = {
    "done": "đã hoàn thành",
    "in_progress": "đang triển khai",
    "not_started": "chưa triển khai",
    "overdue": "chưa hoàn thành, đã quá hạn",
}
NOTABLE_CHANGE = 5  # % of change against last year worth a word in the assessment


def task_receivers(kinds: list[str]) -> str:
    """ "sở, ngành, địa phương", "cơ quan, đơn vị": who a plan's tasks went to."""
    local = (UnitKind.DISTRICT, UnitKind.COMMUNE)
    departments = UnitKind.DEPARTMENT in kinds
    others = any(k != UnitKind.DEPARTMENT and k not in local for k in kinds)
    words = []
    if departments:
        words.append("sở, ban, ngành" if others else "sở, ngành")
    elif others:
        words.append("cơ quan, đơn vị")
    if any(k in local for k in kinds):
        words.append("địa phương")
    return ", ".join(words)


def task_progress(results: list[TaskResult]) -> str:
    """ "Đến nay, đã hoàn thành 03 nhiệm vụ, 02 nhiệm vụ đang triển khai." """
    counts: dict[str, int] = defaultdict(int)
    for result in results:
        counts[result.status] += 1
    if len(results) == 1:
        return f"Đến nay, nhiệm vụ {TASK_STATE[results[0].status]}."
    if counts["done"] == len(results):
        return f"Đến nay, đã hoàn thành toàn bộ {prose.count(len(results), 'nhiệm vụ')}."
    parts = []
    if counts["done"]:
        parts.append(f"đã hoàn thành {prose.count(counts['done'], 'nhiệm vụ')}")
    for status, words in (
        ("in_progress", "đang triển khai"),
        ("not_started", "chưa triển khai"),
        ("overdue", "đã quá hạn nhưng chưa hoàn thành"),
    ):
        if counts[status]:
            parts.append(f"{prose.count(counts[status], 'nhiệm vụ')} {words}")
    return f"Đến nay, {', '.join(parts)}."


class Drafter:
    """Writes every section of one report from its records."""

    def __init__(self, records: Records) -> None:
        self.r = records
        self.period = records.basis.period
        self.unit = records.basis.unit
        self.head = records.head
        self.indicators = {i.code: i for i in Indicator.objects.filter(active=True)}
        self.context = phrasebook.Context(
            against=prose.against_label(self.period),
            period_label=prose.upper_first(self.period.label()),
            locality=self.head.place,
            whole=self._whole(),
            part_label=lambda name, option: vocab.label(name, option),
        )
        prose_pad = records.head.pad_small_counts
        self._pad = prose_pad
        self.register_lines: dict[str, list[ReportLine]] = defaultdict(list)
        self.register_context = self._register_context()
        for line in report_lines(self.register_context):
            self.register_lines[line.section].append(line)

    def _register_context(self) -> ReportContext:
        basis = self.r.basis
        start, end = (
            basis.answering.data_bounds()
            if basis.answering
            else (self.period.start, self.period.end)
        )
        return ReportContext(
            unit=self.unit,
            period=self.period,
            start=start,
            end=end,
            subtree=self.r.consolidated and basis.effective_scope == Scope.RECORDED,
            subject=self.head.short_name,
            name_of=lambda unit: self.r.names.get(unit.pk) or letterhead(unit).short_name,
        )

    def _from_registers(self, section: str) -> list[Line]:
        """The registers' lines of a section (ttdn.registers.drafting)."""
        return [
            Line(self._bullet(prose.sentence(line.text)), [Source(*s) for s in line.sources])
            for line in self.register_lines.get(section, [])
        ]

    def _whole(self) -> str:
        """ "toàn tỉnh", "toàn xã": the area a province-wide figure covers."""
        area = self.unit
        if self.unit.kind not in (UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.DISTRICT):
            from ttdn.reporting.letterhead import province_of

            area = province_of(self.unit) or self.unit
        word, _proper = split_administrative(area.name)
        return f"toàn {word.lower()}" if word else "toàn địa bàn"

    # sections ----------------------------------------------------------------------

    def draft(self) -> Draft:
        prose.PAD_SMALL_COUNTS, saved = self._pad, prose.PAD_SMALL_COUNTS
        try:
            results, used_groups = self.results()
            sections = {
                "direction": self.direction(),
                "results": results,
                "achievements": self.achievements(),
                "difficulties": self.difficulties(),
                "next_tasks": self.next_tasks(used_groups),
                "proposals": self.proposals(),
            }
            for code in self.r.children_sections:
                if code not in sections:
                    sections[code] = self._merged_lines(code, [])
            return Draft(
                opening=self.opening(),
                sections={code: lines for code, lines in sections.items()},
                closing=self.closing(),
                next_period_label=prose.next_period_label(self.period),
                checklist=self.checklist(),
                consolidated=self.r.consolidated,
                units_reported=self.r.submitted,
                addressee=self.addressee(),
                figures=self.r.figures,
                unit_names=list(self.r.names.values()),
                missing_names=[self.r.names.get(u.pk, u.name) for u in self.r.missing],
            )
        finally:
            prose.PAD_SMALL_COUNTS = saved

    def opening(self) -> Line:
        subject = f"kết quả công tác thông tin đối ngoại {self.period.label()}"
        basis, sources = "", []
        if self.r.consolidated and self.r.submitted and self.r.basis.consolidates is not None:
            basis = (
                f", trên cơ sở báo cáo của {prose.count(self.r.submitted)} cơ quan, "
                "đơn vị, địa phương"
            )
            sources.append(self._request_source(self.r.basis.consolidates))
        request = self.r.basis.answering
        if request is None:
            text = f"{self.head.short_name} báo cáo {subject} như sau:"
            if basis:
                text = f"{prose.upper_first(basis.lstrip(', '))}, {text}"
            return Line(text, sources)
        requester = letterhead(request.issuing_unit).formal_name
        about = request_about(request)
        text = (
            f"Thực hiện Công văn số {request.number} ngày {prose.day(request.issued_on)} của "
            f"{requester} về việc {about}{basis}, {self.head.short_name} báo cáo {subject} "
            "như sau:"
        )
        return Line(text, [self._request_source(request), *sources])

    def closing(self) -> Line:
        subject = (
            f"Trên đây là báo cáo kết quả công tác thông tin đối ngoại {self.period.label()} "
            f"của {self.head.short_name}."
        )
        to = self.addressee()
        if to is None:
            return Line(subject[:-1] + "./.")
        return Line(f"{subject} Kính báo cáo {to} biết, tổng hợp./.")

    def addressee(self) -> str | None:
        """The body the report goes to: the requester, else the unit's parent."""
        if self.r.basis.answering is not None:
            return letterhead(self.r.basis.answering.issuing_unit).short_name
        parent = self.unit.parent
        if parent is None:
            return None
        if (
            parent.parent is None
            and parent.kind == UnitKind.OTHER
            and not hasattr(parent, "document_profile")
        ):
            return None  # a root of kind "other" groups the tree; it is not a body
        return letterhead(parent).short_name

    def _request_source(self, request: ReportRequest) -> Source:
        return Source("request", str(request.pk), f"Công văn số {request.number}")

    def _bullet(self, text: str) -> str:
        return text if self.r.consolidated else f"- {text}"

    def direction(self) -> list[Line]:
        lines = []
        me = self.head.short_name
        for plan in self.r.plans:
            about = plan_about(plan.title)
            own = f"{plan.cite()} ngày {prose.day(plan.issued_on)} về {about}"
            # A plan of earlier years (a programme for 2021-2025) is carried on, not issued.
            did = "tiếp tục triển khai" if plan.issued_on < self.period.start else "đã ban hành"
            sources = [Source("plan", str(plan.pk), plan.cite())]
            higher = plan.implements
            if higher is not None:
                by = letterhead(higher.issuing_unit).short_name
                text = (
                    f"Thực hiện {higher.cite()} ngày {prose.day(higher.issued_on)} "
                    f"của {by} về {plan_about(higher.title)}, {me} {did} {own}."
                )
                sources.append(Source("plan", str(higher.pk), higher.cite()))
            else:
                text = f"{me} {did} {own}."
            lines.append(Line(self._bullet(text), sources, derived=True))
            tasks = self.r.plan_tasks.get(plan.pk, [])
            if tasks:
                lines.append(self._plan_tasks(plan, tasks))
        if self.r.given_tasks:
            lines += self._given_tasks()
        if self.r.consolidated and self.r.plans_below:
            lines.append(self._plans_below())
        for request in self.r.issued_requests:
            about = request_about(request)
            text = (
                f"Ban hành Công văn số {request.number} ngày {prose.day(request.issued_on)} "
                f"về việc {about}, đề nghị {prose.count(request.recipients.count())}"
                " cơ quan, đơn vị, địa phương báo cáo"
            )
            if request.deadline:
                text += f" trước ngày {prose.day(request.deadline)}"
            lines.append(Line(self._bullet(prose.sentence(text)), [self._request_source(request)]))
        lines += self._from_registers("direction")
        lines += self._merged_lines("direction", lines)
        return lines

    def _task_source(self, result: TaskResult) -> Source:
        task = result.task
        return Source("task", str(task.pk), f"{task.title[:90]} ({task.plan.cite()})")

    def _plan_tasks(self, plan: Plan, results: list[TaskResult]) -> Line:
        """ "Kế hoạch số 20/KH-UBND giao 05 nhiệm vụ cho các sở, ngành, địa phương: Sở Ngoại
        vụ xây dựng … (thời hạn 30/6/2024); … Đến nay, đã hoàn thành 03 nhiệm vụ, 02 nhiệm
        vụ đang triển khai." """
        assignees = {r.task.assignee_id: r.task.assignee for r in results}
        tasks = prose.count(len(results), "nhiệm vụ")
        if len(assignees) > 1:
            gives = f"giao {tasks} cho các {task_receivers([u.kind for u in assignees.values()])}"
        elif plan.issuing_unit_id in assignees:
            gives = f"đề ra {tasks}"
        else:
            gives = f"giao {tasks} cho {self._name(next(iter(assignees.values())))}"
        shown = results[:TASKS_NAMED]
        items = [
            f"{self._name(r.task.assignee) if len(assignees) > 1 else ''} "
            f"{prose.lower_first(r.task.title.rstrip('.;'))} (thời hạn {prose.day(r.task.deadline)})"
            for r in shown
        ]
        lead = "như" if len(results) > len(shown) else ""
        text = (
            f"{plan.cite()} {gives}{', ' + lead if lead else ''}: "
            f"{'; '.join(i.strip() for i in items)}. {task_progress(results)}"
        )
        sources = [Source("plan", str(plan.pk), plan.cite())]
        sources += [self._task_source(r) for r in results]
        return Line(self._bullet(prose.sentence(text)), sources, derived=True)

    def _given_tasks(self) -> list[Line]:
        """ "Triển khai 02 nhiệm vụ được giao tại Kế hoạch số 20/KH-UBND ngày 23/02/2024 của
        UBND tỉnh Bình Định: … (đã hoàn thành); … (đang triển khai, thời hạn 31/12/2024)." """
        by_plan: dict[int, list[TaskResult]] = defaultdict(list)
        for result in self.r.given_tasks:
            by_plan[result.task.plan_id].append(result)
        lines = []
        for results in by_plan.values():
            plan = results[0].task.plan
            items = []
            for r in results:
                state = TASK_STATE[r.status]
                if r.status != "done":
                    state += f", thời hạn {prose.day(r.task.deadline)}"
                items.append(f"{prose.lower_first(r.task.title.rstrip('.;'))} ({state})")
            text = (
                f"Triển khai {prose.count(len(results), 'nhiệm vụ')} được giao tại {plan.cite()} "
                f"ngày {prose.day(plan.issued_on)} của "
                f"{self._name(plan.issuing_unit)}: {'; '.join(items)}"
            )
            sources = [Source("plan", str(plan.pk), plan.cite())]
            sources += [self._task_source(r) for r in results]
            lines.append(Line(self._bullet(prose.sentence(text)), sources, derived=True))
        return lines

    def _name(self, unit: OrgUnit) -> str:
        return self.r.names.get(unit.pk) or letterhead(unit).short_name

    def _plans_below(self) -> Line:
        """ "Trên cơ sở Kế hoạch số 20/KH-UBND, UBND phường Quy Nhơn (Kế hoạch số 12/KH-UBND
        ngày 05/3/2024) và … đã ban hành kế hoạch thực hiện." """
        higher = {p.implements.cite() for p in self.r.plans_below if p.implements}
        named = [
            f"{self.r.names.get(p.issuing_unit_id) or p.issuing_unit.name} ("
            f"{p.cite()} ngày {prose.day(p.issued_on)})"
            for p in self.r.plans_below
        ]
        basis = f"Trên cơ sở {prose.join(sorted(higher))}, " if higher else ""
        text = prose.sentence(f"{basis}{prose.join(named)} đã ban hành kế hoạch thực hiện")
        sources = [Source("plan", str(p.pk), p.cite()) for p in self.r.plans_below]
        return Line(text, sources, derived=True)

    def results(self) -> tuple[list[Line], set[str]]:
        clauses = phrasebook.figure_clauses(self.r.figures, self.context)
        by_group: dict[str, list[Line]] = defaultdict(list)
        # A figure a register's sentence already states ("đón tiếp 05 đoàn với 18 phóng
        # viên …") is not said a second time — where both count the same units: the
        # unit's own report, or one drafted from the records of its whole subtree.
        told: set[str] = set()
        if self.register_context.subtree or not self.r.consolidated:
            told = covered(self.register_lines.get("results", []))
        for group, group_clauses in clauses.items():
            for clause in group_clauses:
                if clause.codes and set(clause.codes) <= told:
                    continue
                by_group[group].append(self._figure_line(clause))
        for group, lines in self._activity_lines().items():
            by_group[group].extend(lines)
        for line in self.register_lines.get("results", []):
            text = prose.sentence(line.text)
            by_group[line.group].append(
                Line(
                    text if self.r.consolidated else f"- {text}", [Source(*s) for s in line.sources]
                )
            )
        for group, lines in self._children_results().items():
            by_group[group].extend(lines)
        out: list[Line] = []
        number = 0
        for heading in GROUPS:
            if not by_group.get(heading.code):
                continue
            number += 1
            out.append(Line(f"{number}. {heading.title}"))
            out.extend(by_group[heading.code])
        if not out:
            out.append(
                Line(
                    f"Chưa có hoạt động, số liệu nào được ghi cho {self.period.label()}: cần "
                    "ghi các hoạt động đã thực hiện và nhập số liệu của kỳ trước khi soạn báo "
                    "cáo."
                )
            )
        elif self.r.figures:
            out.append(Line("Kết quả thực hiện các chỉ tiêu chi tiết tại Phụ lục kèm theo."))
        return out, {g for g, lines in by_group.items() if lines}

    def _figure_line(self, clause: Clause) -> Line:
        sources = [s for code in clause.codes for s in self.r.figure_sources.get(code, [])]
        if clause.own_subject:
            text = prose.sentence(clause.text)
            return Line(self._bullet(text), sources, derived=True)
        if not self.r.consolidated:
            return Line(f"- {prose.sentence(clause.text)}", sources, derived=True)
        lead = self.r.figures.get(clause.lead)
        contributors = lead.contributors if lead else []
        names = [name for name, _value in contributors]
        if len(names) == 1:
            subject = names[0]
        elif len(names) == 2:
            subject = f"{names[0]} và {names[1]}"
        else:
            kinds = lead.contributor_kinds if lead else frozenset()
            subject = plural_subject(kinds) if kinds else "Các cơ quan, đơn vị, địa phương"
        text = prose.sentence(f"{subject} đã {clause.text}")
        if len(names) > 2 and lead is not None:
            named = [
                f"{name} ({lead.quantity(value)})"
                for name, value in contributors[:CONTRIBUTORS_NAMED]
            ]
            text += f" Nhiều nhất là {prose.join(named)}."
        return Line(text, sources, derived=True)

    def _activity_lines(self) -> dict[str, list[Line]]:
        by_group: dict[str, list[tuple[OrgUnit, str, list[Source]]]] = defaultdict(list)
        for activity in self.r.activities:
            group = phrasebook.activity_group(activity.type, activity.topics, activity.channels)
            by_group[group].append(
                (
                    activity.unit,
                    activity_sentence(activity, self.indicators),
                    [activity_source(activity)],
                )
            )
        out: dict[str, list[Line]] = {}
        for group, items in by_group.items():
            if not self.r.consolidated:
                out[group] = [Line(f"- {text}", sources) for _unit, text, sources in items]
                continue
            out[group] = [Line(self._with_units(point), point.sources) for point in merge(items)]
        return out

    def _with_units(self, point: Point) -> str:
        if len(point.units) == 1 and point.units[0].pk == self.unit.pk:
            return with_subject(point.text, self.head.short_name)
        if len(point.units) > 1:
            # dates differ between units: keep the action, drop the day
            text = TIME_PREFIX.sub("", point.text.lstrip("- "))
            return with_subject(text, subject_for(point.units, self.r.names))
        return with_subject(point.text, self.r.names[point.units[0].pk])

    def _child_lines(
        self, pairs: list[tuple[OrgUnit, SubmissionSection]], split: bool = False
    ) -> list[tuple[str, OrgUnit, str, list[Source]]]:
        """(group, unit, sentence, sources) of the lines units wrote in a section; lines
        drafted from their figures, plans and counts are left out, since this report says
        them again for all its units."""
        out: list[tuple] = []
        for child, section in pairs:
            drafted = {
                line["text"].strip(): line for line in section.draft if isinstance(line, dict)
            }
            group = "other"
            source = Source("section", str(section.submission_id), f"Báo cáo của {child.name}")
            for raw in section.text.splitlines():
                line = raw.strip()
                if not line:
                    continue
                if HEADING.match(line):
                    group = phrasebook.group_of_heading(line) or group
                    continue
                kept = drafted.get(line)
                if kept is not None and kept.get("derived"):
                    continue
                if line.startswith("Kết quả thực hiện các chỉ tiêu chi tiết"):
                    continue
                line_group = group if group != "other" else phrasebook.group_of_text(line)
                pieces = split_sentences(line) if split else [line.lstrip("-–•+ ").strip()]
                out.extend((line_group, child, piece, [source]) for piece in pieces)
        return out

    def _children_results(self) -> dict[str, list[Line]]:
        by_group: dict[str, list[tuple[OrgUnit, str, list[Source]]]] = defaultdict(list)
        for group, child, text, sources in self._child_lines(
            self.r.children_sections.get("results", [])
        ):
            by_group[group].append((child, text, sources))
        return {
            group: [Line(self._with_units(point), point.sources) for point in merge(items)]
            for group, items in by_group.items()
        }

    # How the units' sentences of each section join this report: with their units as
    # subjects, anonymously (weaknesses), or as they are (tasks, proposals).
    MODES = {
        "direction": "subject",
        "results": "subject",
        "difficulties": "anonymous",
        "causes": "anonymous",
    }

    def _merged_lines(self, code: str, own: list[Line]) -> list[Line]:
        pairs = self.r.children_sections.get(code, [])
        mode = self.MODES.get(code, "plain")
        items = [
            (unit, text, sources)
            for _g, unit, text, sources in self._child_lines(pairs, split=mode != "subject")
        ]
        if not items:
            return []
        everyone = {unit.pk for unit, _section in pairs}
        said = [sentence_key(line.text) for line in own]
        lines = []
        for point in merge(items):
            if any(similarity(point.key, key) >= SIMILAR for key in said):
                continue
            if mode == "anonymous":
                text = prose.sentence(point.text)
                if 1 < len(point.units) < len(everyone):
                    text = prose.sentence(
                        "Tại một số cơ quan, đơn vị, địa phương, " + prose.lower_first(point.text)
                    )
            elif mode == "subject":
                text = self._with_units(point)
            else:
                text = prose.sentence(point.text)
            if code in ("next_tasks", "proposals"):
                text = f"- {text}"
            lines.append(Line(text, point.sources))
        return lines

    def achievements(self) -> list[Line]:
        lines = []
        if self.r.plans:
            # The year's own plan rather than a programme of several years.
            plan = min(self.r.plans, key=lambda p: (p.end_year - p.start_year, p.issued_on))
            lines.append(
                Line(
                    f"Công tác thông tin đối ngoại {self.period.label()} được triển khai theo "
                    f"{plan.cite()} ngày {prose.day(plan.issued_on)} của "
                    f"{self.head.short_name}.",
                    [Source("plan", str(plan.pk), plan.cite())],
                    derived=True,
                )
            )
        lines += self._compared(rising=True)
        reached, sources = [], []
        for figure in self._target_figures():
            if figure.target and figure.total is not None and figure.total >= figure.target:
                share = prose.plan_share(figure.total, figure.target, figure.target_scope)
                reached.append(f"{figure_name(figure)} {share}")
                sources += self.r.figure_sources.get(figure.code, [])
        if reached:
            lines.append(Line(prose.sentence("; ".join(reached)), sources, derived=True))
        if self.r.activities:
            count = len(self.r.activities)
            who = self.head.short_name if not self.r.consolidated else "Các cơ quan, đơn vị"
            lines.append(
                Line(
                    f"{who} đã tổ chức, tham gia {prose.count(count, 'hoạt động')} thông tin "
                    f"đối ngoại được ghi nhận trong kỳ.",
                    [activity_source(a) for a in self.r.activities],
                    derived=True,
                )
            )
        lines += self._merged_lines("achievements", lines)
        lines += self._from_registers("achievements")
        return lines

    def difficulties(self) -> list[Line]:
        lines = self._compared(rising=False)
        short, sources = [], []
        for figure in self._target_figures():
            if figure.target and figure.total is not None:
                if figure.total / figure.target * 100 < self._share_due(figure):
                    reached = prose.plan_share(figure.total, figure.target, figure.target_scope)
                    name = figure_name(figure)
                    short.append(f"{name} {'chỉ' if name.endswith(' mới') else 'mới'} {reached}")
                    sources += self.r.figure_sources.get(figure.code, [])
        if short:
            lines.append(Line(prose.sentence("; ".join(short)), sources, derived=True))
        lines += self._overdue_tasks()
        consolidates = self.r.basis.consolidates
        if consolidates and self.r.expected and self.r.expected > self.r.submitted:
            missing = self.r.expected - self.r.submitted
            text = f"Còn {prose.count(missing)} cơ quan, đơn vị, địa phương chưa gửi báo cáo"
            named = [self.r.names.get(u.pk, u.name) for u in self.r.missing]
            if named:
                text += f" ({', '.join(named[:8])}{', …' if len(named) > 8 else ''})"
            if self.r.late:
                text += f"; {prose.count(self.r.late)} đơn vị gửi báo cáo sau thời hạn"
            lines.append(
                Line(
                    prose.sentence(text),
                    [self._request_source(consolidates)],
                    derived=True,
                )
            )
        lines += self._merged_lines("difficulties", lines)
        lines += self._from_registers("difficulties")
        return lines

    def _compared(self, rising: bool) -> list[Line]:
        """ "So với cùng kỳ năm 2023, số … tăng 15%; …": the lead figures that rose (or
        fell) by NOTABLE_CHANGE % or more, four at most."""
        said, sources = [], []
        for figure in self._lead_figures():
            if not figure.previous or figure.total is None:
                continue
            share = (figure.total - figure.previous) / figure.previous * 100
            if (share if rising else -share) >= NOTABLE_CHANGE:
                verb = "tăng" if rising else "giảm"
                said.append(f"{figure_name(figure)} {verb} {prose.percent(abs(share))}")
                sources += self.r.figure_sources.get(figure.code, [])
        if not said:
            return []
        text = prose.sentence(f"So với {self.context.against}, {'; '.join(said[:4])}")
        return [Line(text, sources, derived=True)]

    def _share_due(self, figure: Figure) -> Decimal:
        """How much of a yearly target should be reached by the period's end."""
        if figure.target_scope != "năm" or figure.stock:
            return Decimal(100)
        first, last = self.period.months
        return Decimal(last) / 12 * 100

    def _overdue_tasks(self) -> list[Line]:
        """ "Còn 01 nhiệm vụ đã quá hạn nhưng chưa hoàn thành: … (Sở Ngoại vụ, thời hạn …)." """
        late = [
            r
            for results in [*self.r.plan_tasks.values(), self.r.given_tasks]
            for r in results
            if r.status == "overdue"
        ]
        if not late:
            return []
        items = [
            f"{prose.lower_first(r.task.title.rstrip('.;'))} ({self._name(r.task.assignee)}, "
            f"thời hạn {prose.day(r.task.deadline)})"
            for r in late
        ]
        text = (
            f"Còn {prose.count(len(late), 'nhiệm vụ')} đã quá hạn nhưng chưa hoàn thành: "
            f"{'; '.join(items)}"
        )
        sources = [self._task_source(r) for r in late]
        return [Line(prose.sentence(text), sources, derived=True)]

    def _open_tasks(self) -> list[Line]:
        """ "- Tiếp tục triển khai 02 nhiệm vụ chưa hoàn thành theo Kế hoạch số 20/KH-UBND,
        nhất là: … (thời hạn 30/9/2024)." — per plan, the nearest deadlines first."""
        by_plan: dict[int, list[TaskResult]] = defaultdict(list)
        for results in [*self.r.plan_tasks.values(), self.r.given_tasks]:
            for r in results:
                if r.status != "done":
                    by_plan[r.task.plan_id].append(r)
        lines = []
        for results in by_plan.values():
            plan = results[0].task.plan
            results.sort(key=lambda r: (r.task.deadline, r.task.pk))
            named = [
                f"{prose.lower_first(r.task.title.rstrip('.;'))} (thời hạn "
                f"{prose.day(r.task.deadline)})"
                for r in results[:OPEN_TASKS_NAMED]
            ]
            text = (
                f"- Tiếp tục triển khai {prose.count(len(results), 'nhiệm vụ')} chưa hoàn thành "
                f"theo {plan.cite()}, nhất là: {'; '.join(named)}."
                if len(results) > 1
                else f"- Tiếp tục triển khai, hoàn thành nhiệm vụ {named[0]} theo {plan.cite()}."
            )
            sources = [Source("plan", str(plan.pk), plan.cite())]
            sources += [self._task_source(r) for r in results]
            lines.append(Line(text, sources, derived=True))
        return lines

    def _target_figures(self) -> list[Figure]:
        """The lead figures, then every other figure a plan set a target for."""
        leads = self._lead_figures()
        codes = {f.code for f in leads}
        others = [f for code, f in self.r.figures.items() if code not in codes and f.target]
        return leads + others

    def _lead_figures(self) -> list[Figure]:
        leads = ("news_articles", "broadcast_programmes", "portal_items", "social_followers",
                 "publication_titles", "exhibitions", "fdi_projects", "fdi_capital",
                 "visitors_international", "tourism_revenue", "international_delegations",
                 "rebuttal_articles", "foreign_press_delegations", "training_courses")  # fmt: skip
        return [self.r.figures[c] for c in leads if c in self.r.figures]

    def next_tasks(self, groups: set[str]) -> list[Line]:
        lines = [
            Line(f"- {group.next_step}.", derived=True)
            for group in GROUPS
            if group.code in groups and group.next_step
        ]
        lines += self._open_tasks()
        behind = [
            figure
            for figure in self._lead_figures()
            if figure.target
            and figure.total is not None
            and figure.total < figure.target
            and figure.target_scope == "năm"
            and self.period.type is not PeriodType.YEAR
        ]
        if behind:
            items = [
                f"{figure_name(f, plain=True)} "
                f"({prose.plan_share(f.total, f.target, '').replace('đạt ', 'mới đạt ')})"
                for f in behind
                if f.total is not None and f.target is not None
            ]
            lines.append(
                Line(
                    f"- Phấn đấu hoàn thành các chỉ tiêu kế hoạch năm {self.period.year}, nhất "
                    f"là: {'; '.join(items)}.",
                    [s for f in behind for s in self.r.figure_sources.get(f.code, [])],
                    derived=True,
                )
            )
        lines += self._merged_lines("next_tasks", lines)
        lines += self._from_registers("next_tasks")
        return lines

    def proposals(self) -> list[Line]:
        pairs = self.r.children_sections.get("proposals", [])
        items = [(u, t, s) for _g, u, t, s in self._child_lines(pairs, split=True)]
        topics: dict[str, Point] = {}
        order = []
        for point in merge(items):
            topic = proposal_topic(point.text) or point.text
            if topic in topics:
                topics[topic].units += [u for u in point.units if u not in topics[topic].units]
                topics[topic].sources += point.sources
                continue
            topics[topic] = point
            order.append(topic)
        return [
            *[Line(f"- {prose.sentence(topics[t].text)}", topics[t].sources) for t in order],
            *self._from_registers("proposals"),
        ]

    def checklist(self) -> list[tuple[str, list[str]]]:
        """Last period's tasks, each with the recorded activities that look like it."""
        out = []
        for task in self.r.previous_tasks:
            key = sentence_key(task)
            matches = [a.title for a in self.r.activities if len(key & sentence_key(a.title)) >= 2]
            out.append((task, matches[:3]))
        return out


def draft_for(basis: Basis) -> Draft:
    return Drafter(gather(basis)).draft()
