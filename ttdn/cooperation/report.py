"""What the cooperation registers say in a report (ttdn.registers.drafting), in the
samples' sentences: "Tổ chức 03 lớp tập huấn … cho 240 lượt cán bộ; cử 12 lượt cán bộ
tham dự 02 lớp do Bộ Ngoại giao tổ chức", "Đón tiếp 05 đoàn với 18 phóng viên nước
ngoài đến từ Nhật Bản và Hàn Quốc", "Ký kết 02 thỏa thuận hợp tác quốc tế với …".

Over a subtree (a report drafted from recorded work) a course one unit organised and
another attended is said once, as organised; countries are counted once each."""

from __future__ import annotations

from collections.abc import Iterator

from ttdn.cooperation import services
from ttdn.cooperation.models import Agreement, Delegation, Partner
from ttdn.lib import countries, prose
from ttdn.registers.drafting import ReportContext, ReportLine, Writer

# Past this many countries a sentence counts them instead of naming them all.
NAMED_COUNTRIES = 4
OFFICIALS = {"", "officials"}
# The figures each sentence states (ReportLine.covers).
TRAINING = (
    "training_courses",
    "training_participants",
    "training_courses_attended",
    "training_attendees",
)


def _countries(codes: list[str]) -> str:
    """ "Nhật Bản và Hàn Quốc"; "08 quốc gia"."""
    if len(codes) > NAMED_COUNTRIES:
        return prose.count(len(codes), "quốc gia")
    return prose.join([countries.name(code) for code in codes])


def _by(context: ReportContext, records: list) -> str:
    """Who did it, in a report over a subtree (its units credited as subjects, as the
    consolidated reports do): "UBND phường Quy Nhơn đã ", "A và B đã ", "Các sở, ban,
    ngành, địa phương đã "; nothing when the report's own unit did it all."""
    units = list({r.unit_id: r.unit for r in records}.values())
    if not context.subtree or [u.pk for u in units] == [context.unit.pk]:
        return ""
    if len(units) > 2:
        return "các sở, ban, ngành, địa phương đã "
    return f"{_names([context.name_of(u) for u in units])} đã "


def _names(names: list[str]) -> str:
    """ "A và B"; with commas when a name holds "và" ("Sở Văn hóa, Thể thao và Du lịch,
    Bộ Ngoại giao"), which a second "và" would make hard to read."""
    return ", ".join(names) if any(" và " in n for n in names) else prose.join(names)


def training_lines(context: ReportContext) -> Iterator[ReportLine]:
    summary = services.training_summary(
        context.units_filter(),
        context.start,
        context.end,
        root=context.unit if context.subtree else None,
    )
    organised, attended = summary.organised, summary.attended
    parts: list[str] = []
    sources: list[tuple[str, str, str]] = []
    if organised.courses:
        audiences = {c.audience for c in organised.records}
        who = "cán bộ" if audiences <= OFFICIALS else "người"
        text = (
            f"{_by(context, organised.records)}"
            f"tổ chức {prose.count(organised.courses, 'lớp')} tập huấn, bồi dưỡng nghiệp vụ "
            f"thông tin đối ngoại cho {prose.count(organised.people, 'lượt')} {who}"
        )
        if organised.courses <= 3:
            text += ", gồm: " + "; ".join(
                f"lớp “{c.title}” {prose.span(c.starts_on, c.ends_on)}" for c in organised.records
            )
        parts.append(text)
        sources += [("course", str(c.pk), c.title) for c in organised.records]
    if attended.courses:
        organisers = _names(summary.organisers)
        subject = _by(context, attended.records)
        if organised.courses and subject == _by(context, organised.records):
            subject = ""  # the same units: the sentence goes on
        parts.append(
            f"{subject}cử {prose.count(attended.people, 'lượt')} cán bộ tham dự "
            f"{prose.count(attended.courses, 'lớp')} tập huấn do {organisers} tổ chức"
        )
        sources += [("attendance", str(a.pk), a.title) for a in attended.records]
    if parts:
        yield ReportLine(
            "results",
            "; ".join(parts),
            sources,
            "training",
            40,
            covers=TRAINING,
        )


