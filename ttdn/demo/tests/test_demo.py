import random
from datetime import date
from decimal import Decimal
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase

from ttdn.accounts.models import Membership, Role, person_name
from ttdn.activities.models import Activity
from ttdn.demo.national import load_national, national_tree
from ttdn.demo.small import (
    SEED,
    load_small,
    plan_values,
    small_people,
    small_profiles,
    wipe,
)
from ttdn.indicators import rollup
from ttdn.indicators.feeds import fed_figures
from ttdn.indicators.models import (
    DataValue,
    DataValueSource,
    Indicator,
    RegisterFigure,
    RollupValue,
    TimeAggregation,
)
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.reporting.models import Stage
from ttdn.testing import assert_tree_as_save_builds_it, make_unit

PASSWORD = "Thu-nghiem-2025"
HALF_YEARS = {"2023S1", "2023S2", "2024S1", "2024S2", "2025S1", "2025S2"}


def value_snapshot() -> set[tuple]:
    """Every value by unit code, so two loads compare whatever ids they received."""
    return set(
        DataValue.objects.values_list("unit__code", "period", "indicator__code", "option", "value")
    )


def values_table_constraints() -> dict[str, tuple]:
    """The indexes and keys of the values and subtree-sum tables."""
    with connection.cursor() as cursor:
        found = {
            (model.__name__, name): constraint
            for model in (DataValue, RollupValue)
            for name, constraint in connection.introspection.get_constraints(
                cursor, model._meta.db_table
            ).items()
        }
    return {
        name: (tuple(c["columns"]), c["unique"], c["index"], c["foreign_key"])
        for name, c in found.items()
    }


class SmallDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.result = load_small(password=PASSWORD)

    def test_it_loads_every_unit_of_the_small_tree(self):
        self.assertEqual(OrgUnit.objects.count(), len(small_profiles()))
        self.assertEqual(
            set(OrgUnit.objects.filter(kind=UnitKind.PROVINCE).values_list("code", flat=True)),
            {"BDI", "NBH"},
        )

    def test_paths_depths_and_child_counts_are_what_save_would_compute(self):
        assert_tree_as_save_builds_it(self)

    def test_there_is_a_person_for_every_role_who_can_log_in(self):
        roles = set(Membership.objects.values_list("role", flat=True))
        self.assertEqual(roles, set(Role.values))
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.is_superuser and admin.is_staff)
        for person in small_people():
            user = get_user_model().objects.get(username=person.username)
            self.assertTrue(user.check_password(PASSWORD), person.username)
        self.assertEqual(
            [c.username for c in self.result.people], [p.username for p in small_people()]
        )

    def test_every_person_has_a_demo_address_and_a_name_in_vietnamese_order(self):
        people = get_user_model().objects.in_bulk(
            [p.username for p in small_people()], field_name="username"
        )
        for spec in small_people():
            user = people[spec.username]
            self.assertEqual(user.email, f"{spec.username}@demo.ttdn.vn")
            self.assertEqual(person_name(user), spec.full_name)

    def test_two_commune_officers_sit_in_sibling_communes(self):
        officers = Membership.objects.filter(role=Role.OFFICER, unit__kind=UnitKind.COMMUNE)
        units = {m.unit for m in officers}
        self.assertEqual(len(units), 2)
        self.assertEqual(len({u.parent_id for u in units}), 1)

    def test_every_reporting_unit_has_values_for_the_half_years_it_existed_in(self):
        for code, profile in small_profiles().items():
            periods = set(
                DataValue.objects.filter(unit__code=code, period__contains="S")
                .exclude(source=DataValueSource.REGISTER)  # what its records give
                .values_list("period", flat=True)
                .distinct()
            )
            if not profile:
                self.assertEqual(periods, set(), code)
            elif code == "BDI-HTP":  # closed on 30 June 2025
                self.assertEqual(periods, {"2023S1", "2023S2", "2024S1", "2024S2", "2025S1"})
            elif code == "BDI-TP":  # created on 1 July 2025
                self.assertEqual(periods, {"2025S2"})
            elif code == "BDI-STTTT":  # merged on 1 March 2025
                self.assertEqual(periods, {"2023S1", "2023S2", "2024S1", "2024S2", "2025S1"})
            else:
                self.assertEqual(periods, HALF_YEARS, code)

    def test_a_year_holds_the_sum_of_its_halves_for_flows_and_the_year_end_for_stocks(self):
        values = {
            (unit, period, code, option): value
            for unit, period, code, option, value in value_snapshot()
        }
        stocks = set(
            Indicator.objects.filter(time_aggregation=TimeAggregation.LAST).values_list(
                "code", flat=True
            )
        )
        # Figures fed from register records are what the records of each period give
        # (ttdn/demo/feeding.py); the generated ones are checked here.
        fed = set(
            DataValue.objects.filter(source=DataValueSource.REGISTER).values_list(
                "unit__code", "indicator__code"
            )
        )
        years = [key for key in values if key[1] == "2024" and (key[0], key[2]) not in fed]
        self.assertTrue(years)
        for unit, _year, code, option in years:
            first = values[(unit, "2024S1", code, option)]
            second = values[(unit, "2024S2", code, option)]
            expected = second if code in stocks else first + second
            self.assertEqual(values[(unit, "2024", code, option)], expected)

    def test_a_total_is_the_sum_of_its_breakdown(self):
        values = value_snapshot()
        totals = {(u, p, c): v for u, p, c, o, v in values if o == ""}
        # A bilingual title or column counts in both languages: no sum to check.
        not_additive = set(Indicator.objects.filter(additive=False).values_list("code", flat=True))
        parts: dict[tuple, Decimal] = {}
        for unit, period, code, option, value in values:
            if option and code not in not_additive:
                parts[(unit, period, code)] = parts.get((unit, period, code), 0) + value
        self.assertTrue(parts)
        for key, total in parts.items():
            self.assertEqual(totals[key], total, key)

    def test_magnitudes_are_those_of_provincial_reports(self):
        def value(unit: str, code: str) -> Decimal:
            return DataValue.objects.get(
                unit__code=unit, indicator__code=code, period="2025S1", option=""
            ).value

        self.assertLess(value("BDI-QN", "news_articles"), value("BDI-BPTTH", "news_articles"))
        self.assertGreater(value("BDI-SVHTTDL", "visitors_domestic"), 100_000)
        self.assertLess(
            value("BDI-SVHTTDL", "visitors_international"),
            value("BDI-SVHTTDL", "visitors_domestic"),
        )
        self.assertEqual(DataValue.objects.filter(value__lt=0).count(), 0)

    def test_values_are_marked_as_demo_data(self):
        self.assertEqual(
            set(DataValue.objects.filter(derived=False).values_list("source", flat=True)),
            {DataValueSource.DEMO, DataValueSource.REGISTER},
        )
        # Values from registers are what the demo's records give (confirmed activities,
        # officers, courses, delegations…), each with its sources beside it.
        fed = DataValue.objects.filter(source=DataValueSource.REGISTER)
        self.assertIn("BDI-QN", set(fed.values_list("unit__code", flat=True)))
        self.assertEqual(fed.count(), RegisterFigure.objects.count())
        self.assertFalse(RegisterFigure.objects.filter(sources=[]).exists())
        for figure in RegisterFigure.objects.select_related("unit", "indicator")[:50]:
            given = fed_figures(figure.unit, parse_period_id(figure.period))
            self.assertEqual(given[(figure.indicator.code, figure.option)].value, figure.value)
        # Years and nine months are what the halves give, stored as derived values.
        derived = DataValue.objects.filter(derived=True)
        self.assertEqual(set(derived.values_list("source", flat=True)), {DataValueSource.DERIVED})
        self.assertEqual(
            {p[4:] for p in derived.values_list("period", flat=True).distinct()}, {"", "N9"}
        )
        self.assertEqual(DataValue.objects.count(), self.result.values)

    def test_the_district_closed_in_2025_names_its_successor(self):
        district = OrgUnit.objects.get(code="BDI-HTP")
        self.assertEqual(district.valid_to, date(2025, 6, 30))
        self.assertEqual(district.successor.code, "BDI-TP")
        self.assertEqual(district.successor.valid_from, date(2025, 7, 1))

    def test_activities_pass_model_validation(self):
        activities = list(Activity.objects.all())
        self.assertGreaterEqual(len(activities), 20)
        for activity in activities:
            activity.full_clean(exclude=["created_by"])  # set from the request, not a form
        self.assertTrue(all(a.topics for a in activities))

    def test_the_subtree_sums_agree_with_a_fresh_computation(self):
        self.assertEqual(rollup.verify(), [])
        self.assertEqual(self.result.rollup_rows, len(rollup.fresh_sums()))

    def test_loading_again_gives_the_same_tree_and_values(self):
        first_units = set(OrgUnit.objects.values_list("code", "name", "kind", "parent__code"))
        first_values = value_snapshot()
        first_activities = set(Activity.objects.values_list("unit__code", "title", "start_date"))
        wipe()
        self.assertEqual(OrgUnit.objects.count(), 0)
        load_small(password=PASSWORD)
        self.assertEqual(
            set(OrgUnit.objects.values_list("code", "name", "kind", "parent__code")), first_units
        )
        self.assertEqual(value_snapshot(), first_values)
        self.assertEqual(
            set(Activity.objects.values_list("unit__code", "title", "start_date")),
            first_activities,
        )


