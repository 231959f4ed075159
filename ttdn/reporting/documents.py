"""The official BÁO CÁO of a unit for a period — its own or consolidated over the units
below it — as DOCX, PDF and an XLSX annex, through the format-only writers of
``ttdn.officedocs``.

The body is the report's sections: the text a person saved, or, for a section nobody
has written yet, its draft from the unit's records (``ttdn.reporting.drafting``). Tables go to the Phụ
lục after the signature; the body keeps the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

from ttdn import officedocs
from ttdn.lib import prose, vocab
from ttdn.lib.periods import Period
from ttdn.lib.vnformat import change_percent
from ttdn.officedocs import Appendix, Chart, Heading, OfficialReport, Paragraph, Signature, Table
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting.drafting import Basis, Draft, draft_for
from ttdn.reporting.letterhead import Letterhead, letterhead
from ttdn.reporting.models import Submission
from ttdn.reporting.phrasebook import Figure

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
APPENDIX_LABELS = ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
PART_TITLES = {"assessment": "Đánh giá chung"}
BREAKDOWN_COLUMNS = 6
CHART_ROWS = 8
_SUBHEADING = re.compile(r"^(\d+)\.\s+\S")
_ITEM = re.compile(r"^[a-zđ]\)\s+\S")


def report_submission(unit: OrgUnit, period: Period) -> Submission:
    """The report a unit writes for a period: its submission to the latest request from
    above, else its own report; unsaved when it has neither yet."""
    answering = (
        Submission.objects.filter(unit=unit, period=period.id, request__isnull=False)
        .select_related("request__issuing_unit", "request__form")
        .order_by("-request__issued_on", "-request_id")
        .first()
    )
    if answering is not None:
        return answering
    own = Submission.objects.filter(unit=unit, period=period.id, request__isnull=True).first()
    return own or Submission(unit=unit, period=period.id)


def section_texts(submission: Submission, draft: Draft) -> dict[str, str]:
    """Each section's text: what a person saved, else the draft."""
    saved = {s.code: s.text for s in submission.sections.all()} if submission.pk else {}
    texts = {}
    for spec in submission.section_specs:
        code = spec["code"]
        text = saved.get(code, "")
        texts[code] = text if text.strip() else draft.text(code)
    return texts


def section_title(spec: dict, draft: Draft) -> str:
    if spec["code"] == "next_tasks":
        return f"Phương hướng, nhiệm vụ {draft.next_period_label}"
    return spec["title"]


def body_blocks(submission: Submission, draft: Draft) -> list:
    """Opening, the numbered sections that hold text, the closing sentence."""
    texts = section_texts(submission, draft)
    blocks: list = [Paragraph(draft.opening.text)]
    roman = 0
    specs = submission.section_specs
    index = 0
    while index < len(specs):
        spec = specs[index]
        part = spec.get("part", "")
        if part:
            members = []
            while index < len(specs) and specs[index].get("part", "") == part:
                members.append(specs[index])
                index += 1
            filled = [m for m in members if texts.get(m["code"], "").strip()]
            if not filled:
                continue
            blocks.append(Heading(1, f"{ROMAN[roman]}. {PART_TITLES.get(part, part).upper()}"))
            roman += 1
            for number, member in enumerate(filled, start=1):
                blocks.append(Heading(2, f"{number}. {section_title(member, draft)}"))
                blocks += text_blocks(texts[member["code"]])
            continue
        index += 1
        text = texts.get(spec["code"], "")
        if not text.strip():
            continue
        blocks.append(Heading(1, f"{ROMAN[roman]}. {section_title(spec, draft).upper()}"))
        roman += 1
        blocks += text_blocks(text)
    blocks.append(Paragraph(draft.closing.text))
    return blocks


def text_blocks(text: str) -> list:
    """A section's lines: "1. …" and "a) …" are headings, the rest paragraphs, kept exactly
    as typed (markup and control characters never reach the file as such)."""
    blocks: list = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _SUBHEADING.match(line):
            blocks.append(Heading(2, line))
        elif _ITEM.match(line):
            blocks.append(Heading(3, line))
        else:
            blocks.append(Paragraph(line))
    return blocks


