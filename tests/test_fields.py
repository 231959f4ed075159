"""The period field (ttdn/fields.py): the column holds the id, the model gives the
Period, and a Period works wherever the id does."""

from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import CharField

from ttdn.fields import PeriodChoiceField, PeriodField, period_choices
from ttdn.indicators.models import DataValue, Indicator
from ttdn.lib.periods import Period, PeriodError, PeriodType
from ttdn.reporting.models import Submission
from ttdn.search.models import SearchEntry
from ttdn.testing import TreeTestCase

HALF = Period(PeriodType.SIX_MONTH, 2024, 1)


class PeriodFieldTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.indicator = Indicator.objects.create(code="bai-viet", name="Số bài viết")
        cls.value = DataValue.objects.create(
            indicator=cls.indicator, unit=cls.commune, period="2024S1", value=Decimal(3)
        )

    def test_the_column_holds_the_id_and_the_model_gives_the_period(self):
        value = DataValue.objects.get(pk=self.value.pk)
        self.assertEqual(value.period, "2024S1")
        self.assertEqual(
            DataValue.objects.filter(pk=value.pk).values_list("period", flat=True).get(),
            "2024S1",
        )
        submission = Submission.objects.create(unit=self.commune, period="2024Q3")
        self.assertEqual(submission.the_period, Period(PeriodType.QUARTER, 2024, 3))
        self.assertEqual(submission.the_period.label(), "quý III/2024")

    def test_a_period_filters_and_saves_as_its_id(self):
        self.assertEqual(DataValue.objects.get(period=HALF).pk, self.value.pk)
        self.assertEqual(DataValue.objects.filter(period__in=[HALF, "2024"]).count(), 1)
        self.value.period = Period(PeriodType.YEAR, 2024)
        self.value.save()
        with connection.cursor() as cursor:
            cursor.execute("SELECT period FROM indicators_datavalue WHERE id = %s", [self.value.pk])
            self.assertEqual(cursor.fetchone()[0], "2024")

    def test_an_optional_period_is_none_when_blank_or_not_an_id(self):
        entry = SearchEntry(kind="document", object_id=1, unit=self.commune, title="x")
        self.assertIsNone(entry.the_period)
        entry.period = "2024Q9"
        self.assertIsNone(entry.the_period)
        entry.period = "2024N9"
        self.assertEqual(entry.the_period, Period(PeriodType.NINE_MONTH, 2024))

    def test_a_required_period_that_is_not_an_id_is_an_error(self):
        with self.assertRaises(PeriodError):
            Submission(unit=self.commune, period="").the_period  # noqa: B018

    def test_migrations_see_an_eight_character_column(self):
        fields = [
            field
            for model in apps.get_models()
            for field in model._meta.fields
            if isinstance(field, PeriodField)
        ]
        self.assertGreaterEqual(len(fields), 10)  # values, targets, reports, registers…
        for field in fields:
            _name, path, _args, kwargs = field.deconstruct()
            self.assertEqual(path, "django.db.models.CharField")
            self.assertEqual(kwargs["max_length"], 8)
            self.assertEqual(field.db_type(connection), CharField(max_length=8).db_type(connection))


class PeriodChoiceFieldTests(TreeTestCase):
    """Periods chosen from labelled lists (ttdn.fields.PeriodChoiceField)."""

    def field(self, **kwargs) -> PeriodChoiceField:
        return PeriodChoiceField(**kwargs)

    def test_the_list_is_labelled_as_officials_write_periods(self):
        groups = dict(period_choices(last_year=2025, years_back=1))
        self.assertEqual(list(groups), ["2025", "2024", "2023"])
        labels = dict(groups["2024"])
        self.assertEqual(labels["2024"], "Năm 2024")
        self.assertEqual(labels["2024S1"], "6 tháng đầu năm 2024")
        self.assertEqual(labels["2024Q1"], "Quý I năm 2024")
        self.assertEqual(labels["2024N9"], "9 tháng đầu năm 2024")
        self.assertEqual(labels["202403"], "Tháng 3 năm 2024")
        self.assertEqual(list(labels)[:3], ["2024", "2024N9", "2024S2"])
        halves = dict(period_choices([PeriodType.SIX_MONTH], last_year=2025, years_back=0))
        self.assertEqual(
            dict(halves["2025"]),
            {"2025S2": "6 tháng cuối năm 2025", "2025S1": "6 tháng đầu năm 2025"},
        )

    def test_a_choice_an_id_or_a_label_cleans_to_the_period(self):
        field = self.field()
        self.assertEqual(field.clean("2024S1"), HALF)
        self.assertEqual(field.clean("6 tháng đầu năm 2024"), HALF)
        self.assertEqual(field.clean("Quý I năm 2024"), Period(PeriodType.QUARTER, 2024, 1))

    def test_an_unknown_period_is_refused_naming_it(self):
        with self.assertRaises(ValidationError) as caught:
            self.field().clean("nửa năm 2024")
        self.assertEqual(
            caught.exception.messages, ["Không có kỳ “nửa năm 2024”: chọn kỳ trong danh sách."]
        )
        with self.assertRaises(ValidationError):
            self.field().clean("2024S1\x00")
        with self.assertRaises(ValidationError) as caught:
            self.field(types=[PeriodType.YEAR]).clean("2024S1")
        self.assertIn("không phải loại kỳ", caught.exception.messages[0])
        with self.assertRaises(ValidationError):
            self.field().clean("")
        self.assertIsNone(self.field(required=False).clean(""))

    def test_a_period_outside_the_list_still_shows_as_chosen(self):
        html = self.field().widget.render("period", "2011S1")
        self.assertIn('<option value="2011S1" selected>6 tháng đầu năm 2011</option>', html)
        html = self.field().widget.render("period", "6 tháng đầu năm 2024")
        self.assertIn('<option value="2024S1" selected>', html)
