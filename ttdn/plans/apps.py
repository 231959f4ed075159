from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ttdn.plans"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from ttdn.indicators import feeds
        from ttdn.plans.feeds import plans_issued

        if plans_issued not in feeds.FEEDS:
            feeds.FEEDS.append(plans_issued)
