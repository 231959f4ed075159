"""ttdn rollup rebuild|verify [--periods 2024S1,2024S2]: the subtree sums."""

import time

from django.core.management.base import BaseCommand, CommandError

from ttdn.indicators import rollup


class Command(BaseCommand):
    help = "Rebuild the subtree sums after tree changes, or verify them against the values."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "verify"])
        parser.add_argument("--periods", default="", help="comma-separated period ids")

    def handle(self, *args, **options):
        periods = [p.strip() for p in options["periods"].split(",") if p.strip()] or None
        started = time.perf_counter()
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
