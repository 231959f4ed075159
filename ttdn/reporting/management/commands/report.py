"""ttdn report --unit CODE --period 2024S1 --out DIR: the consolidated BÁO CÁO as DOCX,
PDF (when LibreOffice is installed) and the XLSX annex."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ttdn import officedocs
from ttdn.lib.periods import PeriodError, parse_period
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting.documents import consolidated_report, render


class Command(BaseCommand):
    help = "Write the consolidated report of a unit's subtree for a period."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. BDI")
        parser.add_argument("--period", required=True, help="2024S1, 2024, 2024Q1 ...")
        parser.add_argument("--out", required=True, help="output directory")

    def handle(self, *args, **options):
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {options['unit']}.")
        try:
            period = parse_period(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from error
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        report, _result = consolidated_report(unit, period)
        stem = f"bao-cao-{unit.code}-{period.id}"
        written = []
        for kind in ("docx", "xlsx", "pdf"):
            try:
                content = render(report, kind)
            except officedocs.PdfUnavailable as error:
                self.stderr.write(f"PDF: {error}")
                continue
            path = out / f"{stem}.{kind}"
            path.write_bytes(content)
            written.append(str(path))
        for path in written:
            self.stdout.write(path)
