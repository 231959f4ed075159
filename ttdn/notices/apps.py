from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "ttdn.notices"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        # The password-reset mail waits in the queue for the worker like any other.
        from ttdn.accounts import forms
        from ttdn.notices.services import queue_mail

        if queue_mail not in forms.MAIL_QUEUE:
            forms.MAIL_QUEUE.append(queue_mail)
