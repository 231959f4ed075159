"""Demonstration data (dữ liệu mẫu): a small realistic tree with people, values and
activities, so a fresh install shows something true to life.

The data are files in data/: the units (the CSV of ``ttdn units import``, with the
report form each unit fills), the people and the activities. The units go in through
``import_units_csv``, the values through the bulk writer, the subtree sums through
``rollup.rebuild``: the loader only reads files and generates values
(values.py). Names come from provincial reports; nothing in the application
depends on them.
"""

from __future__ import annotations

import csv
import json
import random
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model, password_validation
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from ttdn.accounts.models import Membership, Role
from ttdn.activities.models import Activity, ActivityQuantity
from ttdn.demo.activities import record_confirmed_activities
from ttdn.demo.cooperation import load_cooperation, wipe_cooperation
from ttdn.demo.direction import DIRECTION_MODELS, load_direction
from ttdn.demo.feeding import feed_registers
from ttdn.demo.publishing import load_publishing
from ttdn.demo.values import (
    ValuePlan,
    full_rows,
    iter_rows,
    plan_unit,
    six_month_periods,
    write_values,
)
from ttdn.indicators import rollup
from ttdn.indicators.models import DataValue, DataValueChange, Indicator, RollupValue
from ttdn.orgunits.models import OrgUnit
from ttdn.orgunits.services import import_units_csv

SEED = 20240101
REORGANISED = date(2025, 6, 30)  # the last day of districts and of the 63 provinces


@dataclass
class PersonSpec:
    username: str
    full_name: str
    unit: str | None  # code; None for the superuser
    role: str | None


@dataclass
class Credential:
    username: str
    full_name: str
    role: str
    unit: str
    password: str


@dataclass
class DemoResult:
    units: int = 0
    values: int = 0
    activities: int = 0
    people: list[Credential] = field(default_factory=list)
    seconds: float = 0.0
    rollup_rows: int | None = None  # None: the loader left the subtree sums to a rebuild
    ids: dict[str, int] = field(default_factory=dict)  # unit code → id


# The small set, from its data files -------------------------------------------------

DATA = Path(__file__).parent / "data"
SMALL_UNITS = DATA / "small_units.csv"  # the columns of ``ttdn units import``, and profile


def small_profiles() -> dict[str, str]:
    """Unit code → the report form it fills (values.PROFILES; "" for none), in the
    file's order."""
    with SMALL_UNITS.open(encoding="utf-8", newline="") as file:
        return {row["code"]: row["profile"] for row in csv.DictReader(file)}


def small_people() -> list[PersonSpec]:
    people = json.loads((DATA / "small_people.json").read_text(encoding="utf-8"))
    return [PersonSpec(**person) for person in people]


def small_activities() -> list[dict]:
    """Activities as the Activity fields, dates in ISO form, ``unit`` a unit code."""
    activities = json.loads((DATA / "small_activities.json").read_text(encoding="utf-8"))
    for activity in activities:
        for name in ("start_date", "end_date"):
            if activity[name]:
                activity[name] = date.fromisoformat(activity[name])
    return activities


# Building blocks shared with the national set ------------------------------------------


def plan_values(
    profiles: dict[str, str],
    first_year: int,
    last_year: int,
    rng: random.Random,
    year_totals: bool = False,
) -> ValuePlan:
    """What each unit with a profile (unit code → profile) reports, in the order given:
    the same files and seed give the same values."""
    periods = six_month_periods(first_year, last_year)
    units = {
        unit.code: unit
        for unit in OrgUnit.objects.filter(code__in=profiles).only(
            "pk", "code", "valid_from", "valid_to"
        )
    }
    return ValuePlan(
        periods,
        [
            plan_unit(
                rng,
                units[code].pk,
                profile,
                periods,
                units[code].valid_from,
                units[code].valid_to,
                year_totals,
            )
            for code, profile in profiles.items()
            if profile
        ],
    )


def generate_password() -> str:
    """Three short words and four digits: easy to type from a printed table."""
    words = [
        "bien",
        "dao",
        "song",
        "nui",
        "lua",
        "sen",
        "tre",
        "may",
        "gio",
        "trang",
        "sao",
        "hoa",
        "nang",
        "mua",
        "cau",
        "thuyen",
        "cang",
        "rung",
        "suoi",
        "doi",
    ]
    return "-".join(secrets.choice(words) for _ in range(3)) + f"-{secrets.randbelow(10000):04d}"


# A domain that is clearly not a real office's: mail to the demo people is only ever
# read from the development mail folder.
DEMO_MAIL_DOMAIN = "demo.ttdn.vn"


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_MAIL_DOMAIN}"