class DemoCommandTests(TestCase):
    def test_if_empty_does_nothing_when_the_database_holds_units(self):
        make_unit("X", "Tỉnh X", UnitKind.PROVINCE)
        out = StringIO()
        call_command("demo", if_empty=True, stdout=out)
        self.assertEqual(OrgUnit.objects.count(), 1)
        self.assertFalse(get_user_model().objects.exists())
        self.assertIn("demo not loaded", out.getvalue())

    def test_if_empty_loads_into_an_empty_database(self):
        call_command("demo", if_empty=True, password=PASSWORD, verbosity=0)
        self.assertEqual(OrgUnit.objects.count(), len(small_profiles()))
        # Xã Tuy Phước has no leader account: its officer submits naming the signer.
        from ttdn.reporting.models import DocumentProfile

        profile = DocumentProfile.objects.get(unit__code="BDI-TP")
        self.assertTrue(profile.signs_without_leader_account)
        self.assertFalse(Membership.objects.filter(unit__code="BDI-TP", role=Role.LEADER).exists())

    def test_it_refuses_to_load_over_existing_units_without_replace(self):
        make_unit("X", "Tỉnh X", UnitKind.PROVINCE)
        with self.assertRaisesMessage(CommandError, "--replace"):
            call_command("demo", verbosity=0)
        self.assertEqual(OrgUnit.objects.count(), 1)

    def test_replace_deletes_the_old_tree_and_loads_again(self):
        make_unit("X", "Tỉnh X", UnitKind.PROVINCE)
        call_command("demo", replace=True, password=PASSWORD, verbosity=0)
        self.assertFalse(OrgUnit.objects.filter(code="X").exists())
        self.assertEqual(OrgUnit.objects.count(), len(small_profiles()))
        # Over a demo with its reports, plans and requests (which protect their units).
        from ttdn.reporting.models import Submission

        submitted = Submission.objects.filter(submitted_at__isnull=False).count()
        self.assertGreater(submitted, 0)
        call_command("demo", replace=True, password=PASSWORD, verbosity=0)
        self.assertEqual(OrgUnit.objects.count(), len(small_profiles()))
        self.assertEqual(Submission.objects.filter(submitted_at__isnull=False).count(), submitted)

    def test_the_provinces_plan_gives_tasks_and_its_units_report_progress(self):
        from ttdn.plans.models import Plan, TaskProgress

        call_command("demo", password=PASSWORD, verbosity=0)
        plan = Plan.objects.get(number="20/KH-UBND")
        self.assertEqual(plan.tasks.count(), 5)
        self.assertEqual(
            {p.number for p in plan.implementations.all()}, {"59/KH-UBND", "12/KH-UBND"}
        )
        for progress in TaskProgress.objects.select_related("task"):
            self.assertEqual(progress.unit_id, progress.task.assignee_id)
        from ttdn.reporting.models import SubmissionSection

        direction = SubmissionSection.objects.get(
            submission__unit__code="BDI-HTP", code="direction"
        ).text
        self.assertIn("Triển khai 01 nhiệm vụ được giao tại Kế hoạch số 20/KH-UBND", direction)

    def test_a_round_is_under_way_for_the_half_year_in_hand(self):
        from django.contrib.auth import get_user_model
        from django.utils import timezone

        from ttdn import dashboard

        call_command("demo", password=PASSWORD, verbosity=0)
        today = timezone.localdate()
        people = get_user_model().objects.in_bulk(
            ["canbo.quynhon", "lanhdao.quynhon", "tonghop.bdi"], field_name="username"
        )
        [owed] = [
            o
            for o in dashboard.build(people["canbo.quynhon"], today).owed
            if o.submission.request.number == "1035/UBND-VX"
        ]
        self.assertEqual((owed.state, owed.days_left), (Stage.PRESENTED, 8))
        to_approve = dashboard.build(people["lanhdao.quynhon"], today).to_approve
        self.assertEqual([s.unit.code for s in to_approve], ["BDI-QN"])
        [overview] = dashboard.build(people["tonghop.bdi"], today).overviews
        under_way = overview.open_requests[0]
        self.assertEqual(under_way.board.request.number, "1035/UBND-VX")
        self.assertEqual(under_way.board.submitted, 1)
        self.assertIn("BDI-TP", [u.code for u in under_way.missing])  # returned

    def test_it_prints_every_persons_username_and_password(self):
        out = StringIO()
        call_command("demo", password=PASSWORD, stdout=out)
        for person in small_people():
            self.assertIn(person.username, out.getvalue())
        self.assertIn(PASSWORD, out.getvalue())

    def test_a_tiny_national_set_loads_through_the_command(self):
        call_command(
            "demo",
            scale="national",
            provinces="12",
            first_year=2025,
            password=PASSWORD,
            verbosity=0,
        )
        # Lai Châu since July 2025, and the former Lai Châu until June 2025
        self.assertEqual(OrgUnit.objects.filter(kind=UnitKind.PROVINCE).count(), 2)
        self.assertEqual(
            set(DataValue.objects.values_list("period", flat=True).distinct()),
            {"2025S1", "2025S2", "2025", "2025N9"},
        )
        self.assertEqual(rollup.verify(), [])

    def test_an_unknown_province_code_is_refused(self):
        with self.assertRaisesMessage(CommandError, "99"):
            call_command("demo", scale="national", provinces="99", verbosity=0)
        self.assertEqual(OrgUnit.objects.count(), 0)


