from django.contrib.auth import get_user_model

from ttdn.accounts.models import ApiToken
from ttdn.testing import TreeTestCase, make_unit


class UnitApiTests(TreeTestCase):
    def get(self, url: str, person=None, **params):
        self.client.logout()
        if person is not None:
            self.client.force_login(person)
        return self.client.get(url, params)

    def codes(self, response) -> list[str]:
        self.assertEqual(response.status_code, 200, response.content)
        return [unit["code"] for unit in response.json()["items"]]

    def test_the_list_needs_a_login(self):
        self.assertEqual(self.get("/api/units").status_code, 401)

    def test_each_person_lists_only_their_subtree(self):
        self.assertEqual(
            self.codes(self.get("/api/units", self.consolidator)),
            ["BDI", "BDI-QN", "BDI-TP", "BDI-SVH"],
        )
        self.assertEqual(self.codes(self.get("/api/units", self.viewer))[0], "BDI")
        self.assertEqual(self.codes(self.get("/api/units", self.officer)), ["BDI-QN"])
        self.assertEqual(self.codes(self.get("/api/units", self.outsider)), ["HNA-PL"])

    def test_a_superuser_lists_every_unit(self):
        admin = get_user_model().objects.create_superuser("quantri", password="x")
        self.assertEqual(len(self.codes(self.get("/api/units", admin))), 6)

    def test_the_list_filters_by_parent_and_kind(self):
        self.assertEqual(
            self.codes(self.get("/api/units", self.consolidator, parent="BDI")),
            ["BDI-QN", "BDI-TP", "BDI-SVH"],
        )
        self.assertEqual(
            self.codes(self.get("/api/units", self.consolidator, kind="commune")),
            ["BDI-QN", "BDI-TP"],
        )
        # A parent one may not see lists nothing rather than its children.
        self.assertEqual(self.codes(self.get("/api/units", self.consolidator, parent="HNA")), [])
        self.assertEqual(self.get("/api/units", self.consolidator, kind="galaxy").status_code, 422)

    def test_the_list_pages_and_counts(self):
        body = self.get("/api/units", self.consolidator, limit=2, offset=1).json()
        self.assertEqual(body["count"], 4)
        self.assertEqual([u["code"] for u in body["items"]], ["BDI-QN", "BDI-TP"])
        self.assertEqual(self.get("/api/units", self.consolidator, limit=0).status_code, 422)

    def test_the_list_takes_the_same_number_of_queries_however_big_the_tree(self):
        _token, key = ApiToken.issue(self.consolidator, "đồng bộ")
        headers = {"Authorization": f"Bearer {key}"}
        self.client.get("/api/units", headers=headers)  # records last use
        with self.assertNumQueries(4):  # token, roles, count, page
            self.client.get("/api/units", headers=headers)
        for i in range(20):
            make_unit(f"BDI-X{i}", f"Xã {i}", "commune", self.commune)
        with self.assertNumQueries(4):
            response = self.client.get("/api/units", headers=headers)
        self.assertEqual(response.json()["count"], 24)

    def test_a_unit_is_shown_with_its_parent_as_a_code(self):
        response = self.get("/api/units/BDI-QN", self.viewer)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(
            {k: body[k] for k in ("code", "name", "kind", "parent", "depth", "childCount")},
            {
                "code": "BDI-QN",
                "name": "Phường Quy Nhơn",
                "kind": "commune",
                "parent": "BDI",
                "depth": 1,
                "childCount": 0,
            },
        )

    def test_one_unit_access_matrix(self):
        self.assertEqual(self.get("/api/units/BDI-QN").status_code, 401)
        self.assertEqual(self.get("/api/units/BDI-QN", self.outsider).status_code, 404)
        self.assertEqual(self.get("/api/units/BDI-QN", self.sibling_officer).status_code, 404)
        self.assertEqual(self.get("/api/units/BDI-QN", self.viewer).status_code, 200)
        self.assertEqual(self.get("/api/units/BDI-QN", self.officer).status_code, 200)
        self.assertEqual(self.get("/api/units/NOPE", self.officer).status_code, 404)
        self.assertEqual(self.get("/api/units/B%20DI", self.officer).status_code, 422)
