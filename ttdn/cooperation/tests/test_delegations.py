"""Delegations hosted and sent: the controlled list of countries, the values fed once,
and countries counted once over a province."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ttdn.cooperation import services
from ttdn.cooperation.models import CourseAttendance, Delegation, TrainingCourse
from ttdn.cooperation.tests.test_training import rolled, value
from ttdn.indicators.models import DataValue
from ttdn.lib import countries
from ttdn.registers.base import get
from ttdn.testing import TreeTestCase


def delegation(**fields) -> Delegation:
    data = {
        "direction": "incoming",
        "kind": "press",
        "name": "Đoàn phóng viên Đài NHK",
        "country": "JP",
        "members": 4,
        "starts_on": date(2024, 5, 14),
    }
    data.update(fields)
    return Delegation(**data)


class CountryListTests(TreeTestCase):
    def test_the_list_has_vietnamese_and_english_names_and_leaves_out_viet_nam(self):
        self.assertEqual(countries.name("JP"), "Nhật Bản")
        self.assertEqual(countries.name("KR", "en"), "South Korea")
        self.assertTrue(countries.is_foreign("LA"))
        self.assertFalse(countries.is_foreign("VN"))
        self.assertFalse(countries.is_foreign("XX"))
        self.assertNotIn("VN", dict(countries.choices()))
        self.assertEqual(len(countries.codes()), 249)

    def test_pages_name_countries_in_their_language(self):
        record = delegation(country="KR")
        self.assertEqual(record.country_name, "Hàn Quốc")
        with translation.override("en"):
            self.assertEqual(record.country_name, "South Korea")
            self.assertEqual(record.get_country_display(), "South Korea")
            self.assertEqual(services.delegation_summary([record]).hosted.country_names, [])
            self.assertEqual(
                services.delegation_summary([record]).press.country_names, ["South Korea"]
            )

    def test_a_country_not_in_the_list_is_refused(self):
        for code in ("XX", "VN", "jp"):
            with self.assertRaises(ValidationError) as raised:
                get("delegations").save(self.officer, delegation(country=code), unit=self.commune)
            self.assertIn("danh mục quốc gia", str(raised.exception.message_dict["country"]))
        self.assertFalse(Delegation.objects.exists())

    def test_the_api_refuses_an_unknown_country_with_the_reason(self):
        self.client.force_login(self.officer)
        body = {
            "unit": "BDI-QN",
            "direction": "incoming",
            "kind": "official",
            "name": "Đoàn",
            "country": "ZZ",
            "members": 3,
            "startsOn": "2024-05-02",
        }
        response = self.client.post("/api/delegations", body, content_type="application/json")
        self.assertEqual(response.status_code, 422)
        self.assertIn("danh mục quốc gia", str(response.json()))
        body["country"] = "LA"
        response = self.client.post("/api/delegations", body, content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["country"], "LA")

    def test_a_press_delegation_is_incoming_and_dates_run_forward(self):
        with self.assertRaises(ValidationError) as raised:
            get("delegations").save(
                self.officer,
                delegation(direction="outgoing", ends_on=date(2024, 5, 1)),
                unit=self.commune,
            )
        self.assertEqual(set(raised.exception.message_dict), {"kind", "ends_on"})

    def test_the_form_keeps_what_was_typed_when_the_country_is_wrong(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:delegations-create", args=["BDI-QN"]),
            {
                "direction": "incoming",
                "kind": "press",
                "name": "Đoàn phóng viên báo Asahi Shimbun",
                "country": "XX",
                "members": "3",
                "starts_on": "14/5/2024",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("country", response.context["form"].errors)
        self.assertContains(response, "Đoàn phóng viên báo Asahi Shimbun")
        self.assertFalse(Delegation.objects.exists())


class DelegationValueTests(TreeTestCase):
    """Two communes and the department host and send delegations in the first half of
    2024; Japan comes to two of them."""

    RECORDS = [
        ("commune", "incoming", "press", "JP", 4),
        ("commune", "incoming", "press", "KR", 3),
        ("sibling", "incoming", "press", "JP", 5),
        ("sibling", "incoming", "official", "LA", 12),
        ("department", "incoming", "exchange", "JP", 20),
        ("department", "outgoing", "official", "KR", 6),
        ("department", "outgoing", "exchange", "FR", 8),
    ]

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for number, (unit, direction, kind, country, members) in enumerate(cls.RECORDS):
            get("delegations").save(
                cls.province_officer,
                delegation(
                    direction=direction,
                    kind=kind,
                    country=country,
                    members=members,
                    name=f"Đoàn số {number + 1}",
                    starts_on=date(2024, 3 + number % 3, 10),
                ),
                unit=getattr(cls, unit),
            )

    def test_each_delegation_is_fed_once_to_its_own_indicator(self):
        self.assertEqual(value(self.commune, "foreign_press_delegations"), 2)
        self.assertEqual(value(self.commune, "foreign_reporters"), 7)
        self.assertIsNone(value(self.commune, "international_delegations"))
        self.assertEqual(value(self.sibling, "international_delegations"), 1)
        self.assertEqual(value(self.department, "international_delegations"), 1)
        self.assertEqual(value(self.department, "outgoing_delegations"), 2)
        self.assertEqual(rolled(self.province, "foreign_press_delegations"), 3)
        self.assertEqual(rolled(self.province, "foreign_reporters"), 12)
        self.assertEqual(rolled(self.province, "international_delegations"), 2)
        self.assertEqual(rolled(self.province, "outgoing_delegations"), 2)
        self.assertEqual(
            DataValue.objects.filter(period="2024S1", indicator__code="foreign_reporters").count(),
            2,
        )

    def test_countries_over_the_province_are_the_records_distinct_countries(self):
        summary = services.delegation_summary(
            Delegation.objects.filter(unit__path__startswith=self.province.path)
        )
        expected = Counter(country for *_, country, _m in self.RECORDS)
        self.assertEqual(sorted(summary.countries), sorted(expected))
        self.assertEqual(summary.countries[0], "JP")  # the most delegations first
        self.assertEqual(summary.press.countries, ["JP", "KR"])
        self.assertEqual((summary.press.delegations, summary.press.members), (3, 12))
        self.assertEqual(summary.sent.country_names, ["Pháp", "Hàn Quốc"])  # by date
        by_country = {row.code: (row.hosted, row.sent, row.members) for row in summary.by_country}
        expected_rows: dict[str, tuple[int, int, int]] = {}
        for _unit, direction, _kind, country, members in self.RECORDS:
            hosted, sent, people = expected_rows.get(country, (0, 0, 0))
            incoming = direction == "incoming"
            expected_rows[country] = (hosted + incoming, sent + (not incoming), people + members)
        self.assertEqual(by_country, expected_rows)
        self.assertEqual(by_country["JP"], (3, 0, 29))

    def test_the_provinces_list_counts_each_country_once(self):
        self.client.force_login(self.viewer)
        page = self.client.get(reverse("registers:delegations-list", args=["BDI"]))
        self.assertContains(
            page,
            "Đón tiếp 3 đoàn với 12 phóng viên nước ngoài đến từ 2 quốc gia: Nhật Bản, Hàn Quốc.",
        )
        self.assertContains(page, "Tổng số quốc gia: 4")
        self.assertContains(page, "<td>Nhật Bản</td><td>3</td><td>0</td><td>29</td>", html=True)
        filtered = self.client.get(
            reverse("registers:delegations-list", args=["BDI"]), {"direction": "outgoing"}
        )
        self.assertContains(filtered, "Tổng số quốc gia: 2")

    def test_the_detail_page_names_the_country_and_topics(self):
        record = Delegation.objects.get(name="Đoàn số 1")
        record.topics = ["du_lich", "van_hoa"]
        get("delegations").save(self.province_officer, record)
        self.client.force_login(self.viewer)
        page = self.client.get(reverse("registers:delegations-detail", args=[record.pk]))
        self.assertContains(page, "Nhật Bản")
        self.assertContains(page, "Quảng bá du lịch; Văn hóa, di sản")
        self.assertNotContains(page, "du_lich")

    def test_another_province_sees_none_of_it(self):
        self.client.force_login(self.outsider)
        self.assertEqual(
            self.client.get(reverse("registers:delegations-list", args=["BDI"])).status_code, 404
        )
        self.assertEqual(self.client.get("/api/delegations").json()["items"], [])


class ListQueryTests(TreeTestCase):
    def queries(self, slug: str) -> int:
        self.client.force_login(self.consolidator)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(reverse(f"registers:{slug}-list", args=["BDI"]))
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def add(self, n: int) -> None:
        for number in range(n):
            unit = (self.commune, self.sibling, self.department)[number % 3]
            Delegation.objects.create(
                unit=unit,
                direction="incoming",
                kind="press",
                name=f"Đoàn {number}",
                country=("JP", "KR", "LA")[number % 3],
                members=2,
                starts_on=date(2024, 5, 1),
            )
            course = TrainingCourse.objects.create(
                unit=unit, title=f"Lớp {number}", starts_on=date(2024, 5, 1), participants=20
            )
            CourseAttendance.objects.create(
                unit=self.sibling if unit != self.sibling else self.commune,
                course=course,
                starts_on=course.starts_on,
                attendees=2,
            )

    def test_the_provinces_lists_with_their_summaries_do_not_grow_with_the_records(self):
        self.add(3)
        few = {slug: self.queries(slug) for slug in ("delegations", "courses", "attendances")}
        self.add(9)
        many = {slug: self.queries(slug) for slug in ("delegations", "courses", "attendances")}
        self.assertEqual(few, many)
