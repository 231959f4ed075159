from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "ttdn.activities"
    verbose_name = _("Hoạt động")

    def ready(self) -> None:
        from ttdn.activities.services import activity_figures, related_records
        from ttdn.indicators import feeds
        from ttdn.registers import base

        if activity_figures not in feeds.FEEDS:
            feeds.FEEDS.append(activity_figures)
        if related_records not in base.RELATED:
            base.RELATED.append(related_records)