class NationalDemoTests(TestCase):
    """Lai Châu (38 communes since July 2025; before, 8 districts and 106 communes) with
    its departments, over two years."""

    @classmethod
    def setUpTestData(cls):
        cls.tree, cls.profiles = national_tree(["12"])
        cls.constraints_before = values_table_constraints()
        cls.result = load_national(["12"], first_year=2024, last_year=2025, password=PASSWORD)

    def test_it_loads_the_real_units_with_their_official_codes_and_the_departments(self):
        self.assertEqual(OrgUnit.objects.count(), len(self.tree))
        self.assertEqual(self.result.units, len(self.tree))
        province = OrgUnit.objects.get(code="VN-12")
        self.assertEqual((province.name, province.valid_from), ("Tỉnh Lai Châu", date(2025, 7, 1)))
        self.assertEqual(province.children.filter(kind=UnitKind.COMMUNE).count(), 38)
        self.assertEqual(
            OrgUnit.objects.get(code="VN-12-BPTTH").name, "Báo và Phát thanh, Truyền hình Lai Châu"
        )
        self.assertEqual(OrgUnit.objects.get(code="VN-12-TTXTDL").parent.code, "VN-12-SVHTTDL")
        former = OrgUnit.objects.get(code="VN63-12")
        self.assertEqual((former.valid_to, former.successor), (date(2025, 6, 30), province))
        self.assertEqual(OrgUnit.objects.filter(kind=UnitKind.DISTRICT).count(), 8)

    def test_paths_depths_and_child_counts_are_what_save_would_compute(self):
        assert_tree_as_save_builds_it(self)

    def test_every_value_planned_is_written_once(self):
        plan = plan_values(self.profiles, 2024, 2025, random.Random(SEED + 1), True)
        self.assertEqual(DataValue.objects.count(), plan.row_count())
        self.assertEqual(self.result.values, plan.row_count())
        units_with_values = set(DataValue.objects.values_list("unit__code", flat=True).distinct())
        self.assertEqual(units_with_values, set(self.profiles))
        self.assertEqual(
            set(
                DataValue.objects.filter(derived=False).values_list("period", flat=True).distinct()
            ),
            HALF_YEARS - {"2023S1", "2023S2"},
        )

    def test_each_unit_reports_the_half_years_in_which_it_existed(self):
        def half_years(**filters) -> set[str]:
            return set(
                DataValue.objects.filter(derived=False, **filters)
                .values_list("period", flat=True)
                .distinct()
            )

        before, after = {"2024S1", "2024S2", "2025S1"}, {"2025S2"}
        self.assertEqual(half_years(unit__kind=UnitKind.DISTRICT), before)
        self.assertEqual(half_years(unit__code__startswith="VN63-", unit__kind="commune"), before)
        self.assertEqual(half_years(unit__code__startswith="VN-", unit__kind="commune"), after)
        self.assertEqual(half_years(unit__kind=UnitKind.DEPARTMENT), before | after)
        # A rural commune's work was reported by its district; wards and townships
        # reported themselves.
        reporting = OrgUnit.objects.filter(code__startswith="VN63-", kind="commune").exclude(
            code__in=self.profiles
        )
        self.assertTrue(reporting)
        self.assertTrue(all(unit.name.startswith("Xã ") for unit in reporting))

    def test_the_subtree_sums_agree_with_a_fresh_computation(self):
        self.assertEqual(rollup.verify(), [])
        self.assertEqual(self.result.rollup_rows, len(rollup.fresh_sums()))

    def test_the_indexes_and_keys_dropped_for_the_load_are_back(self):
        self.assertEqual(values_table_constraints(), self.constraints_before)

    def test_people_log_in_to_the_province_and_two_of_its_communes(self):
        consolidator = Membership.objects.get(user__username="tonghop.laichau")
        self.assertEqual((consolidator.unit.code, consolidator.role), ("VN-12", Role.CONSOLIDATOR))
        officers = Membership.objects.filter(role=Role.OFFICER).select_related("unit")
        self.assertEqual({m.unit.parent.code for m in officers}, {"VN-12"})
        self.assertEqual(len({m.unit_id for m in officers}), 2)

    def test_the_same_seed_gives_the_same_profiles(self):
        self.assertEqual(national_tree(["12"]), (self.tree, self.profiles))
        self.assertNotEqual(national_tree(["12"], seed=7)[1], self.profiles)
