"""A worker killed in the middle of an import (SIGKILL: no cleanup at all), then
`ttdn worker --once`: every document ends up imported exactly once.

Runs the real commands in subprocesses against a database of their own (a file for
SQLite, a fresh database on the same server for PostgreSQL), since the test database
lives inside this process's transaction.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.db import connection
from django.test import SimpleTestCase

from ttdn.archive.tests import files

DOCUMENTS = 48
STALE_SECONDS = 2


class ScratchDatabase:
    def __init__(self, folder: Path):
        self.folder = folder
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            settings = connection.settings_dict
            self.name = f"ttdn_archive_kill_{uuid.uuid4().hex[:8]}"
            user, host, port = settings["USER"], settings["HOST"], settings["PORT"] or 5432
            password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
            self.server = f"postgresql://{user}{password}@{host}:{port}"
            self.url = f"{self.server}/{self.name}"
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{folder / 'db.sqlite3'}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as admin:
            admin.execute(sql)

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def query(self, sql: str) -> list[tuple]:
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(self.url) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.folder / "db.sqlite3", timeout=20) as conn:
            return conn.execute(sql).fetchall()


class WorkerKilledMidImportTests(SimpleTestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_archive_kill_"))
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.db = ScratchDatabase(self.folder)
        self.addCleanup(self.db.drop)
        self.env = {
            **os.environ,
            "DATABASE_URL": self.db.url,
            "TTDN_DATA_DIR": str(self.folder / "data"),
            "TTDN_ARCHIVE_ROOT": str(self.folder / "archive"),
            "TTDN_JOB_STALE_SECONDS": str(STALE_SECONDS),
            "TTDN_DB_CONN_MAX_AGE": "0",
            # One extraction child: the worker must still be busy when it is killed.
            "TTDN_IMPORT_PROCESSES": "1",
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)

    def ttdn(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "ttdn.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=check,
        )

    def make_documents(self) -> Path:
        folder = self.folder / "in"
        folder.mkdir()
        # Long enough (~100 KB each) that the worker is still busy when it is killed.
        filler = (files.report_text() * 40).split("\n")
        for n in range(DOCUMENTS):
            text = files.report_text(number=n + 1, articles=100 + n) + "\n".join(filler)
            (folder / f"bao-cao-{n:02d}.txt").write_text(text, encoding="utf-8")
        return folder

    def test_a_killed_worker_is_replaced_and_every_document_is_imported_exactly_once(self):
        self.ttdn("migrate", "--no-input", "-v", "0")
        self.ttdn(
            "shell",
            "-c",
            "from ttdn.orgunits.models import OrgUnit; "
            "OrgUnit(code='BDI', name='Tỉnh Bình Định', kind='province').save()",
        )
        self.ttdn("import", str(self.make_documents()), "--unit", "BDI", "--no-wait")
        worker = subprocess.Popen(
            [sys.executable, "-m", "ttdn.cli", "worker", "--poll", "0.2"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        extracted = self._wait_for_some_extracted(worker)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        self.assertGreater(extracted, 0)
        self.assertLess(extracted, DOCUMENTS, "the worker finished before it could be killed")
        (status,) = self.db.query("SELECT status FROM archive_job")
        self.assertEqual(status[0], "running")  # a dead worker's job, still claimed

        time.sleep(STALE_SECONDS + 0.5)
        self.ttdn("worker", "--once")

        self.assertEqual(
            self.db.query("SELECT status, progress, attempts FROM archive_job"), [("done", 100, 2)]
        )
        documents = self.db.query("SELECT id, filename, status FROM archive_document")
        self.assertEqual(len(documents), DOCUMENTS)
        self.assertEqual({status for _, _, status in documents}, {"extracted"})
        self.assertEqual(len({name for _, name, _ in documents}), DOCUMENTS)
        entries = self.db.query("SELECT object_id FROM archive_searchentry WHERE kind = 'document'")
        self.assertEqual(sorted(e for (e,) in entries), sorted(pk for pk, _, _ in documents))
        stored = self.db.query(
            "SELECT COUNT(*) FROM archive_document WHERE extract IS NOT NULL AND text <> ''"
        )
        self.assertEqual(stored, [(DOCUMENTS,)])  # every extract and full text kept
        (log,) = self.db.query("SELECT log FROM archive_job")[0]
        for _, name, _ in documents:
            self.assertEqual(log.count(f"{name}: "), 1, name)

    def _wait_for_some_extracted(self, worker: subprocess.Popen) -> int:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                self.fail("the worker stopped by itself")
            (count,) = self.db.query(
                "SELECT COUNT(*) FROM archive_document WHERE status = 'extracted'"
            )[0]
            if count:
                return count
            time.sleep(0.02)
        self.fail("the worker extracted nothing in two minutes")
