import hashlib
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

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

    def test_create_refuses_an_unknown_person_and_revoke_an_unknown_token(self):
        with self.assertRaises(CommandError):
            call_command("apitoken", "create", "khong.co", "--name", "x", stdout=StringIO())
        with self.assertRaises(CommandError):
            call_command("apitoken", "revoke", "999", stdout=StringIO())
        self.assertFalse(ApiToken.objects.exists())
