"""A unit's administrator manages the people of its subtree, and nothing above it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ttdn.accounts.models import Membership, Role
from ttdn.notices.models import Mail, Notice
from ttdn.notices.services import send_pending_mail
from ttdn.testing import TreeTestCase, make_person

User = get_user_model()

NEW_PERSON = {
    "family_name": "Nguyễn Văn",
    "given_name": "Hùng",
    "username": "canbo2.quynhon",
    "email": "hung.nv@quynhon.binhdinh.gov.vn",
    "unit": "BDI-QN",
    "role": Role.OFFICER,
}


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class PeopleTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.province_admin = make_person("quantri.bdi", cls.province, Role.ADMIN)
        cls.commune_admin = make_person(
            "quantri.quynhon", cls.commune, Role.ADMIN, last_name="Lê Minh", first_name="Quân"
        )
        cls.officer.last_name, cls.officer.first_name = "Võ Thị", "Mai"
        cls.officer.save()

    def test_the_list_holds_the_people_of_the_subtree_in_vietnamese_name_order(self):
        self.client.force_login(self.commune_admin)
        response = self.client.get(reverse("orgunits:people"))
        self.assertContains(response, "Võ Thị Mai")
        self.assertContains(response, "lanhdao.quynhon")
        self.assertNotContains(response, "canbo.tuyphuoc")  # a sibling commune
        self.assertNotContains(response, "tonghop.bdi")  # the province above
        self.assertNotContains(response, "canbo.hanam")
        self.client.force_login(self.province_admin)
        response = self.client.get(reverse("orgunits:people"))
        self.assertContains(response, "canbo.tuyphuoc")
        self.assertNotContains(response, "canbo.hanam")

    def test_the_list_is_for_administrators_only_and_linked_for_them(self):
        self.client.force_login(self.consolidator)
        self.assertEqual(self.client.get(reverse("orgunits:people")).status_code, 403)
        self.assertNotContains(self.client.get(reverse("home")), 'data-testid="people"')
        self.client.force_login(self.commune_admin)
        self.assertContains(self.client.get(reverse("home")), 'data-testid="people"')

    def test_the_list_takes_the_same_queries_however_many_people(self):
        self.client.force_login(self.province_admin)
        before = self.queries_for_list()
        for n in range(5):
            make_person(f"them.{n}", self.sibling, Role.VIEWER)
        self.assertEqual(self.queries_for_list(), before)

    def queries_for_list(self) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(reverse("orgunits:people"))
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_an_administrator_creates_a_person_who_is_told_how_to_set_a_password(self):
        self.client.force_login(self.commune_admin)
        response = self.client.post(reverse("orgunits:person_create"), NEW_PERSON, follow=True)
        self.assertContains(response, "Đã tạo tài khoản Nguyễn Văn Hùng")
        person = User.objects.get(username="canbo2.quynhon")
        self.assertEqual((person.last_name, person.first_name), ("Nguyễn Văn", "Hùng"))
        self.assertEqual(
            list(Membership.objects.filter(user=person).values_list("unit__code", "role")),
            [("BDI-QN", Role.OFFICER)],
        )
        self.assertEqual(Notice.objects.get(user=person).kind, "welcome")
        send_pending_mail()
        (welcome,) = mail.outbox
        self.assertEqual(welcome.to, ["hung.nv@quynhon.binhdinh.gov.vn"])
        self.assertIn("Xin chào Nguyễn Văn Hùng,", welcome.body)
        self.assertIn("canbo2.quynhon", welcome.body)
        # The address sets the password through the reset form.
        self.client.logout()
        self.client.post(reverse("accounts:password_reset"), {"email": NEW_PERSON["email"]})
        send_pending_mail()
        self.assertEqual([m.to for m in mail.outbox[1:]], [[NEW_PERSON["email"]]])

    def test_a_unit_above_or_outside_the_subtree_is_refused_by_its_code(self):
        self.client.force_login(self.commune_admin)
        for code in ("BDI", "BDI-TP", "HNA-PL", "KHONG-CO"):
            with self.subTest(code=code):
                response = self.client.post(
                    reverse("orgunits:person_create"), {**NEW_PERSON, "unit": code}
                )
                self.assertContains(response, f"Đơn vị {code} không thuộc phạm vi bạn quản trị.")
        self.assertFalse(User.objects.filter(username="canbo2.quynhon").exists())
        self.assertFalse(Mail.objects.exists())

    def test_a_taken_username_or_address_is_refused(self):
        self.client.force_login(self.province_admin)
        response = self.client.post(
            reverse("orgunits:person_create"), {**NEW_PERSON, "username": "CANBO.quynhon"}
        )
        self.assertContains(response, "Tên đăng nhập CANBO.quynhon đã có người dùng.")
        self.officer.email = NEW_PERSON["email"]
        self.officer.save()
        response = self.client.post(reverse("orgunits:person_create"), NEW_PERSON)
        self.assertContains(response, "đã thuộc một tài khoản khác")
        self.assertEqual(User.objects.filter(email__iexact=NEW_PERSON["email"]).count(), 1)

    def test_roles_are_given_in_the_subtree_and_refused_above_it(self):
        self.client.force_login(self.commune_admin)
        url = reverse("orgunits:person_grant", args=[self.officer.pk])
        response = self.client.post(url, {"unit": "BDI-QN", "role": Role.LEADER})
        self.assertRedirects(response, reverse("orgunits:person", args=[self.officer.pk]))
        self.assertTrue(
            Membership.objects.filter(
                user=self.officer, unit=self.commune, role=Role.LEADER
            ).exists()
        )
        response = self.client.post(url, {"unit": "BDI", "role": Role.ADMIN})
        self.assertContains(response, "Đơn vị BDI không thuộc phạm vi bạn quản trị.")
        self.assertFalse(Membership.objects.filter(user=self.officer, unit=self.province).exists())
        response = self.client.post(url, {"unit": "BDI-QN", "role": Role.LEADER})
        self.assertContains(response, "Người này đã có vai trò đó ở đơn vị này.")

    def test_a_person_outside_the_subtree_is_not_found(self):
        self.client.force_login(self.commune_admin)
        for person in (self.sibling_officer, self.consolidator, self.outsider):
            with self.subTest(person=person.username):
                self.assertEqual(
                    self.client.get(reverse("orgunits:person", args=[person.pk])).status_code, 404
                )
                response = self.client.post(
                    reverse("orgunits:person_grant", args=[person.pk]),
                    {"unit": "BDI-QN", "role": Role.VIEWER},
                )
                self.assertEqual(response.status_code, 404)
        self.assertFalse(Membership.objects.filter(role=Role.VIEWER, unit=self.commune).exists())

    def test_a_role_is_removed_but_not_the_last_one_nor_one_above(self):
        both = Membership.objects.create(
            user=self.consolidator, unit=self.commune, role=Role.VIEWER
        )
        above = Membership.objects.get(user=self.consolidator, unit=self.province)
        self.client.force_login(self.commune_admin)
        # The province role is not the commune administrator's to remove.
        response = self.client.post(
            reverse("orgunits:person_revoke", args=[self.consolidator.pk, above.pk])
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(Membership.objects.filter(pk=above.pk).exists())
        self.client.post(reverse("orgunits:person_revoke", args=[self.consolidator.pk, both.pk]))
        self.assertFalse(Membership.objects.filter(pk=both.pk).exists())
        only = Membership.objects.get(user=self.officer)
        response = self.client.post(
            reverse("orgunits:person_revoke", args=[self.officer.pk, only.pk]), follow=True
        )
        self.assertContains(response, "Đây là vai trò cuối cùng của người này")
        self.assertTrue(Membership.objects.filter(pk=only.pk).exists())

    def test_an_account_is_locked_only_when_all_its_roles_are_in_the_subtree(self):
        self.client.force_login(self.commune_admin)
        response = self.client.post(
            reverse("orgunits:person_active", args=[self.officer.pk]), {"active": "0"}, follow=True
        )
        self.assertContains(response, "Đã khóa tài khoản Võ Thị Mai.")
        self.officer.refresh_from_db()
        self.assertFalse(self.officer.is_active)
        self.client.post(reverse("orgunits:person_active", args=[self.officer.pk]), {"active": "1"})
        self.officer.refresh_from_db()
        self.assertTrue(self.officer.is_active)

        Membership.objects.create(user=self.consolidator, unit=self.commune, role=Role.VIEWER)
        response = self.client.post(
            reverse("orgunits:person_active", args=[self.consolidator.pk]), {"active": "0"}
        )
        self.assertEqual(response.status_code, 403)
        response = self.client.post(
            reverse("orgunits:person_active", args=[self.commune_admin.pk]), {"active": "0"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertTrue(
            User.objects.filter(
                pk__in=[self.consolidator.pk, self.commune_admin.pk], is_active=False
            ).count()
            == 0
        )
