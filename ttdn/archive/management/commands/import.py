"""ttdn import PATH... --unit CODE [--no-wait]: import old reports into a unit's archive.

Folders are searched for report files and ZIPs. Without --no-wait the files are imported
here, with a progress bar; with it they wait for `ttdn worker`.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from ttdn.archive import queueing
from ttdn.archive.models import Document, DocumentStatus
from ttdn.extract.readers import EXTENSIONS
from ttdn.orgunits.models import OrgUnit

# Picked up when walking a folder, as `ttdn extract` does: notes (.md) are read only when
# named; ZIPs are expanded by the import.
FOLDER_EXTENSIONS = {e for e in EXTENSIONS if e not in (".md", ".text")} | {".zip"}


def input_files(names: list[str]) -> list[Path]:
    out: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            out.extend(
                child
                for child in sorted(path.rglob("*"))
                if child.is_file() and child.suffix.lower() in FOLDER_EXTENSIONS
            )
        elif path.is_file():
            out.append(path)
        else:
            raise CommandError(_("Không tìm thấy tệp hoặc thư mục: %(p)s") % {"p": name})
    return out


class Command(BaseCommand):
    help = _("Nhập báo cáo cũ (DOCX, PDF, HTML, TXT, ZIP) vào kho tài liệu của một đơn vị.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--unit", required=True, metavar="CODE", help=_("mã đơn vị"))
        parser.add_argument("--user", default="", help=_("tên đăng nhập ghi là người nhập"))
        parser.add_argument(
            "--no-wait", action="store_true", help=_("chỉ xếp hàng; `ttdn worker` sẽ xử lý")
        )

    def handle(self, *args, **options):
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(_("Không có đơn vị mã %(c)s.") % {"c": options["unit"]})
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("Không có người dùng %(u)s.") % {"u": options["user"]})
        files = input_files(options["paths"])
        if not files:
            raise CommandError(_("Không có tệp nào để nhập."))
        if options["no_wait"]:
            job = queueing.queue_import(user, unit, files).job
            queued = Document.objects.filter(job=job, status=DocumentStatus.QUEUED).count()
            self.stdout.write(
                _("Đã xếp hàng tác vụ #%(job)s: %(n)d tệp chờ `ttdn worker`.")
                % {"job": job.pk, "n": queued}
            )
        else:
            # The bar counts files given; a ZIP's members are counted as they are read.
            with tqdm(total=len(files), unit=_("tệp"), desc=_("Nhập")) as bar:
                job = queueing.import_files(
                    user, unit, files, progress=lambda document: bar.update(1)
                ).job
                bar.total = max(bar.total, bar.n)
                bar.update(bar.total - bar.n)  # files refused when queued are done too
        job.refresh_from_db()
        self._report(job.pk, job.refusals)

    def _report(self, job_id: int, refusals: list[dict[str, str]]) -> None:
        documents = Document.objects.filter(job_id=job_id).order_by("pk")
        problems = 0
        for document in documents:
            if document.status in (DocumentStatus.REFUSED, DocumentStatus.FAILED):
                problems += 1
                self.stderr.write(f"{document.filename}: {document.error}")
            else:
                self.stdout.write(f"{document.filename}: {document.get_status_display()}")
        for refusal in refusals:
            problems += 1
            self.stderr.write(f"{refusal['filename']}: {refusal['message']}")
        if problems:
            raise CommandError(_("%(n)d tệp không được nhập.") % {"n": problems})
