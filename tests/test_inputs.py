"""What the site takes as input (ttdn/inputs.py): NUL characters refused outside the body
with 400, in a page form with the field's message, in an API body with a 422 at the
field; every text field of every form bounded."""

import importlib
import json
import pkgutil

from django import forms
from django.test import Client, TestCase
from django.utils import translation

import ttdn
from ttdn.accounts.models import ApiToken
from ttdn.activities.models import Activity
from ttdn.inputs import TEXT_LIMIT, BoundedForm, BoundedInputs, contains_nul
from ttdn.testing import TreeTestCase


class NulOutsideTheBodyTests(TreeTestCase):
    def setUp(self):
        self.client = Client(raise_request_exception=False)
        self.client.force_login(self.officer)

    def test_a_nul_in_the_path_query_or_a_header_is_a_400_before_any_view(self):
        for url, headers in [
            ("/units/BDI-QN%00/", {}),
            ("/units/?q=%00", {}),
            ("/search/?q=a\x00b", {}),
            ("/units/", {"HTTP_X_REQUESTED_WITH": "a\x00"}),
            ("/units/", {"HTTP_COOKIE": "sessionid=a\x00b"}),
        ]:
            with self.subTest(url=url, headers=headers):
                response = self.client.get(url, **headers)
                self.assertEqual(response.status_code, 400)
                self.assertIn("ký tự NUL", response.content.decode())

    def test_the_api_gets_its_usual_error_shape(self):
        response = self.client.get("/api/units?q=%00")
        self.assertEqual(response.status_code, 400)
        self.assertIn("NUL", response.json()["detail"])

    def test_an_encoded_percent_sign_is_no_nul(self):
        self.assertEqual(self.client.get("/units/?q=%2500").status_code, 200)


class ApiBodyTests(TreeTestCase):
    def setUp(self):
        self.client = Client(raise_request_exception=False)
        _token, key = ApiToken.issue(self.officer, "tests")
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, body: str):
        return self.client.post(
            "/api/activities", body, content_type="application/json", **self.headers
        )

    def test_a_nul_anywhere_in_a_body_is_a_422_at_its_field_and_nothing_is_saved(self):
        base = {"unit": "BDI-QN", "type": "event", "title": "Họp báo", "startDate": "2024-03-05"}
        for field, value in [
            ("title", "Họp\x00báo"),
            ("description", "a\x00"),
            ("partnerCountries", "\x00"),
            ("topics", ["\x00"]),
            ("quantities", {"training_participants\x00": 1}),
        ]:
            with self.subTest(field=field):
                response = self.post(json.dumps({**base, field: value}))
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response.json()["detail"][0]["loc"], ["body", "payload", field])
        self.assertFalse(Activity.objects.exists())

    def test_a_nul_written_as_an_escape_in_the_json_text_is_refused_too(self):
        body = '{"unit": "BDI-QN", "type": "event", "title": "a\\u0000", "startDate": "2024-03-05"}'
        self.assertEqual(self.post(body).status_code, 422)
        self.assertFalse(Activity.objects.exists())


class ThreeFields(BoundedForm):
    note = forms.CharField()
    code = forms.CharField(max_length=10)
    count = forms.IntegerField(required=False)


class BoundedFormTests(TestCase):
    def test_an_unbounded_text_field_is_capped_and_a_bounded_one_keeps_its_limit(self):
        form = ThreeFields({"note": "x" * (TEXT_LIMIT + 1), "code": "y" * 11})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.fields["note"].max_length, TEXT_LIMIT)
        self.assertEqual(form.fields["code"].max_length, 10)
        with translation.override("vi"):
            self.assertEqual(
                form.errors["code"], ["Nội dung dài quá: tối đa 10 ký tự (đang có 11)."]
            )

    def test_a_nul_gets_the_sites_message(self):
        form = ThreeFields({"note": "a\x00", "code": "b"})
        with translation.override("vi"):
            self.assertFalse(form.is_valid())
            self.assertIn("ký tự NUL", form.errors["note"][0])

    def test_fields_added_after_init_are_bounded_too(self):
        form = ThreeFields({"note": "a", "code": "b", "extra": "z" * (TEXT_LIMIT + 1)})
        form.fields["extra"] = forms.CharField()
        self.assertFalse(form.is_valid())
        self.assertIn("extra", form.errors)

    def test_every_form_of_the_site_is_bounded(self):
        for module in pkgutil.walk_packages(ttdn.__path__, "ttdn."):
            if module.name.endswith(".forms"):
                importlib.import_module(module.name)
        seen = []
        stack = [forms.BaseForm]
        while stack:
            cls = stack.pop()
            stack += cls.__subclasses__()
            if cls.__module__.startswith("ttdn.") and ".tests" not in cls.__module__:
                seen.append(cls)
                with self.subTest(form=cls.__qualname__):
                    self.assertTrue(issubclass(cls, BoundedInputs))
        self.assertGreaterEqual(len(seen), 10)

    def test_contains_nul_looks_into_keys_lists_and_dicts(self):
        self.assertTrue(contains_nul({"a": [{"b\x00": 1}]}))
        self.assertFalse(contains_nul({"a": [1, "b", None]}))


class ApiUnknownPropertyTests(TreeTestCase):
    def test_a_nul_in_a_property_the_schema_does_not_know_is_refused_too(self):
        client = Client(raise_request_exception=False)
        _token, key = ApiToken.issue(self.officer, "tests")
        response = client.post(
            "/api/activities",
            json.dumps(
                {
                    "unit": "BDI-QN",
                    "type": "event",
                    "title": "Họp báo",
                    "startDate": "2024-03-05",
                    "": "\x00",
                }
            ),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"], ["body", "payload"])


class ApiListBoundsTests(TreeTestCase):
    def test_lists_and_codes_of_an_activity_are_bounded(self):
        client = Client(raise_request_exception=False)
        _token, key = ApiToken.issue(self.officer, "tests")
        base = {"unit": "BDI-QN", "type": "event", "title": "Họp báo", "startDate": "2024-03-05"}
        for field, value in [
            ("topics", ["x" * 61]),
            ("topics", ["x"] * 101),
            ("quantities", {f"q{n}": 1 for n in range(101)}),
        ]:
            with self.subTest(field=field):
                response = client.post(
                    "/api/activities",
                    json.dumps({**base, field: value}),
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {key}",
                )
                self.assertEqual(response.status_code, 422)
                self.assertEqual(
                    response.json()["detail"][0]["loc"][:3], ["body", "payload", field]
                )
        self.assertFalse(Activity.objects.exists())
