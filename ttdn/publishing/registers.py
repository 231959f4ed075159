"""The publishing registers (ttdn.registers): publications, outlets, standing
programmes, websites, social-media accounts and coverage, each with its pages, API and
history; the figures they give are in ``ttdn.publishing.feeds``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field

from ttdn.api.schemas import CODE_PATTERN, ApiInput, ApiSchema
from ttdn.indicators.feeds import periods_containing
from ttdn.lib.periods import Period
from ttdn.lib.textfold import fold
from ttdn.lib.vnformat import format_date, format_number
from ttdn.publishing import forms
from ttdn.publishing.models import (
    Coverage,
    FollowerSnapshot,
    Outlet,
    Programme,
    Publication,
    PublicationEdition,
    SocialAccount,
    Website,
    WebsiteVersion,
    today,
)
from ttdn.registers.api import ApiShape, Child, RecordOut
from ttdn.registers.base import Column, Inline, Register, register

Url = Field(max_length=1000, pattern=r"^https?://")


def span_periods(first: date, last: date) -> list[Period]:
    """The periods a record running from ``first`` to ``last`` counts in: those of the
    first day of every quarter between them, and of both ends."""
    found = {p.id: p for p in periods_containing(first)}
    found.update({p.id: p for p in periods_containing(last)})
    day = date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    while day <= last:
        found.update({p.id: p for p in periods_containing(day)})
        day = date(day.year + (day.month + 2) // 12, (day.month + 2) % 12 + 1, 1)
    return sorted(found.values(), key=lambda p: p.sort_key)


def open_end(first: date, last: date | None) -> date:
    """A record still running counts up to today (or its first day, when that is
    later): a later period is fed when the record is next saved."""
    return last if last is not None else max(first, today())


class RowCheckedRegister(Register):
    """A register whose record is checked with its rows once they are written, inside
    the save's transaction: a refused save leaves nothing behind."""

    def check_rows(self, record: models.Model) -> None:
        """Rules across the record and its stored rows; raise ValidationError."""

    def save(self, user, record, *, unit=None, children=None, write_children=None):
        def write(parent: models.Model) -> None:
            if write_children is not None:
                write_children(parent)
            self.check_rows(parent)

        return super().save(user, record, unit=unit, children=children, write_children=write)


# Publications -------------------------------------------------------------------------


class EditionIn(ApiSchema):
    language: str = Field(max_length=10, description="Language code: vi, en, ja…")
    copies: int = Field(ge=0)


class PublicationFields(ApiSchema):
    title: str = Field(min_length=1, max_length=300)
    format: str = Field(max_length=20, description="sach, to_gap, ban_tin, tap_chi…")
    periodicity: str = Field("", max_length=20, description="'', weekly, monthly, quarterly…")
    published_on: date
    ends_on: date | None = None
    copies: int = Field(ge=0, description="Copies in all (of each issue for a periodical).")
    reprint_of_id: int | None = None
    distribution: list[str] = Field(default_factory=list, max_length=20)
    distribution_note: str = Field("", max_length=500)
    cost: Decimal | None = Field(None, ge=0, description="Đồng.")
    note: str = Field("", max_length=20_000)


class PublicationIn(ApiInput, PublicationFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40)
    editions: list[EditionIn] | None = Field(None, max_length=20)


class PublicationPatch(ApiInput):
    title: str | None = Field(None, min_length=1, max_length=300)
    format: str | None = Field(None, max_length=20)
    periodicity: str | None = Field(None, max_length=20)
    published_on: date | None = None
    ends_on: date | None = None
    copies: int | None = Field(None, ge=0)
    reprint_of_id: int | None = None
    distribution: list[str] | None = Field(None, max_length=20)
    distribution_note: str | None = Field(None, max_length=500)
    cost: Decimal | None = Field(None, ge=0)
    note: str | None = Field(None, max_length=20_000)
    editions: list[EditionIn] | None = Field(None, max_length=20)


class PublicationOut(PublicationFields, RecordOut):
    editions: list[EditionIn]

    @staticmethod
    def resolve_editions(record: Publication) -> list[PublicationEdition]:
        return list(record.editions.all())


