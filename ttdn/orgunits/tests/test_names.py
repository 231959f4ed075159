"""Units by name: the picker's suggestions, the field that reads what was chosen or
typed, and the unit a document's issuing body names."""

from datetime import date

from django import forms
from django.urls import reverse

from ttdn.accounts.models import Role
from ttdn.orgunits import names
from ttdn.orgunits.forms import UnitPickerField
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.testing import TreeTestCase, make_person, make_unit


class NamedTree(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.quy_nhon_nam = make_unit(
            "BDI-QNN", "Phường Quy Nhơn Nam", UnitKind.COMMUNE, cls.province
        )
        # The same name in another province: told apart by the parent.
        cls.other_department = make_unit(
            "HNA-SVH", "Sở Văn hóa, Thể thao và Du lịch", UnitKind.DEPARTMENT, cls.other_province
        )


class SuggestTests(NamedTree):
    def suggest(self, person, **params) -> list[tuple[str, str]]:
        self.client.force_login(person)
        response = self.client.get(reverse("orgunits:suggest"), params)
        self.assertEqual(response.status_code, 200, response.content)
        return [(u["code"], u["label"]) for u in response.json()["units"]]

    def test_names_are_found_without_diacritics_exact_name_first(self):
        self.assertEqual(
            self.suggest(self.consolidator, q="quy nhon"),
            [
                ("BDI-QN", "Phường Quy Nhơn (Tỉnh Bình Định)"),
                ("BDI-QNN", "Phường Quy Nhơn Nam (Tỉnh Bình Định)"),
            ],
        )
        self.assertEqual(self.suggest(self.consolidator, q="PHƯỜNG QUY NHƠN N")[0][0], "BDI-QNN")
        self.assertEqual(self.suggest(self.consolidator, q="van hoa")[0][0], "BDI-SVH")

    def test_codes_are_found_too(self):
        self.assertEqual(
            self.suggest(self.consolidator, q="bdi-tp"),
            [("BDI-TP", "Xã Tuy Phước (Tỉnh Bình Định)")],
        )

    def test_only_the_persons_units_are_suggested(self):
        self.assertEqual(
            self.suggest(self.officer, q="quy nhon"),
            [("BDI-QN", "Phường Quy Nhơn (Tỉnh Bình Định)")],
        )
        self.assertEqual(self.suggest(self.outsider, q="quy nhon"), [])
        self.assertEqual(self.suggest(self.outsider, q="van hoa"), [])
        # The consolidator may view the province but enter nothing.
        self.assertEqual(self.suggest(self.consolidator, q="quy nhon", action="enter"), [])
        self.assertEqual(len(self.suggest(self.consolidator, q="quy", action="consolidate")), 2)

    def test_within_limits_to_a_subtree_one_may_see(self):
        self.assertEqual(self.suggest(self.leader, q="quy", within="BDI-QN")[0][0], "BDI-QN")
        self.client.force_login(self.officer)
        url = reverse("orgunits:suggest")
        self.assertEqual(self.client.get(url, {"q": "x", "within": "HNA"}).status_code, 404)

    def test_a_bad_action_is_a_clear_error(self):
        self.client.force_login(self.officer)
        response = self.client.get(reverse("orgunits:suggest"), {"q": "x", "action": "fly"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("error", response.json())

    def test_the_suggestions_need_a_login(self):
        response = self.client.get(reverse("orgunits:suggest"), {"q": "quy"})
        self.assertEqual(response.status_code, 302)


class PickerForm(forms.Form):
    units = UnitPickerField(multiple=True, required=False)
    unit = UnitPickerField(required=False)


class PickerFieldTests(NamedTree):
    def form(self, person, data, within=None) -> PickerForm:
        form = PickerForm(data)
        for name in ("units", "unit"):
            field = form.fields[name]
            assert isinstance(field, UnitPickerField)
            field.limit_to(person, ["consolidate"], within=within)
        return form

    def test_names_codes_and_labels_clean_to_the_units_in_order(self):
        form = self.form(
            self.consolidator,
            {
                "units": ["BDI-TP", "phuong quy nhon; Sở Văn hóa, Thể thao và Du lịch"],
                "unit": "Phường Quy Nhơn Nam (Tỉnh Bình Định)",
            },
        )
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(
            [u.code for u in form.cleaned_data["units"]], ["BDI-TP", "BDI-QN", "BDI-SVH"]
        )
        self.assertEqual(form.cleaned_data["unit"], self.quy_nhon_nam)

    def test_codes_separated_by_commas_are_still_taken(self):
        form = self.form(self.consolidator, {"units": "BDI-QN, BDI-TP"})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual([u.code for u in form.cleaned_data["units"]], ["BDI-QN", "BDI-TP"])

    def test_an_unknown_name_is_refused_naming_it_and_kept_as_typed(self):
        form = self.form(self.consolidator, {"units": ["BDI-TP", "Phường Không Có"]})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["units"], ["Không tìm thấy đơn vị “Phường Không Có”."])
        html = str(form["units"])
        self.assertIn('value="Phường Không Có"', html)
        self.assertIn('value="BDI-TP" checked', html)  # what was chosen stays chosen

    def test_a_unit_seen_but_outside_the_scope_is_refused_by_name(self):
        form = self.form(self.consolidator, {"unit": "Phường Quy Nhơn"}, within=self.sibling)
        self.assertFalse(form.is_valid())
        self.assertEqual(
            form.errors["unit"],
            ["“Phường Quy Nhơn (Tỉnh Bình Định)” không thuộc các đơn vị được chọn ở đây."],
        )

    def test_a_unit_one_may_not_see_is_as_unknown(self):
        form = self.form(self.consolidator, {"unit": "Phường Phủ Lý"})
        self.assertFalse(form.is_valid())
        self.assertEqual(form.errors["unit"], ["Không tìm thấy đơn vị “Phường Phủ Lý”."])

    def test_a_name_several_units_share_asks_for_the_parent(self):
        admin = make_person("quantri.tw", None, None, is_superuser=True, is_staff=True)
        form = self.form(admin, {"unit": "so van hoa, the thao va du lich"})
        self.assertFalse(form.is_valid())
        self.assertIn("Có nhiều đơn vị tên", form.errors["unit"][0])
        self.assertIn("(Tỉnh Hà Nam)", form.errors["unit"][0])
        form = self.form(admin, {"unit": "Sở Văn hóa, Thể thao và Du lịch (Tỉnh Hà Nam)"})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["unit"], self.other_department)

    def test_one_unit_takes_what_was_typed_last_and_refuses_nul(self):
        form = self.form(self.consolidator, {"unit": ["BDI-QN", "xa tuy phuoc"]})
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["unit"], self.sibling)
        form = self.form(self.consolidator, {"unit": "quy\x00nhon"})
        self.assertFalse(form.is_valid())
        self.assertIn("NUL", form.errors["unit"][0])

    def test_a_refused_nul_or_overlong_name_is_shown_back_without_being_looked_up(self):
        # PostgreSQL refuses a NUL in a query and SQLite a LIKE pattern this long: the
        # box shows them back, the errors say why, and the page does not fail.
        for typed, error in [("BDI\x00QN", "NUL"), ("x" * 100_001, "dài quá")]:
            with self.subTest(error=error):
                form = self.form(self.consolidator, {"units": typed, "unit": typed})
                self.assertFalse(form.is_valid())
                self.assertIn(error, form.errors["units"][0])
                html = str(form["units"]) + str(form["unit"])
                self.assertNotIn("\x00", html)
                self.assertNotIn("checked", html)  # nothing was taken for a unit


class IssuerTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Before 2025 the district; from July 2025 the commune that took its place.
        OrgUnit.objects.filter(pk=cls.sibling.pk).update(valid_from=date(2025, 7, 1))
        cls.district = make_unit(
            "BDI-HTP",
            "Huyện Tuy Phước",
            UnitKind.DISTRICT,
            cls.province,
            valid_to=date(2025, 6, 30),
            successor=cls.sibling,
        )
        cls.department_hna = make_unit(
            "HNA-SVH", "Sở Văn hóa, Thể thao và Du lịch", UnitKind.DEPARTMENT, cls.other_province
        )

    def match(self, issuer: str, day: date | None, near=None):
        return names.match_issuer(issuer, OrgUnit.objects.all(), day, near=near)

    def test_the_issuing_body_names_the_unit_as_the_tree_stood_then(self):
        self.assertEqual(
            self.match("ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", date(2023, 12, 15)), self.district
        )
        self.assertEqual(self.match("UBND huyện Tuy Phước", date(2022, 12, 31)), self.district)
        self.assertEqual(self.match("UBND xã Tuy Phước", date(2025, 12, 1)), self.sibling)
        self.assertIsNone(self.match("UBND xã Tuy Phước", date(2024, 12, 1)))
        self.assertEqual(self.match("UBND TỈNH BÌNH ĐỊNH", date(2024, 1, 1)), self.province)

    def test_a_two_line_header_names_the_body_on_its_last_line(self):
        self.assertEqual(
            self.match(
                "UBND TỈNH BÌNH ĐỊNH SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
                date(2025, 7, 10),
                near=self.commune,
            ),
            self.department,
        )

    def test_same_name_units_go_to_the_nearest_or_to_none(self):
        self.assertIsNone(self.match("Sở Văn hóa, Thể thao và Du lịch", None))
        self.assertEqual(
            self.match("Sở Văn hóa, Thể thao và Du lịch", None, near=self.other_commune),
            self.department_hna,
        )

    def test_an_unknown_body_names_no_unit(self):
        self.assertIsNone(self.match("BỘ NGOẠI GIAO", date(2024, 1, 1)))
        self.assertIsNone(self.match("UBND", date(2024, 1, 1)))
        self.assertIsNone(self.match("", None))

    def test_a_district_consolidator_is_suggested_its_district(self):
        person = make_person("tonghop.tp", self.district, Role.CONSOLIDATOR)
        self.client.force_login(person)
        response = self.client.get(
            reverse("orgunits:suggest"), {"q": "tuy phuoc", "action": "consolidate"}
        )
        self.assertEqual([u["code"] for u in response.json()["units"]], ["BDI-HTP"])
