from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "ttdn.cooperation"
    verbose_name = _("Hợp tác quốc tế, tập huấn")

    def ready(self) -> None:
        from ttdn.cooperation import report, services
        from ttdn.indicators import feeds
        from ttdn.registers import drafting

        for feed in services.FEEDS:
            if feed not in feeds.FEEDS:
                feeds.FEEDS.append(feed)
        for writer in report.WRITERS:
            if writer not in drafting.REPORT_LINES:
                drafting.REPORT_LINES.append(writer)
