"""Each cooperation register is seen within the person's subtree only, on its pages and
over the API, and is found by search without diacritics."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from ttdn.cooperation.models import (
    Agreement,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
)
from ttdn.search import services as search
from ttdn.testing import TreeTestCase


class SubtreeAccessTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        partner = Partner.objects.create(
            unit=cls.commune, name="Thành phố Fujisawa", country="JP", kind="locality"
        )
        cls.records = {
            "courses": TrainingCourse.objects.create(
                unit=cls.commune,
                title="Tập huấn kỹ năng phát ngôn",
                starts_on=date(2024, 3, 12),
                participants=45,
            ),
            "attendances": CourseAttendance.objects.create(
                unit=cls.commune,
                course_title="Lớp bồi dưỡng kiến thức thông tin đối ngoại",
                organiser="Bộ Ngoại giao",
                starts_on=date(2024, 5, 20),
                attendees=2,
            ),
            "delegations": Delegation.objects.create(
                unit=cls.commune,
                direction="incoming",
                kind="press",
                name="Đoàn phóng viên Đài NHK",
                country="JP",
                members=4,
                starts_on=date(2024, 5, 14),
            ),
            "partners": partner,
            "agreements": Agreement.objects.create(
                unit=cls.commune,
                partner=partner,
                title="Thỏa thuận hợp tác giao lưu văn hóa",
                signed_on=date(2024, 6, 3),
            ),
        }

    def test_a_sibling_commune_neither_sees_nor_lists_them(self):
        for person in (self.sibling_officer, self.outsider):
            self.client.force_login(person)
            for slug, record in self.records.items():
                for name in ("detail", "edit", "history"):
                    url = reverse(f"registers:{slug}-{name}", args=[record.pk])
                    self.assertEqual(self.client.get(url).status_code, 404, (person, url))
                self.assertEqual(self.client.get(f"/api/{slug}/{record.pk}").status_code, 404)
                self.assertEqual(self.client.get(f"/api/{slug}").json()["items"], [], slug)
                page = self.client.get(reverse(f"registers:{slug}-list", args=["BDI-TP"]))
                self.assertNotContains(page, str(record), status_code=page.status_code)

    def test_the_province_sees_them_and_may_not_change_them_as_a_viewer(self):
        self.client.force_login(self.viewer)
        for slug, record in self.records.items():
            page = self.client.get(reverse(f"registers:{slug}-list", args=["BDI"]))
            self.assertContains(page, reverse(f"registers:{slug}-detail", args=[record.pk]))
            self.assertEqual(
                len(self.client.get(f"/api/{slug}", {"unit": "BDI"}).json()["items"]), 1
            )
            url = reverse(f"registers:{slug}-edit", args=[record.pk])
            self.assertEqual(self.client.get(url).status_code, 403)
            response = self.client.patch(
                f"/api/{slug}/{record.pk}", {}, content_type="application/json"
            )
            self.assertEqual(response.status_code, 403, slug)

    def test_a_commune_officer_cannot_record_for_its_sibling_nor_the_province_viewer(self):
        self.client.force_login(self.officer)
        body = {
            "unit": "BDI-TP",
            "name": "Tỉnh Champasak",
            "country": "LA",
            "kind": "locality",
        }
        response = self.client.post("/api/partners", body, content_type="application/json")
        self.assertEqual(response.status_code, 404)  # the sibling is not in its subtree
        self.client.force_login(self.viewer)
        body["unit"] = "BDI-QN"
        response = self.client.post("/api/partners", body, content_type="application/json")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Partner.objects.count(), 1)


class SearchTests(TreeTestCase):
    def test_records_are_found_without_diacritics_by_those_who_may_see_them(self):
        TrainingCourse.objects.create(
            unit=self.commune,
            title="Tập huấn kỹ năng phát ngôn",
            starts_on=date(2024, 3, 12),
            participants=45,
        )
        Delegation.objects.create(
            unit=self.commune,
            direction="incoming",
            kind="press",
            name="Đoàn phóng viên Đài NHK",
            country="JP",
            members=4,
            starts_on=date(2024, 5, 14),
            programme="Tác nghiệp tại Khu kinh tế Nhơn Hội",
        )
        partner = Partner.objects.create(
            unit=self.commune, name="Thành phố Fujisawa", country="JP", kind="locality"
        )
        Agreement.objects.create(
            unit=self.commune,
            partner=partner,
            title="Thỏa thuận hợp tác giao lưu văn hóa",
            signed_on=date(2024, 6, 3),
        )
        CourseAttendance.objects.create(
            unit=self.commune,
            course_title="Bồi dưỡng kiến thức đối ngoại",
            organiser="Bộ Ngoại giao",
            starts_on=date(2024, 5, 20),
            attendees=2,
        )

        def kinds(user, query):
            return {hit.entry.kind for hit in search.search(user, query).hits}

        self.assertEqual(kinds(self.officer, "ky nang phat ngon"), {"course"})
        self.assertEqual(kinds(self.officer, "nhat ban"), {"delegation", "partner", "agreement"})
        self.assertEqual(kinds(self.officer, "nhon hoi"), {"delegation"})
        self.assertEqual(kinds(self.officer, "thoa thuan giao luu"), {"agreement"})
        self.assertEqual(kinds(self.officer, "bo ngoai giao"), {"attendance"})
        self.assertEqual(kinds(self.officer, "japan"), {"delegation", "partner"})
        self.assertEqual(kinds(self.sibling_officer, "nhat ban"), set())
