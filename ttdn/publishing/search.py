"""What the search index holds of the publishing registers: publications, standing
programmes, social-media accounts and coverage, by their names and titles."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.publishing.models import Coverage, Programme, Publication, SocialAccount
from ttdn.registers.base import record_url
from ttdn.search.registry import Entry, SearchIndex, register


@register
class PublicationIndex(SearchIndex):
    kind = "publish"
    label = _("Ấn phẩm")
    model = Publication
    order = 40

    def entry(self, record: Publication) -> Entry:
        body = " ".join(
            [
                str(record.get_format_display()),
                *record.recipient_labels(),
                record.distribution_note,
                record.note,
            ]
        )
        return Entry(
            unit_id=record.unit_id,
            title=record.title,
            body=body,
            starts_on=record.published_on,
            ends_on=record.ends_on or record.published_on,
            url=record_url(record),
        )


@register
class ProgrammeIndex(SearchIndex):
    kind = "programme"
    label = _("Chuyên mục, chương trình")
    model = Programme
    order = 41

    def entry(self, record: Programme) -> Entry:
        return Entry(
            unit_id=record.unit_id,
            title=record.title,
            body=f"{record.outlet.name} {record.schedule}",
            starts_on=record.since,
            ends_on=record.until,
            url=record_url(record),
        )

    def queryset(self):
        return Programme.objects.select_related("outlet")


@register
class AccountIndex(SearchIndex):
    kind = "account"
    label = _("Tài khoản mạng xã hội")
    model = SocialAccount
    order = 42

    def entry(self, record: SocialAccount) -> Entry:
        return Entry(
            unit_id=record.unit_id,
            title=str(record),
            body=record.url,
            starts_on=record.opened_on,
            ends_on=record.closed_on,
            url=record_url(record),
        )


@register
class CoverageIndex(SearchIndex):
    kind = "coverage"
    label = _("Tin, bài về địa phương")
    model = Coverage
    order = 43

    def entry(self, record: Coverage) -> Entry:
        return Entry(
            unit_id=record.unit_id,
            title=record.title,
            body=record.outlet.name,
            starts_on=record.published_on,
            ends_on=record.published_on,
            topics=record.topics or (),
            url=record_url(record),
        )

    def queryset(self):
        return Coverage.objects.select_related("outlet")
