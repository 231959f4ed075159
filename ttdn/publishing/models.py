"""What a unit publishes and where it is published: publications (ấn phẩm) with their
language editions, the outlets (cơ quan báo chí) that carry news about the locality,
standing columns and programmes (chuyên mục, chương trình định kỳ), websites with their
language versions, social-media accounts with dated follower counts, and the coverage
(tin, bài) outlets gave the locality.

Each is a register (ttdn.registers): the figures they give are fed to the indicators
by ``ttdn.publishing.feeds``; how each record counts is told there and in
docs/publishing.md.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.lib import vocab
from ttdn.orgunits.models import UnitScopedQuerySet

# Links must be web pages: a javascript:, data: or file: address is refused.
WEB_ONLY = URLValidator(
    schemes=["http", "https"],
    message=_("Chỉ nhận địa chỉ trang web bắt đầu bằng http:// hoặc https://."),
)


def language_choices() -> list[tuple[str, str]]:
    return names.vocabulary_choices("languages")


def channel_choices() -> list[tuple[str, str]]:
    return names.vocabulary_choices("channels")


def platform_choices() -> list[tuple[str, str]]:
    return names.vocabulary_choices("platforms")


def check_languages(codes: list[str], field: str) -> None:
    known = set(vocab.codes("languages"))
    if not isinstance(codes, list) or any(code not in known for code in codes):
        raise ValidationError({field: _("Ngôn ngữ không có trong danh mục.")})


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today() -> date:
    return timezone.localdate()


class Scoped(UnitScopedQuerySet):
    unit_fields = ("unit",)


# Publications -------------------------------------------------------------------------


class PublicationFormat(models.TextChoices):
    BOOK = "sach", _("Sách")
    FOLDER = "to_gap", _("Tờ gấp")
    LEAFLET = "to_roi", _("Tờ rơi")
    BULLETIN = "ban_tin", _("Bản tin")
    MAGAZINE = "tap_chi", _("Tạp chí")
    SPECIAL = "dac_san", _("Đặc san")
    HANDBOOK = "so_tay", _("Sổ tay")
    DOCUMENTS = "tai_lieu", _("Bộ tài liệu")
    MAP = "ban_do", _("Bản đồ")
    PHOTOS = "bo_anh", _("Bộ ảnh")
    VIDEO = "video", _("Video, phim tài liệu")
    DVD = "dvd", _("Đĩa DVD")
    OTHER = "khac", _("Khác")


class Periodicity(models.TextChoices):
    NONE = "", _("Không định kỳ")
    WEEKLY = "weekly", _("Hằng tuần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng một số")
    YEARLY = "yearly", _("Hằng năm")


# Months between two issues (weekly issues are counted in days).
ISSUE_MONTHS: dict[str, int] = {
    Periodicity.MONTHLY: 1,
    Periodicity.QUARTERLY: 3,
    Periodicity.HALF_YEARLY: 6,
    Periodicity.YEARLY: 12,
}


class Recipient(models.TextChoices):
    """To whom publications are sent, as the reports name them."""

    PROVINCES = "provinces", _("các tỉnh, thành phố")
    MINISTRIES = "ministries", _("các bộ, ngành Trung ương")
    EMBASSIES = "embassies", _("cơ quan đại diện Việt Nam ở nước ngoài")
    FOREIGN_MISSIONS = "foreign_missions", _("cơ quan đại diện nước ngoài tại Việt Nam")
    OVERSEAS = "overseas", _("hội người Việt Nam ở nước ngoài")
    PARTNERS = "partners", _("đối tác nước ngoài")
    INVESTORS = "investors", _("nhà đầu tư trong và ngoài nước")
    TOURIST_SITES = "tourist_sites", _("khu, điểm du lịch")
    EVENTS = "events", _("hội nghị, hội chợ, sự kiện")
    LOCAL = "local", _("cơ quan, đơn vị, địa phương trong tỉnh")


class Publication(models.Model):
    """An ấn phẩm: a book, folder, bulletin, map, video… with its print run and its
    language editions. A periodical (bản tin hằng tháng) is one record for its run of
    issues, from the first issue (``published_on``) to the last one recorded
    (``ends_on``), ``copies`` being each issue's run; a reprint (tái bản) is a record
    of its own pointing at the first edition."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị phát hành"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    title = models.CharField(_("tên ấn phẩm"), max_length=300)
    format = models.CharField(_("loại"), max_length=20, choices=PublicationFormat.choices)
    periodicity = models.CharField(
        _("định kỳ"), max_length=20, choices=Periodicity.choices, blank=True, default=""
    )
    published_on = models.DateField(
        _("ngày phát hành"), help_text=_("Ấn phẩm định kỳ: ngày phát hành số đầu.")
    )
    ends_on = models.DateField(
        _("ngày phát hành số cuối"),
        null=True,
        blank=True,
        help_text=_("Chỉ với ấn phẩm định kỳ: số cuối đã phát hành (hoặc theo kế hoạch)."),
    )
    copies = models.PositiveIntegerField(
        _("tổng số bản"), help_text=_("Ấn phẩm định kỳ: số bản mỗi số.")
    )
    reprint_of = models.ForeignKey(
        "self",
        verbose_name=_("tái bản của"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reprints",
    )
    distribution = models.JSONField(_("nơi nhận"), default=list, blank=True)
    distribution_note = models.CharField(_("nơi nhận khác"), max_length=500, blank=True)
    cost = models.DecimalField(
        _("kinh phí (đồng)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = Scoped.as_manager()

    class Meta:
        verbose_name = _("ấn phẩm")
        verbose_name_plural = _("ấn phẩm")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.periodicity:
            if self.ends_on is None:
                errors["ends_on"] = _("Ấn phẩm định kỳ cần ngày phát hành số cuối.")
            elif self.published_on and self.ends_on < self.published_on:
                errors["ends_on"] = _("Số cuối không thể phát hành trước số đầu.")
        elif self.ends_on is not None:
            errors["ends_on"] = _("Chỉ ấn phẩm định kỳ mới có ngày phát hành số cuối.")
        if self.reprint_of_id is not None and self.reprint_of_id == self.pk:
            errors["reprint_of"] = _("Ấn phẩm không thể là bản tái bản của chính nó.")
        recipients = set(Recipient.values)
        if not isinstance(self.distribution, list) or any(
            code not in recipients for code in self.distribution
        ):
            errors["distribution"] = _("Nơi nhận không có trong danh mục.")
        if self.cost is not None and self.cost < 0:
            errors["cost"] = _("Kinh phí không được âm.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_periodical(self) -> bool:
        return bool(self.periodicity)

    def issue_dates(self) -> Iterator[date]:
        """The days its issues come out: one for a single publication, every week,
        month, quarter… from the first issue to the last for a periodical."""
        if not self.is_periodical:
            yield self.published_on
            return
        last = self.ends_on or self.published_on
        step = 0
        while True:
            if self.periodicity == Periodicity.WEEKLY:
                day = self.published_on + timedelta(weeks=step)
            else:
                day = add_months(self.published_on, ISSUE_MONTHS[self.periodicity] * step)
            if day > last:
                return
            yield day
            step += 1

    def issues_between(self, start: date, end: date) -> int:
        return sum(1 for day in self.issue_dates() if start <= day <= end)

    def root_id(self) -> int:
        """The first edition's id: a reprint and its original are one title."""
        seen: set[int] = set()
        record = self
        while record.reprint_of_id is not None and record.reprint_of_id not in seen:
            seen.add(record.pk)
            assert record.reprint_of is not None
            record = record.reprint_of
        return record.pk

    def recipient_labels(self) -> list[str]:
        labels = dict(Recipient.choices)
        return [str(labels[c]) for c in self.distribution if c in labels]

    def labelled_lists(self) -> list[tuple[str, str]]:
        """The coded lists as a person reads them (the detail page)."""
        return (
            [(str(_("Nơi nhận")), ", ".join(self.recipient_labels()))] if self.distribution else []
        )


class PublicationEdition(models.Model):
    """A language edition of a publication and its print run (per issue for a
    periodical). A bilingual edition is recorded once in each of its languages."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(_("ngôn ngữ"), max_length=10, choices=language_choices)
    copies = models.PositiveIntegerField(_("số bản"))

    class Meta:
        verbose_name = _("ấn bản theo ngôn ngữ")
        verbose_name_plural = _("ấn bản theo ngôn ngữ")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language"], name="publication_edition_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()}: {self.copies}"


# Outlets, programmes, websites, accounts ---------------------------------------------


class OutletKind(models.TextChoices):
    PRINT = "print", _("Báo in, tạp chí")
    ONLINE = "online", _("Báo điện tử, trang tin")
    BROADCAST = "broadcast", _("Phát thanh, truyền hình")
    AGENCY = "agency", _("Thông tấn")


class OutletLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    LOCAL = "local", _("Địa phương")
    FOREIGN = "foreign", _("Nước ngoài")


class Outlet(models.Model):
    """A cơ quan báo chí: a newspaper, magazine, radio or TV station or news site,
    central, local or foreign (with its country). A unit keeps the outlets it works
    with; its programmes and coverage records name them."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị theo dõi"),
        on_delete=models.PROTECT,
        related_name="outlets",
    )
    name = models.CharField(_("tên cơ quan báo chí"), max_length=200)
    kind = models.CharField(_("loại hình"), max_length=20, choices=OutletKind.choices)
    level = models.CharField(_("cấp"), max_length=20, choices=OutletLevel.choices)
    country = models.CharField(_("quốc gia"), max_length=100, blank=True)
    url = models.URLField(_("trang web"), blank=True, validators=[WEB_ONLY])

    objects = Scoped.as_manager()

    class Meta:
        verbose_name = _("cơ quan báo chí")
        verbose_name_plural = _("cơ quan báo chí")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="outlet_unit_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.level == OutletLevel.FOREIGN and not self.country.strip():
            raise ValidationError({"country": _("Cơ quan báo chí nước ngoài cần ghi quốc gia.")})

    @property
    def is_foreign(self) -> bool:
        return self.level == OutletLevel.FOREIGN

    @property
    def is_broadcast(self) -> bool:
        return self.kind == OutletKind.BROADCAST


def outlets_for(unit) -> models.QuerySet[Outlet]:
    """Outlets the unit and the units above it keep: those its records may name."""
    from ttdn.orgunits.models import SEGMENT

    above = [unit.path[:end] for end in range(SEGMENT, len(unit.path) + 1, SEGMENT)]
    return Outlet.objects.filter(unit__path__in=above)


class ProgrammeKind(models.TextChoices):
    COLUMN = "column", _("Chuyên mục")
    PAGE = "page", _("Chuyên trang")
    PROGRAMME = "programme", _("Chương trình")


class Programme(models.Model):
    """A standing column or programme (chuyên mục, chuyên trang, chương trình định kỳ)
    on an outlet, owned by a unit: its schedule in words ("20 giờ thứ Bảy hằng tuần"),
    its languages and the days it started and ended."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    outlet = models.ForeignKey(
        Outlet, verbose_name=_("cơ quan báo chí"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("loại"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.COLUMN
    )
    title = models.CharField(_("tên"), max_length=300)
    schedule = models.CharField(
        _("lịch phát sóng, đăng tải"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: 20 giờ thứ Bảy hằng tuần."),
    )
    languages = models.JSONField(_("ngôn ngữ"), default=list)
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = Scoped.as_manager()

    class Meta:
        verbose_name = _("chuyên mục, chương trình")
        verbose_name_plural = _("chuyên mục, chương trình")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.languages:
            raise ValidationError({"languages": _("Chọn ít nhất một ngôn ngữ.")})
        check_languages(self.languages, "languages")
        if self.until is not None and self.since and self.until < self.since:
            raise ValidationError({"until": _("Ngày kết thúc không thể trước ngày bắt đầu.")})

    def runs_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or self.until >= day)

    def labelled_lists(self) -> list[tuple[str, str]]:
        language = get_language() or "vi"
        shown = ", ".join(vocab.label("languages", code, language) for code in self.languages)
        return [(str(_("Ngôn ngữ")), shown)]


class Website(models.Model):
    """A website (cổng, trang thông tin điện tử) a unit runs, with its language
    versions."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="websites",
    )
    name = models.CharField(_("tên trang"), max_length=200)
    url = models.URLField(_("địa chỉ"), validators=[WEB_ONLY])
    launched_on = models.DateField(_("ngày hoạt động"))
    closed_on = models.DateField(_("ngày ngừng hoạt động"), null=True, blank=True)

    objects = Scoped.as_manager()

    class Meta:
        verbose_name = _("trang thông tin điện tử")
        verbose_name_plural = _("trang thông tin điện tử")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.closed_on is not None and self.launched_on and self.closed_on < self.launched_on:
            raise ValidationError(
                {"closed_on": _("Ngày ngừng hoạt động không thể trước ngày hoạt động.")}
            )

    def runs_on(self, day: date) -> bool:
        return self.launched_on <= day and (self.closed_on is None or self.closed_on >= day)


class WebsiteVersion(models.Model):
    """A language version of a website (phiên bản tiếng Anh…)."""

    website = models.ForeignKey(Website, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("ngôn ngữ"), max_length=10, choices=language_choices)
    url = models.URLField(_("địa chỉ"), blank=True, validators=[WEB_ONLY])
    since = models.DateField(_("từ ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bản ngôn ngữ")
        verbose_name_plural = _("phiên bản ngôn ngữ")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["website", "language"], name="website_version_language")
        ]

    def __str__(self) -> str:
        return self.get_language_display()


