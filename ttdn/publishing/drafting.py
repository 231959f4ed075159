"""What the publishing registers say in a report (ttdn.registers.drafting), in the
samples' sentences:

- "Xây dựng và phát hành bộ tài liệu “…” với 3.800 bản, trong đó tiếng Anh 500 bản,
  tiếng Nhật 200 bản…, gửi tới các tỉnh, thành phố…" (Thái Nguyên);
- "Phát hành 9.000 cuốn bản tin “…”, mỗi tháng một số bằng tiếng Việt và tiếng Anh";
- "Phối hợp với Đài … duy trì chuyên mục “…”, phát sóng vào 20 giờ thứ Bảy hằng tuần
  bằng tiếng Việt và tiếng Anh";
- "Trang Facebook “…” hiện có 125.300 người theo dõi; kênh YouTube “…” hiện có 18.200
  người đăng ký";
- the coverage the locality had, by channel and, for foreign outlets, by language.

In a report drafted from the recorded work of the units below, each sentence names
its unit; a unit's own report leaves the subject out, as its bullets do. In a unit's own
report each line says which indicators it states (``covers``), so the drafter does not
repeat the same figures in a sentence of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.db.models import Q

from ttdn.lib import prose, vocab
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.publishing.models import (
    Coverage,
    CoverageKind,
    FollowerSnapshot,
    Periodicity,
    Programme,
    Publication,
    PublicationFormat,
    SocialAccount,
)
from ttdn.registers.drafting import ReportContext, ReportLine

# Formats counted in volumes (cuốn) rather than copies (bản) when a periodical's issues
# are added up ("9.000 cuốn bản tin").
VOLUMES = {
    PublicationFormat.BULLETIN,
    PublicationFormat.MAGAZINE,
    PublicationFormat.SPECIAL,
    PublicationFormat.BOOK,
    PublicationFormat.HANDBOOK,
}
EVERY: dict[str, str] = {
    Periodicity.WEEKLY: "mỗi tuần một số",
    Periodicity.MONTHLY: "mỗi tháng một số",
    Periodicity.QUARTERLY: "mỗi quý một số",
    Periodicity.HALF_YEARLY: "6 tháng một số",
    Periodicity.YEARLY: "mỗi năm một số",
}
# How the reports name an account of each platform, and its followers.
ACCOUNT_NOUNS = {
    "facebook": ("Trang Facebook", "người theo dõi"),
    "youtube": ("kênh YouTube", "người đăng ký"),
    "zalo": ("Trang Zalo", "người quan tâm"),
    "tiktok": ("kênh TikTok", "người theo dõi"),
    "x": ("tài khoản X", "người theo dõi"),
}


def _covers(context: ReportContext, *codes: str) -> tuple[str, ...]:
    """The indicators a line states in full: in a unit's own report its figures are
    what its records fed. Over a subtree other units may have typed figures the records
    do not hold, so the drafter's figure sentence stays."""
    return () if context.subtree else codes


def _language(code: str) -> str:
    return vocab.label("languages", code)


def _subject(context: ReportContext, unit: OrgUnit) -> str:
    return f"{context.name_of(unit)} " if context.subtree and unit.pk != context.unit.pk else ""


def _format(publication: Publication) -> str:
    return prose.lower_first(str(publication.get_format_display()))


def _breakdown(parts: list[tuple[str, int]], noun: str, total: int) -> str:
    """ ", trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản" — or nothing when one part is
    the whole."""
    if not parts or (len(parts) == 1 and parts[0][1] == total):
        return ""
    return ", trong đó " + ", ".join(f"{name} {prose.count(n, noun)}" for name, n in parts)


def _recipients(publication: Publication) -> str:
    names = publication.recipient_labels()
    if publication.distribution_note.strip():
        names.append(publication.distribution_note.strip())
    return f", gửi tới {prose.join(names)}" if names else ""


def _cost(publication: Publication) -> str:
    return f"; kinh phí {prose.money(publication.cost)}" if publication.cost else ""


def publication_lines(context: ReportContext) -> Iterator[ReportLine]:
    records = (
        Publication.objects.filter(**context.units_filter(), published_on__lte=context.end)
        .filter(Q(published_on__gte=context.start) | Q(ends_on__gte=context.start))
        .select_related("unit")
        .prefetch_related("editions")
        .order_by("published_on", "pk")
    )
    for publication in records:
        issues = publication.issues_between(context.start, context.end)
        if not issues:
            continue
        editions = list(publication.editions.all())
        languages = [_language(e.language) for e in editions if e.copies]
        subject = _subject(context, publication.unit)
        title = f"“{publication.title}”"
        if publication.is_periodical:
            noun = "cuốn" if publication.format in VOLUMES else "bản"
            text = (
                f"{subject}phát hành {prose.count(issues * publication.copies, noun)} "
                f"{_format(publication)} {title}, {EVERY[publication.periodicity]}"
            )
            if languages:
                text += f" bằng {prose.join(languages)}"
            text += f" ({prose.count(publication.copies, 'bản')} mỗi số)"
        else:
            verb = "tái bản" if publication.reprint_of_id else "xây dựng và phát hành"
            copies = publication.copies
            text = (
                f"{subject}{verb} {_format(publication)} {title} với {prose.count(copies, 'bản')}"
            )
            parts = [(_language(e.language), e.copies) for e in editions if e.copies]
            if len(parts) == 1 and parts[0][1] == copies:
                text += f" bằng {parts[0][0]}"
            text += _breakdown(parts, "bản", copies)
        text += _recipients(publication) + _cost(publication)
        yield ReportLine(
            "results",
            text,
            [("publication", str(publication.pk), publication.title)],
            group="publications",
            order=40,
            covers=_covers(context, "publication_titles", "publication_copies"),
        )


