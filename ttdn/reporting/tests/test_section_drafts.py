"""Drafts of a report's narrative sections: kept as the person types, restored on the
next visit, never over a section someone else saved."""

from django.urls import reverse

from ttdn.reporting.models import SectionDraft, Status, Submission
from ttdn.reporting.services import save_sections
from ttdn.testing import TreeTestCase


class SectionDraftTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        request = cls.issue_half_year_request([cls.commune])
        cls.submission = request.submissions.get(unit=cls.commune)
        cls.code = cls.submission.section_specs[0]["code"]

    def setUp(self):
        self.page = reverse("reporting:submission", args=[self.submission.pk])
        self.draft = reverse("reporting:submission_draft", args=[self.submission.pk])

    def post_draft(self, text: str, version: int = 0):
        return self.client.post(
            self.draft, {f"s__{self.code}": text, f"ver__{self.code}": str(version)}
        )

    def test_a_draft_is_kept_and_restored_on_the_next_visit(self):
        self.client.force_login(self.officer)
        response = self.post_draft("Tổ chức 02 hội nghị gặp mặt phóng viên.")
        self.assertContains(response, "Bản nháp đã giữ lúc")
        self.assertFalse(self.submission.sections.filter(code=self.code).exists())
        page = self.client.get(self.page)
        self.assertContains(page, 'data-testid="sections-draft-restored"')
        self.assertContains(page, "Tổ chức 02 hội nghị gặp mặt phóng viên.</textarea>")

    def test_saving_the_sections_removes_the_draft(self):
        self.client.force_login(self.officer)
        self.post_draft("Nội dung mới.")
        self.client.post(self.page, {f"s__{self.code}": "Nội dung mới.", f"ver__{self.code}": "0"})
        self.assertFalse(SectionDraft.objects.exists())
        self.assertNotContains(self.client.get(self.page), "sections-draft-restored")

    def test_a_section_saved_by_someone_else_wins_and_the_draft_is_shown_beside_it(self):
        self.client.force_login(self.officer)
        self.post_draft("Bản của cán bộ.")
        save_sections(self.leader, self.submission, {self.code: "Bản của lãnh đạo."}, {})
        page = self.client.get(self.page)
        self.assertContains(page, "Bản của lãnh đạo.</textarea>")
        self.assertContains(page, 'data-testid="sections-draft-conflict"')
        self.assertContains(page, "Bản của cán bộ.")

    def test_a_submitted_report_takes_no_draft(self):
        Submission.objects.filter(pk=self.submission.pk).update(status=Status.SUBMITTED)
        self.client.force_login(self.officer)
        response = self.post_draft("Sửa sau khi nộp.")
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "Báo cáo đã nộp", status_code=409)
        self.assertFalse(SectionDraft.objects.exists())

    def test_who_may_keep_a_draft(self):
        for person, status in [
            (None, 302),
            (self.viewer, 403),
            (self.consolidator, 403),
            (self.outsider, 404),
            (self.leader, 200),
        ]:
            with self.subTest(person=person and person.username):
                self.client.logout()
                if person is not None:
                    self.client.force_login(person)
                self.assertEqual(self.post_draft("Nội dung.").status_code, status)
        self.assertEqual(
            list(SectionDraft.objects.values_list("user", flat=True)), [self.leader.pk]
        )

    def test_discarding_removes_the_draft(self):
        self.client.force_login(self.officer)
        self.post_draft("Nội dung.")
        discard = reverse("reporting:submission_draft_discard", args=[self.submission.pk])
        self.assertRedirects(self.client.post(discard), self.page)
        self.assertFalse(SectionDraft.objects.exists())