def delegation_lines(context: ReportContext) -> Iterator[ReportLine]:
    records = (
        Delegation.objects.filter(
            **context.units_filter(), starts_on__gte=context.start, starts_on__lte=context.end
        )
        .select_related("unit")
        .order_by("starts_on", "pk")
    )
    summary = services.delegation_summary(records)

    def sources(group: services.DelegationGroup) -> list[tuple[str, str, str]]:
        return [("delegation", str(d.pk), d.name) for d in group.records]

    press = summary.press
    if press.delegations:
        yield ReportLine(
            "results",
            f"{_by(context, press.records)}đón tiếp {prose.count(press.delegations, 'đoàn')} với "
            f"{prose.count(press.members, 'phóng viên')} nước ngoài đến từ "
            f"{_countries(press.countries)} vào hoạt động báo chí tại địa phương",
            sources(press),
            "press_relations",
            40,
            covers=("foreign_press_delegations", "foreign_reporters"),
        )
    hosted = summary.hosted
    if hosted.delegations:
        yield ReportLine(
            "results",
            f"{_by(context, hosted.records)}đón tiếp "
            f"{prose.count(hosted.delegations, 'đoàn')} khách quốc tế của "
            f"{_countries(hosted.countries)} đến thăm, làm việc",
            sources(hosted),
            "international",
            40,
            covers=("international_delegations",),
        )
    sent = summary.sent
    if sent.delegations:
        yield ReportLine(
            "results",
            f"{_by(context, sent.records)}cử {prose.count(sent.delegations, 'đoàn')} với "
            f"{prose.count(sent.members, 'thành viên')} đi công tác tại "
            f"{_countries(sent.countries)}",
            sources(sent),
            "international",
            41,
            covers=("outgoing_delegations",),
        )


def partner_lines(context: ReportContext) -> Iterator[ReportLine]:
    agreements = list(
        Agreement.objects.filter(
            **context.units_filter(), signed_on__gte=context.start, signed_on__lte=context.end
        )
        .select_related("partner", "unit")
        .prefetch_related("steps")
        .order_by("signed_on", "pk")
    )
    if agreements:
        names = prose.join(list(dict.fromkeys(str(a.partner) for a in agreements)))
        text = (
            f"{_by(context, agreements)}ký kết {prose.count(len(agreements), 'thỏa thuận')} "
            f"hợp tác quốc tế với {names}"
        )
        if all(a.steps.all() for a in agreements):
            text += "; việc ký kết được tiến hành theo đúng quy định, có ý kiến của cơ quan có thẩm quyền"
        yield ReportLine(
            "results",
            text,
            [("agreement", str(a.pk), a.title) for a in agreements],
            "international",
            42,
            covers=("international_agreements",),
        )
    partners = list(
        Partner.objects.filter(
            services.active_partners(context.end), **context.units_filter()
        ).select_related("unit")
    )
    if partners:
        codes = list(dict.fromkeys(p.country for p in partners))
        twinned = [p for p in partners if p.twinned]
        text = (
            f"{_by(context, partners)}duy trì quan hệ hợp tác với {prose.count(len(partners), 'địa phương')}, tổ chức "
            f"nước ngoài của {prose.count(len(codes), 'quốc gia')}"
        )
        if twinned:
            text += f", trong đó kết nghĩa với {prose.count(len(twinned), 'đối tác')}"
        yield ReportLine(
            "results",
            text,
            [("partner", str(p.pk), p.name) for p in partners],
            "international",
            43,
            covers=("partner_localities",),
        )


def _capitalised(writer: Writer) -> Writer:
    def write(context: ReportContext) -> Iterator[ReportLine]:
        for line in writer(context):
            line.text = prose.upper_first(line.text)
            yield line

    return write


WRITERS = [_capitalised(w) for w in (training_lines, delegation_lines, partner_lines)]
