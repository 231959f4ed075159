from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ttdn.search"
    verbose_name = _("Tìm kiếm")

    def ready(self) -> None:
        from ttdn.search import registry, signals

        registry.discover()
        signals.connect()
