"""ttdn rollup rebuild|verify [--periods 2024S1,2024S2]: the subtree sums.
ttdn rollup rederive [--years 2023,2024]: the periods and totals derived from what units
entered, then the sums (after upgrading from a version without derived values)."""

import time

from django.core.management.base import BaseCommand, CommandError

from ttdn.indicators import rollup
from ttdn.indicators.services import rederive_all


class Command(BaseCommand):
    help = (
        "Rebuild the subtree sums after tree changes, verify them against the values, or "
        "derive periods and totals from what units entered."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "verify", "rederive"])
        parser.add_argument("--periods", default="", help="comma-separated period ids")
        parser.add_argument("--years", default="", help="rederive: comma-separated years")

    def handle(self, *args, **options):
        periods = [p.strip() for p in options["periods"].split(",") if p.strip()] or None
        started = time.perf_counter()
        if options["action"] == "rederive":
            try:
                years = [int(y) for y in options["years"].split(",") if y.strip()] or None
            except ValueError as error:
                raise CommandError(f"--years: {error}") from error
            changed = rederive_all(years)
            self.stdout.write(
                f"{changed:,} derived values written or updated, sums rebuilt in "
                f"{time.perf_counter() - started:.1f} s."
            )
            return
        if options["action"] == "rebuild":
            rows = rollup.rebuild(periods)
            self.stdout.write(f"Rebuilt {rows:,} rows in {time.perf_counter() - started:.1f} s.")
            return
        problems = rollup.verify(periods)
        for line in problems[:50]:
            self.stderr.write(line)
        if problems:
            raise CommandError(f"{len(problems)} differences between the sums and the values.")
        self.stdout.write(
            f"Subtree sums agree with the values ({time.perf_counter() - started:.1f} s)."
        )
