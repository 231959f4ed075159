"""ttdn backup [--out FILE|FOLDER]: the database, the archive's originals and the evidence
files in one tar file, made while the site runs (ttdn/backup.py; docs/deployment.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ttdn.backup import BackupError, backup


class Command(BaseCommand):
    help = _(
        "Sao lưu cơ sở dữ liệu, bản gốc tài liệu và tệp minh chứng vào một tệp .tar "
        "(chạy được khi hệ thống đang hoạt động)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            default=".",
            metavar="FILE|FOLDER",
            help=_("tệp sao lưu, hoặc thư mục để đặt tệp ttdn-NĂMTHÁNGNGÀY-GIỜ.tar (mặc định: .)"),
        )

    def handle(self, *args, **options):
        say = self.stdout.write if options["verbosity"] >= 1 else (lambda line: None)
        try:
            summary = backup(Path(options["out"]), progress=say)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for note in summary.notes:
            self.stderr.write(note)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã sao lưu vào %(path)s: %(summary)s")
                % {"path": summary.path, "summary": summary}
            )
        )
