"""Cells fed from register records (here, a confirmed activity): shown read-only on the
entry form with their records linked, marked on the totals page, and refused when the
form, the API or any other writer would change them."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from ttdn.activities.models import Activity, ActivityQuantity
from ttdn.indicators.models import DataValue, Indicator
from ttdn.indicators.services import ValuesRejected, save_values
from ttdn.lib.periods import parse_period_id
from ttdn.registers.base import get as get_register
from ttdn.testing import TreeTestCase

Q1 = parse_period_id("2024Q1")
CELL = "v__training_participants__"


class FedCellTests(TreeTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.activity = self.confirmed_activity(120)
        self.detail = reverse("registers:activities-detail", args=[self.activity.pk])

    def confirmed_activity(self, participants: int) -> Activity:
        """A training of the commune in March 2024, confirmed, saved as the pages do."""
        register = get_register("activities")
        indicator = Indicator.objects.get(code="training_participants")

        def rows(activity):
            ActivityQuantity.objects.create(
                activity=activity, indicator=indicator, value=participants
            )

        activity = Activity(
            type="training",
            title="Tập huấn kỹ năng thông tin đối ngoại cho cán bộ cơ sở",
            start_date=date(2024, 3, 5),
            counted=True,
        )
        return register.save(self.officer, activity, unit=self.commune, write_children=rows)

    def value(self) -> Decimal | None:
        row = DataValue.objects.filter(
            unit=self.commune, period="2024Q1", indicator__code="training_participants"
        ).first()
        return row.value if row else None

    def test_the_entry_form_shows_the_fed_figure_read_only_with_its_activity_linked(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("indicators:entry", args=["BDI-QN", "2024Q1"]))
        self.assertContains(page, 'data-testid="fed-cell"')
        self.assertNotContains(page, f'name="{CELL}"')  # no input to type over
        self.assertContains(page, f'href="{self.detail}"')
        self.assertContains(page, "Hoạt động: ")
        self.assertContains(page, 'name="v__training_courses__"')  # the others still asked

    def test_a_post_that_changes_a_fed_cell_is_refused_with_the_register_named(self):
        self.client.force_login(self.officer)
        url = reverse("indicators:entry", args=["BDI-QN", "2024Q1"])
        response = self.client.post(
            url, {CELL: "150", "ver__training_participants__": "1", "v__training_courses__": "2"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "lấy từ sổ Hoạt động")
        self.assertEqual(self.value(), 120)
        # The same figure posted back changes nothing and is accepted.
        response = self.client.post(url, {CELL: "120", "v__training_courses__": "2"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.value(), 120)

    def test_the_api_refuses_a_changed_fed_value_per_value(self):
        self.client.force_login(self.officer)
        body = {
            "period": "2024Q1",
            "orgUnit": "BDI-QN",
            "dataValues": [
                {"indicator": "training_participants", "value": 150},
                {"indicator": "training_courses", "value": 2},
            ],
        }
        response = self.client.post("/api/datavalues", body, content_type="application/json")
        self.assertEqual(response.status_code, 422)
        detail = response.json()["detail"]
        self.assertEqual(len(detail), 1)
        self.assertEqual(detail[0]["loc"][-3:], ["dataValues", 0, "value"])  # that value
        self.assertIn("Hoạt động", detail[0]["msg"])
        self.assertEqual(self.value(), 120)
        self.assertFalse(DataValue.objects.filter(indicator__code="training_courses").exists())

    def test_clearing_a_fed_cell_is_refused_and_other_writers_too(self):
        for source in ("form", "import", "api"):
            with self.subTest(source), self.assertRaises(ValuesRejected) as caught:
                save_values(
                    self.officer,
                    self.commune,
                    Q1,
                    {("training_participants", ""): None},
                    source=source,
                )
            self.assertIn(
                "Tập huấn kỹ năng", caught.exception.errors[("training_participants", "")]
            )
        self.assertEqual(self.value(), 120)

    def test_the_record_corrected_in_its_register_moves_the_figure(self):
        register = get_register("activities")
        row = self.activity.quantity_rows.get()

        def rows(activity):
            row.value = 90
            row.save()

        register.save(self.officer, self.activity, write_children=rows)
        self.assertEqual(self.value(), 90)

    def test_the_totals_page_marks_the_units_own_fed_figure(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("indicators:totals", args=["BDI-QN", "2024Q1"]))
        self.assertContains(page, 'data-testid="fed-mark"', count=1)
        self.assertContains(page, f'href="{self.detail}"')
        self.client.force_login(self.consolidator)
        province = self.client.get(reverse("indicators:totals", args=["BDI", "2024Q1"]))
        self.assertNotContains(province, 'data-testid="fed-mark"')  # not the province's own


class ProvinceFedMarkTests(TreeTestCase):
    def test_a_unit_with_children_marks_its_own_fed_figure_in_the_notes(self):
        register = get_register("activities")
        indicator = Indicator.objects.get(code="press_conferences")

        def rows(activity):
            ActivityQuantity.objects.create(activity=activity, indicator=indicator, value=2)

        activity = Activity(
            type="press_conference",
            title="Họp báo định kỳ quý I năm 2024 của UBND tỉnh",
            start_date=date(2024, 3, 28),
            counted=True,
        )
        register.save(self.province_officer, activity, unit=self.province, write_children=rows)
        self.client.force_login(self.consolidator)
        page = self.client.get(reverse("indicators:totals", args=["BDI", "2024Q1"]))
        self.assertContains(page, "số của Tỉnh Bình Định lấy từ sổ", count=1)
