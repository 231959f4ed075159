"""A request after it is issued: edited, cancelled, its công văn attached, each change
kept in its history; and what is refused, with nothing lost."""

import io
import zipfile
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument

from ttdn.reporting.models import ReportForm, ReportRequest, RequestChange, Status, Submission
from ttdn.reporting.services import ReportingError, cancel_request, edit_request
from ttdn.testing import TreeTestCase, make_unit


def pdf_upload(name: str = "cong-van-812.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% c\xf4ng v\xe3n 812\n%%EOF\n", "application/pdf")


def docx_bytes() -> bytes:
    document = WordDocument()
    document.add_paragraph("V/v báo cáo kết quả công tác thông tin đối ngoại")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (40 * 1024 * 1024))
    return buffer.getvalue()


class RequestChangeTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_form = ReportForm.objects.create(
            code="ttdn-quy-thu", name="Báo cáo TTĐN quý (thử)", period_type="quarter"
        )

    def setUp(self):
        self.request = self.issue_half_year_request([self.commune], deadline=date(2024, 6, 28))

    def test_subject_deadline_and_a_new_recipient_change_with_their_history(self):
        edit_request(
            self.consolidator,
            self.request,
            version=1,
            subject="Báo cáo TTĐN 6 tháng đầu năm 2024 (bổ sung)",
            deadline=date(2024, 7, 5),
            add_units=[self.sibling],
        )
        self.request.refresh_from_db()
        self.assertEqual(self.request.deadline, date(2024, 7, 5))
        self.assertEqual(self.request.version, 2)
        self.assertTrue(self.request.submissions.filter(unit=self.sibling).exists())
        event = self.request.events.get()
        self.assertEqual(event.action, RequestChange.EDIT)
        self.assertEqual(event.by, self.consolidator)
        self.assertEqual(event.data["changes"]["deadline"], ["28/6/2024", "05/7/2024"])
        self.assertEqual(event.data["changes"]["recipients"], ["", "Xã Tuy Phước"])

    def test_a_unit_outside_the_issuers_subtree_is_refused_by_name(self):
        with self.assertRaisesMessage(ReportingError, "Phường Phủ Lý"):
            edit_request(self.consolidator, self.request, version=1, add_units=[self.other_commune])
        self.assertFalse(self.request.submissions.filter(unit=self.other_commune).exists())

    def test_a_change_read_before_someone_elses_is_refused(self):
        edit_request(self.consolidator, self.request, version=1, deadline=date(2024, 7, 1))
        with self.assertRaisesMessage(ReportingError, "vừa được tonghop.bdi sửa"):
            edit_request(self.consolidator, self.request, version=1, subject="Khác")
        self.request.refresh_from_db()
        self.assertEqual(self.request.deadline, date(2024, 7, 1))
        self.assertNotEqual(self.request.subject, "Khác")

    def test_the_form_changes_only_while_nobody_has_submitted(self):
        edit_request(self.consolidator, self.request, version=1, form=self.other_form)
        Submission.objects.filter(request=self.request).update(
            status=Status.SUBMITTED, submitted_at=timezone.now()
        )
        form = ReportForm.objects.get(code="ttdn-6-thang")
        with self.assertRaisesMessage(ReportingError, "không đổi được mẫu báo cáo"):
            edit_request(self.consolidator, self.request, version=2, form=form)

    def test_only_the_issuers_consolidators_change_it(self):
        with self.assertRaises(PermissionDenied):
            edit_request(self.officer, self.request, version=1, subject="Khác")
        with self.assertRaises(PermissionDenied):
            cancel_request(self.leader, self.request, "Không cần nữa.")

    def test_a_cancelled_request_is_kept_marked_and_can_no_longer_be_edited(self):
        cancel_request(self.consolidator, self.request, "Ban hành nhầm kỳ báo cáo.")
        self.request.refresh_from_db()
        self.assertTrue(self.request.is_cancelled)
        self.assertEqual(self.request.cancel_reason, "Ban hành nhầm kỳ báo cáo.")
        self.assertEqual(self.request.submissions.count(), 1)
        self.assertEqual(self.request.events.get().action, RequestChange.CANCEL)
        with self.assertRaisesMessage(ReportingError, "đã bị hủy"):
            edit_request(self.consolidator, self.request, version=None, subject="Khác")

    def test_the_units_asked_cannot_present_or_submit_to_a_cancelled_request(self):
        from ttdn.reporting.services import present_report, submit_report

        cancel_request(self.consolidator, self.request, "Ban hành nhầm.")
        submission = self.request.submissions.get()
        for step in (
            lambda: present_report(self.officer, submission),
            lambda: submit_report(self.officer, submission),
        ):
            with self.assertRaisesMessage(ReportingError, "đã bị hủy"):
                step()

    def test_cancelling_needs_a_reason(self):
        with self.assertRaisesMessage(ReportingError, "lý do hủy"):
            cancel_request(self.consolidator, self.request, " ")

    def test_a_cancelled_request_leaves_the_owing_units_lists_not_the_issuers(self):
        cancel_request(self.consolidator, self.request, "Ban hành nhầm.")
        self.assertFalse(ReportRequest.objects.listed_for(self.officer).exists())
        self.assertTrue(ReportRequest.objects.listed_for(self.consolidator).exists())
        self.client.force_login(self.officer)
        home = self.client.get(reverse("home"))
        self.assertNotContains(home, "812/UBND-VX")
        self.client.force_login(self.consolidator)
        page = self.client.get(reverse("reporting:board", args=[self.request.pk]))
        self.assertContains(page, "Đã hủy")
        self.assertContains(page, "Ban hành nhầm.")


