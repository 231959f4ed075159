"""The period field (ttdn/fields.py): the column holds the id, the model gives the
Period, and a Period works wherever the id does."""

from decimal import Decimal

from django.apps import apps
from django.db import connection
from django.db.models import CharField

from ttdn.fields import PeriodField
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
