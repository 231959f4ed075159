"""PDFs imported into the archive have their signatures checked when stored: the result
kept, shown on the document's page and searchable; a bad signature keeps the file."""

from __future__ import annotations

import shutil
import tempfile
import unittest
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from ttdn.archive import queueing, worker
from ttdn.archive.models import Document, DocumentStatus
from ttdn.archive.tests.base import ArchiveTestCase
from ttdn.signing import services
from ttdn.signing.models import DocumentSignatureCheck
from ttdn.signing.tests import material
from ttdn.signing.tests.test_pdfsign import sign_both


@unittest.skipUnless(material.HAS_SOFFICE, material.NO_SOFFICE)
@override_settings(SIGNING_TRUST_DEMO_CA=True, SIGNING_TRUST_ROOTS=[], SIGNING_CRLS=[])
class ArchiveSignatureTests(ArchiveTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        material.trust_test_ca()

    def setUp(self) -> None:
        super().setUp()
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_signed_in_"))
        self.addCleanup(shutil.rmtree, self.folder, True)

    def import_files(self, files: dict[str, bytes]) -> dict[str, Document]:
        paths = []
        for name, data in files.items():
            path = self.folder / name
            path.write_bytes(data)
            paths.append(path)
        batch = queueing.queue_import(self.officer, self.commune, paths)
        self.assertTrue(worker.claim(batch.job))
        with self.captureOnCommitCallbacks(execute=True):
            worker.process_job(batch.job)
        return {d.filename: d for d in Document.objects.filter(unit=self.commune)}

    def test_a_valid_an_invalid_and_an_unsigned_pdf_are_told_apart_and_all_kept(self):
        signed, _block = sign_both(material.report_pdf())
        edited = bytearray(signed)
        at = edited.find(b"/Producer")
        edited[at + 1 : at + 2] = b"Q"
        documents = self.import_files(
            {
                "hop-le.pdf": signed,
                "bi-sua.pdf": bytes(edited),
                "khong-ky.pdf": material.report_pdf(),
            }
        )
        verdicts = {
            name: DocumentSignatureCheck.objects.get(document=document).verdict
            for name, document in documents.items()
        }
        self.assertEqual(
            verdicts, {"hop-le.pdf": "valid", "bi-sua.pdf": "invalid", "khong-ky.pdf": "unsigned"}
        )
        for document in documents.values():
            self.assertEqual(document.status, DocumentStatus.EXTRACTED)  # the file is kept
        self.assertEqual(len(self.stored_files()), 3)

        self.client.force_login(self.officer)
        page = self.client.get(reverse("archive:document", args=[documents["bi-sua.pdf"].pk]))
        self.assertContains(page, "Chữ ký số không hợp lệ")
        self.assertContains(page, 'data-testid="signature-check"')
        page = self.client.get(reverse("archive:document", args=[documents["hop-le.pdf"].pk]))
        self.assertContains(page, "Có chữ ký số hợp lệ")
        self.assertContains(page, material.SIGNER)

        listing = reverse("archive:documents", args=[self.commune.code])
        for verdict, name in [
            ("valid", "hop-le.pdf"),
            ("invalid", "bi-sua.pdf"),
            ("unsigned", "khong-ky.pdf"),
        ]:
            shown = self.client.get(listing, {"signature": verdict}).context["documents"]
            self.assertEqual([d.filename for d in shown], [name], verdict)
        self.assertEqual(
            len(self.client.get(listing, {"signature": "nonsense"}).context["documents"]), 3
        )

    def test_a_signature_from_an_unknown_ca_is_shown_as_such(self):
        with self.settings(SIGNING_TRUST_DEMO_CA=False):
            signed, _block = sign_both(material.report_pdf())
            document = self.import_files({"la.pdf": signed})["la.pdf"]
        check = DocumentSignatureCheck.objects.get(document=document)
        self.assertEqual(check.verdict, "invalid")
        self.assertIn("không thuộc tổ chức chứng thực được tin cậy", check.summary)

    def test_a_failing_check_is_recorded_and_the_import_goes_on(self):
        from unittest import mock

        signed, _block = sign_both(material.report_pdf())
        with mock.patch.object(services, "check_pdf", side_effect=RuntimeError("hỏng")):
            document = self.import_files({"x.pdf": signed})["x.pdf"]
        check = DocumentSignatureCheck.objects.get(document=document)
        self.assertEqual(check.verdict, "invalid")
        self.assertIn("Không kiểm tra được chữ ký số", check.summary)
        self.assertEqual(document.status, DocumentStatus.EXTRACTED)
