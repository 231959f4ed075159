"""What the search index holds of activities: title, description, dates and topics."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ttdn.activities.models import Activity
from ttdn.registers.base import record_url
from ttdn.search.registry import Entry, SearchIndex, register


@register
class ActivityIndex(SearchIndex):
    kind = "activity"
    label = _("Hoạt động")
    model = Activity
    order = 20

    def entry(self, activity: Activity) -> Entry:
        return Entry(
            unit_id=activity.unit_id,
            title=activity.title,
            body=activity.description,
            starts_on=activity.start_date,
            ends_on=activity.end_date or activity.start_date,
            topics=activity.topics or (),
            url=record_url(activity),
        )

    def queryset(self):
        return Activity.objects.select_related("unit")
