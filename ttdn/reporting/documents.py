"""The official BÁO CÁO of a consolidation or of one unit's submission, as DOCX, PDF
and an XLSX annex, through the format-only writers of ``ttdn.officedocs``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ttdn import officedocs
from ttdn.indicators.services import Totals, subtree_totals
from ttdn.lib.periods import Period
from ttdn.lib.vnformat import format_date, format_percent, plain_number
from ttdn.officedocs import Chart, Heading, OfficialReport, Paragraph, Signature, Table
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.reporting.consolidation import Consolidation, consolidate
from ttdn.reporting.models import DocumentProfile, ReportRequest, Submission

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
MAX_BREAKDOWN_COLUMNS = 12


@dataclass
class Letterhead:
    style: str
    governing_body: str | None
    issuing_body: str
    abbreviation: str
    place: str
    signature: Signature
    recipients: list[str]


def letterhead(unit: OrgUnit) -> Letterhead:
    """The unit's document profile, or sensible defaults from the tree."""
    profile = DocumentProfile.objects.filter(unit=unit).first()
    parent = unit.parent
    default_governing = f"UBND {parent.name.upper()}" if parent else None
    if unit.kind in (UnitKind.PROVINCE, UnitKind.STEERING_COMMITTEE) or (
        parent is not None and parent.kind not in (UnitKind.PROVINCE, UnitKind.DISTRICT)
    ):
        default_governing = parent.name.upper() if parent and unit.kind != "province" else None
    place = (profile.place if profile else "") or _place_from(unit)
    people_committee = unit.kind in (UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.DISTRICT)
    default_issuer = f"ỦY BAN NHÂN DÂN {unit.name}" if people_committee else unit.name
    default_authority = (
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if people_committee else [f"TM. {unit.name.upper()}"]
    )
    authority = [
        line.strip()
        for line in ((profile.authority if profile else "") or "").replace(" / ", "\n").splitlines()
        if line.strip()
    ]
    return Letterhead(
        style=profile.style if profile else "state",
        governing_body=(profile.governing_body if profile else "") or default_governing,
        issuing_body=((profile.issuing_body if profile else "") or default_issuer).upper(),
        abbreviation=(profile.abbreviation if profile else "") or unit.code,
        place=place,
        signature=Signature(
            authority=authority or default_authority,
            position=(profile.signer_position if profile else "") or None,
            name=(profile.signer_name if profile else "") or None,
        ),
        recipients=[
            line.strip(" -;.")
            for line in ((profile.recipients if profile else "") or "").splitlines()
            if line.strip(" -;.")
        ],
    )


def _place_from(unit: OrgUnit) -> str:
    """'Tỉnh Bình Định' → 'Bình Định': the place name of the nearest province."""
    province = (
        unit
        if unit.kind == UnitKind.PROVINCE
        else (unit.ancestors().filter(kind=UnitKind.PROVINCE).last())
    )
    name = (province or unit).name
    for prefix in ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def totals_table(totals: Totals, language: str = "vi", targets: dict | None = None) -> Table:
    """Bảng 1: each indicator this period, a year earlier, the change; and, where the
    unit's plans set targets for the period, the target and how much of it was reached."""
    targets = targets or {}
    with_targets = bool(targets)
    rows = []
    for row in totals.rows:
        if row.total is None and row.previous is None:
            continue
        name = row.indicator.display_name(language)
        if row.option:
            name = f"- {row.indicator.option_label(row.option, language)}"
        change = format_percent(row.change) if row.change is not None else ""
        cells = [
            name,
            row.indicator.display_unit(language) if not row.option else "",
            plain_number(row.total),
            plain_number(row.previous),
            change,
        ]
        if with_targets:
            target = targets.get((row.indicator.pk, row.option))
            reached = (
                format_percent(float(row.total / target * 100)).lstrip("+")
                if target and row.total is not None
                else ""
            )
            cells += [plain_number(target), reached]
        rows.append(cells)
    headers = [
        "Chỉ tiêu",
        "Đơn vị tính",
        totals.period.label().capitalize(),
        totals.previous_period.label().capitalize(),
        "Tăng, giảm (%)",
    ]
    if with_targets:
        headers += ["Kế hoạch", "Đạt (% kế hoạch)"]
    return Table(
        caption=f"Bảng 1. Kết quả thực hiện các chỉ tiêu {totals.period.label()}",
        headers=headers,
        rows=rows,
        number_columns=[2, 3, 5] if with_targets else [2, 3],
        decimals=1,
    )


def breakdown_table(totals: Totals, max_indicators: int = 5) -> Table | None:
    """Rows are the child units, columns the indicators most of them reported."""
    rows = [r for r in totals.rows if not r.option and r.by_branch]
    rows.sort(key=lambda r: -len(r.by_branch))
    rows = rows[:max_indicators]
    if not rows or len(totals.branches) < 2:
        return None
    body = [
        [branch.name, *[plain_number(r.by_branch.get(branch.pk)) for r in rows]]
        for branch in totals.branches
        if any(branch.pk in r.by_branch for r in rows)
    ]
    return Table(
        caption=f"Bảng 2. Một số chỉ tiêu theo đơn vị, {totals.period.label()}",
        headers=["Đơn vị", *[f"{r.indicator.name} ({r.indicator.measure_unit})" for r in rows]],
        rows=body,
        number_columns=list(range(1, len(rows) + 1)),
        decimals=1,
    )


def comparison_chart(totals: Totals, limit: int = 8) -> Chart | None:
    """Change against the same period last year, in %, so indicators of different sizes
    share one scale."""
    rows = [r for r in totals.rows if not r.option and r.change is not None][:limit]
    if len(rows) < 2:
        return None
    return Chart(
        title=f"Tăng, giảm so với cùng kỳ năm trước (%), {totals.period.label()}",
        categories=[r.indicator.name for r in rows],
        series={"Tăng, giảm (%)": [round(r.change, 1) for r in rows]},
        kind="barh",
    )


