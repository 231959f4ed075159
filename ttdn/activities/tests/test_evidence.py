"""Evidence files: read only through the activity's access rules, always as downloads that
cannot run in the site's origin."""

import importlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse
from django.views.static import serve

import ttdn.urls
from ttdn.accounts.models import Membership
from ttdn.activities.models import Activity, ActivityFile
from ttdn.testing import TreeTestCase

SCRIPT = b"<script>fetch('/api/datavalues', {method: 'POST'})</script>"
SANDBOX = "sandbox; default-src 'none'"


class EvidenceTests(TreeTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.use_scratch_folders()

    def record(self, filename: str, content: bytes) -> Activity:
        """An activity of the commune recorded through the page by its officer, with a file."""
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]),
            {
                "type": "event",
                "title": "Hội nghị xúc tiến đầu tư",
                "start_date": "05/03/2024",
                "evidence_file": SimpleUploadedFile(filename, content),
            },
        )
        self.assertEqual(response.status_code, 302, response.content)
        self.client.logout()
        return Activity.objects.latest("pk")

    def download(self, activity: Activity, person=None):
        if person is not None:
            self.client.force_login(person)
        return self.client.get(reverse("activities:evidence", args=[activity.pk]))

    def assert_attachment(self, response, content_type: str = "application/octet-stream"):
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertEqual(response["Content-Type"], content_type)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Content-Security-Policy"], SANDBOX)

    def test_anonymous_people_are_sent_to_log_in(self):
        activity = self.record("bien-ban.pdf", b"%PDF-1.4")
        response = self.download(activity)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])

    def test_people_of_other_units_get_404(self):
        activity = self.record("bien-ban.pdf", b"%PDF-1.4")
        for person in (self.outsider, self.sibling_officer):
            with self.subTest(person.username):
                self.assertEqual(self.download(activity, person).status_code, 404)

    def test_the_unit_and_the_province_above_it_get_the_file_as_an_attachment(self):
        activity = self.record("Biên bản họp báo.pdf", b"%PDF-1.4 bien ban")
        for person in (self.officer, self.leader, self.viewer, self.consolidator):
            with self.subTest(person.username):
                response = self.download(activity, person)
                self.assert_attachment(response, "application/pdf")
                self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4 bien ban")
                self.assertIn("Bi%C3%AAn_b%E1%BA%A3n", response["Content-Disposition"])

    def test_html_svg_and_xml_are_never_sent_as_what_they_are(self):
        for filename in ("trang.html", "anh.svg", "du-lieu.xml", "trang.xhtml", "khong-ro"):
            with self.subTest(filename):
                activity = self.record(filename, SCRIPT)
                self.assert_attachment(self.download(activity, self.consolidator))

    def test_the_uploader_follows_the_same_rules_as_everyone(self):
        activity = self.record("trang.html", SCRIPT)
        self.assert_attachment(self.download(activity, self.officer))
        Membership.objects.filter(user=self.officer).delete()
        self.assertEqual(self.download(activity, self.officer).status_code, 404)

    def test_an_activity_without_a_file_is_404(self):
        activity = Activity.objects.create(
            unit=self.commune, type="event", title="Không tệp", start_date="2024-03-05"
        )
        self.assertEqual(self.download(activity, self.officer).status_code, 404)

    def test_the_activity_page_links_the_file_through_the_checked_view(self):
        activity = self.record("trang.html", SCRIPT)
        self.client.force_login(self.consolidator)
        page = self.client.get(reverse("registers:activities-detail", args=[activity.pk]))
        self.assertContains(page, reverse("activities:evidence", args=[activity.pk]))
        self.assertNotContains(page, settings.MEDIA_URL + "evidence")

    @override_settings(ACCEL_REDIRECT_PREFIX="/protected")
    def test_behind_nginx_the_file_is_handed_over_with_the_same_headers(self):
        activity = self.record("Bằng chứng.html", SCRIPT)
        response = self.download(activity, self.officer)
        self.assert_attachment(response)
        self.assertEqual(response.content, b"")
        self.assertEqual(
            response["X-Accel-Redirect"],
            "/protected/media/evidence/BDI-QN/B%E1%BA%B1ng_ch%E1%BB%A9ng.html",
        )

    def test_more_files_and_photos_follow_the_same_rules(self):
        activity = self.record("bien-ban.pdf", b"%PDF-1.4")
        row = ActivityFile(activity=activity, kind="photo", caption="Ảnh hội nghị")
        row.file.save("anh.svg", ContentFile(SCRIPT))
        url = reverse("activities:file", args=[row.pk])
        self.client.force_login(self.consolidator)
        self.assertContains(
            self.client.get(reverse("registers:activities-detail", args=[activity.pk])), url
        )
        self.assert_attachment(self.client.get(url))
        for person in (self.outsider, self.sibling_officer):
            with self.subTest(person.username):
                self.client.force_login(person)
                self.assertEqual(self.client.get(url).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_files_and_photos_are_uploaded_with_the_activity_form(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]),
            {
                "type": "event",
                "title": "Hội nghị xúc tiến đầu tư",
                "start_date": "05/03/2024",
                "rows1-TOTAL_FORMS": "2",
                "rows1-INITIAL_FORMS": "0",
                "rows1-0-kind": "photo",
                "rows1-0-file": SimpleUploadedFile("hoi-nghi.jpg", b"\xff\xd8\xff"),
                "rows1-0-caption": "Quang cảnh hội nghị",
                "rows1-1-kind": "document",
                "rows1-1-file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
            },
        )
        self.assertEqual(response.status_code, 302)
        activity = Activity.objects.get()
        self.assertEqual(
            sorted(activity.files.values_list("kind", flat=True)), ["document", "photo"]
        )

    def test_nothing_under_media_is_served_even_in_debug_mode(self):
        self.addCleanup(clear_url_caches)
        self.addCleanup(importlib.reload, ttdn.urls)
        with override_settings(DEBUG=True):
            patterns = importlib.reload(ttdn.urls).urlpatterns
        self.assertNotIn(serve, [getattr(p, "callback", None) for p in patterns])
