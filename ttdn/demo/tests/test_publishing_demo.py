"""The demo's publishing records (ttdn/demo/publishing.py): they go in through their
registers, and the report the Sở drafts for the first half of 2025 tells them."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from ttdn.demo.small import load_small
from ttdn.indicators.models import DataValue
from ttdn.orgunits.models import OrgUnit
from ttdn.publishing.models import Coverage, Publication, SocialAccount
from ttdn.reporting import services as reporting
from ttdn.reporting.drafting import Basis, draft_for


class PublishingDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.result = load_small(password="Thu-nghiem-2025")  # with the publishing records

    def test_the_records_are_there_and_fed_their_figures(self):
        self.assertGreaterEqual(Coverage.objects.count(), 30)
        self.assertEqual(Publication.objects.count(), 2)
        self.assertEqual(SocialAccount.objects.count(), 2)
        followers = dict(
            DataValue.objects.filter(
                unit__code="BDI-SVHTTDL", indicator__code="social_followers", period="2025S1"
            ).values_list("option", "value")
        )
        self.assertEqual(followers, {"": 143_500, "facebook": 125_300, "youtube": 18_200})

    def test_the_departments_draft_names_the_guide_the_column_and_the_accounts(self):
        department = OrgUnit.objects.get(code="BDI-SVHTTDL")
        admin = get_user_model().objects.get(username="admin")
        submission = reporting.own_report(admin, department, "2025S1")
        draft = draft_for(Basis.of(submission))
        text = "\n".join(line.text for lines in draft.sections.values() for line in lines)
        self.assertIn(
            "Xây dựng và phát hành bộ tài liệu “Bình Định - Điểm đến của những trải nghiệm” "
            "với 5.000 bản, trong đó tiếng Việt 3.000 bản, tiếng Anh 1.500 bản, tiếng Hàn "
            "500 bản, gửi tới",
            text,
        )
        self.assertIn("9.000 cuốn bản tin “Bản tin Du lịch Bình Định”, mỗi tháng một số", text)
        self.assertIn(
            "duy trì chuyên mục “Bình Định - Điểm hẹn du lịch”, phát sóng vào 20 giờ thứ Bảy "
            "hằng tuần bằng tiếng Việt và tiếng Anh",
            text,
        )
        self.assertIn(
            "Trang Facebook “Du lịch Bình Định - Binh Dinh Tourism” hiện có 125.300 người theo "
            "dõi; kênh YouTube “Binh Dinh Tourism” hiện có 18.200 người đăng ký",
            text,
        )
