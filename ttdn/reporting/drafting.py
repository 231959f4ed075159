"""A unit's BÁO CÁO drafted from what it recorded: plans and công văn issued (Công tác
chỉ đạo), activities and indicator values grouped as the provincial reports group them
(Kết quả), rises, falls and plan targets (Đánh giá), the next period's tasks
(Phương hướng), and — for a unit above others — the sections its units submitted,
merged into prose with subjects.

Rules, not a model: the same records always give the same text, nothing goes over the
network, and every line keeps the records it came from (``Source``), which the editor
shows beside it. The wording is in phrasebook.py and ttdn.lib.prose.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ttdn.activities.models import Activity
from ttdn.indicators.models import Indicator, TimeAggregation, ValueType
from ttdn.indicators.services import subtree_sums, subtree_totals
from ttdn.lib import prose, vocab
from ttdn.lib.periods import Period, PeriodError, PeriodType, parse_period_id
from ttdn.lib.textfold import words
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.plans.models import Plan
from ttdn.plans.services import targets_covering
from ttdn.reporting import phrasebook
from ttdn.reporting.letterhead import Letterhead, letterhead, split_administrative
from ttdn.reporting.models import ReportRequest, Scope, Status, Submission, SubmissionSection
from ttdn.reporting.phrasebook import GROUPS, Clause, Figure

SIMILAR = 0.75  # word-set overlap above which two sentences say the same thing
DRAFTED_SECTIONS = ("direction", "results", "achievements", "difficulties", "next_tasks",
                    "proposals")  # fmt: skip
CONTRIBUTORS_NAMED = 3
NOTABLE_CHANGE = 5  # % of change against last year worth a word in the assessment
_TIME_PREFIX = re.compile(
    r"^((?:ngày|từ ngày|trong|tháng|quý|năm|\d+ tháng|đầu|cuối|giữa)\b[^,]{0,60},\s*)",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*(\d+|[a-zđ])[.)]\s+\S")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀ-ỸĐ0-9\-–•])")


def split_sentences(text: str) -> list[str]:
    """ "Một là A. Hai là B." → ["Một là A.", "Hai là B."]; bullets and lines apart too."""
    parts = (
        p.strip(" \t-–•+*") for line in (text or "").splitlines() for p in _SENTENCE.split(line)
    )
    return [p for p in parts if len(p) > 3]


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
        data = {"text": self.text, "sources": [s.as_list() for s in self.sources]}
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
        ReportRequest.objects.filter(issuing_unit=unit, period=period.id)
        .order_by("-issued_on", "-id")
        .first()
    )


# Records ------------------------------------------------------------------------------


def _short_names(units: list[OrgUnit]) -> dict[int, str]:
    from ttdn.reporting.models import DocumentProfile

    profiles = {p.unit_id: p for p in DocumentProfile.objects.filter(unit__in=units)}
    names = {}
    for unit in units:
        unit._document_profile = profiles.get(unit.pk)
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
        total = current.get(key)
        if total is None and parts and indicator.time_aggregation == TimeAggregation.SUM:
            total = sum(parts.values())  # only the parts were entered
        if total is None:
            continue
        kind = "money" if indicator.value_type == ValueType.MONEY else "count"
        if indicator.value_type in (ValueType.DECIMAL, ValueType.PERCENT):
            kind = "amount"
        target = targets.get(key)
        by_unit = contributions.get(key, {})
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
            previous=previous.get(key),
            disaggregation=indicator.disaggregation,
            parts=parts,
            previous_parts=previous_parts,
            target=target.value if target else None,
            target_scope=prose.target_scope(target.period, period) if target else "",
            stock=indicator.time_aggregation == TimeAggregation.LAST,
            contributors=sorted(
                ((names[unit_id], value) for unit_id, value in by_unit.items() if value),
                key=lambda item: (-item[1], item[0]),
            ),
            contributor_kinds=frozenset(kinds[u] for u, value in by_unit.items() if value),
            group=phrasebook.CATALOGUE_GROUPS.get(indicator.group, "other"),
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
    issued_requests: list[ReportRequest]
    names: dict[int, str]  # unit id → how prose names it
    children_sections: dict[str, list[tuple[OrgUnit, SubmissionSection]]]
    previous_tasks: list[str]
    expected: int = 0
    submitted: int = 0
    late: int = 0


def gather(basis: Basis) -> Records:
    """Everything the draft is made from, in a fixed number of queries."""
    unit, period = basis.unit, basis.period
    consolidated = unit.child_count > 0
    scope = basis.effective_scope
    start, end = basis.answering.data_bounds() if basis.answering else (period.start, period.end)
    activities_qs = Activity.objects.in_period(start, end).select_related("unit")
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
        current, previous, contributions, units = _submitted_figures(
            unit, [s.unit for s in submissions], period, previous_period
        )
    else:
        totals = subtree_totals(unit, period)
        current = {(r.indicator.pk, r.option): r.total for r in totals.rows if r.total is not None}
        previous = {
            (r.indicator.pk, r.option): r.previous for r in totals.rows if r.previous is not None
        }
        contributions = {(r.indicator.pk, r.option): r.by_branch for r in totals.rows}
        units = list(totals.branches)
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
    )
    plans = list(
        Plan.objects.filter(issuing_unit=unit, year=period.year, issued_on__lte=end)
        .select_related("implements__issuing_unit")
        .order_by("issued_on", "pk")
    )
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
        issued_requests=issued,
        names=names,
        children_sections=dict(children),
        previous_tasks=_previous_tasks(unit, period),
    )
    if basis.consolidates is not None and consolidated:
        from ttdn.reporting.services import board

        rows = board(basis.consolidates).rows
        records.expected = len(rows)
        records.submitted = sum(1 for r in rows if r.state in ("on_time", "late"))
        records.late = sum(1 for r in rows if r.state == "late")
    return records


def _submitted_figures(
    unit: OrgUnit, reporting: list[OrgUnit], period: Period, previous: Period
) -> tuple[dict, dict, dict, list[OrgUnit]]:
    """Sums over the subtrees of the units whose reports count (and the unit's own values),
    and each unit's share, for this period and a year earlier."""
    reporting = [u for u in reporting if u.pk != unit.pk]
    tops = [
        u
        for u in reporting
        if not any(o.pk != u.pk and u.path.startswith(o.path) for o in reporting)
    ]
    own = OrgUnit(pk=unit.pk, child_count=0, path=unit.path)
    sums = subtree_sums([*tops, own], [period.id, previous.id])
    current: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    earlier: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    shares: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for unit_id, values in sums.items():
        for (period_id, indicator_id, option), value in values.items():
            key = (indicator_id, option)
            if period_id == period.id:
                current[key] += value
                shares[key][unit_id] = value
            else:
                earlier[key] += value
    return dict(current), dict(earlier), dict(shares), tops


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
        if line.strip(" -–•\t") and not _HEADING.match(line)
    ]