def _same_title_in_year(record: Publication) -> Publication | None:
    """Another publication of the unit with the same title (folded) in the same year,
    not a reprint: the same publication, entered twice (by hand and from a report)."""
    key = " ".join(fold(record.title).split())
    others = Publication.objects.filter(
        unit_id=record.unit_id, published_on__year=record.published_on.year, reprint_of=None
    ).exclude(pk=record.pk)
    return next((p for p in others if " ".join(fold(p.title).split()) == key), None)


def _copies(record: Publication) -> str:
    return format_number(record.copies)


@register
class PublicationRegister(RowCheckedRegister):
    model = Publication
    slug = "publications"
    label = gettext_lazy("Ấn phẩm")
    one = gettext_lazy("ấn phẩm")
    form_class = forms.PublicationForm
    inlines = [Inline(forms.EditionFormSet, gettext_lazy("Ấn bản theo ngôn ngữ"))]
    columns = [
        Column(gettext_lazy("Tên ấn phẩm"), "title"),
        Column(gettext_lazy("Loại"), "get_format_display"),
        Column(gettext_lazy("Ngày phát hành"), lambda r: format_date(r.published_on)),
        Column(gettext_lazy("Số bản"), _copies),
    ]
    filters = ["format", "periodicity"]
    detail_template = "publishing/_lists.html"
    detail_exclude = ["distribution"]
    date_field = "published_on"
    search_fields = ["title", "distribution_note"]
    order = 30
    api = ApiShape(
        out=PublicationOut,
        create=PublicationIn,
        patch=PublicationPatch,
        children=[Child("editions", PublicationEdition, "publication")],
    )

    def snapshot(self, record: models.Model) -> dict[str, str]:
        # The recipients are shown by their names on the page (detail_template), and
        # kept so in the history.
        assert isinstance(record, Publication)
        return {**super().snapshot(record), "distribution": ", ".join(record.recipient_labels())}

    def periods(self, record: models.Model) -> list[Period]:
        assert isinstance(record, Publication)
        if record.is_periodical and record.ends_on is not None:
            return span_periods(record.published_on, record.ends_on)
        return super().periods(record)

    def check_rows(self, record: models.Model) -> None:
        assert isinstance(record, Publication)
        editions = list(PublicationEdition.objects.filter(publication=record))
        for edition in editions:
            if edition.copies > record.copies:
                raise ValidationError(
                    {
                        "copies": _(
                            "Ấn bản %(language)s có %(edition)s bản, nhiều hơn tổng số bản "
                            "(%(total)s)."
                        )
                        % {
                            "language": edition.get_language_display(),
                            "edition": format_number(edition.copies),
                            "total": format_number(record.copies),
                        }
                    }
                )
        summed = sum(e.copies for e in editions)
        if summed > record.copies:
            raise ValidationError(
                {
                    "copies": _(
                        "Các ấn bản theo ngôn ngữ cộng lại %(sum)s bản, nhiều hơn tổng số bản "
                        "(%(total)s). Ấn bản song ngữ: ghi số bản vào một ngôn ngữ, hoặc sửa "
                        "tổng số bản."
                    )
                    % {"sum": format_number(summed), "total": format_number(record.copies)}
                }
            )
        if record.reprint_of_id is None:
            same = _same_title_in_year(record)
            if same is not None:
                raise ValidationError(
                    {
                        "title": _(
                            "Ấn phẩm “%(title)s” của đơn vị đã được ghi trong năm %(year)s "
                            "(xem %(url)s): sửa bản ghi đó, hoặc ghi ấn phẩm này là bản tái "
                            "bản của nó."
                        )
                        % {
                            "title": same.title,
                            "year": same.published_on.year,
                            "url": self.detail_url(same),
                        }
                    }
                )
        if record.reprint_of_id is not None:
            original = Publication.objects.get(pk=record.reprint_of_id)
            if original.unit_id != record.unit_id:
                raise ValidationError({"reprint_of": _("Chỉ tái bản ấn phẩm của chính đơn vị.")})
            if original.published_on > record.published_on:
                raise ValidationError(
                    {"published_on": _("Bản tái bản không thể phát hành trước bản gốc.")}
                )
            if record.pk in {original.pk, original.root_id()}:
                raise ValidationError({"reprint_of": _("Ấn phẩm không thể tái bản chính nó.")})


