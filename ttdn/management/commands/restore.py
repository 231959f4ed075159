"""ttdn restore FILE [--force]: put a backup made by `ttdn backup` back,
database and files, after checking all of it (ttdn/backup.py; docs/deployment.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ttdn.backup import BackupError, restore


class Command(BaseCommand):
    help = _(
        "Khôi phục cơ sở dữ liệu và các tệp từ một bản sao lưu của `ttdn backup`; "
        "mọi tệp được kiểm tra trước khi thay dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("tệp .tar do `ttdn backup` tạo"))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("thay cả khi hệ thống đích đã có dữ liệu (dữ liệu đó sẽ mất)"),
        )

    def handle(self, *args, **options):
        say = self.stdout.write if options["verbosity"] >= 1 else (lambda line: None)
        try:
            summary = restore(
                Path(options["file"]),
                force=options["force"],
                progress=say,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        for note in summary.notes:
            self.stderr.write(note)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã khôi phục từ %(path)s: %(summary)s")
                % {"path": summary.path, "summary": summary}
            )
        )
