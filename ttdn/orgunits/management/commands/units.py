"""ttdn units import FILE | ttdn units export — the unit tree as CSV."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ttdn.orgunits.services import ImportError_, export_units_csv, import_units_csv


class Command(BaseCommand):
    help = "Import or export the unit tree as CSV (code,name,name_en,kind,parent_code,...)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="create or update units from a CSV file")
        imp.add_argument("file", help="CSV file (UTF-8), or - for standard input")
        sub.add_parser("export", help="write every unit as CSV to standard output")

    def handle(self, *args, **options):
        if options["action"] == "export":
            self.stdout.write(export_units_csv(), ending="")
            return
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Không đọc được tệp {name}: {error}") from error
        try:
            result = import_units_csv(text)
        except ImportError_ as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError(
                f"Không nhập được: {len(error.messages)} lỗi; chưa có thay đổi nào được ghi."
            ) from error
        self.stdout.write(
            f"Đã nhập: {result.created} đơn vị mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        )
