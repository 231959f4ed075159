"""The catalogue as the migrations leave it: every entry there, whichever migration could
first hold it (a breakdown named longer than the column once allowed comes later)."""

from django.test import TestCase

from ttdn.indicators.catalogue import DEFAULT_CATALOGUE
from ttdn.indicators.models import Indicator


class CatalogueMigrationTests(TestCase):
    def test_every_entry_of_the_catalogue_is_loaded_with_its_breakdown(self):
        loaded = dict(Indicator.objects.values_list("code", "disaggregation"))
        for code, *_rest, disaggregation in DEFAULT_CATALOGUE:
            with self.subTest(code=code):
                self.assertEqual(loaded.get(code), disaggregation)
        self.assertEqual(loaded["budget_spent"], "funding_sources")
