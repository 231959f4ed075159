"""English mode names what the product ships in English (report forms, their sections,
vocabularies, units with an English name) and marks what people wrote as Vietnamese;
the BÁO CÁO stays Vietnamese whatever the page's language."""

import io
import zipfile
from datetime import date

from django.test import Client, SimpleTestCase
from django.urls import reverse
from django.utils import translation

from ttdn import names
from ttdn.direction.models import Budget
from ttdn.reporting.models import DEFAULT_SECTIONS, ReportForm
from ttdn.testing import TreeTestCase


class PickingTests(SimpleTestCase):
    def test_the_english_name_is_chosen_in_english_only(self):
        form = {"name": "Báo cáo quý", "name_en": "Quarterly report"}
        self.assertEqual(names.name_of(form, "en"), "Quarterly report")
        self.assertEqual(names.name_of(form, "vi"), "Báo cáo quý")
        self.assertEqual(names.name_of({"name": "Báo cáo quý"}, "en"), "Báo cáo quý")

    def test_a_name_without_english_is_marked_vietnamese_on_an_english_page(self):
        section = {"title": "Nguyên nhân"}
        with translation.override("en"):
            self.assertEqual(
                names.marked_name(section, "title"), '<span lang="vi">Nguyên nhân</span>'
            )
            self.assertEqual(
                names.marked_name({**section, "title_en": "Causes"}, "title"), "Causes"
            )
            self.assertEqual(names.stored("Họp <báo>"), '<span lang="vi">Họp &lt;báo&gt;</span>')
        with translation.override("vi"):
            self.assertEqual(names.marked_name(section, "title"), "Nguyên nhân")
            self.assertEqual(names.stored("Họp báo"), "Họp báo")

    def test_vocabulary_choices_follow_the_page_language(self):
        field = Budget._meta.get_field("source")
        with translation.override("en"):
            self.assertIn("State budget", [str(label) for _code, label in field.choices])
        with translation.override("vi"):
            self.assertIn("Ngân sách nhà nước", [str(label) for _code, label in field.choices])


class ShippedNamesTests(TreeTestCase):
    def test_the_shipped_forms_and_their_sections_have_english_names(self):
        for form in ReportForm.objects.filter(code__in=["ttdn-6-thang", "ttdn-nam", "ttdn-quy"]):
            self.assertTrue(form.name_en, form.code)
            self.assertTrue(all(section.get("title_en") for section in form.sections), form.code)
        self.assertTrue(all(section["title_en"] for section in DEFAULT_SECTIONS))


class PagesInEnglishTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request([cls.commune], deadline=date(2099, 6, 28))
        cls.submission = cls.request.submissions.get(unit=cls.commune)

    def setUp(self) -> None:
        self.client = Client()
        self.client.force_login(self.officer)

    def english(self) -> None:
        self.client.cookies.load({"django_language": "en"})

    def test_the_report_editor_heads_its_sections_in_english(self):
        url = reverse("reporting:submission", args=[self.submission.pk])
        self.english()
        page = self.client.get(url)
        self.assertContains(page, "Leadership and direction")
        self.assertContains(page, "Proposals and recommendations")
        self.assertNotContains(page, "Công tác lãnh đạo, chỉ đạo")
        self.assertContains(page, '<textarea lang="vi"')  # the report's own text
        self.client.cookies.load({"django_language": "vi"})
        self.assertContains(self.client.get(url), "Công tác lãnh đạo, chỉ đạo")

    def test_the_report_document_stays_vietnamese_in_english_mode(self):
        self.english()
        url = reverse("reporting:submission_document", args=[self.submission.pk, "docx"])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            xml = docx.read("word/document.xml").decode()
        self.assertIn(">I. KẾT QUẢ THỰC HIỆN<", xml)  # the sections with text, numbered
        self.assertNotIn("Results", xml)

    def test_a_unit_is_named_in_english_when_it_has_an_english_name(self):
        self.client.force_login(self.consolidator)
        self.english()
        page = self.client.get(reverse("orgunits:list"))
        self.assertContains(page, ">Binh Dinh Province</a>")
        self.assertContains(page, '><span lang="vi">Phường Quy Nhơn</span></a>')
        page = self.client.get(reverse("orgunits:detail", args=["BDI-QN"]))
        self.assertContains(page, '<h1><span lang="vi">Phường Quy Nhơn</span></h1>')

    def test_a_request_form_is_offered_by_its_english_name(self):
        self.client.force_login(self.consolidator)
        self.english()
        page = self.client.get(reverse("reporting:request_create", args=["BDI"]))
        self.assertContains(page, "Six-month report on external information work")
        self.assertNotContains(page, "Báo cáo công tác thông tin đối ngoại 6 tháng")

    def test_the_board_names_the_requests_form_in_english(self):
        self.client.force_login(self.consolidator)
        self.english()
        page = self.client.get(reverse("reporting:board", args=[self.request.pk]))
        self.assertContains(page, "Six-month report on external information work")
        self.assertContains(page, '<span lang="vi">Báo cáo kết quả công tác')  # its subject

    def test_register_lists_mark_what_people_wrote(self):
        from ttdn.plans.models import Plan

        Plan.objects.create(
            issuing_unit=self.commune,
            number="12/KH-UBND",
            issued_on="2024-03-05",
            title="Kế hoạch thông tin đối ngoại năm 2024",
            year=2024,
        )
        self.english()
        page = self.client.get(reverse("registers:plans-list", args=["BDI-QN"]))
        self.assertContains(page, '<span lang="vi">Kế hoạch thông tin đối ngoại năm 2024</span>')
        self.assertContains(page, '<option value="BDI-QN" lang="vi">')
