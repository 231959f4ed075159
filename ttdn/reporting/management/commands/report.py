"""ttdn report --unit CODE --period 2024S1 [--request N] [--number N] [--issued-on D]
--out DIR: a unit's BÁO CÁO for a period as DOCX, PDF (when LibreOffice is installed)
and the XLSX Phụ lục.

--sign PERSON (with --number and --issued-on) then signs the issued report's PDF with
that person's key (docs/signing.md): the next step, their personal signature or the
body's. The PKCS#12 password or token PIN is asked for on the terminal, or read from
the first line of standard input when that is not a terminal; it is never stored. An
already issued report with that number and date is signed, not issued again.

Without --number or --issued-on the report is written as it stands, number and date left
blank for the clerk. With either, it is issued: entered in the unit's outgoing register
(the next number of the year unless --number says which) and kept as issued; when it
answers a request it is submitted to it.
"""

import sys
from collections.abc import Mapping
from datetime import date
from getpass import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ttdn import officedocs
from ttdn.lib.periods import PeriodError, parse_period
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting.documents import build_report, render_files, report_submission
from ttdn.reporting.models import IssuedReport, Scope, Submission
from ttdn.reporting.services import SIGN_ISSUED, ReportingError, issue_report


class Command(BaseCommand):
    help = "Write (or issue) a unit's report for a period: DOCX, PDF and the XLSX annex."
    # The system checks import every URL module and admin: most of a second of a command
    # that reads the database and writes files.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. BDI")
        parser.add_argument("--period", required=True, help="2024S1, 2024, 2024Q1 ...")
        parser.add_argument(
            "--request",
            help="the request answered: its id or its số, ký hiệu (default: the latest)",
        )
        parser.add_argument("--number", type=int, help="issue with this number")
        parser.add_argument(
            "--issued-on", type=date.fromisoformat, help="issue on this date (YYYY-MM-DD)"
        )
        parser.add_argument("--scope", choices=Scope.values, help="what a consolidation counts")
        parser.add_argument(
            "--sign",
            metavar="PERSON",
            help="sign the issued report with this person's key (user name)",
        )
        parser.add_argument("--out", required=True, help="output directory")

    def handle(self, *args, **options):
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {options['unit']}.")
        try:
            period = parse_period(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from error
        submission = self._submission(unit, period, options["request"])
        if options["scope"]:
            submission.scope = options["scope"]
            if submission.pk:
                submission.save(update_fields=["scope"])
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        stem = f"bao-cao-{unit.code}-{period.id}"
        if options["sign"] and (options["number"] is None or options["issued_on"] is None):
            raise CommandError("--sign cần --number và --issued-on của báo cáo.")
        if options["number"] is not None or options["issued_on"] is not None:
            issued = self._already_issued(unit, options) if options["sign"] else None
            if issued is None:
                try:
                    issued = issue_report(
                        None, submission, number=options["number"], issued_on=options["issued_on"]
                    )
                except ReportingError as error:
                    raise CommandError(" ".join(error.messages)) from error
                self.stderr.write(f"Đã ban hành Báo cáo số {issued.reference}.")
            if options["sign"]:
                self._sign(issued, options["sign"], out)
            files: Mapping[str, bytes | memoryview | None] = {
                "docx": issued.docx,
                "xlsx": issued.xlsx,
                "pdf": issued.pdf,
            }
            if issued.pdf is None:
                self.stderr.write("PDF: " + officedocs.pdf_available()[1])
        else:
            report, _draft = build_report(submission)
            try:
                files = render_files(report, ("docx", "xlsx", "pdf"))
            except officedocs.PdfUnavailable as error:
                self.stderr.write(f"PDF: {error}")
                files = render_files(report, ("docx", "xlsx"))
        for kind in ("docx", "xlsx", "pdf"):
            content = files.get(kind)
            if content:
                path = out / f"{stem}.{kind}"
                path.write_bytes(bytes(content))
                self.stdout.write(str(path))

    def _already_issued(self, unit: OrgUnit, options) -> IssuedReport | None:
        return IssuedReport.objects.filter(
            unit=unit, year=options["issued_on"].year, number=options["number"]
        ).first()

    def _sign(self, issued: IssuedReport, username: str, out: Path) -> None:
        if not SIGN_ISSUED:
            raise CommandError("Chức năng ký số chưa được cài đặt.")

        def ask(key_name: str) -> str:
            if sys.stdin.isatty():
                return getpass(f"Mật khẩu/PIN khóa {key_name}: ")
            return sys.stdin.readline().rstrip("\n")

        try:
            pdf, done = SIGN_ISSUED[0](issued, username, ask)
        except ReportingError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(done)
        path = out / f"bao-cao-{issued.unit.code}-{issued.year}-{issued.number:02d}.signed.pdf"
        path.write_bytes(pdf)
        self.stdout.write(str(path))

    def _submission(self, unit: OrgUnit, period, request: str | None) -> Submission:
        if not request:
            return report_submission(unit, period)
        answering = Submission.objects.filter(unit=unit, period=period.id).select_related("request")
        found = (
            answering.filter(request_id=int(request)).first()
            if request.isdigit()
            else answering.filter(request__number=request).first()
        )
        if found is None:
            raise CommandError(
                f"{unit.name} không có yêu cầu báo cáo “{request}” cho kỳ {period.label()}."
            )
        return found