# Outlets ----------------------------------------------------------------------------


class OutletFields(ApiSchema):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["print", "online", "broadcast", "agency"]
    level: Literal["central", "local", "foreign"]
    country: str = Field("", max_length=100)
    url: str = Field("", max_length=200)


class OutletIn(ApiInput, OutletFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40)


class OutletPatch(ApiInput):
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: Literal["print", "online", "broadcast", "agency"] | None = None
    level: Literal["central", "local", "foreign"] | None = None
    country: str | None = Field(None, max_length=100)
    url: str | None = Field(None, max_length=200)


class OutletOut(OutletFields, RecordOut):
    pass


@register
class OutletRegister(Register):
    model = Outlet
    slug = "outlets"
    label = gettext_lazy("Cơ quan báo chí")
    one = gettext_lazy("cơ quan báo chí")
    form_class = forms.OutletForm
    columns = [
        Column(gettext_lazy("Tên"), "name"),
        Column(gettext_lazy("Loại hình"), "get_kind_display"),
        Column(gettext_lazy("Cấp"), "get_level_display"),
        Column(gettext_lazy("Quốc gia"), "country"),
    ]
    filters = ["kind", "level"]
    search_fields = ["name", "country"]
    order = 31
    api = ApiShape(out=OutletOut, create=OutletIn, patch=OutletPatch)


# Standing programmes -------------------------------------------------------------------


class ProgrammeFields(ApiSchema):
    outlet_id: int
    kind: Literal["column", "page", "programme"] = "column"
    title: str = Field(min_length=1, max_length=300)
    schedule: str = Field("", max_length=200, description="20 giờ thứ Bảy hằng tuần")
    languages: list[str] = Field(min_length=1, max_length=20)
    since: date
    until: date | None = None


class ProgrammeIn(ApiInput, ProgrammeFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40)


class ProgrammePatch(ApiInput):
    outlet_id: int | None = None
    kind: Literal["column", "page", "programme"] | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    schedule: str | None = Field(None, max_length=200)
    languages: list[str] | None = Field(None, min_length=1, max_length=20)
    since: date | None = None
    until: date | None = None


class ProgrammeOut(ProgrammeFields, RecordOut):
    pass


def _outlet_visible(record: models.Model) -> None:
    """The outlet must be one the record's unit or a unit above it keeps."""
    outlet = Outlet.objects.select_related("unit").get(pk=record.outlet_id)  # type: ignore[attr-defined]
    unit = record.unit  # type: ignore[attr-defined]
    if not unit.path.startswith(outlet.unit.path):
        raise ValidationError(
            {"outlet": _("Cơ quan báo chí này không thuộc danh sách của đơn vị.")}
        )


@register
class ProgrammeRegister(Register):
    model = Programme
    slug = "programmes"
    label = gettext_lazy("Chuyên mục, chương trình định kỳ")
    one = gettext_lazy("chuyên mục, chương trình")
    form_class = forms.ProgrammeForm
    columns = [
        Column(gettext_lazy("Tên"), "title"),
        Column(gettext_lazy("Cơ quan báo chí"), "outlet.name"),
        Column(gettext_lazy("Lịch phát sóng, đăng tải"), "schedule"),
        Column(gettext_lazy("Từ ngày"), lambda r: format_date(r.since)),
    ]
    filters = ["kind"]
    detail_template = "publishing/_lists.html"
    detail_exclude = ["languages"]
    date_field = "since"
    search_fields = ["title", "schedule"]
    order = 32
    api = ApiShape(out=ProgrammeOut, create=ProgrammeIn, patch=ProgrammePatch)

    def queryset(self) -> models.QuerySet:
        return super().queryset().select_related("outlet")

    def snapshot(self, record: models.Model) -> dict[str, str]:
        assert isinstance(record, Programme)
        return {**super().snapshot(record), "languages": record.labelled_lists()[0][1]}

    def periods(self, record: models.Model) -> list[Period]:
        assert isinstance(record, Programme)
        return span_periods(record.since, open_end(record.since, record.until))

    def check(self, record, children) -> None:
        _outlet_visible(record)


# Websites ------------------------------------------------------------------------------


