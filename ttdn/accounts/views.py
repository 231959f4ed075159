"""Log in and out, change a forgotten or old password: Django's auth views with our
templates and texts. The reset e-mail goes out through the configured EMAIL_BACKEND."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.views import i18n

from ttdn.accounts.forms import (
    BoundedPasswordChangeForm,
    BoundedPasswordResetForm,
    BoundedSetPasswordForm,
    LoginForm,
)
from ttdn.accounts.models import Preferences


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = BoundedPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = BoundedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = BoundedSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def set_language(request):
    """Django's language switch, which also keeps a logged-in person's choice: the mail
    sent to them is written in it."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        Preferences.remember_language(request.user, request.POST.get("language", ""))
    return response
