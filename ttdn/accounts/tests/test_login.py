from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.test import override_settings
from django.urls import reverse

from ttdn.testing import PASSWORD, TreeTestCase


class LoginTests(TreeTestCase):
    def test_passwords_are_hashed_with_argon2_in_production_settings(self):
        from importlib import reload

        import ttdn.settings as production

        reload(production)
        self.assertEqual(
            production.PASSWORD_HASHERS[0], "django.contrib.auth.hashers.Argon2PasswordHasher"
        )
        self.assertEqual(get_hasher("argon2").algorithm, "argon2")

    def test_a_wrong_password_gets_a_vietnamese_message(self):
        response = self.client.post(
            reverse("accounts:login"), {"username": "canbo.quynhon", "password": "sai"}
        )
        self.assertContains(response, "Tên đăng nhập hoặc mật khẩu không đúng")

    @override_settings(AXES_FAILURE_LIMIT=3)
    def test_repeated_failures_lock_that_username_from_that_address_only(self):
        url = reverse("accounts:login")
        for _attempt in range(3):
            self.client.post(
                url, {"username": "canbo.quynhon", "password": "sai"}, REMOTE_ADDR="10.0.0.1"
            )
        locked = self.client.post(
            url, {"username": "canbo.quynhon", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
        )
        self.assertContains(locked, "Tạm khóa đăng nhập", status_code=429)
        # A colleague behind the same office address still gets in.
        other = self.client.post(
            url, {"username": "canbo.tuyphuoc", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
        )
        self.assertEqual(other.status_code, 302)
        self.assertEqual(settings.AXES_LOCKOUT_PARAMETERS, [["username", "ip_address"]])
