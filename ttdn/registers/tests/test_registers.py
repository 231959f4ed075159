"""The register machinery through the plans register: pages, API, history, access and
values fed from records (with a feed of the test's own)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from ttdn.indicators import feeds
from ttdn.indicators.feeds import Fed, FedSource
from ttdn.indicators.models import DataValue, DataValueSource, Indicator, RegisterFigure
from ttdn.plans.models import Plan
from ttdn.registers.models import ChangeKind, RecordChange
from ttdn.testing import TreeTestCase


def plans_as_meetings(unit, period):
    """A stand-in feed: each plan of the unit in the period counts as a meeting."""
    plans = list(
        Plan.objects.filter(
            issuing_unit=unit, issued_on__gte=period.start, issued_on__lte=period.end
        )
    )
    if plans:
        yield Fed(
            "steering_meetings",
            len(plans),
            [FedSource("plan", p.pk, p.number, "") for p in plans],
        )


class RegisterPageTests(TreeTestCase):
    def form(self, **changes):
        data = {
            "number": "12/KH-UBND",
            "issued_on": "05/3/2024",
            "title": "Kế hoạch thông tin đối ngoại năm 2024",
            "kind": "plan",
            "start_year": "2024",
            "implements": "",
            "rows0-TOTAL_FORMS": "0",
            "rows0-INITIAL_FORMS": "0",
            "rows1-TOTAL_FORMS": "0",
            "rows1-INITIAL_FORMS": "0",
        }
        data.update(changes)
        return data

    def test_an_officer_records_edits_and_reads_the_history_of_a_plan(self):
        self.client.force_login(self.officer)
        response = self.client.post(reverse("registers:plans-create", args=["BDI-QN"]), self.form())
        plan = Plan.objects.get(number="12/KH-UBND")
        self.assertRedirects(response, reverse("registers:plans-detail", args=[plan.pk]))
        self.assertEqual(plan.issuing_unit, self.commune)
        self.assertEqual(plan.issued_on, date(2024, 3, 5))
        response = self.client.post(
            reverse("registers:plans-edit", args=[plan.pk]), self.form(number="13/KH-UBND")
        )
        self.assertEqual(response.status_code, 302)
        history = self.client.get(reverse("registers:plans-history", args=[plan.pk]))
        self.assertContains(history, "12/KH-UBND → 13/KH-UBND")
        self.assertEqual(
            [c.kind for c in RecordChange.objects.order_by("at", "pk")],
            [ChangeKind.CREATED, ChangeKind.CHANGED],
        )
        listing = self.client.get(
            reverse("registers:plans-list", args=["BDI-QN"]), {"q": "ke hoach"}
        )
        self.assertContains(listing, "13/KH-UBND")
        listing = self.client.get(
            reverse("registers:plans-list", args=["BDI-QN"]), {"q": "du lich"}
        )
        self.assertNotContains(listing, "13/KH-UBND")

    def test_the_units_page_leads_to_its_registers(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("orgunits:detail", args=["BDI-QN"]))
        self.assertContains(page, reverse("registers:plans-list", args=["BDI-QN"]))
        text = page.content.decode()
        direction, work = text.index("Chỉ đạo, tổ chức thực hiện"), text.index("Kết quả thực hiện")
        self.assertLess(direction, text.index('data-register="officers"'), "officers")
        self.assertLess(text.index('data-register="officers"'), work)
        self.assertLess(work, text.index('data-register="publications"'))

    def test_a_wrong_date_keeps_what_was_typed_and_says_why(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:plans-create", args=["BDI-QN"]), self.form(issued_on="32/3/2024")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Kế hoạch thông tin đối ngoại năm 2024")
        self.assertFalse(Plan.objects.exists())

    def test_another_provinces_officer_sees_nothing(self):
        plan = Plan.objects.create(
            issuing_unit=self.commune,
            number="1/KH",
            issued_on=date(2024, 1, 2),
            title="Kế hoạch",
            year=2024,
        )
        self.client.force_login(self.outsider)
        for name in ("detail", "edit", "history"):
            url = reverse(f"registers:plans-{name}", args=[plan.pk])
            self.assertEqual(self.client.get(url).status_code, 404, name)
        self.client.force_login(self.viewer)
        url = reverse("registers:plans-edit", args=[plan.pk])
        self.assertEqual(self.client.get(url).status_code, 403)


class RegisterApiTests(TreeTestCase):
    def test_create_patch_and_history_over_the_api(self):
        self.client.force_login(self.officer)
        indicator = Indicator.objects.get(code="news_articles")
        body = {
            "unit": "BDI-QN",
            "number": "12/KH-UBND",
            "issuedOn": "2024-03-05",
            "title": "Kế hoạch TTĐN năm 2024",
            "startYear": 2024,
            "targets": [{"indicatorId": indicator.pk, "period": "2024", "value": 120}],
        }
        response = self.client.post("/api/plans", body, content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content)
        plan_id = response.json()["id"]
        self.assertEqual(Plan.objects.get(pk=plan_id).targets.get().value, Decimal(120))
        response = self.client.patch(
            f"/api/plans/{plan_id}",
            {"title": "Kế hoạch TTĐN 2024"},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200, response.content)
        history = self.client.get(f"/api/plans/{plan_id}/history").json()
        self.assertEqual(
            history[0]["changes"]["title"], ["Kế hoạch TTĐN năm 2024", "Kế hoạch TTĐN 2024"]
        )
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/api/plans/{plan_id}").status_code, 404)
        listed = self.client.get("/api/plans").json()
        self.assertEqual(listed["items"], [])


class FeedTests(TreeTestCase):
    def setUp(self):
        feeds.FEEDS.append(plans_as_meetings)
        self.addCleanup(feeds.FEEDS.remove, plans_as_meetings)

    def test_records_become_values_with_their_sources_and_leave_with_them(self):
        from ttdn.registers.base import get

        plans = get("plans")
        first = plans.save(
            self.officer,
            Plan(number="1/KH", issued_on=date(2024, 2, 1), title="Kế hoạch một", year=2024),
            unit=self.commune,
        )
        plans.save(
            self.officer,
            Plan(number="2/KH", issued_on=date(2024, 8, 1), title="Kế hoạch hai", year=2024),
            unit=self.commune,
        )
        values = dict(
            DataValue.objects.filter(
                unit=self.commune, indicator__code="steering_meetings"
            ).values_list("period", "value")
        )
        self.assertEqual(
            values,
            {"2024Q1": 1, "2024Q3": 1, "2024S1": 1, "2024S2": 1, "2024N9": 2, "2024": 2},
        )
        year = DataValue.objects.get(
            unit=self.commune, indicator__code="steering_meetings", period="2024"
        )
        self.assertEqual(year.value, 2)
        self.assertEqual(year.source, DataValueSource.REGISTER)
        figure = RegisterFigure.objects.get(
            unit=self.commune, period="2024", indicator__code="steering_meetings"
        )
        self.assertEqual(sorted(s[2] for s in figure.sources), ["1/KH", "2/KH"])
        # Moved into the second half: the first half has no figure any more.
        first.issued_on = date(2024, 9, 1)
        plans.save(self.officer, first)
        self.assertFalse(
            DataValue.objects.filter(
                unit=self.commune, indicator__code="steering_meetings", period="2024S1"
            ).exists()
        )
        self.assertEqual(
            DataValue.objects.get(
                unit=self.commune, indicator__code="steering_meetings", period="2024S2"
            ).value,
            2,
        )
