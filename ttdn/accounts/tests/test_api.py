import hashlib
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from ttdn.accounts.models import ApiToken
from ttdn.indicators.models import DataValue
from ttdn.testing import TreeTestCase

UNIT = "/api/units/BDI-QN"
WRITE = {
    "period": "2024S1",
    "orgUnit": "BDI-QN",
    "dataValues": [{"indicator": "news_articles", "value": 3}],
}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


class TokenTests(TreeTestCase):
    def test_a_token_lets_another_system_act_as_its_person(self):
        _token, key = ApiToken.issue(self.officer, "cổng thông tin tỉnh")
        response = self.client.get(UNIT, headers=bearer(key))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["code"], "BDI-QN")
        # ...with that person's rights and no more.
        self.assertEqual(self.client.get("/api/units/BDI", headers=bearer(key)).status_code, 404)

    def test_only_the_hash_of_the_token_is_stored(self):
        token, key = ApiToken.issue(self.officer, "đồng bộ")
        token.refresh_from_db()
        self.assertEqual(token.key_hash, hashlib.sha256(key.encode()).hexdigest())
        self.assertNotIn(key, str(ApiToken.objects.values().get()))

    def test_a_token_records_when_it_was_last_used(self):
        token, key = ApiToken.issue(self.officer, "đồng bộ")
        self.assertIsNone(token.last_used_at)
        self.client.get(UNIT, headers=bearer(key))
        token.refresh_from_db()
        self.assertIsNotNone(token.last_used_at)

    def test_last_use_moves_forward_when_the_token_is_used_again(self):
        token, key = ApiToken.issue(self.officer, "đồng bộ")
        start = timezone.now()
        with mock.patch("django.utils.timezone.now", return_value=start):
            self.client.get(UNIT, headers=bearer(key))
        later = start + timedelta(hours=2)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.client.get(UNIT, headers=bearer(key))
        token.refresh_from_db()
        self.assertEqual(token.last_used_at, later)

    @override_settings(API_TOKEN_DAYS=30)
    def test_a_token_expires_after_the_configured_lifetime(self):
        token, _key = ApiToken.issue(self.officer, "đồng bộ")
        self.assertEqual(round((token.expires_at - token.created_at).total_seconds()), 30 * 86400)
        token, _key = ApiToken.issue(self.officer, "báo cáo tuần", days=7)
        self.assertEqual(round((token.expires_at - token.created_at).total_seconds()), 7 * 86400)

    def test_a_token_works_until_it_expires(self):
        token, key = ApiToken.issue(self.officer, "đồng bộ", days=1)
        just_before = token.expires_at - timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=just_before):
            self.assertEqual(self.client.get(UNIT, headers=bearer(key)).status_code, 200)
        with mock.patch("django.utils.timezone.now", return_value=token.expires_at):
            self.assertEqual(self.client.get(UNIT, headers=bearer(key)).status_code, 401)

    def test_an_expired_token_gets_401_saying_so_and_is_not_marked_used(self):
        token, key = ApiToken.issue(self.officer, "đồng bộ")
        expired = timezone.now() - timedelta(days=1)
        ApiToken.objects.filter(pk=token.pk).update(expires_at=expired)
        response = self.client.get(UNIT, headers=bearer(key))
        self.assertEqual(response.status_code, 401)
        day = timezone.localtime(expired).strftime("%d/%m/%Y")
        self.assertEqual(
            response.json(),
            {"detail": f"Mã truy cập API đã hết hạn ngày {day}. Hãy xin mã mới."},
        )
        write = self.client.post(
            "/api/datavalues", WRITE, content_type="application/json", headers=bearer(key)
        )
        self.assertEqual(write.status_code, 401)
        self.assertFalse(DataValue.objects.exists())
        token.refresh_from_db()
        self.assertIsNone(token.last_used_at)

    def test_a_revoked_token_gets_401_on_reads_and_writes(self):
        token, key = ApiToken.issue(self.officer, "đồng bộ")
        token.revoked = True
        token.save()
        self.assertEqual(self.client.get(UNIT, headers=bearer(key)).status_code, 401)
        response = self.client.post(
            "/api/datavalues", WRITE, content_type="application/json", headers=bearer(key)
        )
        self.assertEqual(response.status_code, 401)
        self.assertFalse(DataValue.objects.exists())

    def test_an_unknown_token_gets_401(self):
        response = self.client.get(UNIT, headers=bearer("ttdn_not-a-real-token"))
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Unauthorized"})

    def test_the_token_of_a_deactivated_person_gets_401(self):
        _token, key = ApiToken.issue(self.officer, "đồng bộ")
        self.officer.is_active = False
        self.officer.save()
        self.assertEqual(self.client.get(UNIT, headers=bearer(key)).status_code, 401)

    def test_no_credentials_get_401(self):
        self.assertEqual(self.client.get(UNIT).status_code, 401)

    def test_the_schema_and_the_docs_are_public(self):
        schema = self.client.get("/api/openapi.json")
        self.assertEqual(schema.status_code, 200)
        self.assertEqual(schema.json()["info"]["title"], "TTĐN API")
        self.assertEqual(self.client.get("/api/docs").status_code, 200)