# Sentences ------------------------------------------------------------------------------


def plural_subject(kinds: set[str] | frozenset[str]) -> str:
    """How three or more units are named together, by their kinds."""
    localities = {UnitKind.COMMUNE, UnitKind.DISTRICT}
    if kinds <= localities:
        return "Các địa phương"
    if kinds <= {UnitKind.DEPARTMENT}:
        return "Các sở, ban, ngành"
    if kinds <= {UnitKind.PRESS_AGENCY}:
        return "Các cơ quan báo chí"
    if kinds & localities:
        return "Các sở, ban, ngành, địa phương"
    return "Các cơ quan, đơn vị"


def subject_for(units: list[OrgUnit], names: dict[int, str]) -> str:
    if len(units) == 1:
        return names[units[0].pk]
    if len(units) == 2:
        return f"{names[units[0].pk]} và {names[units[1].pk]}"
    return plural_subject({u.kind for u in units})


def with_subject(text: str, subject: str) -> str:
    """Put a subject into a subjectless sentence after any leading time phrase:
    "Ngày 12/3/2024, tiếp đoàn …" → "Ngày 12/3/2024, Sở Ngoại vụ tiếp đoàn …". A
    sentence that does not start with an action has its subject already: kept as is."""
    text = text.strip().lstrip("-–•+ ").strip()
    match = _TIME_PREFIX.match(text)
    prefix, rest = (match.group(1), text[match.end() :]) if match else ("", text)
    if not phrasebook.starts_with_verb(rest):
        return prose.sentence(text)
    rest = prose.lower_first(rest)
    if subject.startswith("Các ") and not rest.startswith("đã "):
        rest = "đã " + rest
    if prefix:
        return prose.sentence(prose.upper_first(prefix) + subject + " " + rest)
    return prose.sentence(subject + " " + rest)


