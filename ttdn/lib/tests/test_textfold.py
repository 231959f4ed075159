from django.test import SimpleTestCase

from ttdn.lib.textfold import fold, unaccent


class TextFoldTests(SimpleTestCase):
    def test_unaccent_keeps_the_case_and_turns_every_d_with_stroke_into_d(self):
        self.assertEqual(unaccent("Thành phố Đà Nẵng"), "Thanh pho Da Nang")
        self.assertEqual(unaccent("Xã Ea H'đing"), "Xa Ea H'ding")
        self.assertEqual(unaccent("ÐỒNG THÁP"), "DONG THAP")  # legacy Ð (U+00D0)

    def test_fold_is_unaccented_lower_case(self):
        self.assertEqual(fold("Thông tin Đối ngoại"), "thong tin doi ngoai")
