from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "ttdn.publishing"
    verbose_name = _("Ấn phẩm, kênh thông tin và tin, bài")

    def ready(self) -> None:
        from ttdn.indicators import feeds
        from ttdn.publishing import drafting
        from ttdn.publishing import feeds as own_feeds
        from ttdn.registers import drafting as register_drafting

        if own_feeds.feed not in feeds.FEEDS:
            feeds.FEEDS.append(own_feeds.feed)
        if drafting.lines not in register_drafting.REPORT_LINES:
            register_drafting.REPORT_LINES.append(drafting.lines)
