"""Changing one's password and resetting a forgotten one by e-mail."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from ttdn.notices.services import send_pending_mail
from ttdn.testing import PASSWORD, TreeTestCase, log_in

NEW_PASSWORD = "Mat-khau-moi-2025"


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class PasswordResetTests(TreeTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.officer.email = "canbo.quynhon@quynhon.binhdinh.gov.vn"
        self.officer.save()

    def test_the_login_page_links_to_the_reset_page(self):
        response = self.client.get(reverse("accounts:login"))
        self.assertContains(response, f'href="{reverse("accounts:password_reset")}"')
        self.assertContains(response, "Quên mật khẩu?")

    def test_a_forgotten_password_is_reset_through_the_link_in_the_email(self):
        response = self.client.post(
            reverse("accounts:password_reset"), {"email": "CANBO.quynhon@quynhon.binhdinh.gov.vn"}
        )
        self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(mail.outbox, [])  # queued for the worker, not sent by the page
        send_pending_mail()
        (message,) = mail.outbox
        self.assertEqual(message.to, ["canbo.quynhon@quynhon.binhdinh.gov.vn"])
        self.assertEqual(message.subject, "Đặt lại mật khẩu TTĐN")
        self.assertIn("Xin chào canbo.quynhon,", message.body)
        link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body)[1]

        form = self.client.get(link, follow=True)  # Django moves the token out of the URL
        self.assertContains(form, "Đặt mật khẩu mới")
        set_password_url = form.redirect_chain[-1][0]
        done = self.client.post(
            set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        self.assertRedirects(done, reverse("accounts:password_reset_complete"))

        self.officer.refresh_from_db()
        self.assertTrue(self.officer.check_password(NEW_PASSWORD))
        self.client.logout()
        log_in(self.client, "canbo.quynhon", NEW_PASSWORD)
        # The link served once.
        self.client.logout()
        again = self.client.get(link, follow=True)
        self.assertContains(again, "Đường dẫn này không còn dùng được")

    def test_an_unknown_address_sends_nothing_and_says_the_same(self):
        response = self.client.post(
            reverse("accounts:password_reset"), {"email": "ai.do@example.com"}, follow=True
        )
        self.assertContains(response, "Nếu địa chỉ này thuộc một tài khoản")
        send_pending_mail()
        self.assertEqual(mail.outbox, [])

    def test_a_known_and_an_unknown_address_get_the_same_answer(self):
        def answer(email: str) -> str:
            response = self.client.post(
                reverse("accounts:password_reset"), {"email": email}, follow=True
            )
            self.assertEqual(
                response.redirect_chain, [(reverse("accounts:password_reset_done"), 302)]
            )
            # The page but for its CSRF token, which is new on every page.
            return re.sub(r'"X-CSRFToken": "\w+"|value="\w{64}"', "", response.content.decode())

        self.assertEqual(answer(self.officer.email), answer("ai.do@example.com"))
        send_pending_mail()
        self.assertEqual(len(mail.outbox), 1)  # the known address only

    def test_the_email_greets_the_person_by_name(self):
        self.officer.last_name, self.officer.first_name = "Nguyễn Văn", "Hùng"
        self.officer.save()
        self.client.post(reverse("accounts:password_reset"), {"email": self.officer.email})
        send_pending_mail()
        self.assertIn("Xin chào Nguyễn Văn Hùng,", mail.outbox[0].body)

    def test_a_deactivated_person_gets_no_reset_email(self):
        self.officer.is_active = False
        self.officer.save()
        self.client.post(reverse("accounts:password_reset"), {"email": self.officer.email})
        send_pending_mail()
        self.assertEqual(mail.outbox, [])

    def test_a_forged_link_changes_nothing(self):
        url = reverse("accounts:password_reset_confirm", args=["MQ", "sai-ma"])
        response = self.client.get(url, follow=True)
        self.assertContains(response, "Đường dẫn này không còn dùng được")
        self.officer.refresh_from_db()
        self.assertTrue(self.officer.check_password(PASSWORD))


class PasswordChangeTests(TreeTestCase):
    def test_the_user_menu_links_to_the_change_page(self):
        self.client.force_login(self.officer)
        response = self.client.get(reverse("home"))
        self.assertContains(response, f'href="{reverse("accounts:password_change")}"')

    def test_a_person_changes_their_password_and_stays_logged_in(self):
        log_in(self.client, "canbo.quynhon")
        response = self.client.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
        self.assertRedirects(response, reverse("accounts:password_change_done"))
        self.assertContains(self.client.get(reverse("accounts:password_change_done")), "Đã đổi")
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        user = get_user_model().objects.get(username="canbo.quynhon")
        self.assertTrue(user.check_password(NEW_PASSWORD))

    def test_a_wrong_old_password_changes_nothing(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["old_password"])
        self.officer.refresh_from_db()
        self.assertTrue(self.officer.check_password(PASSWORD))
