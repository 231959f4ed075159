from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "ttdn.registers"
    verbose_name = _("Sổ theo dõi")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ttdn.registers import base

        base.discover()
