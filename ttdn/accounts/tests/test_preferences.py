"""The language a person switches to is kept on their account for the mail sent to them."""

from django.urls import reverse

from ttdn.accounts.models import Preferences
from ttdn.testing import TreeTestCase


class LanguagePreferenceTests(TreeTestCase):
    def chosen(self, user) -> str | None:
        return Preferences.objects.filter(user=user).values_list("language", flat=True).first()

    def test_switching_the_language_keeps_the_choice_for_a_person_logged_in(self):
        self.client.force_login(self.officer)
        response = self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(self.chosen(self.officer), "en")
        self.client.post(reverse("set_language"), {"language": "vi", "next": "/"})
        self.assertEqual(self.chosen(self.officer), "vi")

    def test_an_unknown_language_or_no_login_keeps_nothing(self):
        self.client.force_login(self.officer)
        self.client.post(reverse("set_language"), {"language": "fr", "next": "/"})
        self.assertIsNone(self.chosen(self.officer))
        self.client.logout()
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertFalse(Preferences.objects.exists())
