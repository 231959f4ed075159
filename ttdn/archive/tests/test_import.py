import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from unittest import mock

from django.db import OperationalError
from django.test import override_settings

from ttdn.archive import intake, queueing, review, search, storage, worker
from ttdn.archive.models import (
    Document,
    DocumentStatus,
    ImportedItem,
    ItemKind,
    Job,
    JobStatus,
)
from ttdn.archive.sandbox import Sandbox
from ttdn.archive.tests import files
from ttdn.archive.tests.base import SAMPLES, ArchiveTestCase
from ttdn.extract.tests.files import write_docx_with_xml_of
from ttdn.indicators.services import subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.lib.textfold import fold_aligned
from ttdn.search.models import SearchEntry
from ttdn.search.text import search_body


class ImportTestCase(ArchiveTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_archive_in_"))
        self.addCleanup(shutil.rmtree, self.folder, True)

    def run_import(self, *paths, user=None, unit=None):
        batch = queueing.queue_import(user or self.officer, unit or self.commune, list(paths))
        if batch.queued:
            self.assertTrue(worker.claim(batch.job))
            with self.captureOnCommitCallbacks(execute=True):
                worker.process_job(batch.job)
        batch.job.refresh_from_db()
        return batch


class ImportTests(ImportTestCase):
    def test_the_three_samples_are_queued_then_extracted_with_their_full_text(self):
        batch = queueing.queue_import(self.officer, self.commune, sorted(SAMPLES.glob("*.txt")))
        self.assertEqual(len(batch.queued), 3)
        self.assertEqual(batch.job.status, JobStatus.QUEUED)
        self.assertEqual(len(self.stored_files()), 3)
        self.assertTrue(worker.claim(batch.job))
        worker.process_job(batch.job)
        batch.job.refresh_from_db()
        self.assertEqual(batch.job.status, JobStatus.DONE)
        self.assertEqual(batch.job.progress, 100)
        tuy_phuoc = Document.objects.get(filename="tuy-phuoc-nam-2022.txt")
        self.assertEqual(tuy_phuoc.status, DocumentStatus.EXTRACTED)
        self.assertEqual(tuy_phuoc.kind, "report")
        self.assertEqual(tuy_phuoc.period, "2022")
        self.assertEqual(tuy_phuoc.imported_by, self.officer)
        self.assertIn("Kết quả hoạt động thông tin đối ngoại năm 2022", tuy_phuoc.text)
        self.assertEqual(len(tuy_phuoc.sha256), 64)
        ha_nam = Document.objects.get(filename="ha-nam-6-thang-dau-2022.txt")
        self.assertEqual(ha_nam.period, "2022S1")
        self.assertFalse(ha_nam.items.exists())  # review rows are made on first review
        facts = [i for i in review.review_items(ha_nam) if i.kind == ItemKind.FACT]
        self.assertEqual(len(facts), len(ha_nam.extract["facts"]))
        fdi = next(f for f in facts if "08 dự án FDI" in f.text)
        self.assertEqual(fdi.suggested_indicator.code, "fdi_projects")
        self.assertEqual(SearchEntry.objects.filter(kind="document").count(), 3)
        self.assertIn("ha-nam-6-thang-dau-2022.txt: đã trích xuất", batch.job.log)

    def test_nothing_read_from_a_document_counts_in_totals_before_review(self):
        self.run_import(SAMPLES / "ha-nam-6-thang-dau-2022.txt")
        totals = subtree_totals(self.province, parse_period_id("2022S1"))
        self.assertTrue(all(row.total is None for row in totals.rows))

    def test_a_file_already_imported_is_refused_with_a_reference_to_the_first_import(self):
        first = self.run_import(SAMPLES / "tuy-phuoc-nam-2022.txt").documents[0]
        copy = self.folder / "ban-sao.txt"
        shutil.copy(SAMPLES / "tuy-phuoc-nam-2022.txt", copy)
        again = self.run_import(copy).documents[0]
        self.assertEqual(again.status, DocumentStatus.REFUSED)
        self.assertEqual(again.duplicate_of, first)
        self.assertIn("đã được nhập", again.error)
        self.assertIn("tuy-phuoc-nam-2022.txt", again.error)
        self.assertEqual(len(self.stored_files()), 1)

    def test_the_same_file_landing_meanwhile_from_another_upload_is_refused_alone(self):
        sample, other = SAMPLES / "tuy-phuoc-nam-2022.txt", SAMPLES / "ha-nam-6-thang-dau-2022.txt"
        sha = hashlib.sha256(sample.read_bytes()).hexdigest()
        keep = storage.keep

        def keep_while_another_upload_lands(source, filename):
            # Between this batch's check for known files and its insert.
            if not Document.objects.filter(sha256=sha).exists():
                Document.objects.create(
                    unit=self.other_commune, filename="cung-luc.txt", sha256=sha
                )
            return keep(source, filename)

        with mock.patch.object(storage, "keep", side_effect=keep_while_another_upload_lands):
            batch = queueing.queue_import(self.officer, self.commune, [sample, other])
        late, kept = batch.documents
        self.assertEqual(late.status, DocumentStatus.REFUSED)
        self.assertEqual(late.duplicate_of.filename, "cung-luc.txt")
        self.assertEqual(kept.status, DocumentStatus.QUEUED)
        self.assertEqual(Document.objects.get(pk=kept.pk).filename, other.name)
        self.assertEqual(Document.objects.get(pk=late.pk).status, DocumentStatus.REFUSED)
        self.assertEqual(batch.job.document_ids, [late.pk, kept.pk])
        self.assertEqual([p.name for p in self.stored_files()], [Path(kept.stored_name).name])

    def test_an_outsider_learns_only_that_the_file_exists_elsewhere(self):
        self.run_import(SAMPLES / "tuy-phuoc-nam-2022.txt")
        again = self.run_import(
            SAMPLES / "tuy-phuoc-nam-2022.txt", user=self.outsider, unit=self.other_commune
        ).documents[0]
        self.assertEqual(again.status, DocumentStatus.REFUSED)
        self.assertNotIn("Quy Nhơn", again.error)
        self.assertIn("đơn vị khác", again.error)

    @override_settings(IMPORT_MAX_FILE_MB=0.01)
    def test_an_oversized_file_is_refused_and_not_stored(self):
        batch = self.run_import(SAMPLES / "tuy-phuoc-nam-2022.txt")
        document = batch.documents[0]
        self.assertEqual(document.status, DocumentStatus.REFUSED)
        self.assertIn("Tệp quá lớn", document.error)
        self.assertEqual(document.stored_name, "")
        self.assertEqual(self.stored_files(), [])
        self.assertEqual(batch.job.status, JobStatus.DONE)

    def test_an_unsupported_format_is_refused_with_a_message(self):
        path = self.folder / "bang-tinh.xlsx"
        path.write_bytes(b"PK\x03\x04 not really")
        document = self.run_import(path).documents[0]
        self.assertEqual(document.status, DocumentStatus.REFUSED)
        self.assertIn("không được hỗ trợ", document.error)
        self.assertEqual(self.stored_files(), [])

    def test_a_pdf_without_a_text_layer_is_refused_and_its_file_removed(self):
        path = files.write_blank_pdf(self.folder, "ban-quet.pdf")
        document = self.run_import(path).documents[0]
        document.refresh_from_db()
        self.assertEqual(document.status, DocumentStatus.REFUSED)
        self.assertIn("không có lớp chữ", document.error)
        self.assertIsNone(document.sha256)
        self.assertEqual(self.stored_files(), [])

    def test_a_broken_pdf_is_refused_while_the_rest_of_the_batch_goes_on(self):
        broken = self.folder / "hong.pdf"
        broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
        good = files.write_report(self.folder, "tot.txt")
        batch = self.run_import(broken, good)
        statuses = {d.filename: d.status for d in Document.objects.filter(job=batch.job)}
        self.assertEqual(statuses["hong.pdf"], DocumentStatus.REFUSED)
        self.assertEqual(statuses["tot.txt"], DocumentStatus.EXTRACTED)


class LimitTests(ImportTestCase):
    def run_limited(self, path: Path, **limits):
        sandbox = Sandbox(**limits)
        self.addCleanup(sandbox.close)
        batch = queueing.queue_import(self.officer, self.commune, [path])
        self.assertTrue(worker.claim(batch.job))
        with self.captureOnCommitCallbacks(execute=True):
            worker.process_job(batch.job, sandbox=sandbox)
        return Document.objects.get(job=batch.job)

    def test_a_docx_too_big_for_the_memory_limit_is_refused_as_such_not_as_damaged(self):
        path = self.folder / "lon.docx"
        write_docx_with_xml_of(path, 24 * 1024 * 1024)
        document = self.run_limited(path, memory_mb=150)
        self.assertEqual(document.status, DocumentStatus.REFUSED)
        self.assertIn("vượt giới hạn bộ nhớ (150 MB)", document.error)
        self.assertNotIn("hỏng", document.error)
        self.assertEqual(self.stored_files(), [])

    def test_a_file_read_past_the_time_limit_is_refused_with_the_limit(self):
        document = self.run_limited(SAMPLES / "tuy-phuoc-nam-2022.txt", timeout=0.05)
        self.assertEqual(document.status, DocumentStatus.REFUSED)
        self.assertIn("quá thời gian xử lý (0,05 giây)", document.error)

    def test_the_worker_sweeps_what_a_killed_conversion_left(self):
        dead = subprocess.Popen(["true"])
        dead.wait()
        left = Path(tempfile.gettempdir()) / f"ttdn-lo-{dead.pid}-sweeptest"
        (left / "profile").mkdir(parents=True, exist_ok=True)
        abandoned = storage.spool_dir() / "abandoned"
        (abandoned / "a.txt").parent.mkdir(parents=True, exist_ok=True)
        (abandoned / "a.txt").write_text("x")
        fresh = Path(tempfile.mkdtemp(dir=storage.spool_dir()))
        self.addCleanup(shutil.rmtree, fresh, True)
        hours_ago = time.time() - storage.SPOOL_STALE_SECONDS - 60
        for path in (abandoned / "a.txt", abandoned):
            os.utime(path, (hours_ago, hours_ago))
        worker.run_worker(once=True)
        self.assertFalse(left.exists())
        self.assertFalse(abandoned.exists())
        self.assertTrue(fresh.exists(), "an upload being checked right now is left alone")


class WorkerLoopTests(ImportTestCase):
    def test_a_database_busy_for_a_moment_does_not_stop_the_worker(self):
        batch = queueing.queue_import(
            self.officer, self.commune, [SAMPLES / "tuy-phuoc-nam-2022.txt"]
        )
        claim_next = Job.claim_next
        calls = []

        def busy_once(*args, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise OperationalError("database table is locked: archive_job")
            return claim_next(*args, **kwargs)

        with (
            mock.patch.object(Job, "claim_next", side_effect=busy_once),
            self.assertLogs("ttdn.archive.worker", "WARNING") as logged,
        ):
            finished = worker.run_worker(once=True, poll_seconds=0)
        self.assertEqual(finished, 1)
        batch.job.refresh_from_db()
        self.assertEqual(batch.job.status, JobStatus.DONE)
        self.assertIn("database table is locked", logged.output[0])


class ZipUploadTests(ImportTestCase):
    def test_a_zip_is_expanded_and_a_member_climbing_out_is_refused_while_the_rest_go_on(self):
        path = files.write_zip(
            self.folder,
            "bao-cao.zip",
            {
                "2023/a.txt": files.report_text(number=1).encode(),
                "../../etc/evil.txt": files.report_text(number=2).encode(),
                "/tmp/absolute.txt": files.report_text(number=3).encode(),
                "b.txt": files.report_text(number=4).encode(),
                "anh.jpg": b"\xff\xd8\xff",
            },
        )
        batch = self.run_import(path)
        by_name = {d.filename: d for d in Document.objects.filter(job=batch.job)}
        self.assertEqual(by_name["bao-cao.zip/2023/a.txt"].status, DocumentStatus.EXTRACTED)
        self.assertEqual(by_name["bao-cao.zip/b.txt"].status, DocumentStatus.EXTRACTED)
        self.assertIn("không an toàn", by_name["bao-cao.zip/../../etc/evil.txt"].error)
        self.assertIn("không an toàn", by_name["bao-cao.zip//tmp/absolute.txt"].error)
        self.assertIn("không được hỗ trợ", by_name["bao-cao.zip/anh.jpg"].error)
        self.assertEqual(len(self.stored_files()), 2)
        self.assertFalse(any("evil" in str(p) for p in self.archive_root.parent.rglob("evil*")))

    def test_a_zip_bomb_member_is_refused_before_it_is_decompressed(self):
        bomb = b"\0" * (20 * 1024 * 1024)  # 20 MB of zeros deflates to ~20 KB
        path = files.write_zip(
            self.folder, "bom.zip", {"bom.txt": bomb, "ok.txt": files.report_text().encode()}
        )
        with mock.patch.object(intake, "spool", wraps=intake.spool) as spool:
            batch = self.run_import(path)
        by_name = {d.filename: d for d in Document.objects.filter(job=batch.job)}
        self.assertIn("zip bomb", by_name["bom.zip/bom.txt"].error)
        self.assertEqual(by_name["bom.zip/ok.txt"].status, DocumentStatus.EXTRACTED)
        spooled = [call.args[1].name for call in spool.call_args_list]
        self.assertEqual(len(spooled), 2)  # the archive itself and ok.txt, never bom.txt

    def test_a_zip_with_too_many_members_is_refused_as_a_whole(self):
        path = files.write_zip(
            self.folder,
            "nhieu.zip",
            {f"{n}.txt": b"x" for n in range(intake.MAX_ZIP_MEMBERS + 1)},
        )
        batch = self.run_import(path)
        self.assertEqual(len(batch.documents), 1)
        self.assertIn("tối đa 500", batch.documents[0].error)
        self.assertEqual(self.stored_files(), [])

    def test_a_damaged_zip_is_refused(self):
        path = self.folder / "hong.zip"
        path.write_bytes(b"PK\x03\x04 broken")
        batch = self.run_import(path)
        self.assertIn("bị hỏng", batch.documents[0].error)


class ClassifiedDocumentTests(ImportTestCase):
    def test_a_text_report_marked_mat_is_refused_at_upload_and_not_stored(self):
        path = files.write_report(self.folder, "bao-cao-mat.txt", marking="MẬT")
        batch = queueing.queue_import(self.officer, self.commune, [path])
        self.assertEqual(batch.documents, [])
        self.assertEqual(len(batch.refusals), 1)
        self.assertIn("“MẬT”", batch.refusals[0]["message"])
        self.assertEqual(Document.objects.count(), 0)
        self.assertEqual(self.stored_files(), [])
        self.assertEqual(list((self.archive_root / "incoming").iterdir()), [])
        self.assertEqual(batch.job.status, JobStatus.DONE)

    def test_a_word_report_marked_toi_mat_in_its_header_table_is_refused_at_upload(self):
        path = files.write_docx(self.folder, "bao-cao.docx", marking="TỐI MẬT")
        batch = queueing.queue_import(self.officer, self.commune, [path])
        self.assertEqual(batch.documents, [])
        self.assertIn("TỐI MẬT", batch.refusals[0]["message"])
        self.assertEqual(self.stored_files(), [])

    def test_a_pdf_marked_tuyet_mat_is_refused_after_reading_and_leaves_nothing(self):
        pdf = files.write_pdf(
            self.folder, files.write_docx(self.folder, "mat.docx", marking="TUYỆT MẬT")
        )
        if pdf is None:
            self.skipTest("LibreOffice (soffice) is not installed: cannot print the test PDF")
        batch = self.run_import(pdf)
        self.assertEqual(Document.objects.count(), 0)
        self.assertEqual(SearchEntry.objects.count(), 0)
        self.assertEqual(self.stored_files(), [])
        self.assertEqual(batch.job.document_ids, [])
        self.assertIn("TUYỆT MẬT", batch.job.refusals[0]["message"])
        self.assertEqual(batch.job.status, JobStatus.DONE)

    def test_the_word_mat_inside_prose_is_not_a_security_marking(self):
        self.assertEqual(intake.security_marking(files.report_text()), "")
        self.assertEqual(intake.security_marking("Bảo mật thông tin\nMật khẩu: 123\nBÍ MẬT"), "")
        self.assertEqual(intake.security_marking("Mật độ dân số cao\n\nMẬT ĐỘ"), "")
        # Past the first page only a stamp in capitals counts ("Mật" may be a table value).
        self.assertEqual(intake.security_marking("\n".join(["Dòng nội dung"] * 60 + ["Mật"])), "")
        self.assertEqual(
            intake.security_marking("\n".join(["Dòng nội dung"] * 60 + ["MẬT"])), "MẬT"
        )

    def test_the_marking_is_found_alone_on_its_line_or_in_its_own_cell(self):
        self.assertEqual(intake.security_marking("Số: 12/BC-UBND\nMẬT\nBÁO CÁO"), "MẬT")
        self.assertEqual(intake.security_marking("Số: 12/BC-UBND\t\tTối mật"), "TỐI MẬT")
        self.assertEqual(intake.security_marking("  « TUYỆT  MẬT »  "), "TUYỆT MẬT")

    def test_a_sample_that_speaks_of_information_security_is_imported(self):
        text = (SAMPLES / "tuy-phuoc-nam-2022.txt").read_text(encoding="utf-8")
        self.assertIn("bảo mật", text.lower())
        batch = self.run_import(SAMPLES / "tuy-phuoc-nam-2022.txt")
        self.assertEqual(batch.documents[0].status, DocumentStatus.QUEUED)  # as queued
        self.assertEqual(Document.objects.get().status, DocumentStatus.EXTRACTED)


class CrashSafetyTests(ImportTestCase):
    def test_a_failure_inside_one_document_leaves_nothing_half_written(self):
        paths = [files.write_report(self.folder, f"{n}.txt", number=n) for n in (1, 2, 3)]
        batch = queueing.queue_import(self.officer, self.commune, paths)
        worker.claim(batch.job)
        real = search.document_row

        def fail_on_second(document, body_folded=""):
            if document.filename == "2.txt":
                raise RuntimeError("disk full")
            return real(document, body_folded)

        with mock.patch.object(search, "document_row", side_effect=fail_on_second):
            worker.process_job(batch.job)
        second = Document.objects.get(filename="2.txt")
        self.assertEqual(second.status, DocumentStatus.FAILED)
        self.assertIn("disk full", second.error)
        self.assertFalse(second.items.exists())
        self.assertEqual(second.text, "")
        self.assertEqual(Document.objects.filter(status=DocumentStatus.EXTRACTED).count(), 2)
        self.assertEqual(SearchEntry.objects.count(), 2)
        job = Job.objects.get()
        self.assertEqual(job.status, JobStatus.DONE)
        for name in ("1.txt", "2.txt", "3.txt"):
            self.assertEqual(job.log.count(f"{name}: "), 1, name)  # the retried group: once

    def test_a_job_taken_over_from_a_dead_worker_imports_each_document_once(self):
        class Died(BaseException):
            """The worker process ends here, with no cleanup."""

        def die(document, body_folded=""):
            raise Died()

        paths = [files.write_report(self.folder, f"{n}.txt", number=n) for n in range(1, 5)]
        batch = queueing.queue_import(self.officer, self.commune, paths)
        worker.claim(batch.job, worker="dead:1")
        with mock.patch.object(worker, "GROUP_DOCUMENTS", 1), self.assertRaises(Died):
            worker.process_job(batch.job, progress=die)
        self.assertEqual(Document.objects.filter(status=DocumentStatus.EXTRACTED).count(), 1)
        self.assertEqual(Document.objects.filter(status=DocumentStatus.PROCESSING).count(), 3)
        Job.objects.filter(pk=batch.job.pk).update(heartbeat="2000-01-01T00:00:00Z")
        job = Job.claim_next("alive:2", worker.stale_after())
        self.assertEqual(job.pk, batch.job.pk)
        worker.process_job(job)
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.DONE)
        self.assertEqual(Document.objects.filter(status=DocumentStatus.EXTRACTED).count(), 4)
        for document in Document.objects.all():
            expected = 1 + len(document.extract["facts"]) + len(document.extract["references"])
            self.assertEqual(len(review.review_items(document)), expected)
            self.assertEqual(job.log.count(f"{document.filename}: đã trích xuất"), 1)
        self.assertEqual(SearchEntry.objects.filter(kind="document").count(), 4)
        # The period, two facts, one reference.
        self.assertEqual(ImportedItem.objects.filter(document__filename="1.txt").count(), 4)

    def test_a_job_its_workers_died_on_again_and_again_is_given_up(self):
        batch = queueing.queue_import(
            self.officer, self.commune, [files.write_report(self.folder, "a.txt")]
        )
        Job.objects.filter(pk=batch.job.pk).update(attempts=worker.MAX_ATTEMPTS)
        worker.claim(batch.job)
        worker.process_job(batch.job)
        document = Document.objects.get()
        self.assertEqual(document.status, DocumentStatus.FAILED)
        self.assertIn("dừng nhiều lần", document.error)
        self.assertEqual(Job.objects.get().status, JobStatus.DONE)


class PipelineTests(ImportTestCase):
    def test_files_are_shared_between_extraction_children_and_stored_in_order(self):
        paths = [files.write_report(self.folder, f"{n}.txt", number=n) for n in range(1, 7)]
        batch = queueing.queue_import(self.officer, self.commune, paths)
        worker.claim(batch.job)
        pool = [Sandbox(), Sandbox()]
        for child in pool:
            self.addCleanup(child.close)
        sent = []
        for child in pool:
            submit = child.submit

            def counting(*args, _submit=submit, _child=child):
                sent.append(_child)
                return _submit(*args)

            child.submit = counting
        with mock.patch.object(worker, "_pool", pool):
            worker.process_job(batch.job)
        self.assertEqual(set(map(id, sent)), {id(pool[0]), id(pool[1])})
        self.assertEqual(Document.objects.filter(status=DocumentStatus.EXTRACTED).count(), 6)
        job = Job.objects.get()
        order = [job.log.index(f"{n}.txt: đã trích xuất") for n in range(1, 7)]
        self.assertEqual(order, sorted(order))

    def test_files_held_by_a_child_that_died_are_sent_again(self):
        paths = [files.write_report(self.folder, f"{n}.txt", number=n) for n in range(1, 4)]
        batch = queueing.queue_import(self.officer, self.commune, paths)
        worker.claim(batch.job)
        child = Sandbox()
        self.addCleanup(child.close)
        receive = child.receive

        def dies_once(*args):
            child.receive = receive
            child._proc.kill()  # the child dies holding all three files
            child._proc.wait()
            return receive(*args)

        child.receive = dies_once
        with self.captureOnCommitCallbacks(execute=True):
            worker.process_job(batch.job, sandbox=child)
        statuses = dict(Document.objects.values_list("filename", "status"))
        self.assertEqual(statuses["1.txt"], DocumentStatus.REFUSED)
        self.assertIn("bộ nhớ hoặc bị lỗi", Document.objects.get(filename="1.txt").error)
        self.assertEqual(statuses["2.txt"], DocumentStatus.EXTRACTED)
        self.assertEqual(statuses["3.txt"], DocumentStatus.EXTRACTED)


class ImportHereTests(ImportTestCase):
    """import_files: ``ttdn import`` queues the files a few at a time while the first
    ones are already being extracted."""

    def test_files_queued_in_steps_end_as_a_single_queue_would_leave_them(self):
        paths = [*sorted(SAMPLES.glob("*.txt"))]
        paths.append(files.write_report(self.folder, "mat.txt", marking="MẬT"))
        paths.append(self.folder / "slides.odp")
        paths[-1].write_bytes(b"not a report")
        paths.append(self.folder / "ban-sao.txt")  # the first sample again, two steps later
        shutil.copy(paths[0], paths[-1])
        with (
            mock.patch.object(queueing, "STREAM_FILES", 2),
            self.captureOnCommitCallbacks(execute=True),
        ):
            batch = queueing.import_files(self.officer, self.commune, paths)
        job = Job.objects.get()
        self.assertEqual(job.status, JobStatus.DONE)
        self.assertEqual(job.progress, 100)
        self.assertEqual(job.document_ids, [d.pk for d in batch.documents])
        statuses = {d.filename: d.status for d in Document.objects.all()}
        samples = {p.name: DocumentStatus.EXTRACTED for p in paths[:3]}
        refused = {"slides.odp": DocumentStatus.REFUSED, "ban-sao.txt": DocumentStatus.REFUSED}
        self.assertEqual(statuses, samples | refused)
        self.assertEqual(
            Document.objects.get(filename="ban-sao.txt").duplicate_of, batch.documents[0]
        )
        self.assertEqual([r["filename"] for r in job.refusals], ["mat.txt"])
        for name in statuses | {"mat.txt": None}:
            self.assertEqual(job.log.count(f"{name}: "), 1, name)
        self.assertEqual(len(self.stored_files()), 3)

    def test_the_children_extract_before_the_last_files_are_queued(self):
        paths = [files.write_report(self.folder, f"{n}.txt", number=n) for n in range(1, 5)]
        events = []
        keep, submit = storage.keep, Sandbox.submit

        def keeping(*args):
            events.append("keep")
            return keep(*args)

        def submitting(child, *args):
            events.append("submit")
            return submit(child, *args)

        with (
            mock.patch.object(queueing, "STREAM_FILES", 1),
            mock.patch.object(storage, "keep", side_effect=keeping),
            mock.patch.object(Sandbox, "submit", submitting),
        ):
            queueing.import_files(self.officer, self.commune, paths)
        self.assertEqual(events.count("keep"), 4)
        self.assertLess(events.index("submit"), len(events) - 1 - events[::-1].index("keep"))
        self.assertEqual(Document.objects.filter(status=DocumentStatus.EXTRACTED).count(), 4)

    def test_a_worker_does_not_take_a_job_being_imported_here(self):
        paths = [files.write_report(self.folder, f"{n}.txt", number=n) for n in range(1, 3)]
        claims = []

        def meanwhile(document):
            claims.append(Job.claim_next("worker:2", worker.stale_after()))

        queueing.import_files(self.officer, self.commune, paths, progress=meanwhile)
        self.assertEqual(claims, [None, None])
        self.assertEqual(Job.objects.get().claimed_by, worker.worker_name())

    def test_when_queueing_fails_midway_a_worker_finishes_what_was_queued(self):
        paths = [files.write_report(self.folder, f"{n}.txt", number=n) for n in range(1, 5)]
        gather = intake.gather
        calls = []

        def fails_second(files_, folder):
            calls.append(1)
            if len(calls) == 2:
                raise OSError("disk full")
            return gather(files_, folder)

        with (
            mock.patch.object(queueing, "STREAM_FILES", 2),
            mock.patch.object(intake, "gather", side_effect=fails_second),
            self.assertRaisesMessage(OSError, "disk full"),
        ):
            queueing.import_files(self.officer, self.commune, paths)
        job = Job.objects.get()
        self.assertEqual(job.status, JobStatus.RUNNING)
        self.assertEqual(Document.objects.count(), 2)  # the first step's files only
        self.assertEqual(len(self.stored_files()), 2)
        Job.objects.filter(pk=job.pk).update(heartbeat="2000-01-01T00:00:00Z")
        job = Job.claim_next("worker:2", worker.stale_after())
        worker.process_job(job)
        self.assertEqual(Document.objects.filter(status=DocumentStatus.EXTRACTED).count(), 2)
        self.assertEqual(Job.objects.get().status, JobStatus.DONE)
        # Importing the same files again takes the two that were never kept.
        again = queueing.import_files(self.officer, self.commune, paths)
        self.assertEqual(
            [d.status for d in again.documents],
            [DocumentStatus.REFUSED] * 2 + [DocumentStatus.EXTRACTED] * 2,
        )

    def test_a_step_keeps_what_the_import_changed_in_the_job_meanwhile(self):
        job = Job.objects.create(unit=self.commune)
        queue = queueing._Queue(self.officer, self.commune, job)
        folder = Path(tempfile.mkdtemp(dir=storage.spool_dir()))
        self.addCleanup(shutil.rmtree, folder, True)
        first = queue.add(intake.gather([files.write_report(self.folder, "a.txt")], folder))
        # As _refuse_classified does with a document found marked after reading.
        job.payload = {"documents": [], "refusals": [{"filename": "a.txt", "message": "MẬT"}]}
        second = queue.add(
            intake.gather([files.write_report(self.folder, "b.txt", number=2)], folder)
        )
        job.refresh_from_db()
        self.assertEqual(job.document_ids, [second[0].pk])
        self.assertNotIn(first[0].pk, job.document_ids)
        self.assertEqual(job.refusals, [{"filename": "a.txt", "message": "MẬT"}])


class SandboxTests(ImportTestCase):
    def test_the_child_prepares_the_marking_and_search_text_as_the_parent_would(self):
        sandbox = Sandbox()
        self.addCleanup(sandbox.close)
        path = files.write_report(self.folder, "mat.txt", marking="TỐI MẬT")
        outcome = sandbox.extract(str(path), "mat.txt", "0" * 64)
        self.assertEqual((outcome.ok, outcome.marking, outcome.text), (True, "TỐI MẬT", ""))
        path = files.write_report(self.folder, "thuong.txt")
        outcome = sandbox.extract(str(path), "thuong.txt", "0" * 64)
        self.assertTrue(outcome.ok, outcome.error)
        self.assertEqual(outcome.marking, "")
        self.assertEqual(intake.security_marking(outcome.text), "")
        body = search_body(outcome.text)
        self.assertEqual(outcome.body_folded, fold_aligned(body))
        self.assertEqual(len(outcome.body_folded), len(body))
        self.assertIn("thong tin doi ngoai", outcome.body_folded)

    def test_a_file_that_takes_too_long_is_stopped_and_the_next_one_still_reads(self):
        sandbox = Sandbox(timeout=0.05)
        self.addCleanup(sandbox.close)
        path = str(SAMPLES / "tuy-phuoc-nam-2022.txt")
        slow = sandbox.extract(path, "a.txt", "0" * 64)
        self.assertFalse(slow.ok)
        self.assertEqual(slow.kind, "TimeLimitExceeded")
        self.assertEqual(slow.limit, 0.05)
        sandbox.timeout = 60
        again = sandbox.extract(path, "a.txt", "0" * 64)
        self.assertTrue(again.ok)
        self.assertEqual(again.extract["kind"], "report")

    def test_a_reader_that_outgrows_the_memory_cap_is_stopped(self):
        big = self.folder / "lon.txt"
        line = ("Thông tin đối ngoại tỉnh Bình Định năm 2023 " * 4 + "\n").encode()
        with big.open("wb") as fh:
            for _ in range(60 * 1024 * 1024 // len(line)):
                fh.write(line)
        sandbox = Sandbox(memory_mb=150, timeout=60)
        self.addCleanup(sandbox.close)
        outcome = sandbox.extract(str(big), "lon.txt", "0" * 64)
        self.assertFalse(outcome.ok)
        self.assertEqual(outcome.kind, "MemoryLimitExceeded")
        self.assertEqual(outcome.limit, 150)
        self.assertEqual(
            sandbox.extract(str(SAMPLES / "tuy-phuoc-nam-2022.txt"), "a", "0" * 64).ok, True
        )
