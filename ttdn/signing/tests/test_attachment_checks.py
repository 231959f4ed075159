"""A PDF công văn attached to a report request has its signatures checked when it is
attached: the verdict is kept on the request and shown on its board; a bad signature
keeps the file and the request."""

from __future__ import annotations

import unittest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from ttdn.reporting.models import ReportForm, ReportRequest
from ttdn.signing.tests import material
from ttdn.signing.tests.test_pdfsign import sign_both
from ttdn.testing import TreeTestCase


@unittest.skipUnless(material.HAS_SOFFICE, material.NO_SOFFICE)
@override_settings(SIGNING_TRUST_DEMO_CA=True, SIGNING_TRUST_ROOTS=[], SIGNING_CRLS=[])
class AttachmentSignatureTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        material.trust_test_ca()

    def issue(self, number: str, data: bytes) -> ReportRequest:
        self.client.force_login(self.consolidator)
        response = self.client.post(
            reverse("reporting:request_create", args=["BDI"]),
            {
                "number": number,
                "issued_on": "14/06/2024",
                "subject": "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
                "form": ReportForm.objects.get(code="ttdn-6-thang").pk,
                "period": "2024S1",
                "deadline": "28/06/2024",
                "units": "BDI-QN",
                "convention": "calendar",
                "attachment": SimpleUploadedFile(f"{number[:3]}.pdf", data, "application/pdf"),
            },
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        return ReportRequest.objects.get(number=number)

    def test_a_valid_an_edited_and_an_unsigned_công_văn_are_told_apart_and_kept(self):
        signed, _block = sign_both(material.report_pdf())
        edited = bytearray(signed)
        at = edited.find(b"/Producer")
        edited[at + 1 : at + 2] = b"Q"

        valid = self.issue("901/UBND-VX", signed)
        self.assertEqual(valid.attachment_signature, "valid")
        self.assertIn(material.SIGNER, valid.attachment_signature_summary)
        broken = self.issue("902/UBND-VX", bytes(edited))
        self.assertEqual(broken.attachment_signature, "invalid")
        self.assertIn("không hợp lệ", broken.attachment_signature_summary)
        plain = self.issue("903/UBND-VX", material.report_pdf())
        self.assertEqual(plain.attachment_signature, "unsigned")

        for request, words in [
            (valid, "Có chữ ký số hợp lệ"),
            (broken, "Chữ ký số không hợp lệ"),
            (plain, "Không ký số"),
        ]:
            self.assertTrue(request.attachment)  # the file is kept whatever was found
            board = self.client.get(reverse("reporting:board", args=[request.pk]))
            self.assertContains(board, words)
