from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import BoundedInputs


class LoginForm(BoundedInputs, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class BoundedPasswordChangeForm(BoundedInputs, PasswordChangeForm):
    pass


class BoundedPasswordResetForm(BoundedInputs, PasswordResetForm):
    pass


class BoundedSetPasswordForm(BoundedInputs, SetPasswordForm):
    pass
