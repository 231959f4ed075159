from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from ttdn.archive import queueing, review, worker
from ttdn.archive.models import Document, DocumentStatus, Job, JobStatus, LegalDocument
from ttdn.archive.tests import files
from ttdn.archive.tests.base import SAMPLES, ArchiveTestCase


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def sample(name: str) -> SimpleUploadedFile:
    return upload(name, (SAMPLES / name).read_bytes())


class AccessTests(ArchiveTestCase):
    """Every archive page for the anonymous, an outsider, a read-only viewer and an
    officer of the unit."""

    def setUp(self) -> None:
        super().setUp()
        batch = queueing.queue_import(
            self.officer, self.commune, [SAMPLES / "tuy-phuoc-nam-2022.txt"]
        )
        worker.claim(batch.job)
        worker.process_job(batch.job)
        self.job = batch.job
        self.document = Document.objects.get()
        self.legal = LegalDocument.objects.create(number="20/KH-UBND", type="Kế hoạch")
        review.review_items(self.document)  # the document's citation of it links it
        self.urls = {
            "documents": reverse("archive:documents", args=["BDI-QN"]),
            "upload": reverse("archive:upload", args=["BDI-QN"]),
            "job": reverse("archive:job", args=[self.job.pk]),
            "document": reverse("archive:document", args=[self.document.pk]),
            "original": reverse("archive:original", args=[self.document.pk]),
            "legal": reverse("archive:legal", args=[self.legal.pk]),
            "search": reverse("search") + "?q=tuy+phuoc",
        }

    def status(self, name: str, method: str = "get") -> int:
        return getattr(self.client, method)(self.urls[name]).status_code

    def test_anonymous_people_are_sent_to_log_in_from_every_page(self):
        for name, url in self.urls.items():
            with self.subTest(name):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("accounts:login"), response["Location"])

    def test_an_outsider_sees_none_of_the_units_documents_or_jobs(self):
        self.client.force_login(self.outsider)
        for name in ("documents", "upload", "job", "document", "original"):
            with self.subTest(name):
                self.assertEqual(self.status(name), 404)
        self.assertEqual(self.client.post(self.urls["document"], {}).status_code, 404)
        search = self.client.get(self.urls["search"])
        self.assertEqual(search.status_code, 200)
        self.assertNotContains(search, "Tuy Phước")
        self.assertEqual(self.status("legal"), 404)

    def test_a_sibling_communes_officer_does_not_see_the_neighbours_archive(self):
        self.client.force_login(self.sibling_officer)
        self.assertEqual(self.status("documents"), 404)
        self.assertEqual(self.status("document"), 404)

    def test_a_read_only_viewer_reads_everything_but_may_not_upload_or_review(self):
        self.client.force_login(self.viewer)
        for name in ("documents", "job", "document", "original", "legal", "search"):
            with self.subTest(name):
                self.assertEqual(self.status(name), 200)
        self.assertEqual(self.status("upload"), 403)
        self.assertEqual(self.status("upload", "post"), 403)
        self.assertEqual(self.client.post(self.urls["document"], {}).status_code, 403)
        page = self.client.get(self.urls["document"])
        self.assertNotContains(page, 'name="period"')
        self.assertNotContains(self.client.get(self.urls["documents"]), self.urls["upload"])

    def test_the_units_officer_and_the_consolidator_above_it_use_every_page(self):
        for person in (self.officer, self.consolidator):
            self.client.force_login(person)
            for name in self.urls:
                with self.subTest(person=person.username, page=name):
                    self.assertEqual(self.status(name), 200)

    def test_the_original_is_downloaded_as_it_was_uploaded(self):
        self.client.force_login(self.viewer)
        response = self.client.get(self.urls["original"])
        self.assertEqual(
            b"".join(response.streaming_content), (SAMPLES / "tuy-phuoc-nam-2022.txt").read_bytes()
        )
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="tuy-phuoc-nam-2022.txt"'
        )
        self.assertEqual(response["Content-Type"], "text/plain")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Content-Security-Policy"], "sandbox; default-src 'none'")

    def test_an_html_original_never_reaches_the_browser_as_html(self):
        page = b"<html><body><script>fetch('/api/datavalues')</script>Tin bai</body></html>"
        batch = queueing.queue_import(self.officer, self.commune, [upload("tin.html", page)])
        worker.claim(batch.job)
        worker.process_job(batch.job)
        original = reverse("archive:original", args=[batch.documents[0].pk])
        self.client.force_login(self.consolidator)
        response = self.client.get(original)
        self.assertEqual(response["Content-Type"], "application/octet-stream")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="tin.html"')
        self.assertEqual(response["Content-Security-Policy"], "sandbox; default-src 'none'")
        self.assertEqual(b"".join(response.streaming_content), page)

    def test_an_original_not_yet_checked_for_a_marking_is_not_handed_out(self):
        # A PDF or a .doc is checked for a security marking only by the extraction
        # child: until a file has been read, nobody, the uploader included, downloads it.
        batch = queueing.queue_import(
            self.officer, self.commune, [sample("ha-nam-6-thang-dau-2022.txt")]
        )
        document = batch.documents[0]
        original = reverse("archive:original", args=[document.pk])
        page = reverse("archive:document", args=[document.pk])
        for person in (self.officer, self.viewer):
            self.client.force_login(person)
            with self.subTest(person.username):
                self.assertEqual(self.client.get(original).status_code, 404)
                self.assertNotContains(self.client.get(page), original)
        worker.claim(batch.job)
        worker.process_job(batch.job)
        self.assertEqual(self.client.get(original).status_code, 200)
        self.assertContains(self.client.get(page), original)

    @override_settings(ACCEL_REDIRECT_PREFIX="/protected")
    def test_behind_nginx_the_original_is_handed_over_by_its_stored_name(self):
        self.client.force_login(self.officer)
        response = self.client.get(self.urls["original"])
        self.assertEqual(
            response["X-Accel-Redirect"], f"/protected/archive/{self.document.stored_name}"
        )
        self.assertEqual(response.content, b"")
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertEqual(response["Content-Security-Policy"], "sandbox; default-src 'none'")