# The Phụ lục ---------------------------------------------------------------------------


@dataclass
class _Row:
    name: str
    measure: str
    value: Decimal | None
    previous: Decimal | None
    target: Decimal | None = None
    share: Decimal | None = None


def _scaled(figure: Figure, value: Decimal | None) -> Decimal | None:
    """Money in the unit the reports use in tables: tỷ đồng, triệu USD."""
    if value is None:
        return None
    if figure.kind != "money":
        return value
    if figure.noun.upper() == "USD":
        return prose.rounded(value / prose.MILLION, 1).normalize()
    return prose.rounded(value / prose.BILLION, 2).normalize()


def _measure(figure: Figure) -> str:
    if figure.kind != "money":
        return figure.noun
    return "triệu USD" if figure.noun.upper() == "USD" else "tỷ đồng"


def _change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    value = change_percent(now, before)
    return None if value is None else prose.rounded(value, 1)


def _option_label(figure: Figure, option: str) -> str:
    return vocab.label(figure.disaggregation, option)


def figures_table(draft: Draft, period: Period) -> Table:
    rows: list[_Row] = []
    for figure in draft.figures.values():
        share = None
        if figure.target and figure.total is not None:
            share = prose.rounded(figure.total / figure.target * 100, 1)
        rows.append(
            _Row(
                figure.label,
                _measure(figure),
                _scaled(figure, figure.total),
                _scaled(figure, figure.previous),
                _scaled(figure, figure.target),
                share,
            )
        )
        for option, value in figure.parts.items():
            rows.append(
                _Row(
                    f"- {_option_label(figure, option)}",
                    "",
                    _scaled(figure, value),
                    _scaled(figure, figure.previous_parts.get(option)),
                )
            )
    has_previous = any(r.previous is not None for r in rows)
    has_target = any(r.target is not None for r in rows)
    headers = ["Chỉ tiêu", "Đơn vị tính", prose.upper_first(period.label())]
    if has_previous:
        headers += [prose.upper_first(period.same_period_last_year().label()), "Tăng, giảm (%)"]
    if has_target:
        headers += ["Kế hoạch", "Đạt (% kế hoạch)"]
    body = []
    for row in rows:
        cells: list = [row.name, row.measure, row.value]
        if has_previous:
            cells += [row.previous, _change(row.value, row.previous)]
        if has_target:
            cells += [row.target, row.share]
        body.append(cells)
    numbers = list(range(2, len(headers)))
    return Table(
        caption="",
        headers=headers,
        rows=body,
        number_columns=numbers,
        decimals=None,
        signed_columns=[4] if has_previous else [],
        numbered=True,
    )


def breakdown_table(draft: Draft) -> Table | None:
    """Rows are the units that contributed, columns the figures most of them report."""
    figures = [f for f in draft.figures.values() if f.kind != "money" and len(f.contributors) > 1]
    figures.sort(key=lambda f: -len(f.contributors))
    figures = figures[:BREAKDOWN_COLUMNS]
    if not figures:
        return None
    values = {f.code: dict(f.contributors) for f in figures}
    names = [n for n in draft.unit_names if any(n in values[f.code] for f in figures)]
    rows: list[list[str | int | float | Decimal | None]] = [
        [name, *[values[f.code].get(name) for f in figures]] for name in names
    ]
    # Units that were asked and have not reported: listed, never silently left out.
    rows += [
        [f"{name} (chưa nộp)", *[None for _f in figures]]
        for name in draft.missing_names
        if name not in names
    ]
    return Table(
        caption="",
        headers=["Cơ quan, đơn vị, địa phương", *[f"{f.name} ({f.noun})" for f in figures]],
        rows=rows,
        number_columns=list(range(1, len(figures) + 1)),
        decimals=None,
        numbered=True,
    )


def comparison_chart(draft: Draft, period: Period) -> Chart | None:
    """Change against the same period last year, in %, so figures of different sizes share
    one scale."""
    rows = [
        (f.name, _change(f.total, f.previous))
        for f in draft.figures.values()
        if f.previous and not f.stock
    ]
    changes = [(name, float(change)) for name, change in rows if change is not None][:CHART_ROWS]
    if len(changes) < 2:
        return None
    return Chart(
        title=f"Tăng, giảm so với {prose.against_label(period)} (%)",
        categories=[name for name, _ in changes],
        series={"Tăng, giảm (%)": [change for _, change in changes]},
        kind="barh",
    )


