"""Numbers typed into register forms are read in the page's language: "1.000" in
Vietnamese and "1,000" in English are the same thousand, never one."""

from django.test import SimpleTestCase
from django.utils import translation

from ttdn.inputs import MoneyField
from ttdn.publishing.forms import VnNumberField


class NumbersByLanguageTests(SimpleTestCase):
    def test_a_count_is_read_and_shown_in_the_pages_language(self):
        field = VnNumberField()
        with translation.override("vi"):
            self.assertEqual(field.clean("1.000"), 1000)
            self.assertEqual(field.prepare_value(12500), "12.500")
        with translation.override("en"):
            self.assertEqual(field.clean("1,000"), 1000)
            self.assertEqual(field.prepare_value(12500), "12,500")

    def test_money_is_read_in_the_pages_language_and_a_word_is_still_refused(self):
        field = MoneyField()
        with translation.override("vi"):
            self.assertEqual(field.clean("1.200.000.000"), 1_200_000_000)
        with translation.override("en"):
            self.assertEqual(field.clean("1,200,000,000"), 1_200_000_000)
            with self.assertRaisesMessage(Exception, "1,200,000,000"):
                field.clean("12 tỷ")
