from django.test import SimpleTestCase

from ttdn.archive.mapping import Suggestion, suggest


def fact(value, unit, text, subject=None, language=None):
    return {"value": value, "unit": unit, "text": text, "subject": subject, "language": language}


class SuggestionTests(SimpleTestCase):
    def test_copies_in_a_language_go_to_publication_copies_for_that_language(self):
        self.assertEqual(
            suggest(fact(500, "bản", "trong đó tiếng Anh 500 bản", language="en")),
            Suggestion("publication_copies", "en"),
        )
        self.assertEqual(
            suggest(fact(3800, "bản", "với 3.800 bản")), Suggestion("publication_copies", "")
        )

    def test_international_and_domestic_visitors_are_told_apart(self):
        self.assertEqual(
            suggest(fact(62000, "lượt", "khách quốc tế 62.000 lượt")).indicator,
            "visitors_international",
        )
        self.assertEqual(
            suggest(fact(9000, "lượt khách", "đón 9.000 lượt khách quốc tế")).indicator,
            "visitors_international",
        )
        self.assertEqual(
            suggest(fact(1520300, "lượt", "khách nội địa đạt 1.520.300 lượt")).indicator,
            "visitors_domestic",
        )
        self.assertIsNone(suggest(fact(1582300, "lượt khách", "ước đạt 1.582.300 lượt khách")))

    def test_fdi_projects_and_capital_but_not_cumulative_stocks(self):
        self.assertEqual(
            suggest(fact(8, "dự án", "thu hút được 08 dự án FDI", "dự án FDI")).indicator,
            "fdi_projects",
        )
        self.assertEqual(
            suggest(fact(54.7e6, "USD", "các dự án FDI đạt 54,7 triệu USD")).indicator,
            "fdi_capital",
        )
        self.assertIsNone(
            suggest(fact(348, "dự án", "có 348 dự án FDI còn hiệu lực", "dự án FDI còn hiệu lực"))
        )
        self.assertIsNone(suggest(fact(1.6e9, "USD", "số vốn đăng ký 1.682,7 triệu USD")))

    def test_courses_articles_and_portal_items(self):
        self.assertEqual(
            suggest(fact(2, "lớp tập huấn", "tổ chức 02 lớp tập huấn")).indicator,
            "training_courses",
        )
        self.assertEqual(
            suggest(fact(1132, "tin, bài", "đăng, phát 1.132 tin, bài")).indicator,
            "news_articles",
        )
        self.assertEqual(
            suggest(fact(512, "tin, bài", "Cổng thông tin điện tử huyện đăng tải 512 tin, bài")),
            Suggestion("portal_items", ""),
        )
        self.assertEqual(
            suggest(
                fact(42, "người", "Cán bộ được tập huấn nghiệp vụ", "cán bộ được tập huấn")
            ).indicator,
            "training_participants",
        )

    def test_folded_spelling_is_enough(self):
        self.assertEqual(
            suggest(fact(21, "doan khach", "don tiep 21 doan khach quoc te")).indicator,
            "international_delegations",
        )

    def test_percentages_and_unknown_nouns_get_no_suggestion(self):
        self.assertIsNone(suggest(fact(42.5, "%", "chiếm tỷ lệ 42,5%")))
        self.assertIsNone(suggest(fact(13, "xã, thị trấn", "chỉ đạo 13 xã, thị trấn")))

    def test_only_known_indicators_are_suggested(self):
        self.assertIsNone(suggest(fact(2, "lớp", "02 lớp"), known={"news_articles"}))
