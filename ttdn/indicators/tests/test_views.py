import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from ttdn.indicators.models import DataValue
from ttdn.orgunits.models import OrgUnit
from ttdn.testing import TreeTestCase, log_in

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"


class EntryAndTotalsFlowTests(TreeTestCase):
    def test_a_commune_officer_enters_values_and_the_consolidator_sees_them_in_totals(self):
        log_in(self.client, "canbo.quynhon")
        self.client.post(
            reverse("indicators:entry", args=["BDI-QN", "2023S1"]), {"v__news_articles__": "30"}
        )
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        page = self.client.get(url)
        self.assertContains(page, "6 tháng đầu năm 2024")
        response = self.client.post(
            url,
            {
                "v__news_articles__": "1.250",
                "v__publication_copies__": "2.000",
                "v__publication_copies__en": "500",
                "v__fdi_capital__": "54,7",
                "v__press_conferences__": "0",
            },
        )
        self.assertRedirects(response, url)
        self.assertEqual(
            DataValue.objects.get(
                unit=self.commune, period="2024S1", indicator__code="news_articles"
            ).value,
            1250,
        )
        self.client.post(reverse("accounts:logout"))

        log_in(self.client, "tonghop.bdi")
        totals = self.client.get(reverse("indicators:totals", args=["BDI", "2024S1"]))
        self.assertEqual(totals.status_code, 200)
        html = totals.content.decode()
        self.assertIn("1.250", html)
        self.assertIn("54,7", html)
        self.assertIn("6 tháng đầu năm 2023", html)  # the year-earlier column
        self.assertIn("+4.066,7%", html)  # 30 → 1.250
        self.assertIn("Phường Quy Nhơn", html)

    def test_a_wrong_number_format_is_refused_and_the_other_values_are_not_lost(self):
        self.client.force_login(self.officer)
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        response = self.client.post(url, {"v__news_articles__": "12", "v__fdi_capital__": "54.7"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "dùng dấu phẩy cho phần thập phân")
        self.assertContains(response, 'value="12"')  # what was typed is still in the form
        self.assertFalse(DataValue.objects.exists())

    def test_a_version_past_what_the_database_holds_is_refused_on_its_cell(self):
        self.client.force_login(self.officer)
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        response = self.client.post(
            url, {"v__news_articles__": "12", "ver__news_articles__": "99999999999999999999"}
        )
        self.assertContains(response, "2147483647")  # the cell says what went wrong
        self.assertContains(response, 'value="12"')
        self.assertFalse(DataValue.objects.exists())

    def test_a_nul_in_a_cell_is_refused_with_a_message_on_its_field(self):
        self.client.force_login(self.officer)
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        response = self.client.post(
            url, {"v__news_articles__": "12\x00", "v__training_courses__": "3"}
        )
        self.assertContains(response, "ký tự NUL")
        self.assertFalse(DataValue.objects.exists())

    def test_a_negative_count_is_refused_with_a_message_on_its_field(self):
        self.client.force_login(self.officer)
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        response = self.client.post(url, {"v__training_courses__": "-3"})
        self.assertContains(response, "không được âm")
        self.assertFalse(DataValue.objects.exists())

    def test_the_second_of_two_concurrent_saves_is_refused_and_both_versions_are_shown(self):
        self.client.force_login(self.officer)
        url = reverse("indicators:entry", args=["BDI-QN", "2024S1"])
        self.client.post(url, {"v__news_articles__": "10", "ver__news_articles__": "0"})
        self.client.post(url, {"v__news_articles__": "11", "ver__news_articles__": "1"})
        response = self.client.post(url, {"v__news_articles__": "15", "ver__news_articles__": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "người khác sửa")
        self.assertContains(response, 'value="15"')
        self.assertContains(response, "Giá trị hiện tại: 11")
        self.assertEqual(DataValue.objects.get(derived=False).value, Decimal(11))

    def test_the_totals_download_is_an_xlsx_with_a_frozen_header_and_number_formats(self):
        self.client.force_login(self.officer)
        self.client.post(
            reverse("indicators:entry", args=["BDI-QN", "2024S1"]),
            {"v__news_articles__": "1.582.300"},
        )
        self.client.force_login(self.consolidator)
        response = self.client.get(reverse("indicators:totals_xlsx", args=["BDI", "2024S1"]))
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.freeze_panes, "D2")
        self.assertEqual(sheet["A1"].value, "Chỉ tiêu")
        row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value.startswith("Tin, bài về"))
        self.assertEqual(row[3].value, 1582300)
        self.assertEqual(row[3].number_format, "#,##0")

    def test_unit_names_that_look_like_formulas_stay_text_in_the_totals_xlsx(self):
        OrgUnit.objects.filter(pk=self.commune.pk).update(name=HYPERLINK)
        OrgUnit.objects.filter(pk=self.sibling.pk).update(name=DDE)
        self.client.force_login(self.officer)
        self.client.post(
            reverse("indicators:entry", args=["BDI-QN", "2024S1"]),
            {"v__news_articles__": "1.250"},
        )
        self.client.force_login(self.consolidator)
        response = self.client.get(reverse("indicators:totals_xlsx", args=["BDI", "2024S1"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        headers = {cell.value: cell for cell in sheet[1]}
        for name in (HYPERLINK, DDE):
            with self.subTest(name):
                self.assertEqual(headers[name].data_type, "s")
                self.assertTrue(headers[name].quotePrefix)
        row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value.startswith("Tin, bài về"))
        self.assertEqual((row[3].value, row[3].data_type), (1250, "n"))

    def test_english_is_one_switch_away(self):
        self.client.force_login(self.consolidator)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(reverse("indicators:totals", args=["BDI", "2024S1"]))
        self.assertContains(response, "first six months of 2024")
        self.assertContains(response, "News items and articles published")


class PartialFormTests(TreeTestCase):
    def test_a_form_that_does_not_send_a_cell_leaves_that_value_alone(self):
        from ttdn.indicators.services import save_values
        from ttdn.lib.periods import parse_period_id

        save_values(
            self.officer,
            self.commune,
            parse_period_id("2024S1"),
            {("press_conferences", ""): Decimal(3)},
        )
        self.client.force_login(self.officer)
        self.client.post(
            reverse("indicators:entry", args=["BDI-QN", "2024S1"]), {"v__news_articles__": "7"}
        )
        stored = dict(
            DataValue.objects.filter(unit=self.commune).values_list("indicator__code", "value")
        )
        self.assertEqual(stored, {"press_conferences": Decimal(3), "news_articles": Decimal(7)})