def _schedule(programme: Programme) -> str:
    schedule = programme.schedule.strip()
    if not schedule:
        return ""
    verb = "phát sóng" if programme.outlet.is_broadcast else "đăng tải"
    joiner = " vào " if schedule[:1].isdigit() else " "
    return f", {verb}{joiner}{schedule}"


def programme_lines(context: ReportContext) -> Iterator[ReportLine]:
    records = (
        Programme.objects.filter(**context.units_filter(), since__lte=context.end)
        .filter(Q(until__isnull=True) | Q(until__gte=context.start))
        .select_related("unit", "outlet", "outlet__unit")
        .order_by("since", "pk")
    )
    for programme in records:
        subject = _subject(context, programme.unit)
        verb = "xây dựng mới" if programme.since >= context.start else "duy trì"
        kind = prose.lower_first(str(programme.get_kind_display()))
        # A newsroom runs its own columns; any other unit works with the outlet.
        if programme.unit.kind == UnitKind.PRESS_AGENCY:
            head = f"{subject}{verb} {kind} “{programme.title}” trên {programme.outlet.name}"
        else:
            head = (
                f"{subject}phối hợp với {programme.outlet.name} {verb} {kind} “{programme.title}”"
            )
        languages = prose.join([_language(code) for code in programme.languages])
        text = head + _schedule(programme)
        if languages:
            text += f" bằng {languages}"
        yield ReportLine(
            "results",
            text,
            [("programme", str(programme.pk), programme.title)],
            group="propaganda",
            order=41,
            covers=_covers(context, "standing_programmes"),
        )


def account_lines(context: ReportContext) -> Iterator[ReportLine]:
    accounts = list(
        SocialAccount.objects.filter(**context.units_filter(), opened_on__lte=context.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=context.start))
        .select_related("unit")
        .order_by("unit__path", "platform", "name", "pk")
    )
    if not accounts:
        return
    latest: dict[int, FollowerSnapshot] = {}
    for taken in FollowerSnapshot.objects.filter(
        account__in=accounts, taken_on__lte=context.end
    ).order_by("taken_on", "pk"):
        latest[taken.account_id] = taken
    parts = []
    for account in accounts:
        noun, followers = ACCOUNT_NOUNS.get(
            account.platform, (f"tài khoản {account.get_platform_display()}", "người theo dõi")
        )
        owner = f" của {context.name_of(account.unit)}" if _subject(context, account.unit) else ""
        part = f"{noun} “{account.name}”{owner}"
        snapshot = latest.get(account.pk)
        if snapshot is None:
            part = f"duy trì vận hành {prose.lower_first(part)}"
        elif snapshot.taken_on < context.start:
            part += (
                f" có {prose.count(snapshot.followers, followers)} "
                f"(ngày {prose.day(snapshot.taken_on)})"
            )
        else:
            part += f" hiện có {prose.count(snapshot.followers, followers)}"
        parts.append(part)
    yield ReportLine(
        "results",
        "; ".join(parts),
        [("account", str(a.pk), a.name) for a in accounts],
        group="digital",
        order=42,
        covers=_covers(context, "social_accounts", "social_followers"),
    )


def coverage_lines(context: ReportContext) -> Iterator[ReportLine]:
    items = list(
        Coverage.objects.filter(
            **context.units_filter(),
            published_on__gte=context.start,
            published_on__lte=context.end,
        ).select_related("outlet")
    )
    if not items:
        return
    channels = Counter(item.channel for item in items)
    foreign = [item for item in items if item.outlet.is_foreign]
    programmes = sum(1 for item in items if item.kind == CoverageKind.PROGRAMME)
    noun = "tin, bài, chương trình" if programmes else "tin, bài"
    by_channel = ", ".join(
        f"{prose.lower_first(vocab.label('channels', code))} {prose.count(n)}"
        for code, n in channels.most_common()
    )
    text = (
        f"các cơ quan báo chí đã đăng tải, phát sóng {prose.count(len(items), noun)} về "
        f"địa phương ({by_channel})"
    )
    if foreign:
        languages = Counter(item.language for item in foreign)
        by_language = ", ".join(
            f"{_language(code)} {prose.count(n)}" for code, n in languages.most_common()
        )
        text += (
            f"; trong đó {prose.count(len(foreign), 'tin, bài')} trên báo chí nước ngoài "
            f"({by_language})"
        )
    yield ReportLine(
        "results",
        text,
        [("coverage", str(item.pk), item.title) for item in items],
        group="press_relations",
        order=43,
        covers=_covers(context, "news_articles", "broadcast_programmes", "foreign_media_items"),
    )


def lines(context: ReportContext) -> Iterator[ReportLine]:
    """Every line the publishing registers give the report."""
    yield from publication_lines(context)
    yield from programme_lines(context)
    yield from account_lines(context)
    yield from coverage_lines(context)