def create_people(
    people: Sequence[PersonSpec], ids: dict[str, int], password: str | None = None
) -> list[Credential]:
    """Create or reset the demo people and their roles; return who can log in with what."""
    User = get_user_model()
    names = dict(OrgUnit.objects.filter(pk__in=ids.values()).values_list("pk", "name"))
    credentials = []
    for person in people:
        secret = password or generate_password()
        family, _space, given = person.full_name.rpartition(" ")
        superuser = person.unit is None
        user, _created = User.objects.update_or_create(
            username=person.username,
            defaults=dict(
                first_name=given,
                last_name=family,
                email=demo_email(person.username),
                is_active=True,
                is_staff=superuser,
                is_superuser=superuser,
            ),
        )
        password_validation.validate_password(secret, user)
        user.set_password(secret)
        user.save(update_fields=["password"])
        if person.unit is not None:
            Membership.objects.get_or_create(user=user, unit_id=ids[person.unit], role=person.role)
        credentials.append(
            Credential(
                person.username,
                person.full_name,
                str(Role(person.role).label) if person.role else "Quản trị hệ thống (superuser)",
                names[ids[person.unit]] if person.unit else "—",
                secret,
            )
        )
    return credentials


def create_activities(
    activities: Sequence[dict], ids: dict[str, int], people: Sequence[PersonSpec]
) -> int:
    """Each activity recorded by the officer of its unit, when it has one."""
    authors = dict(
        get_user_model()
        .objects.filter(username__in=[p.username for p in people if p.role == Role.OFFICER])
        .values_list("username", "pk")
    )
    author_of = {p.unit: authors.get(p.username) for p in people if p.role == Role.OFFICER}
    created = Activity.objects.bulk_create(
        Activity(
            **{k: v for k, v in fields.items() if k not in ("unit", "quantities")},
            unit_id=ids[fields["unit"]],
            created_by_id=author_of.get(fields["unit"]),
        )
        for fields in activities
    )
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    ActivityQuantity.objects.bulk_create(
        ActivityQuantity(activity=activity, indicator_id=indicators[code], value=amount)
        for activity, fields in zip(created, activities, strict=True)
        for code, amount in (fields.get("quantities") or {}).items()
    )
    return len(activities)


def existing_units() -> int:
    return OrgUnit.objects.count()


def wipe() -> None:
    """Delete every unit with everything recorded of it — values, activities, roles,
    reports, plans, imported documents (for --replace).

    Children go before parents because a unit's parent link protects it; the records
    that protect a unit go first, reports before the requests they answer.
    """
    from django.apps import apps

    wipe_cooperation()
    for label in (
        "registers.RecordChange",
        *DIRECTION_MODELS,
        "reporting.IssuedReport",
        "reporting.Submission",
        "reporting.ReportRequest",
        "plans.PlanTarget",
        "plans.TaskProgress",
        "plans.PlanTask",
        "archive.Document",
        *(f"publishing.{m}" for m in ("Coverage", "Programme", "Publication", "Outlet")),
        *(f"publishing.{m}" for m in ("Website", "SocialAccount")),
    ):
        apps.get_model(label).objects.all().delete()
    Plan = apps.get_model("plans.Plan")
    Plan.objects.update(implements=None)
    Plan.objects.all().delete()
    # Millions of rows at national scale: one statement each. Through the ORM a value's
    # SET_NULL link from imported items (gone with their documents above) would have
    # every row loaded and updated first.
    with connection.cursor() as cursor:
        for model in (RollupValue, DataValueChange, DataValue):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    Activity.objects.all().delete()
    Membership.objects.all().delete()
    OrgUnit.objects.update(successor=None)
    deepest = OrgUnit.objects.aggregate(top=Max("depth"))["top"]
    for depth in range(deepest if deepest is not None else -1, -1, -1):
        ids = list(OrgUnit.objects.filter(depth=depth).values_list("pk", flat=True))
        # In batches: deleting thousands at once passes SQLite's limit of query variables.
        for start in range(0, len(ids), 500):
            OrgUnit.objects.filter(pk__in=ids[start : start + 500]).delete()


def load_small(seed: int = SEED, password: str | None = None) -> DemoResult:
    """Two provinces with communes, departments, a press agency, a district closed in the
    2025 reorganisation; people for every role; 2023–2025 values; two dozen activities."""
    started = time.perf_counter()
    result = DemoResult()
    rng = random.Random(seed)
    profiles = small_profiles()
    people = small_people()
    with transaction.atomic():
        # The path of ``ttdn units import``.
        import_units_csv(SMALL_UNITS.read_text(encoding="utf-8"))
        ids = dict(OrgUnit.objects.filter(code__in=profiles).values_list("code", "pk"))
        plan = plan_values(profiles, 2023, 2025, rng, year_totals=True)
        result.values = write_values(full_rows(iter_rows(plan)))
        result.people = create_people(people, ids, password)
        result.activities = create_activities(small_activities(), ids, people)
        load_direction(ids)  # committee, officers, visits, budget: rows, no values
        load_cooperation(ids)
        result.activities += record_confirmed_activities()  # their figures: values too
        load_publishing(ids)
        # The registers' records give their units' values, up to this year.
        feed_registers(range(2023, max(2025, timezone.localdate().year) + 1))
        result.values = DataValue.objects.count()
        result.rollup_rows = rollup.rebuild()
    result.units = len(ids)
    result.ids = ids
    result.seconds = time.perf_counter() - started
    return result
