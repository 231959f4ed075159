"""The activities register: pages, history, quantities chosen by name, figures that
become the unit's values once confirmed, links to other registers' records."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from ttdn.activities.models import Activity, ActivityLink, ActivityQuantity
from ttdn.indicators.models import DataValue, DataValueSource, Indicator, RegisterFigure
from ttdn.plans.models import Plan
from ttdn.registers.models import RecordChange
from ttdn.testing import TreeTestCase


def form(quantities=(), links=(), **changes) -> dict:
    """The activity form as the page posts it: ``quantities`` as (measure, amount) rows,
    ``links`` as (register, record id) rows."""
    data = {
        "type": "training",
        "title": "Tập huấn kỹ năng thông tin đối ngoại cho cán bộ cơ sở",
        "start_date": "05/03/2024",
        "end_date": "06/03/2024",
        "topics": ["dao_tao_tap_huan"],
        "languages": ["vi", "en"],
        "audiences": [],
        "rows0-TOTAL_FORMS": str(len(quantities)),
        "rows0-INITIAL_FORMS": "0",
        "rows1-TOTAL_FORMS": "0",
        "rows1-INITIAL_FORMS": "0",
        "rows2-TOTAL_FORMS": str(len(links)),
        "rows2-INITIAL_FORMS": "0",
    }
    for n, (measure, amount) in enumerate(quantities):
        data[f"rows0-{n}-measure"] = measure
        data[f"rows0-{n}-amount"] = amount
    for n, (register, record_id) in enumerate(links):
        data[f"rows2-{n}-register"] = register
        data[f"rows2-{n}-record_id"] = str(record_id)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def fed(unit, period: str, code: str, option: str = "") -> Decimal | None:
    row = DataValue.objects.filter(
        unit=unit, period=period, indicator__code=code, option=option
    ).first()
    return row.value if row is not None else None


class ActivityPageTests(TreeTestCase):
    def create(self, person=None, **kwargs):
        self.client.force_login(person or self.officer)
        return self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]), form(**kwargs)
        )

    def test_an_officer_records_an_activity_with_quantities_chosen_by_name(self):
        response = self.create(
            quantities=[("training_participants|", "1.120"), ("training_courses|", "2")],
            counted=None,
        )
        activity = Activity.objects.get()
        self.assertRedirects(response, reverse("registers:activities-detail", args=[activity.pk]))
        self.assertEqual(activity.start_date, date(2024, 3, 5))  # day first, not 3 May
        self.assertEqual(
            activity.quantities,
            {"training_participants": Decimal(1120), "training_courses": Decimal(2)},
        )
        self.assertEqual(activity.created_by, self.officer)
        self.assertFalse(activity.counted)
        listing = self.client.get(reverse("registers:activities-list", args=["BDI-QN"]))
        self.assertContains(listing, "05/3/2024")
        detail = self.client.get(reverse("registers:activities-detail", args=[activity.pk]))
        self.assertContains(detail, "Lượt người tham gia tập huấn")  # by name, not by code
        self.assertContains(detail, "1.120")

    def test_the_form_offers_indicators_and_options_by_name_only(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("registers:activities-create", args=["BDI-QN"]))
        self.assertContains(page, "Tin, bài trên báo chí nước ngoài về địa phương — tiếng Anh")
        self.assertNotContains(page, "training_participants =")
        # with the unit of measure, so "120" reads as 120 people, not 120 courses
        self.assertContains(page, "Lượt người tham gia tập huấn (lượt người)</option>")
        self.assertContains(page, "Lớp tập huấn, bồi dưỡng nghiệp vụ TTĐN (lớp)</option>")

    def test_an_unknown_indicator_is_refused_with_a_message_and_nothing_is_saved(self):
        response = self.create(quantities=[("khong_co_chi_tieu|", "5")])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Không có chỉ tiêu")
        self.assertContains(response, "khong_co_chi_tieu")
        self.assertContains(response, "Tập huấn kỹ năng thông tin đối ngoại")  # kept as typed
        self.assertFalse(Activity.objects.exists())

    def test_an_unknown_option_and_a_bad_number_are_refused(self):
        response = self.create(quantities=[("training_participants|xx", "5")])
        self.assertContains(response, "Không có chỉ tiêu")
        response = self.create(quantities=[("training_participants|", "1.2.3,4,5")])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="errorlist')
        response = self.create(quantities=[("training_participants|", "-4")])
        self.assertContains(response, "Số liệu không được âm")
        response = self.create(quantities=[("training_participants|", "")])
        self.assertContains(response, "Nhập số lượng")
        self.assertFalse(Activity.objects.exists())

    def test_bad_dates_are_refused_with_a_message(self):
        response = self.create(start_date="10/03/2024", end_date="01/03/2024")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ngày kết thúc phải sau ngày bắt đầu")
        self.assertFalse(Activity.objects.exists())

    def test_the_same_indicator_twice_is_refused(self):
        response = self.create(
            quantities=[("training_participants|", "10"), ("training_participants|", "20")]
        )
        self.assertContains(response, "hai lần")
        self.assertFalse(Activity.objects.exists())

    def test_the_province_sees_its_communes_activities_and_the_outsider_does_not(self):
        activity = Activity.objects.create(
            unit=self.commune, type="event", title="Hội nghị xúc tiến", start_date="2024-04-01"
        )
        self.client.force_login(self.consolidator)
        self.assertContains(
            self.client.get(reverse("registers:activities-list", args=["BDI"])),
            "Hội nghị xúc tiến",
        )
        self.client.force_login(self.outsider)
        self.assertEqual(
            self.client.get(reverse("registers:activities-list", args=["BDI"])).status_code, 404
        )
        detail = reverse("registers:activities-detail", args=[activity.pk])
        self.assertEqual(self.client.get(detail).status_code, 404)
        self.client.force_login(self.viewer)
        self.assertEqual(self.client.get(detail).status_code, 200)
        edit = reverse("registers:activities-edit", args=[activity.pk])
        self.assertEqual(self.client.get(edit).status_code, 403)

    def test_an_edit_is_in_the_history(self):
        self.create(quantities=[("training_participants|", "120")])
        activity = Activity.objects.get()
        response = self.client.post(
            reverse("registers:activities-edit", args=[activity.pk]),
            form(
                quantities=[],
                title="Tập huấn nghiệp vụ thông tin đối ngoại",
                **{"rows0-INITIAL_FORMS": "0"},
            ),
        )
        self.assertEqual(response.status_code, 302)
        history = self.client.get(reverse("registers:activities-history", args=[activity.pk]))
        self.assertContains(history, "Tập huấn nghiệp vụ thông tin đối ngoại")
        self.assertEqual(RecordChange.objects.count(), 2)

    def test_the_list_filters_by_type_and_finds_text_without_diacritics(self):
        Activity.objects.create(
            unit=self.commune, type="event", title="Hội nghị xúc tiến", start_date="2024-04-01"
        )
        Activity.objects.create(
            unit=self.commune, type="training", title="Lớp tập huấn", start_date="2024-04-02"
        )
        self.client.force_login(self.officer)
        url = reverse("registers:activities-list", args=["BDI-QN"])
        page = self.client.get(url, {"type": "training"})
        self.assertContains(page, "Lớp tập huấn")
        self.assertNotContains(page, "Hội nghị xúc tiến")
        page = self.client.get(url, {"q": "hoi nghi xuc tien"})
        self.assertContains(page, "Hội nghị xúc tiến")
        self.assertNotContains(page, "Lớp tập huấn")


class ActivityValuesTests(TreeTestCase):
    def save(self, **kwargs):
        self.client.force_login(self.officer)
        return self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]), form(**kwargs)
        )

    def test_a_confirmed_activity_becomes_the_units_values_with_itself_as_source(self):
        response = self.save(
            quantities=[("training_participants|", "1.120"), ("foreign_media_items|en", "4")],
            counted="on",
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        activity = Activity.objects.get()
        for period in ("2024Q1", "2024S1", "2024N9", "2024"):
            with self.subTest(period):
                self.assertEqual(fed(self.commune, period, "training_participants"), 1120)
        # The option and its total, consistently.
        self.assertEqual(fed(self.commune, "2024Q1", "foreign_media_items", "en"), 4)
        self.assertEqual(fed(self.commune, "2024Q1", "foreign_media_items"), 4)
        value = DataValue.objects.get(
            unit=self.commune, period="2024Q1", indicator__code="training_participants"
        )
        self.assertEqual(value.source, DataValueSource.REGISTER)
        figure = RegisterFigure.objects.get(
            unit=self.commune, period="2024Q1", indicator__code="training_participants"
        )
        url = reverse("registers:activities-detail", args=[activity.pk])
        self.assertEqual(figure.sources, [["activity", activity.pk, activity.title, url]])
        self.assertIsNone(fed(self.commune, "2024Q2", "training_participants"))

    def test_an_unconfirmed_activity_gives_no_values(self):
        self.save(quantities=[("training_participants|", "120")])
        self.assertFalse(DataValue.objects.exists())
        self.assertFalse(RegisterFigure.objects.exists())

    def test_confirming_later_editing_and_moving_the_activity_moves_its_values(self):
        self.save(quantities=[("training_participants|", "120")])
        activity = Activity.objects.get()
        edit = reverse("registers:activities-edit", args=[activity.pk])
        row = activity.quantity_rows.get()

        def post(**changes):
            data = form(
                quantities=[("training_participants|", changes.pop("amount", "120"))],
                counted="on",
                **{"rows0-INITIAL_FORMS": "1", "rows0-0-id": str(row.pk)},
            )
            data.update(changes)
            return self.client.post(edit, data)

        self.assertEqual(post().status_code, 302)
        self.assertEqual(fed(self.commune, "2024Q1", "training_participants"), 120)
        self.assertEqual(post(amount="150").status_code, 302)
        self.assertEqual(fed(self.commune, "2024Q1", "training_participants"), 150)
        # Moved to May: out of the first quarter, into the second; the half-year keeps it.
        self.assertEqual(post(amount="150", start_date="05/5/2024", end_date="").status_code, 302)
        self.assertIsNone(fed(self.commune, "2024Q1", "training_participants"))
        self.assertEqual(fed(self.commune, "2024Q2", "training_participants"), 150)
        self.assertEqual(fed(self.commune, "2024S1", "training_participants"), 150)
        # No longer confirmed: its values go.
        data = form(
            quantities=[("training_participants|", "150")],
            start_date="05/5/2024",
            end_date="",
            **{"rows0-INITIAL_FORMS": "1", "rows0-0-id": str(row.pk)},
        )
        self.assertEqual(self.client.post(edit, data).status_code, 302)
        self.assertIsNone(fed(self.commune, "2024Q2", "training_participants"))
        self.assertFalse(RegisterFigure.objects.exists())

    def test_two_activities_add_up_with_both_as_sources(self):
        self.save(quantities=[("training_participants|", "100")], counted="on")
        self.save(
            quantities=[("training_participants|", "20")],
            counted="on",
            title="Tập huấn lần hai",
            start_date="20/03/2024",
            end_date="",
        )
        self.assertEqual(fed(self.commune, "2024Q1", "training_participants"), 120)
        figure = RegisterFigure.objects.get(
            unit=self.commune, period="2024Q1", indicator__code="training_participants"
        )
        self.assertEqual(len(figure.sources), 2)

    def test_a_submitted_period_refuses_the_change_and_nothing_is_saved(self):
        from ttdn.reporting.services import save_sections, sign_off, submit_report

        self.save(quantities=[("training_participants|", "120")], counted="on")
        activity = Activity.objects.get()
        row = activity.quantity_rows.get()
        submission = self.issue_half_year_request([self.commune]).submissions.get()
        save_sections(self.officer, submission, {"results": "Tập huấn 120 lượt người."}, {})
        sign_off(self.leader, submission, "Nguyễn Văn Hùng", "CHỦ TỊCH")
        submission.refresh_from_db()
        submit_report(self.officer, submission)

        edit = reverse("registers:activities-edit", args=[activity.pk])
        changed = form(
            quantities=[("training_participants|", "150")],
            counted="on",
            **{"rows0-INITIAL_FORMS": "1", "rows0-0-id": str(row.pk)},
        )
        response = self.client.post(edit, changed)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "đã nộp")
        self.assertContains(response, 'value="150"')  # what was typed is kept
        row.refresh_from_db()
        self.assertEqual(row.value, 120)
        self.assertEqual(fed(self.commune, "2024Q1", "training_participants"), 120)
        response = self.save(
            quantities=[("training_participants|", "20")], counted="on", title="Tập huấn lần hai"
        )
        self.assertContains(response, "đã nộp")
        self.assertEqual(Activity.objects.count(), 1)
        # Unconfirmed, it changes no figure and is saved; the title alone may be corrected.
        self.assertEqual(
            self.save(quantities=[("training_participants|", "20")], title="Lần hai").status_code,
            302,
        )
        retitled = form(
            quantities=[("training_participants|", "120")],
            counted="on",
            title="Tập huấn kỹ năng thông tin đối ngoại (sửa tên)",
            **{"rows0-INITIAL_FORMS": "1", "rows0-0-id": str(row.pk)},
        )
        self.assertEqual(self.client.post(edit, retitled).status_code, 302)


class ActivityLinkTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = Plan.objects.create(
            issuing_unit=cls.commune,
            number="12/KH-UBND",
            issued_on=date(2024, 1, 15),
            title="Kế hoạch thông tin đối ngoại năm 2024",
            year=2024,
        )
        cls.other_plan = Plan.objects.create(
            issuing_unit=cls.other_commune,
            number="07/KH-UBND",
            issued_on=date(2024, 1, 15),
            title="Kế hoạch của tỉnh khác",
            year=2024,
        )

    def save(self, **kwargs):
        self.client.force_login(self.officer)
        return self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]), form(**kwargs)
        )

    def test_an_activity_links_a_plan_shown_on_both_pages(self):
        response = self.save(links=[("plans", self.plan.pk)])
        self.assertEqual(response.status_code, 302)
        activity = Activity.objects.get()
        self.assertEqual(
            list(activity.links.values_list("register", "record_id")), [("plans", self.plan.pk)]
        )
        page = self.client.get(reverse("registers:activities-detail", args=[activity.pk]))
        self.assertContains(page, reverse("registers:plans-detail", args=[self.plan.pk]))
        plan_page = self.client.get(reverse("registers:plans-detail", args=[self.plan.pk]))
        self.assertContains(plan_page, reverse("registers:activities-detail", args=[activity.pk]))

    def test_a_record_the_person_may_not_see_or_that_does_not_exist_is_refused(self):
        for register, pk in (("plans", self.other_plan.pk), ("plans", 999_999)):
            with self.subTest(pk=pk):
                response = self.save(links=[(register, pk)])
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Không có bản ghi số")
        response = self.save(links=[("khong-co", 1)])
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Activity.objects.exists())
        self.assertFalse(ActivityLink.objects.exists())

    def test_a_quantity_a_linked_record_already_feeds_is_refused_with_the_register_named(self):
        indicator = Indicator.objects.get(code="steering_meetings")
        RegisterFigure.objects.create(
            unit=self.commune,
            period="2024Q1",
            indicator=indicator,
            value=3,
            sources=[["plan", self.plan.pk, self.plan.number, ""]],
        )
        response = self.save(
            quantities=[("steering_meetings|", "1")], links=[("plans", self.plan.pk)]
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "đã được tính từ sổ Kế hoạch, chương trình")
        self.assertFalse(Activity.objects.exists())
        self.assertFalse(ActivityQuantity.objects.exists())
        # Another indicator is not counted twice and is accepted.
        response = self.save(
            quantities=[("training_participants|", "1")], links=[("plans", self.plan.pk)]
        )
        self.assertEqual(response.status_code, 302)


class ActivitySearchTests(TreeTestCase):
    def test_an_activity_is_found_without_diacritics_and_leads_to_its_page(self):
        self.client.force_login(self.officer)
        self.client.post(reverse("registers:activities-create", args=["BDI-QN"]), form())
        activity = Activity.objects.get()
        page = self.client.get(reverse("search"), {"q": "tap huan ky nang"})
        self.assertContains(page, reverse("registers:activities-detail", args=[activity.pk]))


class ActivityHistoryWordingTests(TreeTestCase):
    def test_vocabularies_read_by_label_on_the_page_and_in_the_history(self):
        self.client.force_login(self.officer)
        self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]),
            form(audiences=["officials"]),
        )
        activity = Activity.objects.get()
        page = self.client.get(reverse("registers:activities-detail", args=[activity.pk]))
        self.assertContains(page, "Cán bộ, công chức, viên chức")
        self.assertContains(page, "Đào tạo, tập huấn, bồi dưỡng")
        self.assertNotContains(page, "dao_tao_tap_huan")