class UploadPageTests(ArchiveTestCase):
    def test_the_documents_list_shows_each_documents_state_and_the_upload_button(self):
        batch = queueing.queue_import(
            self.officer, self.commune, [SAMPLES / "tuy-phuoc-nam-2022.txt"]
        )
        worker.claim(batch.job)
        worker.process_job(batch.job)
        self.client.force_login(self.officer)
        page = self.client.get(reverse("archive:documents", args=["BDI-QN"]))
        self.assertContains(page, "Kết quả hoạt động thông tin đối ngoại năm 2022")
        self.assertContains(page, "Chờ rà soát")
        self.assertContains(page, "năm 2022")
        self.assertContains(page, reverse("archive:upload", args=["BDI-QN"]))

    def test_uploading_several_files_queues_one_job_and_shows_its_progress(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("archive:upload", args=["BDI-QN"]),
            {"files": [sample("tuy-phuoc-nam-2022.txt"), sample("ha-nam-6-thang-dau-2022.txt")]},
        )
        job = Job.objects.get()
        self.assertRedirects(response, reverse("archive:job", args=[job.pk]))
        self.assertEqual(job.unit, self.commune)
        self.assertEqual(job.created_by, self.officer)
        self.assertEqual(Document.objects.filter(status=DocumentStatus.QUEUED).count(), 2)
        self.assertEqual(len(self.stored_files()), 2)
        page = self.client.get(reverse("archive:job", args=[job.pk]))
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertContains(page, "ttdn worker")

    def test_with_htmx_the_upload_answers_with_a_progress_bar_that_polls_until_done(self):
        self.client.force_login(self.officer)
        zipped = files.zip_bytes({"a.txt": files.report_text(number=1).encode(), "../b.txt": b"x"})
        response = self.client.post(
            reverse("archive:upload", args=["BDI-QN"]),
            {"files": [upload("bao-cao.zip", zipped)]},
            headers={"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "<html")
        self.assertContains(response, "<progress")
        self.assertContains(response, 'hx-trigger="every 1s"')
        self.assertContains(response, "Đường dẫn không an toàn")
        job = Job.objects.get()
        worker.claim(job)
        worker.process_job(job)
        poll = self.client.get(
            reverse("archive:job", args=[job.pk]), headers={"HX-Request": "true"}
        )
        self.assertContains(poll, 'value="100"')
        self.assertNotContains(poll, "hx-trigger")
        self.assertContains(
            poll,
            reverse(
                "archive:document", args=[Document.objects.get(filename="bao-cao.zip/a.txt").pk]
            ),
        )
        self.assertEqual(Job.objects.get().status, JobStatus.DONE)

    def test_a_classified_upload_is_refused_on_the_page_and_leaves_no_document(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("archive:upload", args=["BDI-QN"]),
            {"files": [upload("mat.txt", files.report_text(marking="MẬT").encode())]},
            follow=True,
        )
        self.assertContains(response, "mang dấu độ mật “MẬT”")
        self.assertFalse(Document.objects.exists())
        self.assertEqual(self.stored_files(), [])

    def test_an_upload_without_files_is_refused_with_a_message(self):
        self.client.force_login(self.officer)
        response = self.client.post(reverse("archive:upload", args=["BDI-QN"]), {})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "errorlist")
        self.assertFalse(Job.objects.exists())
