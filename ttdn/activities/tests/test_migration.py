"""Upgrading keeps the quantities activities held as codes: each code of the catalogue
becomes a row; a code the catalogue does not have, which was never counted, is left out."""

from decimal import Decimal

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

from ttdn.activities.models import ActivityQuantity
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.orgunits.models import OrgUnit

BEFORE = [("activities", "0001_initial")]


class QuantitiesToRowsTests(TransactionTestCase):
    def migrate(self, targets) -> None:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)

    def latest(self) -> list[tuple[str, str]]:
        return MigrationExecutor(connection).loader.graph.leaf_nodes()

    def test_known_codes_become_rows_and_unknown_ones_are_left_out(self):
        load_catalogue(Indicator)  # a transactional test may start from an emptied database
        unit = OrgUnit.objects.create(code="HNA", name="Tỉnh Hà Nam", kind="province")
        self.addCleanup(self.migrate, self.latest())
        self.migrate(BEFORE)
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldActivity = old_apps.get_model("activities", "Activity")
        old = OldActivity.objects.create(
            unit_id=unit.pk,
            type="training",
            title="Tập huấn",
            start_date="2024-03-05",
            quantities={"training_participants": 120, "khong_co": 3},
        )

        self.migrate(self.latest())

        rows = ActivityQuantity.objects.filter(activity_id=old.pk)
        self.assertEqual(
            list(rows.values_list("indicator__code", "option", "value")),
            [("training_participants", "", Decimal(120))],
        )
