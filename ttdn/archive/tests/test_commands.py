import io
import shutil
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command

from ttdn.archive.models import Document, DocumentStatus, Job, JobStatus
from ttdn.archive.tests import files
from ttdn.archive.tests.base import SAMPLES, ArchiveTestCase


class ImportCommandTests(ArchiveTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_archive_cmd_"))
        self.addCleanup(shutil.rmtree, self.folder, True)

    def call(self, *args, **kwargs) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command(*args, stdout=out, stderr=err, **kwargs)
        return out.getvalue(), err.getvalue()

    def test_ttdn_import_reads_files_and_folders_itself_with_a_progress_bar(self):
        shutil.copy(SAMPLES / "tuy-phuoc-nam-2022.txt", self.folder)
        files.write_report(self.folder, "phuong.txt")
        (self.folder / "ghi-chu.odp").write_bytes(b"ignored: not a report format")
        (self.folder / "README.md").write_text("Notes are read only when named.")
        out, _err = self.call(
            "import", str(self.folder), str(SAMPLES / "ha-nam-6-thang-dau-2022.txt"), unit="BDI-QN"
        )
        self.assertEqual(
            Document.objects.filter(unit=self.commune, status=DocumentStatus.EXTRACTED).count(), 3
        )
        self.assertIn("tuy-phuoc-nam-2022.txt: Chờ rà soát", out)
        self.assertEqual(Job.objects.get().status, JobStatus.DONE)

    def test_ttdn_import_names_each_refused_file_and_ends_in_error(self):
        files.write_report(self.folder, "mat.txt", marking="TUYỆT MẬT")
        files.write_report(self.folder, "tot.txt")
        with self.assertRaisesMessage(CommandError, "1 tệp không được nhập"):
            self.call(
                "import", str(self.folder / "mat.txt"), str(self.folder / "tot.txt"), unit="BDI"
            )
        self.assertEqual(Document.objects.get().filename, "tot.txt")

    def test_ttdn_import_no_wait_leaves_the_job_to_ttdn_worker_once(self):
        out, _err = self.call(
            "import", str(SAMPLES / "tuy-phuoc-nam-2022.txt"), unit="BDI", no_wait=True
        )
        self.assertIn("chờ `ttdn worker`", out)
        self.assertEqual(Document.objects.get().status, DocumentStatus.QUEUED)
        out, _err = self.call("worker", once=True)
        self.assertIn("Đã xử lý 1 tác vụ", out)
        self.assertEqual(Document.objects.get().status, DocumentStatus.EXTRACTED)
        self.assertEqual(Job.objects.get().status, JobStatus.DONE)

    def test_ttdn_import_refuses_an_unknown_unit_or_path(self):
        with self.assertRaisesMessage(CommandError, "Không có đơn vị mã XYZ"):
            self.call("import", str(SAMPLES / "tuy-phuoc-nam-2022.txt"), unit="XYZ")
        with self.assertRaisesMessage(CommandError, "Không tìm thấy tệp"):
            self.call("import", str(self.folder / "khong-co.txt"), unit="BDI")
        self.assertFalse(Job.objects.exists())
