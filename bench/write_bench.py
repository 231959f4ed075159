"""A submission of ~40 values with the subtree-sum upkeep in the same transaction
(`make bench`). Targets: ≤ 5 ms on SQLite, ≤ 20 ms on PostgreSQL, national data loaded.
The reference is the same write with the upkeep switched off, measured in the same run."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from unittest import mock

from bench.common import backends, child, ensure_national, setup_django, table, timed

PERIOD = "2025S1"


def measure(url: str) -> dict:
    setup_django(url)
    from django.contrib.auth import get_user_model

    from ttdn.indicators import rollup
    from ttdn.indicators.models import Indicator
    from ttdn.indicators.services import save_values
    from ttdn.lib.periods import parse_period_id
    from ttdn.orgunits.models import OrgUnit

    admin = get_user_model().objects.filter(is_superuser=True).first() or (
        get_user_model().objects.create_superuser("bench-admin", password="Bench-mat-khau-1")
    )
    commune = OrgUnit.objects.filter(kind="commune", child_count=0).order_by("path")[
        min(1000, OrgUnit.objects.filter(kind="commune").count() - 1)
    ]
    keys = [(i.code, o) for i in Indicator.objects.all() for o in i.options()][:40]
    period = parse_period_id(PERIOD)
    state = {"n": 0}

    def submit():
        state["n"] += 1
        values = {key: Decimal(state["n"] % 7 + index) for index, key in enumerate(keys)}
        # A total is at least the sum of its parts, or the write is refused.
        for code, option in keys:
            if option == "":
                parts = sum(v for (c, o), v in values.items() if c == code and o)
                values[(code, "")] += parts
        save_values(admin, commune, period, values)

    with_upkeep = timed(submit, repeat=60, warmup=5)
    with mock.patch.object(rollup, "apply", lambda deltas: None):
        without = timed(submit, repeat=60, warmup=5)
    problems = rollup.verify([period.id])
    if problems:  # the run above skipped upkeep on purpose; repair what it left
        rollup.rebuild([period.id])
    return {"values": len(keys), "with": with_upkeep, "without": without, "depth": commune.depth}


def run() -> int:
    rows = []
    for name, url in backends():
        ensure_national(url)
        r = child("bench.write_bench", url)
        rows.append(
            [
                name,
                r["values"],
                r["with"]["median_ms"],
                r["with"]["p95_ms"],
                r["without"]["median_ms"],
                round(r["with"]["median_ms"] / r["without"]["median_ms"], 2),
            ]
        )
    print(table(["database", "values", "median ms", "p95 ms", "without upkeep ms", "ratio"], rows))
    print("targets: ≤ 5 ms on SQLite, ≤ 20 ms on PostgreSQL (median, upkeep included)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2])))
    else:
        sys.exit(run())