def activity_sentence(activity: Activity, indicators: dict[str, Indicator]) -> str:
    """ "Từ ngày 18 đến ngày 21/4/2024, tham gia Hội chợ … (song ngữ) …" without subject."""
    text = phrasebook.action(activity.type, activity.title)
    extras = []
    for code, template in phrasebook.ACTIVITY_QUANTITIES.items():
        amount = (activity.quantities or {}).get(code)
        indicator = indicators.get(code)
        if amount and indicator is not None:
            quantity = prose.Quantity(Decimal(str(amount)), indicator.measure_unit)
            extras.append(template.format(q=quantity))
    if extras:
        text += " " + ", ".join(extras)
    foreign = [code for code in activity.languages or [] if code != "vi"]
    if (
        foreign
        and activity.type in ("publication", "media_coverage")
        and not re.search(r"ngữ|tiếng", activity.title, re.IGNORECASE)
    ):
        labels = [vocab.label("languages", code) for code in activity.languages]
        text += " bằng " + prose.join(labels)
    sentence = f"{prose.upper_first(prose.span(activity.start_date, activity.end_date))}, {text}"
    sentence = prose.sentence(sentence)
    description = " ".join((activity.description or "").split())
    if description:
        sentence += " " + prose.sentence(description)
    return sentence


def _activity_source(activity: Activity) -> Source:
    return Source(
        "activity",
        str(activity.pk),
        f"{activity.title[:90]} ({prose.day(activity.start_date)}, {activity.unit.name})",
    )


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_DIGITS = re.compile(r"\d")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}(?:/\d{4})?\b|\b\d{1,2}(?=\s+đến\s+ngày)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUANTITY = re.compile(
    r"\d+(?:[.,]\d+)*\s*(?:%|tin|bài|lượt|bản|dự án|triệu|tỷ|người|chương trình|cuộc|lớp|"
    r"đoàn|ấn phẩm|tài khoản|buổi|phóng viên|phóng sự|video|sự kiện|hội nghị|trang|"
    r"chuyên mục|học viên|đầu|thỏa thuận|văn bản|kế hoạch|phút|giờ|đồng|USD)",
    re.IGNORECASE,
)


def _mergeable(a: str, b: str) -> bool:
    """Two units' sentences may become one only when neither states an amount of its own
    and any other numbers (an anniversary, a year) are the same."""
    if _QUANTITY.search(a) or _QUANTITY.search(b):
        return False
    numbers = [sorted(_NUMBER.findall(_DATE.sub("", text))) for text in (a, b)]
    return numbers[0] == numbers[1]


def _key(text: str) -> frozenset[str]:
    """The words of a sentence without its figures and dates, to find near-duplicates."""
    return frozenset(w for w in words(text) if not _DIGITS.search(w))


@dataclass
class _Point:
    text: str
    units: list[OrgUnit]
    sources: list[Source]
    key: frozenset[str]