class SocialAccount(models.Model):
    """A social-media account (trang, kênh) a unit runs, with dated follower counts."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="social_accounts",
    )
    platform = models.CharField(_("nền tảng"), max_length=20, choices=platform_choices)
    name = models.CharField(_("tên trang, kênh"), max_length=200)
    url = models.URLField(_("địa chỉ"), validators=[WEB_ONLY])
    opened_on = models.DateField(_("ngày bắt đầu vận hành"))
    closed_on = models.DateField(_("ngày ngừng vận hành"), null=True, blank=True)

    objects = Scoped.as_manager()

    class Meta:
        verbose_name = _("tài khoản mạng xã hội")
        verbose_name_plural = _("tài khoản mạng xã hội")
        ordering = ["platform", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.name}"

    def clean(self) -> None:
        if self.closed_on is not None and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError(
                {"closed_on": _("Ngày ngừng vận hành không thể trước ngày bắt đầu.")}
            )

    def runs_on(self, day: date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on >= day)


class FollowerSnapshot(models.Model):
    """How many people followed an account on a day (số người theo dõi, đăng ký)."""

    account = models.ForeignKey(SocialAccount, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(_("ngày ghi nhận"))
    followers = models.IntegerField(_("số người theo dõi"))

    class Meta:
        verbose_name = _("số người theo dõi")
        verbose_name_plural = _("số người theo dõi")
        ordering = ["taken_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "taken_on"], name="snapshot_account_day")
        ]

    def __str__(self) -> str:
        return f"{self.taken_on}: {self.followers}"

    def clean(self) -> None:
        errors = {}
        if self.followers is not None and self.followers < 0:
            errors["followers"] = _("Số người theo dõi không được âm.")
        if self.taken_on is not None and self.taken_on > today():
            errors["taken_on"] = _("Ngày ghi nhận không thể sau hôm nay.")
        if errors:
            raise ValidationError(errors)


# Coverage ----------------------------------------------------------------------------


class CoverageKind(models.TextChoices):
    ARTICLE = "article", _("Tin, bài viết")
    REPORT = "report", _("Phóng sự")
    PROGRAMME = "programme", _("Chương trình phát thanh, truyền hình")
    PHOTO = "photo", _("Ảnh, video")


class Coverage(models.Model):
    """A published article, report or programme about the locality (tin, bài, phóng
    sự): where and when it came out, in which language, on which channel, about what.
    Only what was published is recorded: no field holds anything about a person."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị theo dõi"),
        on_delete=models.PROTECT,
        related_name="coverage",
    )
    outlet = models.ForeignKey(
        Outlet, verbose_name=_("cơ quan báo chí"), on_delete=models.PROTECT, related_name="+"
    )
    published_on = models.DateField(_("ngày đăng, phát sóng"))
    kind = models.CharField(
        _("thể loại"), max_length=20, choices=CoverageKind.choices, default=CoverageKind.ARTICLE
    )
    channel = models.CharField(_("kênh"), max_length=40, choices=channel_choices)
    language = models.CharField(
        _("ngôn ngữ"), max_length=10, choices=language_choices, default="vi"
    )
    title = models.CharField(_("tiêu đề"), max_length=500)
    url = models.URLField(_("đường dẫn"), max_length=1000, blank=True, validators=[WEB_ONLY])
    topics = models.JSONField(_("chủ đề"), default=list, blank=True)

    objects = Scoped.as_manager()

    class Meta:
        verbose_name = _("tin, bài về địa phương")
        verbose_name_plural = _("tin, bài về địa phương")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "published_on", "title"], name="coverage_outlet_day_title"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        known = set(vocab.codes("topics"))
        if not isinstance(self.topics, list) or any(t not in known for t in self.topics):
            raise ValidationError({"topics": _("Chủ đề không có trong danh mục.")})

    def labelled_lists(self) -> list[tuple[str, str]]:
        if not self.topics:
            return []
        language = get_language() or "vi"
        shown = ", ".join(vocab.label("topics", t, language) for t in self.topics)
        return [(str(_("Chủ đề")), shown)]

    def validate_constraints(self, exclude=None) -> None:
        # The duplicate is told with a link to the first record (ttdn.publishing.services).
        from ttdn.publishing.services import duplicate_coverage_error

        duplicate_coverage_error(self)
        super().validate_constraints(exclude=exclude)
