"""A person is named as Vietnamese write it — họ, tên đệm, tên — wherever they appear."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from ttdn.accounts.models import person_name
from ttdn.archive import storage
from ttdn.archive.models import Document, DocumentStatus
from ttdn.reporting.models import Action, SubmissionEvent
from ttdn.reporting.services import sign_off
from ttdn.testing import TreeTestCase


class PersonNameTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        get_user_model().objects.filter(pk=cls.officer.pk).update(
            last_name="Nguyễn Văn", first_name="Hùng"
        )
        get_user_model().objects.filter(pk=cls.leader.pk).update(
            last_name="Võ Thị", first_name="Mai"
        )
        cls.officer.refresh_from_db()
        cls.leader.refresh_from_db()

    def test_the_family_and_middle_names_come_first(self):
        self.assertEqual(person_name(self.officer), "Nguyễn Văn Hùng")
        self.assertEqual(person_name(self.viewer), "xem.bdi")  # no name recorded
        self.assertEqual(person_name(None), "")

    def test_the_header_names_the_person_logged_in(self):
        self.client.force_login(self.officer)
        self.assertContains(self.client.get(reverse("home")), "Nguyễn Văn Hùng")

    def test_the_leader_who_approves_without_a_typed_name_signs_with_their_own(self):
        submission = self.issue_half_year_request([self.commune]).submissions.get()
        sign_off(self.leader, submission)
        submission.refresh_from_db()
        self.assertEqual(submission.signer_name, "Võ Thị Mai")

    def test_a_reports_history_names_people_not_usernames(self):
        submission = self.issue_half_year_request([self.commune]).submissions.get()
        SubmissionEvent.objects.create(submission=submission, action=Action.SAVE, by=self.officer)
        self.client.force_login(self.leader)
        response = self.client.get(reverse("reporting:submission", args=[submission.pk]))
        self.assertContains(response, "Lưu bản nháp · Nguyễn Văn Hùng")
        self.assertNotContains(response, "canbo.quynhon")

    def test_an_archived_document_names_who_imported_and_reviewed_it(self):
        folder = self.use_scratch_folders()
        source = folder / "bao-cao.txt"
        source.write_text("Báo cáo", encoding="utf-8")
        document = Document.objects.create(
            unit=self.commune,
            filename=source.name,
            stored_name=storage.save(source, source.name),
            title="Báo cáo 6 tháng",
            text="Báo cáo",
            status=DocumentStatus.EXTRACTED,
            imported_by=self.officer,
            reviewed_by=self.leader,
            reviewed_at=timezone.now(),
        )
        self.client.force_login(self.officer)
        response = self.client.get(reverse("archive:document", args=[document.pk]))
        self.assertContains(
            response, '<span data-testid="imported-by">Nguyễn Văn Hùng</span>', html=True
        )
        self.assertContains(
            response, '<span data-testid="reviewed-by">Võ Thị Mai</span>', html=True
        )
