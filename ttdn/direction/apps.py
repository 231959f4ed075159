from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectionConfig(AppConfig):
    name = "ttdn.direction"
    verbose_name = _("Chỉ đạo, tổ chức thực hiện")

    def ready(self) -> None:
        from ttdn.direction import drafting, feeds
        from ttdn.indicators.feeds import FEEDS
        from ttdn.registers.drafting import REPORT_LINES

        for feed in feeds.ALL:
            if feed not in FEEDS:
                FEEDS.append(feed)
        for writer in drafting.ALL:
            if writer not in REPORT_LINES:
                REPORT_LINES.append(writer)
