"""``ttdn exchange export|import|metadata`` — values exchanged with other systems as DHIS2
data value sets (JSON, CSV), ADX or the plain table (docs/exchange.md)."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ttdn.exchange import services
from ttdn.exchange.mapping import metadata
from ttdn.orgunits.access import Action, can
from ttdn.orgunits.models import OrgUnit

# A file of values is read whole; past this it is not a province's few years.
MAX_FILE_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = "Export or import indicator values as DHIS2 data value sets, ADX or CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("export", help="write a subtree's entered values for some periods")
        out.add_argument("--format", choices=sorted(services.FORMATS), default="dvs-json")
        out.add_argument("--unit", required=True, help="unit code: its whole subtree is written")
        out.add_argument(
            "--periods",
            required=True,
            help="years (2024,2025: every period in them) or period ids (2024S1,2024Q3)",
        )
        out.add_argument(
            "--ids",
            choices=["code", "uid"],
            default="code",
            help="name data elements and option combos by code (default) or DHIS2 uid",
        )
        out.add_argument("--out", help="file to write (default: standard output)")
        out.add_argument("--user", help="whose access applies (default: an administrator)")
        imp = sub.add_parser(
            "import", help="check a file of values and, with --commit, write it (all or nothing)"
        )
        imp.add_argument("file", help="DHIS2 JSON or CSV, ADX (XML), or the CSV/XLSX table")
        imp.add_argument("--commit", action="store_true", help="write (default: a dry run)")
        imp.add_argument("--user", help="who imports (default: an administrator)")
        meta = sub.add_parser("metadata", help="the catalogue as DHIS2 metadata JSON")
        meta.add_argument("--language", choices=["vi", "en"], default="vi")
        meta.add_argument("--out", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "metadata":
            content = json.dumps(metadata(options["language"]), ensure_ascii=False, indent=1)
            self._write(content.encode(), options["out"])
        elif action == "export":
            self.export(options)
        else:
            self.import_(options)

    def export(self, options) -> None:
        user = self._user(options["user"])
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None or not can(user, unit, Action.VIEW):
            raise CommandError(f"Không có đơn vị mã {options['unit']} trong phạm vi của bạn.")
        try:
            periods = services.parse_periods(options["periods"])
        except services.ExchangeError as error:
            raise CommandError(str(error)) from None
        content = services.export(user, unit, periods, options["format"], options["ids"])
        self._write(content, options["out"])

    def import_(self, options) -> None:
        user = self._user(options["user"])
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(f"Tệp {path} quá lớn (quá {MAX_FILE_BYTES // 2**20} MB).")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error}") from None
        try:
            summary = services.import_file(user, path.name, data, commit=options["commit"])
        except services.ExchangeError as error:
            raise CommandError(str(error)) from None
        write = self.stdout.write
        write(f"Định dạng: {summary.format}; {summary.lines} dòng.")
        write(
            f"Thêm mới: {summary.created}; cập nhật: {summary.updated}; không đổi: "
            f"{summary.unchanged}; bỏ qua (ô trống): {summary.ignored}; từ chối: "
            f"{len(summary.refused)}."
        )
        for refusal in summary.refused:
            write(f"  {refusal.reason}")
        if summary.refused:
            raise CommandError("Có dòng bị từ chối: chưa ghi giá trị nào.")
        if summary.committed:
            write(self.style.SUCCESS("Đã ghi."))
        else:
            write("Chạy thử: chưa ghi gì. Thêm --commit để ghi.")

    def _user(self, username: str | None):
        people = get_user_model().objects.filter(is_active=True)
        if username:
            user = people.filter(username=username).first()
        else:
            user = people.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            raise CommandError("Không có người dùng này (cho --user TÊN_ĐĂNG_NHẬP).")
        return user

    def _write(self, content: bytes, out: str | None) -> None:
        if out:
            Path(out).write_bytes(content)
        else:
            self.stdout.write(content.decode(), ending="")
