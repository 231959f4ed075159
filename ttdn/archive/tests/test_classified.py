"""A document stamped MẬT, TỐI MẬT or TUYỆT MẬT is never kept, on any way in: the upload
page, a ZIP, the worker, `ttdn import` (with or without --no-wait). The person is told
why; no row, no text, no search entry and no original is left."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from ttdn.archive import queueing, worker
from ttdn.archive.models import Document, DocumentStatus, Job, JobStatus
from ttdn.archive.sandbox import Sandbox
from ttdn.archive.tests import files
from ttdn.archive.tests.base import ArchiveTestCase
from ttdn.extract.tests import marked
from ttdn.search.models import SearchEntry


class ClassifiedTestCase(ArchiveTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_archive_classified_"))
        self.addCleanup(shutil.rmtree, self.folder, True)

    def assert_kept_only(self, *names: str) -> None:
        """Documents ``names`` are all the archive holds: rows, search entries, originals."""
        self.assertEqual(sorted(Document.objects.values_list("filename", flat=True)), sorted(names))
        extracted = Document.objects.filter(status=DocumentStatus.EXTRACTED)
        self.assertEqual(
            sorted(SearchEntry.objects.values_list("object_id", flat=True)),
            sorted(extracted.values_list("pk", flat=True)),
        )
        self.assertEqual(len(self.stored_files()), extracted.count())
        self.assertEqual(list((self.archive_root / "incoming").iterdir()), [])

    def run_queue(self, batch: queueing.Batch) -> Job:
        job = batch.job
        if batch.queued:
            self.assertTrue(worker.claim(job))
            with self.captureOnCommitCallbacks(execute=True):
                worker.process_job(job)
        job.refresh_from_db()
        return job


class UploadTests(ClassifiedTestCase):
    def test_a_word_report_stamped_in_its_footer_is_refused_on_the_upload_page(self):
        path = marked.write_docx(self.folder, "bao-cao.docx", "Tối mật", "footer")
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("archive:upload", args=["BDI-QN"]),
            {"files": [SimpleUploadedFile("bao-cao.docx", path.read_bytes())]},
            follow=True,
        )
        self.assertContains(response, "mang dấu độ mật “TỐI MẬT”")
        self.assert_kept_only()

    def test_a_zip_keeps_only_its_unstamped_report(self):
        members = {
            "dau-trang.docx": marked.write_docx(
                self.folder, "a.docx", "T U Y Ệ T  M Ậ T", "header"
            ).read_bytes(),
            "khong-dau.txt": marked.write_txt(self.folder, "b.txt", "TOI MAT").read_bytes(),
            "thuong.txt": files.report_text().encode(),
        }
        archive = files.write_zip(self.folder, "lo.zip", members)
        batch = queueing.queue_import(self.officer, self.commune, [archive])
        refused = {r["filename"]: r["message"] for r in batch.refusals}
        self.assertIn("“TUYỆT MẬT”", refused["lo.zip/dau-trang.docx"])
        self.assertIn("“TỐI MẬT”", refused["lo.zip/khong-dau.txt"])
        self.assertEqual([d.filename for d in batch.queued], ["lo.zip/thuong.txt"])
        job = self.run_queue(batch)
        self.assertEqual(job.status, JobStatus.DONE)
        self.assert_kept_only("lo.zip/thuong.txt")


class WorkerTests(ClassifiedTestCase):
    def test_stamps_found_only_on_reading_leave_nothing_behind(self):
        # Past the first page of a Word file, and in a text box: the look at upload
        # misses them, the extraction child does not.
        late = marked.write_docx(self.folder, "trang-sau.docx", "Tối mật", "late")
        box = marked.write_docx(self.folder, "hop.docx", "Mật", "textbox")
        plain = files.write_report(self.folder, "thuong.txt")
        batch = queueing.queue_import(self.officer, self.commune, [late, box, plain])
        self.assertEqual(len(batch.queued), 3)
        job = self.run_queue(batch)
        self.assertEqual(job.status, JobStatus.DONE)
        messages = {r["filename"]: r["message"] for r in job.refusals}
        self.assertIn("“TỐI MẬT”", messages["trang-sau.docx"])
        self.assertIn("“MẬT”", messages["hop.docx"])
        self.assertEqual(job.document_ids, [Document.objects.get(filename="thuong.txt").pk])
        self.assert_kept_only("thuong.txt")
        self.client.force_login(self.officer)
        page = self.client.get(reverse("archive:job", args=[job.pk]))
        self.assertContains(page, "trang-sau.docx")
        self.assertContains(page, "mang dấu độ mật “TỐI MẬT”")

    def test_a_pdf_stamped_in_its_page_footer_leaves_nothing_behind(self):
        documents = [marked.write_docx(self.folder, "chan-trang.docx", "M Ậ T", "footer")]
        pdfs = marked.print_pdfs(self.folder, documents)
        if pdfs is None:
            self.skipTest("LibreOffice (soffice) is not installed: cannot print the test PDF")
        job = self.run_queue(queueing.queue_import(self.officer, self.commune, pdfs))
        self.assertIn("“MẬT”", job.refusals[0]["message"])
        self.assertEqual(job.document_ids, [])
        self.assert_kept_only()

    def test_nothing_of_a_stamped_document_leaves_the_extraction_child(self):
        sandbox = Sandbox()
        self.addCleanup(sandbox.close)
        path = marked.write_docx(self.folder, "mat.docx", "TUYET MAT", "header")
        outcome = sandbox.extract(str(path), "mat.docx", "0" * 64)
        self.assertTrue(outcome.ok)
        self.assertEqual(outcome.marking, "TUYỆT MẬT")
        self.assertEqual((outcome.text, outcome.extract, outcome.body_folded), ("", {}, ""))


class ImportCommandTests(ClassifiedTestCase):
    def call(self, *args, **kwargs) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(*args, stdout=out, stderr=err, **kwargs)
        except CommandError as exc:
            err.write(f"\n{exc}")
        return out.getvalue(), err.getvalue()

    def test_ttdn_import_names_each_stamped_file_and_keeps_none(self):
        marked.write_docx(self.folder, "chan-trang.docx", "TUYET MAT", "footer")
        marked.write_docx(self.folder, "trang-sau.docx", "Tối mật", "late")
        files.write_report(self.folder, "thuong.txt")
        _out, err = self.call("import", str(self.folder), unit="BDI-QN")
        self.assertIn("chan-trang.docx: Tài liệu mang dấu độ mật “TUYỆT MẬT”", err)
        self.assertIn("trang-sau.docx: Tài liệu mang dấu độ mật “TỐI MẬT”", err)
        self.assertIn("2 tệp không được nhập", err)
        self.assert_kept_only("thuong.txt")

    def test_ttdn_import_no_wait_then_the_worker_keeps_none(self):
        marked.write_docx(self.folder, "trang-sau.docx", "Tối mật", "late")
        out, _err = self.call("import", str(self.folder), unit="BDI-QN", no_wait=True)
        self.assertIn("1 tệp chờ", out)
        with self.captureOnCommitCallbacks(execute=True):
            self.call("worker", once=True)
        job = Job.objects.get()
        self.assertIn("“TỐI MẬT”", job.refusals[0]["message"])
        self.assert_kept_only()
