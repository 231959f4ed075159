"""Every view for anonymous, outsider, read-only and permitted people."""

from operator import attrgetter

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from ttdn.activities.models import Activity
from ttdn.archive import storage
from ttdn.archive.models import Document, DocumentStatus
from ttdn.testing import TreeTestCase

# (url name, args, method, action needed): "view" pages are open to the viewer,
# "enter" pages need an officer of the unit. An attrgetter argument is read from the
# test, for rows of the commune made in setUp (files that must exist on disk).
UNIT_VIEWS = [
    ("orgunits:detail", ["BDI-QN"], "get", "view"),
    ("indicators:totals", ["BDI-QN", "2024S1"], "get", "view"),
    ("indicators:totals_xlsx", ["BDI-QN", "2024S1"], "get", "view"),
    ("registers:activities-list", ["BDI-QN"], "get", "view"),
    ("indicators:entry", ["BDI-QN", "2024S1"], "get", "enter"),
    ("indicators:entry", ["BDI-QN", "2024S1"], "post", "enter"),
    ("registers:activities-create", ["BDI-QN"], "get", "enter"),
    ("registers:activities-create", ["BDI-QN"], "post", "enter"),
    ("activities:evidence", [attrgetter("evidence.pk")], "get", "view"),
    ("archive:original", [attrgetter("original.pk")], "get", "view"),
]
GENERAL_VIEWS = [("home", []), ("orgunits:list", [])]
# One's own account: "login" pages need a logged-in person of any role, "public" pages
# serve people who cannot log in (a forgotten password).
ACCOUNT_VIEWS = [
    ("accounts:password_change", [], "login"),
    ("accounts:password_change_done", [], "login"),
    ("accounts:password_reset", [], "public"),
    ("accounts:password_reset_done", [], "public"),
    ("accounts:password_reset_confirm", ["MQ", "set-password"], "public"),
    ("accounts:password_reset_complete", [], "public"),
]


class AccessMatrixTests(TreeTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = self.use_scratch_folders()
        self.evidence = Activity(
            unit=self.commune, type="event", title="Họp báo", start_date="2024-03-05"
        )
        self.evidence.evidence_file.save("bien-ban.html", ContentFile(b"<p>x</p>"))
        source = folder / "bao-cao.txt"
        source.write_text("Báo cáo", encoding="utf-8")
        self.original = Document.objects.create(
            unit=self.commune,
            filename=source.name,
            stored_name=storage.save(source, source.name),
            status=DocumentStatus.EXTRACTED,
        )

    def request(self, name, args, method="get"):
        url = reverse(name, args=[arg(self) if callable(arg) else arg for arg in args])
        return getattr(self.client, method)(url, {} if method == "post" else None)

    def test_anonymous_people_are_sent_to_the_login_page_everywhere(self):
        for name, args, method, _action in UNIT_VIEWS + [
            (n, a, "get", "") for n, a in GENERAL_VIEWS
        ]:
            with self.subTest(name=name, method=method):
                response = self.request(name, args, method)
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse(settings.LOGIN_URL), response["Location"])

    def test_an_outsider_gets_404_for_units_outside_their_subtree(self):
        self.client.force_login(self.outsider)
        for name, args, method, _action in UNIT_VIEWS:
            with self.subTest(name=name, method=method):
                self.assertEqual(self.request(name, args, method).status_code, 404)

    def test_a_sibling_commune_officer_is_an_outsider_too(self):
        self.client.force_login(self.sibling_officer)
        self.assertEqual(self.request("indicators:entry", ["BDI-QN", "2024S1"]).status_code, 404)

    def test_a_read_only_viewer_sees_but_cannot_change(self):
        self.client.force_login(self.viewer)
        for name, args, method, action in UNIT_VIEWS:
            with self.subTest(name=name, method=method):
                expected = 200 if action == "view" else 403
                self.assertEqual(self.request(name, args, method).status_code, expected)

    def test_the_unit_officer_may_do_everything_on_their_unit(self):
        self.client.force_login(self.officer)
        for name, args, method, _action in UNIT_VIEWS:
            with self.subTest(name=name, method=method):
                self.assertIn(self.request(name, args, method).status_code, (200, 302))

    def test_the_province_consolidator_sees_the_communes_but_does_not_enter_for_them(self):
        self.client.force_login(self.consolidator)
        for name, args, method, action in UNIT_VIEWS:
            with self.subTest(name=name, method=method):
                expected = 200 if action == "view" else 403
                self.assertEqual(self.request(name, args, method).status_code, expected)

    def test_general_pages_list_only_the_persons_units(self):
        self.client.force_login(self.outsider)
        for name, args in GENERAL_VIEWS:
            response = self.request(name, args)
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, "Bình Định")
        self.client.force_login(self.consolidator)
        self.assertContains(self.request("orgunits:list", []), "Phường Quy Nhơn")

    def test_account_pages_need_a_login_except_the_password_reset(self):
        for name, args, access in ACCOUNT_VIEWS:
            with self.subTest(name=name):
                response = self.request(name, args)
                if access == "login":
                    self.assertEqual(response.status_code, 302)
                    self.assertIn(reverse(settings.LOGIN_URL), response["Location"])
                else:
                    self.assertEqual(response.status_code, 200)

    def test_every_role_reaches_its_own_account_pages(self):
        people = [self.outsider, self.viewer, self.officer, self.consolidator]
        for person in people:
            self.client.force_login(person)
            for name, args, _access in ACCOUNT_VIEWS:
                with self.subTest(person=person.username, name=name):
                    self.assertEqual(self.request(name, args).status_code, 200)

    def test_an_unknown_period_is_404(self):
        self.client.force_login(self.officer)
        self.assertEqual(self.request("indicators:entry", ["BDI-QN", "2024S9"]).status_code, 404)
