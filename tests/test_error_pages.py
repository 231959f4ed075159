"""Error pages (400, 403, 404, 500) come in the site's layout and the person's language,
never with debug information; /favicon.ico answers with the icon."""

from django.core.exceptions import SuspiciousOperation
from django.test import Client, override_settings
from django.urls import include, path, reverse

from ttdn.testing import TreeTestCase


def _broken(request):
    raise RuntimeError("the database said no: SELECT secret FROM table")


def _suspicious(request):
    raise SuspiciousOperation("tampered with: SECRET-DETAIL")


urlpatterns = [
    path("broken/", _broken),
    path("suspicious/", _suspicious),
    path("", include("ttdn.urls")),
]

IN_LAYOUT = 'data-testid="error-page"'


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
class ErrorPageTests(TreeTestCase):
    def setUp(self) -> None:
        self.client = Client(raise_request_exception=False)
        self.client.force_login(self.consolidator)

    # The pages' own new wording is translated with the rest of the locale; here the
    # English mode shows in the page's language and the translated layout around it.
    def english(self) -> None:
        self.client.cookies.load({"django_language": "en"})

    def test_a_missing_page_is_404_in_the_layout_in_vietnamese(self):
        response = self.client.get("/khong-co-trang-nay/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, IN_LAYOUT, status_code=404)
        self.assertContains(response, "Không tìm thấy trang", status_code=404)
        self.assertContains(response, '<html lang="vi">', status_code=404)
        self.assertContains(response, reverse("reporting:requests"), status_code=404)  # nav
        self.assertNotContains(response, "URLconf", status_code=404)

    def test_a_missing_page_is_404_in_english_in_english_mode(self):
        self.english()
        response = self.client.get("/khong-co-trang-nay/")
        self.assertContains(response, '<html lang="en">', status_code=404)
        self.assertContains(response, IN_LAYOUT, status_code=404)
        self.assertContains(response, ">Reports</a>", status_code=404)

    def test_a_row_of_another_province_is_404_without_saying_why(self):
        response = self.client.get(reverse("orgunits:detail", args=["HNA-PL"]))
        self.assertContains(response, IN_LAYOUT, status_code=404)
        self.assertNotContains(response, "Không tìm thấy đơn vị", status_code=404)

    def test_a_refused_action_is_403_in_the_layout(self):
        # A consolidator sees the commune but does not enter its figures.
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        response = self.client.get(url)
        self.assertContains(response, IN_LAYOUT, status_code=403)
        self.assertContains(response, "Không có quyền", status_code=403)
        self.english()
        response = self.client.get(url)
        self.assertContains(response, '<html lang="en">', status_code=403)
        self.assertContains(response, ">Reports</a>", status_code=403)

    @override_settings(DEBUG=True)
    def test_development_mode_uses_the_403_page_for_the_access_checks_too(self):
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        response = self.client.get(url)
        self.assertContains(response, IN_LAYOUT, status_code=403)
        self.assertNotContains(response, "Traceback", status_code=403)

    def test_a_server_error_is_500_in_the_layout_without_the_error(self):
        response = self.client.get("/broken/")
        self.assertContains(response, IN_LAYOUT, status_code=500)
        self.assertContains(response, "Lỗi hệ thống", status_code=500)
        self.assertNotContains(response, "SELECT secret", status_code=500)
        self.english()
        response = self.client.get("/broken/")
        self.assertContains(response, '<html lang="en">', status_code=500)
        self.assertContains(response, "Back to the home page", status_code=500)

    def test_a_bad_request_is_400_in_the_layout_without_the_detail(self):
        response = self.client.get("/suspicious/")
        self.assertContains(response, IN_LAYOUT, status_code=400)
        self.assertContains(response, "Yêu cầu không hợp lệ", status_code=400)
        self.assertNotContains(response, "SECRET-DETAIL", status_code=400)

    def test_an_anonymous_person_gets_the_404_page_too(self):
        self.client.logout()
        response = self.client.get("/khong-co-trang-nay/")
        self.assertContains(response, IN_LAYOUT, status_code=404)


class FaviconTests(TreeTestCase):
    def test_the_favicon_answers_with_an_image(self):
        response = Client().get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/svg+xml")
        self.assertTrue(response.content.startswith(b"<svg"))

    def test_every_page_names_the_favicon(self):
        response = Client().get(reverse("accounts:login"))
        self.assertContains(response, 'rel="icon"')
        self.assertContains(response, "ttdn/favicon.svg")
