"""ttdn search "QUERY" [--unit CODE] [--period ID] [--kind KIND] [--json] [--limit N]

One search over documents, activities and report narratives, diacritics optional
("dong nai" finds "Đồng Nai"). At the server's console everything is searchable;
--unit limits the search to a unit's subtree. `ttdn search --rebuild` rebuilds the index.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ttdn.lib.periods import PeriodError, parse_period
from ttdn.orgunits.models import OrgUnit
from ttdn.search import registry, services


class Command(BaseCommand):
    help = _("Tìm trong tài liệu, hoạt động và phần thuyết minh báo cáo.")

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="")
        parser.add_argument("--unit", default="", metavar="CODE", help=_("chỉ trong đơn vị này"))
        parser.add_argument("--period", default="", help=_("kỳ, ví dụ 2024S1"))
        parser.add_argument("--kind", default="", choices=["", *registry.kinds()])
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
        parser.add_argument("--rebuild", action="store_true", help=_("dựng lại chỉ mục"))
        parser.add_argument(
            "--base-url", default="", help=_("tiền tố cho đường dẫn, ví dụ https://ttdn.example.vn")
        )

    def handle(self, *args, **options):
        if options["rebuild"]:
            count = services.reindex_all()
            self.stdout.write(_("Đã dựng lại chỉ mục: %(n)d mục.") % {"n": count})
            return
        if not options["query"].strip():
            raise CommandError(_("Hãy nhập nội dung cần tìm."))
        unit = None
        if options["unit"]:
            unit = OrgUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(_("Không có đơn vị mã %(c)s.") % {"c": options["unit"]})
        try:
            period = parse_period(options["period"]) if options["period"] else None
        except PeriodError as error:
            raise CommandError(str(error)) from error
        results = services.search(
            None,
            options["query"],
            unit=unit,
            period=period,
            kind=options["kind"],
            limit=options["limit"],
        )
        rows = [hit.as_dict(options["base_url"].rstrip("/")) for hit in results.hits]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        found = _("Hơn %(n)d kết quả") if results.more_than_total else _("%(n)d kết quả")
        self.stdout.write(found % {"n": results.total})
        for row in rows:
            self.stdout.write(
                f"\n[{row['kind']}] {row['title']} · {row['unit']} {row['period'] or ''}"
            )
            self.stdout.write(f"  {row['snippet']}")
            self.stdout.write(f"  {row['url']}")