class RequestPagesTests(TreeTestCase):
    def setUp(self):
        self.use_scratch_folders()
        self.request = self.issue_half_year_request([self.commune], deadline=date(2024, 6, 28))
        self.client.force_login(self.consolidator)
        self.url = reverse("reporting:request_edit", args=[self.request.pk])

    def post(self, **changes):
        data = {
            "version": self.request.version,
            "subject": self.request.subject,
            "deadline": "28/06/2024",
            "form": self.request.form_id,
            "units": "",
            **changes,
        }
        return self.client.post(self.url, data)

    def test_the_edit_page_saves_and_says_so(self):
        response = self.post(deadline="05/07/2024", units="BDI-TP", attachment=pdf_upload())
        self.assertRedirects(
            response,
            reverse("reporting:board", args=[self.request.pk]),
            fetch_redirect_response=False,
        )
        board = self.client.get(response.url)
        self.assertContains(board, "Đã lưu thay đổi của yêu cầu báo cáo.")
        self.assertContains(board, "cong-van-812.pdf")
        history = self.client.get(self.url)
        self.assertContains(history, "Hạn nộp: 28/6/2024 → 05/7/2024")
        self.assertContains(history, "Gửi thêm tới: — → Xã Tuy Phước")

    def test_a_stale_form_is_refused_and_what_was_typed_is_kept(self):
        edit_request(self.consolidator, self.request, version=1, deadline=date(2024, 7, 1))
        response = self.post(version=1, subject="Trích yếu mới đã gõ")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "vừa được", status_code=400)
        self.assertContains(response, "Trích yếu mới đã gõ", status_code=400)
        self.request.refresh_from_db()
        self.assertNotEqual(self.request.subject, "Trích yếu mới đã gõ")

    def test_a_unit_outside_the_subtree_is_named_in_the_refusal(self):
        response = self.post(units="HNA-PL")
        self.assertContains(response, "HNA-PL", status_code=400)

    def test_editing_a_cancelled_request_is_refused(self):
        cancel_request(self.consolidator, self.request, "Nhầm.")
        response = self.post(subject="Khác")
        self.assertRedirects(response, reverse("reporting:board", args=[self.request.pk]))
        self.assertNotEqual(ReportRequest.objects.get(pk=self.request.pk).subject, "Khác")

    def test_cancel_from_the_page(self):
        response = self.client.post(
            reverse("reporting:request_cancel", args=[self.request.pk]),
            {"version": self.request.version, "reason": "Ban hành nhầm."},
        )
        board = self.client.get(response.url)
        self.assertContains(board, "Đã hủy yêu cầu báo cáo 812/UBND-VX.")
        self.assertTrue(ReportRequest.objects.get(pk=self.request.pk).is_cancelled)

    def test_the_công_văn_goes_to_recipients_and_the_issuer_only(self):
        letter = docx_bytes()
        self.post(attachment=SimpleUploadedFile("cv.docx", letter))
        url = reverse("reporting:request_attachment", args=[self.request.pk])
        for person, status in (
            (self.officer, 200),
            (self.consolidator, 200),
            (self.sibling_officer, 404),
            (self.outsider, 404),
        ):
            self.client.force_login(person)
            response = self.client.get(url)
            self.assertEqual(response.status_code, status, person.username)
            if status == 200:
                self.assertEqual(b"".join(response.streaming_content), letter)

    def test_a_file_failing_the_checks_is_refused_with_the_reason_and_the_form_kept(self):
        cases = [
            (SimpleUploadedFile("cv.pdf", b"<html>not a pdf</html>"), "không phải là PDF"),
            (SimpleUploadedFile("cv.docx", zip_bomb_docx()), "zip bomb"),
            (SimpleUploadedFile("cv.exe", b"MZ"), "phải là PDF hoặc DOCX"),
            (SimpleUploadedFile("cv.pdf", b""), "rỗng"),
        ]
        for upload, reason in cases:
            with self.subTest(reason=reason):
                response = self.post(subject="Trích yếu đã gõ lại", attachment=upload)
                self.assertContains(response, reason, status_code=400)
                self.assertContains(response, "Trích yếu đã gõ lại", status_code=400)
        self.request.refresh_from_db()
        self.assertEqual((self.request.attachment, self.request.version), ("", 1))

    def test_the_new_request_form_takes_the_công_văn_and_keeps_fields_on_a_bad_file(self):
        url = reverse("reporting:request_create", args=["BDI"])
        data = {
            "number": "900/UBND-VX",
            "issued_on": "14/06/2024",
            "subject": "Báo cáo quý III",
            "form": ReportForm.objects.get(code="ttdn-6-thang").pk,
            "period": "2024S1",
            "deadline": "28/06/2024",
            "units": "BDI-QN",
            "convention": "calendar",
        }
        bad = self.client.post(url, {**data, "attachment": SimpleUploadedFile("a.pdf", b"xx")})
        self.assertContains(bad, "không phải là PDF", status_code=200)
        self.assertContains(bad, "900/UBND-VX")
        self.assertFalse(ReportRequest.objects.filter(number="900/UBND-VX").exists())
        good = self.client.post(url, {**data, "attachment": pdf_upload()})
        self.assertEqual(good.status_code, 302)
        made = ReportRequest.objects.get(number="900/UBND-VX")
        self.assertEqual(made.attachment_filename, "cong-van-812.pdf")

    def test_others_cannot_edit(self):
        make_unit("BDI-X", "Xã X", "commune", self.province)
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(self.url).status_code, 403)
