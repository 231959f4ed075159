"""The notice list, the unread count in the header, marking notices read."""

from __future__ import annotations

from django.urls import reverse

from ttdn.notices.models import Notice
from ttdn.notices.services import notify, unread_count
from ttdn.testing import TreeTestCase

PARAMS = {"number": "812/UBND-VX", "unit": "Phường Quy Nhơn", "deadline": "28/6/2024"}


class NoticePageTests(TreeTestCase):
    def setUp(self) -> None:
        notify([self.officer], "overdue", PARAMS, link="/reports/")
        notify(
            [self.officer, self.sibling_officer], "due_soon", PARAMS, link="https://evil.example/"
        )

    def test_the_header_counts_the_unread_notices(self):
        self.client.force_login(self.officer)
        response = self.client.get(reverse("home"))
        self.assertContains(
            response, '<span class="badge" data-testid="notice-count">2</span>', html=True
        )
        self.client.force_login(self.viewer)
        self.assertNotContains(self.client.get(reverse("home")), 'data-testid="notice-count"')

    def test_the_list_shows_ones_own_notices_only(self):
        self.client.force_login(self.sibling_officer)
        response = self.client.get(reverse("notices:list"))
        self.assertContains(
            response, "Hạn nộp báo cáo 812/UBND-VX là 28/6/2024; Phường Quy Nhơn chưa nộp."
        )
        self.assertNotContains(response, "Đã quá hạn")

    def test_opening_a_notice_marks_it_read_and_follows_its_link(self):
        self.client.force_login(self.officer)
        overdue = Notice.objects.get(user=self.officer, kind="overdue")
        response = self.client.post(reverse("notices:open", args=[overdue.pk]))
        self.assertRedirects(response, "/reports/", fetch_redirect_response=False)
        self.assertEqual(unread_count(self.officer), 1)

    def test_a_link_off_the_site_is_not_followed(self):
        self.client.force_login(self.officer)
        notice = Notice.objects.get(user=self.officer, kind="due_soon")
        response = self.client.post(reverse("notices:open", args=[notice.pk]))
        self.assertRedirects(response, reverse("notices:list"))

    def test_someone_elses_notice_stays_unread(self):
        theirs = Notice.objects.get(user=self.sibling_officer)
        self.client.force_login(self.officer)
        response = self.client.post(reverse("notices:open", args=[theirs.pk]))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(unread_count(self.sibling_officer), 1)

    def test_mark_all_read(self):
        self.client.force_login(self.officer)
        response = self.client.post(reverse("notices:read_all"), follow=True)
        self.assertContains(response, "Đã đánh dấu 2 thông báo là đã đọc.")
        self.assertEqual(unread_count(self.officer), 0)
        self.assertEqual(unread_count(self.sibling_officer), 1)
        self.assertNotContains(response, 'data-testid="notice-count"')