class SessionTests(TreeTestCase):
    def test_a_browser_session_reads_the_api(self):
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(UNIT).status_code, 200)

    def test_a_session_post_without_the_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.officer)
        response = client.post("/api/datavalues", WRITE, content_type="application/json")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(DataValue.objects.exists())

        client.get("/units/")  # any page sets the CSRF cookie
        token = client.cookies["csrftoken"].value
        response = client.post(
            "/api/datavalues",
            WRITE,
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(DataValue.objects.get(derived=False).value, 3)

    def test_a_post_with_no_credentials_at_all_gets_401(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/api/datavalues", WRITE, content_type="application/json")
        self.assertEqual(response.status_code, 401)

    def test_a_token_post_needs_no_csrf_token(self):
        _token, key = ApiToken.issue(self.officer, "đồng bộ")
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            "/api/datavalues", WRITE, content_type="application/json", headers=bearer(key)
        )
        self.assertEqual(response.status_code, 200)


class CommandTests(TreeTestCase):
    def test_create_prints_the_token_once_and_revoke_stops_it(self):
        out, err = StringIO(), StringIO()
        call_command(
            "apitoken", "create", "canbo.quynhon", "--name", "cổng", stdout=out, stderr=err
        )
        key = out.getvalue().strip()
        token = ApiToken.objects.get()
        self.assertEqual((token.user, token.name), (self.officer, "cổng"))
        self.assertIn(f"#{token.pk}", err.getvalue())
        self.assertEqual(self.client.get(UNIT, headers=bearer(key)).status_code, 200)

        listing = StringIO()
        call_command("apitoken", "list", stdout=listing)
        self.assertIn("canbo.quynhon\tcổng\tactive", listing.getvalue())
        self.assertNotIn(key, listing.getvalue())

        call_command("apitoken", "revoke", str(token.pk), stdout=StringIO())
        self.assertEqual(self.client.get(UNIT, headers=bearer(key)).status_code, 401)

    def test_create_and_list_show_the_expiry_and_the_last_use(self):
        err = StringIO()
        call_command(
            "apitoken",
            "create",
            "canbo.quynhon",
            "--name",
            "cổng",
            "--days",
            "7",
            stdout=StringIO(),
            stderr=err,
        )
        token = ApiToken.objects.get()
        expires = timezone.localtime(token.expires_at).isoformat(timespec="seconds")
        self.assertIn(f"hết hạn {expires}", err.getvalue())
        self.assertEqual(round((token.expires_at - token.created_at).total_seconds()), 7 * 86400)

        used = timezone.now() - timedelta(hours=3)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=used)
        old, _key = ApiToken.issue(self.officer, "cũ")
        ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
        listing = StringIO()
        call_command("apitoken", "list", "canbo.quynhon", stdout=listing)
        lines = listing.getvalue().splitlines()
        self.assertEqual(lines[0], "id\tuser\tname\tstate\tlast_used\texpires")
        last_used = timezone.localtime(used).isoformat(timespec="seconds")
        self.assertIn(f"{token.pk}\tcanbo.quynhon\tcổng\tactive\t{last_used}\t{expires}", lines)
        self.assertIn(f"{old.pk}\tcanbo.quynhon\tcũ\texpired\t-\t", listing.getvalue())

    def test_create_refuses_a_lifetime_under_a_day(self):
        with self.assertRaisesMessage(CommandError, "--days phải từ 1 trở lên"):
            call_command("apitoken", "create", "canbo.quynhon", "--name", "x", "--days", "0")
        self.assertFalse(ApiToken.objects.exists())

    def test_the_admin_lists_last_use_and_expiry(self):
        admin = get_user_model().objects.create_superuser("quantri", password="x")
        token, _key = ApiToken.issue(self.officer, "cổng")
        self.client.force_login(admin)
        response = self.client.get("/admin/accounts/apitoken/")
        self.assertContains(response, "Dùng lần cuối")
        self.assertContains(response, "Hết hạn")
        self.assertContains(response, "column-expires_at")
        change = self.client.get(f"/admin/accounts/apitoken/{token.pk}/change/")
        self.assertContains(change, 'name="expires_at_0"')

    def test_create_refuses_an_unknown_person_and_revoke_an_unknown_token(self):
        with self.assertRaises(CommandError):
            call_command("apitoken", "create", "khong.co", "--name", "x", stdout=StringIO())
        with self.assertRaises(CommandError):
            call_command("apitoken", "revoke", "999", stdout=StringIO())
        self.assertFalse(ApiToken.objects.exists())
