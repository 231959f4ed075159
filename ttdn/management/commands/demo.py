"""`ttdn demo`: load demonstration data into an empty database.

ttdn demo                    small realistic tree, people for every role, 2023–2025
ttdn demo --if-empty         the same, but only when there are no units yet (make run)
ttdn demo --scale national   the real tree: 34 provinces, 3,321 communes and the 63 former
                             provinces, ~15,800 units, ten years (≈ 6.4 M values)
ttdn demo --replace          delete every unit and all recorded of it (values, activities,
                             roles, reports, plans, imported documents) first
"""

from __future__ import annotations

import argparse

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.demo.national import FIRST_YEAR, load_national
from ttdn.demo.small import Credential, DemoResult, existing_units, load_small, wipe
from ttdn.orgunits.vietnam import SourceError


class Command(BaseCommand):
    help = "Load demonstration units, people, values and activities (source “demo”)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=["small", "national"],
            default="small",
            help="small (default): two provinces; national: the whole country, "
            "ten years, for measuring consolidation",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already holds units",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete all units with everything recorded of them, then load",
        )
        parser.add_argument(
            "--password",
            help="one password for every demo person (default: a random one "
            "each, printed at the end)",
        )
        parser.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
        parser.add_argument(
            "--provinces",
            help="with --scale national: only these 2025 provinces, by code (e.g. 37,52), "
            "with the former provinces merged into them",
        )
        parser.add_argument("--first-year", type=int, default=FIRST_YEAR, help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        count = existing_units()
        if count and options["if_empty"]:
            if options["verbosity"] >= 1:
                self.stdout.write(f"The database already holds {count} units: demo not loaded.")
            return
        if count and not options["replace"]:
            raise CommandError(
                f"The database already holds {count} units. Demo data loads only into an "
                "empty database; add --replace to delete every unit with everything recorded of it "
                "(values, activities, roles, reports, plans, documents) and load again."
            )
        if count:
            self.stdout.write(f"Deleting {count} units with their values and roles …")
            wipe()
        seed = {} if options["seed"] is None else {"seed": options["seed"]}
        if options["scale"] == "national":
            try:
                result = load_national(
                    provinces=options["provinces"].split(",") if options["provinces"] else None,
                    first_year=options["first_year"],
                    password=options["password"],
                    progress=options["verbosity"] >= 1,
                    **seed,
                )
            except SourceError as error:
                raise CommandError(str(error)) from error
        else:
            result = load_small(password=options["password"], **seed)
            from ttdn.demo.reporting import load_reporting

            reporting = load_reporting(result.ids)
            if options["verbosity"] >= 1:
                self.stdout.write(
                    f"Reporting: {reporting['profiles']} document profiles, "
                    f"{reporting['plans']} plans, {reporting['requests']} requests, "
                    f"{reporting['submissions']} reports submitted."
                )
            from ttdn.demo.signing import load_signing

            signing = load_signing(result.ids)
            if options["verbosity"] >= 1:
                self.stdout.write(
                    f"Signing: demo CA “TTĐN DEMO CA — KHÔNG DÙNG THẬT”, "
                    f"{signing['bodies']} body keys, {signing['people']} personal keys "
                    "(PKCS#12 password: ttdn-demo; docs/signing.md)."
                )
        # Demo activities are written in bulk, past the signals that index them.
        from ttdn.search.services import reindex_all

        reindex_all()
        if options["verbosity"] >= 1:
            self._report(result)

    def _report(self, result: DemoResult) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {result.units:,} units, {result.values:,} values and "
                f"{result.activities} activities in {result.seconds:.1f} s "
                f"({result.rollup_rows or 0:,} subtree sums)."
            )
        )
        self.stdout.write("Demo people (passwords are shown only now):")
        self.stdout.write(_table(result.people))


def _table(people: list[Credential]) -> str:
    header = ("username", "password", "role", "unit", "name")
    rows = [(p.username, p.password, p.role, p.unit, p.full_name) for p in people]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in out)
