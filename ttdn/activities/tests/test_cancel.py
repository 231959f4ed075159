"""Cancelling an activity: kept in the register with the reason and its history, no
longer giving values; refused when a submitted report holds its figures."""

from django.urls import reverse

from ttdn.activities.models import Activity
from ttdn.activities.tests.test_activities import fed, form
from ttdn.registers.models import RecordChange
from ttdn.testing import TreeTestCase


class CancelActivityTests(TreeTestCase):
    def setUp(self):
        self.client.force_login(self.officer)
        self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]),
            form(quantities=[("training_participants|", "120")], counted="on"),
        )
        self.activity = Activity.objects.get()
        self.url = reverse("activities:cancel", args=[self.activity.pk])
        self.detail = reverse("registers:activities-detail", args=[self.activity.pk])

    def test_a_cancelled_activity_is_kept_marked_and_no_longer_counted(self):
        self.assertEqual(fed(self.commune, "2024Q1", "training_participants"), 120)
        response = self.client.post(self.url, {"reason": "Lớp tập huấn hoãn sang năm sau."})
        self.assertRedirects(response, self.detail, fetch_redirect_response=False)
        page = self.client.get(self.detail)
        self.assertContains(page, "Đã hủy hoạt động")
        self.assertContains(page, "Lớp tập huấn hoãn sang năm sau.")
        self.activity.refresh_from_db()
        self.assertIsNotNone(self.activity.cancelled_at)
        self.assertIsNone(fed(self.commune, "2024Q1", "training_participants"))
        change = RecordChange.objects.filter(object_id=self.activity.pk).first()
        self.assertEqual(change.user, self.officer)
        self.assertEqual(change.changes["cancel_reason"], ["", "Lớp tập huấn hoãn sang năm sau."])
        listing = self.client.get(reverse("registers:activities-list", args=["BDI-QN"]))
        self.assertContains(listing, "Đã hủy")

    def test_a_reason_is_needed_and_a_cancelled_activity_is_not_edited(self):
        page = self.client.get(self.client.post(self.url, {"reason": " "}).url)
        self.assertContains(page, "Cần ghi lý do hủy hoạt động.")
        self.client.post(self.url, {"reason": "Nhập nhầm."})
        again = self.client.get(self.client.post(self.url, {"reason": "Lần nữa."}).url)
        self.assertContains(again, "Hoạt động này đã được hủy.")
        edit = reverse("registers:activities-edit", args=[self.activity.pk])
        response = self.client.post(edit, form(title="Tên khác"))
        self.assertContains(response, "Hoạt động đã hủy: không sửa được.")
        self.assertNotEqual(Activity.objects.get().title, "Tên khác")

    def test_a_submitted_period_refuses_the_cancelling_and_nothing_changes(self):
        from ttdn.reporting.services import save_sections, sign_off, submit_report

        submission = self.issue_half_year_request([self.commune]).submissions.get()
        save_sections(self.officer, submission, {"results": "Tập huấn 120 lượt người."}, {})
        sign_off(self.leader, submission, "Nguyễn Văn Hùng", "CHỦ TỊCH")
        submit_report(self.officer, submission)
        page = self.client.get(self.client.post(self.url, {"reason": "Nhầm."}).url)
        self.assertContains(page, "đã nộp")
        self.assertIsNone(Activity.objects.get().cancelled_at)
        self.assertEqual(fed(self.commune, "2024Q1", "training_participants"), 120)

    def test_only_those_who_enter_the_units_records_cancel(self):
        for person, status in ((self.viewer, 403), (self.outsider, 404)):
            self.client.force_login(person)
            self.assertEqual(self.client.post(self.url, {"reason": "x"}).status_code, status)
        self.assertIsNone(Activity.objects.get().cancelled_at)
