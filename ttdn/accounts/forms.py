from collections.abc import Callable

from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.template import loader
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import BoundedInputs


class LoginForm(BoundedInputs, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class BoundedPasswordChangeForm(BoundedInputs, PasswordChangeForm):
    pass


# Where the reset mail goes instead of straight to the mail server: the notices app
# queues it for the worker (ttdn.notices), so the page answers a known address as fast
# as an unknown one, and a slow mail server holds up no page.
MAIL_QUEUE: list[Callable[[str, str, str], object]] = []


class BoundedPasswordResetForm(BoundedInputs, PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        if not MAIL_QUEUE:
            return super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        MAIL_QUEUE[0](to_email, subject, body)
        return None


class BoundedSetPasswordForm(BoundedInputs, SetPasswordForm):
    pass