def merge(items: list[tuple[OrgUnit, str, list[Source]]]) -> list[_Point]:
    """Sentences from many units; near-duplicates become one point naming every unit."""
    points: list[_Point] = []
    for unit, text, sources in items:
        key = _key(text)
        # A sentence with figures says how much one unit did: never merged with another's.
        similar = [p for p in points if _mergeable(p.text, text)]
        match = max(similar, key=lambda p: _similarity(p.key, key), default=None)
        if match is not None and _similarity(match.key, key) >= SIMILAR:
            if unit not in match.units:
                match.units.append(unit)
            match.sources.extend(s for s in sources if s not in match.sources)
            continue
        points.append(_Point(text, [unit], list(sources), key))
    return points


# The draft ------------------------------------------------------------------------------


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
        about = _request_about(request)
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
            about = _about(plan.title)
            own = f"Kế hoạch số {plan.number} ngày {prose.day(plan.issued_on)} về {about}"
            sources = [Source("plan", str(plan.pk), f"Kế hoạch số {plan.number}")]
            higher = plan.implements
            if higher is not None:
                by = letterhead(higher.issuing_unit).short_name
                text = (
                    f"Thực hiện Kế hoạch số {higher.number} ngày {prose.day(higher.issued_on)} "
                    f"của {by} về {_about(higher.title)}, {me} đã ban hành {own}."
                )
                sources.append(Source("plan", str(higher.pk), f"Kế hoạch số {higher.number}"))
            else:
                text = f"{me} đã ban hành {own}."
            lines.append(Line(self._bullet(text), sources, derived=True))
        if self.r.consolidated and self.r.plans_below:
            lines.append(self._plans_below())
        for request in self.r.issued_requests:
            about = _request_about(request)
            text = (
                f"Ban hành Công văn số {request.number} ngày {prose.day(request.issued_on)} "
                f"về việc {about}, đề nghị {prose.count(request.recipients.count())}"
                " cơ quan, đơn vị, địa phương báo cáo"
            )
            if request.deadline:
                text += f" trước ngày {prose.day(request.deadline)}"
            lines.append(Line(self._bullet(prose.sentence(text)), [self._request_source(request)]))
        lines += self._merged_lines("direction", lines)
        return lines

    def _plans_below(self) -> Line:
        """ "Trên cơ sở Kế hoạch số 20/KH-UBND, UBND phường Quy Nhơn (Kế hoạch số 12/KH-UBND
        ngày 05/3/2024) và … đã ban hành kế hoạch thực hiện." """
        higher = {p.implements.number for p in self.r.plans_below if p.implements}
        named = [
            f"{self.r.names.get(p.issuing_unit_id) or p.issuing_unit.name} (Kế hoạch số "
            f"{p.number} ngày {prose.day(p.issued_on)})"
            for p in self.r.plans_below
        ]
        basis = f"Trên cơ sở Kế hoạch số {prose.join(sorted(higher))}, " if higher else ""
        text = prose.sentence(f"{basis}{prose.join(named)} đã ban hành kế hoạch thực hiện")
        sources = [Source("plan", str(p.pk), f"Kế hoạch số {p.number}") for p in self.r.plans_below]
        return Line(text, sources, derived=True)

    def results(self) -> tuple[list[Line], set[str]]:
        clauses = phrasebook.figure_clauses(self.r.figures, self.context)
        by_group: dict[str, list[Line]] = defaultdict(list)
        for group, group_clauses in clauses.items():
            for clause in group_clauses:
                by_group[group].append(self._figure_line(clause))
        for group, lines in self._activity_lines().items():
            by_group[group].extend(lines)
        for group, lines in self._children_results().items():
            by_group[group].extend(lines)
        out: list[Line] = []
        number = 0
        for group in GROUPS:
            if not by_group.get(group.code):
                continue
            number += 1
            out.append(Line(f"{number}. {group.title}"))
            out.extend(by_group[group.code])
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
        if len(names) > 2:
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
                    [_activity_source(activity)],
                )
            )
        out: dict[str, list[Line]] = {}
        for group, items in by_group.items():
            if not self.r.consolidated:
                out[group] = [Line(f"- {text}", sources) for _unit, text, sources in items]
                continue
            out[group] = [Line(self._with_units(point), point.sources) for point in merge(items)]
        return out

    def _with_units(self, point: _Point) -> str:
        if len(point.units) == 1 and point.units[0].pk == self.unit.pk:
            return with_subject(point.text, self.head.short_name)
        if len(point.units) > 1:
            # dates differ between units: keep the action, drop the day
            text = _TIME_PREFIX.sub("", point.text.lstrip("- "))
            return with_subject(text, subject_for(point.units, self.r.names))
        return with_subject(point.text, self.r.names[point.units[0].pk])

    def _child_lines(
        self, pairs: list[tuple[OrgUnit, SubmissionSection]], split: bool = False
    ) -> list[tuple[str, OrgUnit, str, list[Source]]]:
        """(group, unit, sentence, sources) of the lines units wrote in a section; lines
        drafted from their figures, plans and counts are left out, since this report says
        them again for all its units."""
        out = []
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
                if _HEADING.match(line):
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
        said = [_key(line.text) for line in own]
        lines = []
        for point in merge(items):
            if any(_similarity(point.key, key) >= SIMILAR for key in said):
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
            plan = self.r.plans[0]
            lines.append(
                Line(
                    f"Công tác thông tin đối ngoại {self.period.label()} được triển khai theo "
                    f"Kế hoạch số {plan.number} ngày {prose.day(plan.issued_on)} của "
                    f"{self.head.short_name}.",
                    [Source("plan", str(plan.pk), f"Kế hoạch số {plan.number}")],
                    derived=True,
                )
            )
        rises, reached = [], []
        sources: list[Source] = []
        for figure in self._lead_figures():
            if figure.previous and figure.total is not None and figure.previous > 0:
                share = (figure.total - figure.previous) / figure.previous * 100
                if share >= NOTABLE_CHANGE:
                    rises.append(f"{_figure_name(figure)} tăng {prose.percent(share)}")
                    sources += self.r.figure_sources.get(figure.code, [])
            if figure.target and figure.total is not None and figure.total >= figure.target:
                reached.append(
                    f"{_figure_name(figure)} "
                    f"{prose.plan_share(figure.total, figure.target, figure.target_scope)}"
                )
                sources += self.r.figure_sources.get(figure.code, [])
        if rises:
            lines.append(
                Line(
                    prose.sentence(f"So với {self.context.against}, {'; '.join(rises[:4])}"),
                    sources,
                    derived=True,
                )
            )
        if reached:
            lines.append(Line(prose.sentence("; ".join(reached)), sources, derived=True))
        if self.r.activities:
            count = len(self.r.activities)
            who = self.head.short_name if not self.r.consolidated else "Các cơ quan, đơn vị"
            lines.append(
                Line(
                    f"{who} đã tổ chức, tham gia {prose.count(count, 'hoạt động')} thông tin "
                    f"đối ngoại được ghi nhận trong kỳ.",
                    [_activity_source(a) for a in self.r.activities],
                    derived=True,
                )
            )
        lines += self._merged_lines("achievements", lines)
        return lines

    def difficulties(self) -> list[Line]:
        lines = []
        falls, short = [], []
        sources: list[Source] = []
        for figure in self._lead_figures():
            if figure.previous and figure.total is not None and figure.previous > 0:
                share = (figure.previous - figure.total) / figure.previous * 100
                if share >= NOTABLE_CHANGE:
                    falls.append(f"{_figure_name(figure)} giảm {prose.percent(share)}")
                    sources += self.r.figure_sources.get(figure.code, [])
            if figure.target and figure.total is not None:
                due = self._share_due(figure)
                share = figure.total / figure.target * 100
                if share < due:
                    reached = prose.plan_share(figure.total, figure.target, figure.target_scope)
                    name = _figure_name(figure)
                    short.append(f"{name} {'chỉ' if name.endswith(' mới') else 'mới'} {reached}")
                    sources += self.r.figure_sources.get(figure.code, [])
        if falls:
            lines.append(
                Line(
                    prose.sentence(f"So với {self.context.against}, {'; '.join(falls[:4])}"),
                    sources,
                    derived=True,
                )
            )
        if short:
            lines.append(Line(prose.sentence("; ".join(short)), sources, derived=True))
        if self.r.expected and self.r.expected > self.r.submitted:
            missing = self.r.expected - self.r.submitted
            text = f"Còn {prose.count(missing)} cơ quan, đơn vị, địa phương chưa gửi báo cáo"
            if self.r.late:
                text += f"; {prose.count(self.r.late)} đơn vị gửi báo cáo sau thời hạn"
            lines.append(
                Line(
                    prose.sentence(text),
                    [self._request_source(self.r.basis.consolidates)],
                    derived=True,
                )
            )
        lines += self._merged_lines("difficulties", lines)
        return lines

    def _share_due(self, figure: Figure) -> Decimal:
        """How much of a yearly target should be reached by the period's end."""
        if figure.target_scope != "năm" or figure.stock:
            return Decimal(100)
        first, last = self.period.months
        return Decimal(last) / 12 * 100

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
                f"{_figure_name(f, plain=True)} "
                f"({prose.plan_share(f.total, f.target, '').replace('đạt ', 'mới đạt ')})"
                for f in behind
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
        return lines

    def proposals(self) -> list[Line]:
        pairs = self.r.children_sections.get("proposals", [])
        items = [(u, t, s) for _g, u, t, s in self._child_lines(pairs, split=True)]
        topics: dict[str, _Point] = {}
        order = []
        for point in merge(items):
            topic = _proposal_topic(point.text) or point.text
            if topic in topics:
                topics[topic].units += [u for u in point.units if u not in topics[topic].units]
                topics[topic].sources += point.sources
                continue
            topics[topic] = point
            order.append(topic)
        return [Line(f"- {prose.sentence(topics[t].text)}", topics[t].sources) for t in order]

    def checklist(self) -> list[tuple[str, list[str]]]:
        """Last period's tasks, each with the recorded activities that look like it."""
        out = []
        for task in self.r.previous_tasks:
            key = _key(task)
            matches = [a.title for a in self.r.activities if len(key & _key(a.title)) >= 2]
            out.append((task, matches[:3]))
        return out


