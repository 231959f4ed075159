"""ttdn units import FILE | export | load-vietnam — the unit tree as CSV, and the
country's administrative units."""

import sys
import time
from pathlib import Path
from typing import NoReturn

from django.core.management.base import BaseCommand, CommandError

from ttdn.lib.vnformat import format_number
from ttdn.orgunits.services import ImportError_, export_units_csv, import_units_csv
from ttdn.orgunits.vietnam import SourceError, load_vietnam_units, source_version


class Command(BaseCommand):
    help = (
        "Import or export the unit tree as CSV (code,name,name_en,kind,parent_code,...), "
        "or load Viet Nam's administrative units."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="create or update units from a CSV file")
        imp.add_argument("file", help="CSV file (UTF-8), or - for standard input")
        sub.add_parser("export", help="write every unit as CSV to standard output")
        load = sub.add_parser(
            "load-vietnam",
            help="create or update Viet Nam's provinces and communes (from 1 July 2025) and "
            "the former provinces, districts and communes, with their official codes",
        )
        load.add_argument(
            "--only-2025", action="store_true", help="leave out the units closed in 2025"
        )
        load.add_argument(
            "--provinces",
            metavar="CODES",
            help="only these 2025 provinces, by official code (01,79), with the former "
            "provinces merged into them",
        )
        load.add_argument(
            "--dry-run", action="store_true", help="count what would change, write nothing"
        )

    def handle(self, *args, **options):
        if options["action"] == "export":
            self.stdout.write(export_units_csv(), ending="")
            return
        if options["action"] == "load-vietnam":
            self.load_vietnam(options)
            return
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Không đọc được tệp {name}: {error}") from error
        try:
            result = import_units_csv(text)
        except ImportError_ as error:
            self.fail(error)
        self.stdout.write(
            f"Đã nhập: {result.created} đơn vị mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        )

    def load_vietnam(self, options):
        provinces = options["provinces"].split(",") if options["provinces"] else None
        started = time.perf_counter()
        try:
            loaded = load_vietnam_units(
                provinces, former=not options["only_2025"], dry_run=options["dry_run"]
            )
        except SourceError as error:
            raise CommandError(str(error)) from error
        except ImportError_ as error:
            self.fail(error)
        for name in loaded.unmapped:
            self.stderr.write(f"Không rõ đơn vị kế thừa: {name}")
        result = loaded.result
        self.stdout.write(
            f"{'Chạy thử, chưa ghi gì' if options['dry_run'] else 'Đã nạp'}: "
            f"{format_number(loaded.rows)} đơn vị hành chính ({source_version()}): "
            f"{format_number(result.created)} mới, {format_number(result.updated)} cập nhật, "
            f"{format_number(result.unchanged)} không đổi "
            f"({format_number(time.perf_counter() - started, 1)} s)."
        )

    def fail(self, error: ImportError_) -> NoReturn:
        for message in error.messages:
            self.stderr.write(message)
        raise CommandError(
            f"Không nhập được: {len(error.messages)} lỗi; chưa có thay đổi nào được ghi."
        ) from error
