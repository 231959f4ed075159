"""What the search index holds of the cooperation registers: each record's name with
its organiser, country, partner and dates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.cooperation.models import (
    Agreement,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
)
from ttdn.lib import countries
from ttdn.registers.base import record_url
from ttdn.search.registry import Entry, SearchIndex, register


@register
class CourseIndex(SearchIndex):
    kind = "course"
    label = _("Lớp tập huấn")
    model = TrainingCourse
    order = 40

    def entry(self, course: TrainingCourse) -> Entry:
        return Entry(
            unit_id=course.unit_id,
            title=course.title,
            body=" ".join(p for p in (course.partners, course.place) if p),
            starts_on=course.starts_on,
            ends_on=course.ends_on or course.starts_on,
            url=record_url(course),
        )


@register
class AttendanceIndex(SearchIndex):
    kind = "attendance"
    label = _("Lớp tập huấn đã cử cán bộ tham dự")
    model = CourseAttendance
    order = 41

    def entry(self, attendance: CourseAttendance) -> Entry:
        return Entry(
            unit_id=attendance.unit_id,
            title=attendance.title,
            body=attendance.organiser_name,
            starts_on=attendance.starts_on,
            ends_on=attendance.ends_on or attendance.starts_on,
            url=record_url(attendance),
        )

    def queryset(self):
        return CourseAttendance.objects.select_related("course__unit")


@register
class DelegationIndex(SearchIndex):
    kind = "delegation"
    label = _("Đoàn ra, đoàn vào")
    model = Delegation
    order = 42

    def entry(self, delegation: Delegation) -> Entry:
        country = countries.name(delegation.country)
        return Entry(
            unit_id=delegation.unit_id,
            title=delegation.name,
            body="\n".join(
                p
                for p in (
                    f"{country} ({countries.name(delegation.country, 'en')})",
                    delegation.outlets,
                    delegation.programme,
                )
                if p
            ),
            starts_on=delegation.starts_on,
            ends_on=delegation.ends_on or delegation.starts_on,
            topics=delegation.topics or (),
            url=record_url(delegation),
        )


@register
class PartnerIndex(SearchIndex):
    kind = "partner"
    label = _("Đối tác nước ngoài")
    model = Partner
    order = 43

    def entry(self, partner: Partner) -> Entry:
        return Entry(
            unit_id=partner.unit_id,
            title=partner.name,
            body="\n".join(
                p
                for p in (
                    f"{countries.name(partner.country)} ({countries.name(partner.country, 'en')})",
                    partner.note,
                )
                if p
            ),
            starts_on=partner.since,
            url=record_url(partner),
        )


@register
class AgreementIndex(SearchIndex):
    kind = "agreement"
    label = _("Thỏa thuận hợp tác quốc tế")
    model = Agreement
    order = 44

    def entry(self, agreement: Agreement) -> Entry:
        return Entry(
            unit_id=agreement.unit_id,
            title=agreement.title,
            body="\n".join(p for p in (str(agreement.partner), agreement.scope) if p),
            starts_on=agreement.signed_on,
            ends_on=agreement.signed_on,
            url=record_url(agreement),
        )

    def queryset(self):
        return Agreement.objects.select_related("partner")