def appendices(
    draft: Draft, period: Period, head: Letterhead, number: int | None, issued_on: date | None
) -> list[Appendix]:
    if not draft.figures:
        return []
    reference = head.number(number)
    if number is None:
        reference = " " * 6 + reference
    when = prose.day(issued_on) if issued_on else "     /     /" + str(period.year)
    note = f"(Kèm theo Báo cáo số {reference} ngày {when} của {head.short_name})"
    first: list = [figures_table(draft, period)]
    chart = comparison_chart(draft, period)
    if chart is not None:
        first.append(chart)
    out = [
        Appendix(
            APPENDIX_LABELS[0],
            f"Kết quả thực hiện các chỉ tiêu thông tin đối ngoại {period.label()}",
            note,
            first,
        )
    ]
    breakdown = breakdown_table(draft) if draft.consolidated else None
    if breakdown is not None:
        out.append(
            Appendix(
                APPENDIX_LABELS[1],
                f"Một số chỉ tiêu theo cơ quan, đơn vị, địa phương {period.label()}",
                note,
                [breakdown],
            )
        )
    return out


# The report ----------------------------------------------------------------------------


def build_report(
    submission: Submission,
    draft: Draft | None = None,
    *,
    number: int | None = None,
    issued_on: date | None = None,
) -> tuple[OfficialReport, Draft]:
    """The whole document of ``submission`` — saved sections over the draft — with the
    unit's letterhead; ``number`` and ``issued_on`` fill the số and the date line."""
    unit, period = submission.unit, submission.the_period
    draft = draft or draft_for(Basis.of(submission))
    head = letterhead(unit)
    signature = head.signature
    if submission.signer_name:
        signature = Signature(
            signature.authority,
            submission.signer_position or signature.position,
            submission.signer_name,
        )
    recipients = [f"{draft.addressee} (b/c)"] if draft.addressee else []
    recipients += [line for line in head.recipients if line not in recipients]
    report = OfficialReport(
        style=head.style,
        governing_body=head.governing_body,
        issuing_body=head.issuing_body,
        number=head.number(number),
        place=head.place,
        issued_on=issued_on,
        summary=f"Kết quả công tác thông tin đối ngoại {period.label()}",
        blocks=body_blocks(submission, draft),
        recipients=recipients,
        archive=head.archive,
        signature=signature,
        appendices=appendices(draft, period, head, number, issued_on),
        year=(period.end + timedelta(days=15)).year,
    )
    return report, draft


def consolidated_report(
    unit: OrgUnit,
    period: Period,
    *,
    number: int | None = None,
    issued_on: date | None = None,
) -> tuple[OfficialReport, Draft]:
    """The report of ``unit`` for ``period`` as it stands: what it answers, what it
    consolidates, what was saved and drafted."""
    return build_report(report_submission(unit, period), number=number, issued_on=issued_on)


def annex_tables(report: OfficialReport) -> list[Table]:
    return [b for a in report.appendices for b in a.blocks if isinstance(b, Table)]


def render(report: OfficialReport, kind: str) -> bytes:
    """``kind`` is docx, pdf or xlsx; PdfUnavailable says why a PDF cannot be made."""
    return render_files(report, (kind,))[kind]


def render_files(report: OfficialReport, kinds: tuple[str, ...]) -> dict[str, bytes]:
    """The files of one report, the DOCX built once: the PDF converts those very bytes.
    A PDF that cannot be made raises PdfUnavailable after the others are made."""
    files: dict[str, bytes] = {}
    if "xlsx" in kinds:
        files["xlsx"] = officedocs.write_annex(report.appendices, report.summary)
    if "docx" in kinds or "pdf" in kinds:
        files["docx"] = officedocs.write_docx(report)
    if "pdf" in kinds:
        files["pdf"] = officedocs.docx_to_pdf(files["docx"], server=settings.PDF_SERVER)
    return {kind: files[kind] for kind in kinds}
