from django.test import TestCase

from ttdn.indicators.models import Indicator
from ttdn.reporting.models import ReportForm


class DefaultFormTests(TestCase):
    def test_default_forms_ask_for_the_sections_of_a_real_report_and_every_indicator(self):
        form = ReportForm.objects.get(code="ttdn-6-thang")
        self.assertEqual(form.period_type, "six_month")
        titles = [s["title"] for s in form.sections]
        self.assertEqual(
            titles,
            [
                "Công tác lãnh đạo, chỉ đạo",
                "Kết quả thực hiện",
                "Kết quả đạt được",
                "Hạn chế, khó khăn",
                "Nguyên nhân",
                "Phương hướng, nhiệm vụ",
                "Đề xuất, kiến nghị",
            ],
        )
        assessment = [s["code"] for s in form.sections if s.get("part") == "assessment"]
        self.assertEqual(assessment, ["achievements", "difficulties", "causes"])
        self.assertEqual(form.indicators.count(), Indicator.objects.count())
        self.assertTrue(ReportForm.objects.filter(code="ttdn-nam", period_type="year").exists())