def speaker(unit: OrgUnit) -> str:
    """How the unit names itself in running text: 'Ủy ban nhân dân tỉnh Bình Định'."""
    if unit.kind in (UnitKind.PROVINCE, UnitKind.COMMUNE, UnitKind.DISTRICT):
        return f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def _opening(
    unit: OrgUnit,
    period: Period,
    request: ReportRequest | None,
    answering: ReportRequest | None,
    units_reported: int,
) -> str:
    subject = f"kết quả công tác thông tin đối ngoại {period.label()}"
    if answering is not None:
        return (
            f"Thực hiện Công văn số {answering.number} ngày "
            f"{format_date(answering.issued_on)} của {answering.issuing_unit.name}, "
            f"{speaker(unit)} báo cáo {subject} như sau:"
        )
    if request is not None:
        return (
            f"Thực hiện Công văn số {request.number} ngày {format_date(request.issued_on)} "
            f"của {unit.name} về việc {request.subject[:1].lower()}{request.subject[1:]}, "
            f"trên cơ sở báo cáo của {units_reported} đơn vị, {speaker(unit)} báo cáo "
            f"{subject} như sau:"
        )
    return f"{speaker(unit)} báo cáo {subject} như sau:"


def consolidated_report(
    unit: OrgUnit,
    period: Period,
    request: ReportRequest | None = None,
    issued_on: date | None = None,
) -> tuple[OfficialReport, Consolidation]:
    """The consolidated BÁO CÁO of ``unit``'s subtree for ``period``."""
    result = consolidate(unit, period, request)
    head = letterhead(unit)
    answering = (
        ReportRequest.objects.filter(submissions__unit=unit, period=period.id)
        .select_related("issuing_unit")
        .order_by("-issued_on")
        .first()
    )
    reported = 0
    if result.request is not None:
        reported = result.request.submissions.exclude(submitted_at=None).count()
    blocks: list = [Paragraph(_opening(unit, period, result.request, answering, reported))]
    numbered = 0
    for section in result.sections:
        is_results = section.code == "results"
        if not section.points and not is_results:
            continue
        blocks.append(Heading(1, f"{ROMAN[numbered]}. {section.title.upper()}"))
        numbered += 1
        for point in section.points:
            names = ", ".join(u.name for u in point.units)
            suffix = (
                f" ({len(point.units)} đơn vị: {names})"
                if len(point.units) > 1
                else (f" ({names})" if result.request else "")
            )
            blocks.append(Paragraph(point.text.rstrip(".;") + suffix + "."))
        if is_results:
            blocks.append(totals_table(result.totals, targets=result.targets))
            breakdown = breakdown_table(result.totals)
            if breakdown:
                blocks.append(breakdown)
            chart = comparison_chart(result.totals)
            if chart:
                blocks.append(chart)
    recipients = (
        head.recipients
        or ([answering.issuing_unit.name] if answering else [])
        or ([unit.parent.name] if unit.parent else [])
    )
    report = _report(head, period, blocks, recipients, issued_on, head.signature)
    return report, result


def submission_report(submission: Submission) -> OfficialReport:
    """One unit's own report for a request, before or after it is submitted."""
    unit, request = submission.unit, submission.request
    head = letterhead(unit)
    period = request.the_period
    texts = {s.code: s.text for s in submission.sections.all()}
    blocks: list = [Paragraph(_opening(unit, period, None, request, 0))]
    numbered = 0
    for spec in request.form.sections:
        text = texts.get(spec["code"], "").strip()
        if not text and spec["code"] != "results":
            continue
        blocks.append(Heading(1, f"{ROMAN[numbered]}. {spec['title'].upper()}"))
        numbered += 1
        blocks.extend(Paragraph(line.strip()) for line in text.splitlines() if line.strip())
        if spec["code"] == "results":
            blocks.append(totals_table(subtree_totals(unit, period)))
    signature = head.signature
    if submission.signer_name:
        signature = Signature(
            signature.authority,
            submission.signer_position or signature.position,
            submission.signer_name,
        )
    issued_on = timezone.localdate(submission.submitted_at) if submission.submitted_at else None
    return _report(head, period, blocks, [request.issuing_unit.name], issued_on, signature)


def _report(
    head: Letterhead,
    period: Period,
    blocks: list,
    recipients: list[str],
    issued_on: date | None,
    signature: Signature,
) -> OfficialReport:
    """The unit's letterhead around a body: number left blank for the clerk, trích yếu,
    Nơi nhận ending with the archive line."""
    blank_number = (
        f"/BC-{head.abbreviation}" if head.style == "state" else f"-BC/{head.abbreviation}"
    )
    return OfficialReport(
        style=head.style,
        governing_body=head.governing_body,
        issuing_body=head.issuing_body,
        number=blank_number,
        place=head.place,
        issued_on=issued_on,
        summary=f"Kết quả công tác thông tin đối ngoại {period.label()}",
        blocks=blocks,
        recipients=recipients,
        archive=f"Lưu: VT, {head.abbreviation}",
        signature=signature,
    )


def annex_tables(report: OfficialReport) -> list[Table]:
    return [block for block in report.blocks if isinstance(block, Table)]


def render(report: OfficialReport, kind: str) -> bytes:
    """``kind`` is docx, pdf or xlsx; PdfUnavailable says why a PDF cannot be made."""
    if kind == "xlsx":
        return officedocs.write_xlsx(annex_tables(report), report.summary)
    docx = officedocs.write_docx(report)
    if kind == "pdf":
        return officedocs.docx_to_pdf(docx)
    return docx