PROPOSAL_TOPICS = {
    "kinh phí": ("kinh phi", "ngan sach"),
    "cán bộ": ("bien che", "can bo chuyen trach", "nhan su"),
    "tập huấn": ("tap huan", "boi duong", "dao tao"),
    "tài liệu": ("tai lieu", "dinh huong", "huong dan"),
}


def _proposal_topic(text: str) -> str | None:
    folded = " ".join(words(text))
    for topic, keys in PROPOSAL_TOPICS.items():
        if any(k in folded for k in keys):
            return topic
    return None


def _request_about(request: ReportRequest) -> str:
    """A công văn's subject after "về việc": "báo cáo kết quả công tác …"."""
    about = prose.lower_first(request.subject.strip().rstrip("."))
    return about if about.startswith("báo cáo") else f"báo cáo {about}"


def _about(title: str) -> str:
    """A plan's trích yếu after "về": "Kế hoạch công tác TTĐN năm 2024" → "công tác …"."""
    title = title.strip().rstrip(".")
    title = re.sub(r"^(kế hoạch|chương trình|đề án)\s+(về\s+)?", "", title, flags=re.IGNORECASE)
    return prose.lower_first(title)


def _figure_name(figure: Figure, plain: bool = False) -> str:
    name = prose.lower_first(figure.name)
    if plain or figure.kind == "money":
        return name
    return f"số {name}"


def draft_for(basis: Basis) -> Draft:
    return Drafter(gather(basis)).draft()


def period_of(submission: Submission) -> Period:
    return parse_period_id(submission.period)
