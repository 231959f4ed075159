"""A separate process that writes values (or moves a unit) against DATABASE_URL, used by
the concurrency and crash tests. Usage: writer.py save UNIT SEED COUNT | move UNIT A B N"""

import os
import random
import sys
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import OperationalError  # noqa: E402

from ttdn.indicators.services import save_values  # noqa: E402
from ttdn.lib.periods import parse_period_id  # noqa: E402
from ttdn.orgunits.models import OrgUnit  # noqa: E402


def main(argv: list[str]) -> None:
    admin = get_user_model().objects.get(username="quantri")
    if argv[0] == "save":
        code, seed, count = argv[1], int(argv[2]), int(argv[3])
        rng = random.Random(seed)
        period = parse_period_id("2024S1")
        done = 0
        while done < count:
            unit = OrgUnit.objects.get(code=code)
            option = rng.choice(["", "en", "vi"])
            # A total never below its parts (two parts of at most 9 each): always valid.
            copies = rng.randint(50, 99) if option == "" else rng.randint(1, 9)
            values = {
                ("news_articles", ""): rng.choice([None, Decimal(rng.randint(0, 99))]),
                ("publication_copies", option): Decimal(copies),
            }
            try:
                save_values(admin, unit, period, values)
            except OperationalError:  # SQLite busy under heavy contention: try again
                continue
            done += 1
            print(done, flush=True)
    elif argv[0] == "move":
        code, first, second, count = argv[1], argv[2], argv[3], int(argv[4])
        parents = [OrgUnit.objects.get(code=first), OrgUnit.objects.get(code=second)]
        for step in range(count):
            unit = OrgUnit.objects.get(code=code)
            unit.parent = parents[step % 2]
            try:
                unit.save()
            except OperationalError:
                continue


if __name__ == "__main__":
    main(sys.argv[1:])