class VersionIn(ApiSchema):
    language: str = Field(max_length=10)
    url: str = Field("", max_length=200)
    since: date | None = None


class WebsiteFields(ApiSchema):
    name: str = Field(min_length=1, max_length=200)
    url: str = Url
    launched_on: date
    closed_on: date | None = None


class WebsiteIn(ApiInput, WebsiteFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40)
    versions: list[VersionIn] | None = Field(None, max_length=20)


class WebsitePatch(ApiInput):
    name: str | None = Field(None, min_length=1, max_length=200)
    url: str | None = Field(None, max_length=1000, pattern=r"^https?://")
    launched_on: date | None = None
    closed_on: date | None = None
    versions: list[VersionIn] | None = Field(None, max_length=20)


class WebsiteOut(WebsiteFields, RecordOut):
    versions: list[VersionIn]

    @staticmethod
    def resolve_versions(record: Website) -> list[WebsiteVersion]:
        return list(record.versions.all())


@register
class WebsiteRegister(Register):
    model = Website
    slug = "websites"
    label = gettext_lazy("Trang thông tin điện tử")
    one = gettext_lazy("trang thông tin điện tử")
    form_class = forms.WebsiteForm
    inlines = [Inline(forms.VersionFormSet, gettext_lazy("Phiên bản ngôn ngữ"))]
    columns = [
        Column(gettext_lazy("Tên trang"), "name"),
        Column(gettext_lazy("Địa chỉ"), "url"),
    ]
    search_fields = ["name", "url"]
    order = 33
    api = ApiShape(
        out=WebsiteOut,
        create=WebsiteIn,
        patch=WebsitePatch,
        children=[Child("versions", WebsiteVersion, "website")],
    )

    def periods(self, record: models.Model) -> list[Period]:
        assert isinstance(record, Website)
        return span_periods(record.launched_on, open_end(record.launched_on, record.closed_on))


# Social accounts ----------------------------------------------------------------------


class SnapshotIn(ApiSchema):
    taken_on: date
    followers: int


class AccountFields(ApiSchema):
    platform: str = Field(max_length=20, description="facebook, youtube, zalo, tiktok, x…")
    name: str = Field(min_length=1, max_length=200)
    url: str = Url
    opened_on: date
    closed_on: date | None = None


class AccountIn(ApiInput, AccountFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40)
    snapshots: list[SnapshotIn] | None = Field(None, max_length=500)


class AccountPatch(ApiInput):
    platform: str | None = Field(None, max_length=20)
    name: str | None = Field(None, min_length=1, max_length=200)
    url: str | None = Field(None, max_length=1000, pattern=r"^https?://")
    opened_on: date | None = None
    closed_on: date | None = None
    snapshots: list[SnapshotIn] | None = Field(None, max_length=500)


class AccountOut(AccountFields, RecordOut):
    snapshots: list[SnapshotIn]

    @staticmethod
    def resolve_snapshots(record: SocialAccount) -> list[FollowerSnapshot]:
        return list(record.snapshots.all())


def _latest_followers(record: SocialAccount) -> str:
    snapshots = list(record.snapshots.all())  # prefetched by the register's queryset
    latest = max(snapshots, key=lambda s: s.taken_on, default=None)
    return format_number(latest.followers) if latest else ""


