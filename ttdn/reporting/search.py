"""What the search index holds of reports: each narrative section that has text, under
its heading and the report's subject."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.reporting.models import SubmissionSection
from ttdn.search.registry import Entry, SearchIndex, register


@register
class SectionIndex(SearchIndex):
    kind = "section"
    label = _("Thuyết minh báo cáo")
    model = SubmissionSection
    order = 30

    def entry(self, section: SubmissionSection) -> Entry | None:
        if not (section.text or "").strip():
            return None
        submission = section.submission
        headings = {s["code"]: s.get("title", s["code"]) for s in submission.section_specs}
        period = submission.the_period
        subject = (
            submission.request.subject
            if submission.request is not None
            else f"Báo cáo {period.label()} của {submission.unit.name}"
        )
        return Entry(
            unit_id=submission.unit_id,
            title=f"{headings.get(section.code, section.code)} — {subject}",
            body=section.text,
            period=period.id,
            starts_on=period.start,
            ends_on=period.end,
            url=reverse("reporting:submission", args=[submission.pk]),
        )

    def queryset(self):
        return SubmissionSection.objects.select_related(
            "submission__request__form", "submission__unit"
        )
