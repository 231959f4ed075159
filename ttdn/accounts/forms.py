from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import BoundedInputs


class LoginForm(BoundedInputs, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }
