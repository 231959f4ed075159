from django.urls import reverse

from ttdn.activities.models import Activity
from ttdn.testing import TreeTestCase


class ActivityTests(TreeTestCase):
    def test_an_officer_records_an_activity_with_topics_languages_and_quantities(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("activities:create", args=["BDI-QN"]),
            {
                "type": "training",
                "title": "Tập huấn kỹ năng TTĐN cho cán bộ cơ sở",
                "start_date": "05/03/2024",
                "end_date": "06/03/2024",
                "topics": ["dao_tao_tap_huan"],
                "languages": ["vi", "en"],
                "quantities_text": "training_participants = 1.120\ntraining_courses = 2",
                "evidence_url": "https://quynhon.binhdinh.gov.vn/tap-huan",
            },
        )
        self.assertRedirects(response, reverse("activities:list", args=["BDI-QN"]))
        activity = Activity.objects.get()
        self.assertEqual(str(activity.start_date), "2024-03-05")  # day first, not 3 May
        self.assertEqual(
            activity.quantities, {"training_participants": 1120.0, "training_courses": 2.0}
        )
        self.assertEqual(activity.created_by, self.officer)
        listing = self.client.get(reverse("activities:list", args=["BDI-QN"]))
        self.assertContains(listing, "05/03/2024")

    def test_bad_dates_and_quantities_are_refused_with_messages(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("activities:create", args=["BDI-QN"]),
            {
                "type": "training",
                "title": "X",
                "start_date": "10/03/2024",
                "end_date": "01/03/2024",
                "quantities_text": "training_courses = 2.5.1",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ngày kết thúc phải sau ngày bắt đầu")
        self.assertContains(response, "Dòng 1")
        self.assertFalse(Activity.objects.exists())

    def test_the_province_sees_its_communes_activities_and_the_outsider_does_not(self):
        Activity.objects.create(
            unit=self.commune, type="event", title="Hội nghị xúc tiến", start_date="2024-04-01"
        )
        self.client.force_login(self.consolidator)
        self.assertContains(
            self.client.get(reverse("activities:list", args=["BDI"])), "Hội nghị xúc tiến"
        )
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(reverse("activities:list", args=["BDI"])).status_code, 404)
