"""``ttdn registers feed [--year YYYY] [--user USERNAME]``: write again the indicator
values the registers' records give for a year's periods.

A record's save feeds the periods it counts in up to that day; a column, site or
account still running on 1 January counts in the new year's periods too, and those are
fed when it is next saved — or by this command, run at the start of each year (or from
cron) and after loading records in bulk. A period a submitted report holds is left as it
is and named."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ttdn.indicators.feeds import feed_values
from ttdn.indicators.services import ValuesRejected
from ttdn.registers import base


class Command(BaseCommand):
    help = "Feed the indicator values the registers' records give for a year's periods."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        feed = sub.add_parser("feed", help="write the registers' figures of a year's periods")
        feed.add_argument("--year", type=int, default=None, help="default: this year")
        feed.add_argument("--user", default=None, help="who writes them (default: an admin)")

    def handle(self, *args, **options) -> None:
        year = options["year"] or timezone.localdate().year
        people = get_user_model().objects.filter(is_active=True)
        if options["user"]:
            user = people.filter(username=options["user"]).first()
        else:
            user = people.filter(is_superuser=True).order_by("pk").first()
        if user is None:
            raise CommandError("no such person (give --user USERNAME of an administrator)")
        wanted = {
            (unit.path, period.sort_key): (unit, period)
            for unit, periods in base.periods_with_records({year}).values()
            for period in periods
        }
        changed, refused = 0, []
        for _key, (unit, period) in sorted(wanted.items()):
            try:
                changed += feed_values(user, unit, period).changed
            except ValuesRejected:
                refused.append(f"{unit.code} {period.id}")
        self.stdout.write(f"{len(wanted)} unit periods of {year} fed, {changed} values changed.")
        if refused:
            self.stdout.write("Held by submitted reports, left as they were: " + ", ".join(refused))