@register
class AccountRegister(RowCheckedRegister):
    model = SocialAccount
    slug = "social-accounts"
    label = gettext_lazy("Tài khoản mạng xã hội")
    one = gettext_lazy("tài khoản mạng xã hội")
    form_class = forms.SocialAccountForm
    inlines = [Inline(forms.SnapshotFormSet, gettext_lazy("Số người theo dõi theo ngày"))]
    columns = [
        Column(gettext_lazy("Nền tảng"), "get_platform_display"),
        Column(gettext_lazy("Tên trang, kênh"), "name"),
        Column(gettext_lazy("Người theo dõi (mới nhất)"), _latest_followers),
    ]
    filters = ["platform"]
    search_fields = ["name", "url"]
    order = 34
    api = ApiShape(
        out=AccountOut,
        create=AccountIn,
        patch=AccountPatch,
        children=[Child("snapshots", FollowerSnapshot, "account")],
    )

    def queryset(self) -> models.QuerySet:
        return super().queryset().prefetch_related("snapshots")

    def periods(self, record: models.Model) -> list[Period]:
        assert isinstance(record, SocialAccount)
        found = {
            p.id: p
            for p in span_periods(record.opened_on, open_end(record.opened_on, record.closed_on))
        }
        for day in record.snapshots.values_list("taken_on", flat=True):
            found.update({p.id: p for p in periods_containing(day)})
        return sorted(found.values(), key=lambda p: p.sort_key)

    def check(self, record, children) -> None:
        """Counts entered for a period (the form's "Nhập cho kỳ") must fall in it."""
        period = getattr(record, "entering_for", None)
        if period is None:
            return
        for snapshot in children.get("followersnapshot", []):
            if not period.start <= snapshot.taken_on <= period.end:
                raise ValidationError(
                    {
                        "entering_for": _(
                            "Số người theo dõi ngày %(day)s không thuộc kỳ %(period)s đang "
                            "nhập (%(start)s–%(end)s)."
                        )
                        % {
                            "day": format_date(snapshot.taken_on),
                            "period": period.label(),
                            "start": format_date(period.start),
                            "end": format_date(period.end),
                        }
                    }
                )

    def check_rows(self, record: models.Model) -> None:
        assert isinstance(record, SocialAccount)
        for snapshot in FollowerSnapshot.objects.filter(account=record):
            if snapshot.taken_on < record.opened_on or (
                record.closed_on is not None and snapshot.taken_on > record.closed_on
            ):
                raise ValidationError(
                    _("Số người theo dõi ngày %(day)s nằm ngoài thời gian vận hành của tài khoản.")
                    % {"day": format_date(snapshot.taken_on)}
                )


# Coverage ------------------------------------------------------------------------------


class CoverageFields(ApiSchema):
    outlet_id: int
    published_on: date
    kind: Literal["article", "report", "programme", "photo"] = "article"
    channel: str = Field(max_length=40, description="bao_in, bao_dien_tu, truyen_hinh…")
    language: str = Field("vi", max_length=10)
    title: str = Field(min_length=1, max_length=500)
    url: str = Field("", max_length=1000)
    topics: list[str] = Field(default_factory=list, max_length=20)


class CoverageIn(ApiInput, CoverageFields):
    unit: str = Field(pattern=CODE_PATTERN, max_length=40)


class CoveragePatch(ApiInput):
    outlet_id: int | None = None
    published_on: date | None = None
    kind: Literal["article", "report", "programme", "photo"] | None = None
    channel: str | None = Field(None, max_length=40)
    language: str | None = Field(None, max_length=10)
    title: str | None = Field(None, min_length=1, max_length=500)
    url: str | None = Field(None, max_length=1000)
    topics: list[str] | None = Field(None, max_length=20)


class CoverageOut(CoverageFields, RecordOut):
    pass


@register
class CoverageRegister(Register):
    model = Coverage
    slug = "coverage"
    label = gettext_lazy("Tin, bài về địa phương")
    one = gettext_lazy("tin, bài")
    form_class = forms.CoverageForm
    columns = [
        Column(gettext_lazy("Ngày"), lambda r: format_date(r.published_on)),
        Column(gettext_lazy("Cơ quan báo chí"), "outlet.name"),
        Column(gettext_lazy("Tiêu đề"), "title"),
        Column(gettext_lazy("Kênh"), "get_channel_display"),
        Column(gettext_lazy("Ngôn ngữ"), "get_language_display"),
    ]
    filters = ["kind", "channel", "language"]
    detail_template = "publishing/_lists.html"
    detail_exclude = ["topics"]
    date_field = "published_on"
    search_fields = ["title"]
    list_template = "publishing/coverage_import_link.html"
    order = 35
    api = ApiShape(out=CoverageOut, create=CoverageIn, patch=CoveragePatch)

    def queryset(self) -> models.QuerySet:
        return super().queryset().select_related("outlet")

    def check(self, record, children) -> None:
        _outlet_visible(record)

    def snapshot(self, record: models.Model) -> dict[str, str]:
        assert isinstance(record, Coverage)
        lists = record.labelled_lists()
        return {**super().snapshot(record), "topics": lists[0][1] if lists else ""}
