"""Upgrading from the release where the archive owned the search index keeps the table,
its rows and the full-text index: no rebuild is needed."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

from ttdn.orgunits.models import OrgUnit
from ttdn.search import services
from ttdn.search.models import SearchEntry

BEFORE = [("archive", "0003_fewer_document_indexes"), ("search", None)]


class MoveFromTheArchiveTests(TransactionTestCase):
    def migrate(self, targets) -> None:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)

    def latest(self) -> list[tuple[str, str]]:
        return MigrationExecutor(connection).loader.graph.leaf_nodes()

    def test_entries_indexed_before_the_move_are_found_after_it(self):
        unit = OrgUnit.objects.create(code="HNA", name="Hà Nam", kind="province")
        self.addCleanup(self.migrate, self.latest())
        self.migrate(BEFORE)
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE[:1]).apps
        OldEntry = old_apps.get_model("archive", "SearchEntry")
        OldEntry.objects.create(
            kind="document",
            object_id=7,
            unit_id=unit.pk,
            title="Báo cáo thông tin đối ngoại",
            title_folded="bao cao thong tin doi ngoai",
            body="Tỉnh Hà Nam",
            body_folded="tinh ha nam",
        )
        ContentType.objects.get_or_create(app_label="archive", model="searchentry")
        ContentType.objects.filter(app_label="search", model="searchentry").delete()

        self.migrate(self.latest())

        entry = SearchEntry.objects.get()
        self.assertEqual((entry.kind, entry.object_id, entry.unit_id), ("document", 7, unit.pk))
        (hit,) = services.search(None, "ha nam").hits
        self.assertEqual(hit.entry, entry)
        self.assertEqual(str(hit.title), "Báo cáo thông tin đối ngoại")
        self.assertTrue(
            ContentType.objects.filter(app_label="search", model="searchentry").exists()
        )
        self.assertFalse(
            ContentType.objects.filter(app_label="archive", model="searchentry").exists()
        )
