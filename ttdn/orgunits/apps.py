from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgUnitsConfig(AppConfig):
    name = "ttdn.orgunits"
    verbose_name = _("Đơn vị")

    def ready(self) -> None:
        # The welcome notice a new person gets is worded by people.py.
        from ttdn.orgunits import people  # noqa: F401
