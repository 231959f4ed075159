from django.test import TestCase

from ttdn.indicators.models import Indicator
from ttdn.reporting.models import ReportForm


class DefaultFormTests(TestCase):
    def test_default_forms_ask_for_the_sections_of_a_real_report_and_every_indicator(self):
        form = ReportForm.objects.get(code="ttdn-6-thang")
        self.assertEqual(form.period_type, "six_month")
        titles = [s["title"] for s in form.sections]
        self.assertEqual(titles[0], "Bối cảnh, tình hình")
        for title in (
            "Kết quả thực hiện",
            "Khó khăn, hạn chế, tồn tại",
            "Giải pháp",
            "Phương hướng, nhiệm vụ kỳ tới",
            "Đề xuất, kiến nghị",
        ):
            self.assertIn(title, titles)
        self.assertEqual(form.indicators.count(), Indicator.objects.count())
        self.assertTrue(ReportForm.objects.filter(code="ttdn-nam", period_type="year").exists())
