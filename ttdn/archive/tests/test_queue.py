"""Units take turns in the import queue: one unit's slow files never hold another's.

"Slow" is made deterministic: the worker's clock is replaced by one that moves ten
seconds each time a file named ``cham-…`` (chậm, slow) comes back from the extraction
child, so the tests assert on the order files are done, never on wall-clock time.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from unittest import mock

from django.test import override_settings

from ttdn.archive import queueing, worker
from ttdn.archive.models import Document, DocumentStatus, Job, JobStatus
from ttdn.archive.sandbox import Outcome, Sandbox
from ttdn.archive.tests import files
from ttdn.archive.tests.base import ArchiveTestCase

SLOW_SECONDS = 10.0
TURN_SECONDS = 30.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class SlowSandbox(Sandbox):
    """A real extraction child whose ``cham-…`` files take SLOW_SECONDS on ``clock``;
    ``done`` lists the files in the order they came back."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(timeout=60)
        self.clock = clock
        self.sent: list[str] = []
        self.done: list[str] = []

    def submit(self, path: str, filename: str, sha256: str) -> bool:
        self.sent.append(filename)
        return super().submit(path, filename, sha256)

    def receive(self, on_wait=None, wait_interval: float = 5.0) -> Outcome:
        outcome = super().receive(on_wait, wait_interval)
        name = self.sent.pop(0)
        if name.rsplit("/", 1)[-1].startswith("cham-"):
            self.clock.now += SLOW_SECONDS
        self.done.append(name)
        return outcome


class TurnTests(ArchiveTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_archive_queue_"))
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.clock = Clock()
        patch = mock.patch.object(worker, "clock", self.clock)
        patch.start()
        self.addCleanup(patch.stop)
        self.sandbox = SlowSandbox(self.clock)
        self.addCleanup(self.sandbox.close)

    def slow_zip(self, count: int) -> Path:
        members = {
            f"cham-{n:02d}.txt": files.report_text(number=n, articles=n).encode()
            for n in range(1, count + 1)
        }
        return files.write_zip(self.folder, "cham.zip", members)

    def fast_file(self) -> Path:
        return files.write_report(self.folder, "nhanh.txt", number=99)

    def test_one_units_slow_files_do_not_hold_another_units_file(self):
        slow = queueing.queue_import(self.officer, self.commune, [self.slow_zip(20)]).job
        fast = queueing.queue_import(self.sibling_officer, self.sibling, [self.fast_file()]).job
        with override_settings(JOB_TURN_SECONDS=TURN_SECONDS):
            with self.captureOnCommitCallbacks(execute=True):
                finished = worker.run_worker(once=True, sandbox=self.sandbox)
        self.assertEqual(finished, 2)
        order = self.sandbox.done
        self.assertEqual(len(order), 21)
        # The slow job's turn ends after three slow files (30 s), then the other unit's
        # file goes.
        self.assertEqual(order.index("nhanh.txt"), 3, order)
        for job in (slow, fast):
            job.refresh_from_db()
            self.assertEqual(job.status, JobStatus.DONE)
            self.assertEqual(job.attempts, 1)
        self.assertEqual(
            set(Document.objects.values_list("status", flat=True)), {DocumentStatus.EXTRACTED}
        )

    def test_a_job_alone_in_the_queue_keeps_going_past_its_turn(self):
        job = queueing.queue_import(self.officer, self.commune, [self.slow_zip(8)]).job
        self.assertTrue(worker.claim(job))
        with self.captureOnCommitCallbacks(execute=True):
            worker.process_job(job, sandbox=self.sandbox, turn=TURN_SECONDS)
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.DONE)
        self.assertEqual(len(self.sandbox.done), 8)

    def test_a_job_handed_back_turn_after_turn_is_never_failed_for_waiting(self):
        job = queueing.queue_import(self.officer, self.commune, [self.slow_zip(20)]).job
        queueing.queue_import(self.sibling_officer, self.sibling, [self.fast_file()])
        turns = []
        while not job.is_finished and len(turns) < 10:
            self.assertTrue(worker.claim(job))
            with self.captureOnCommitCallbacks(execute=True):
                worker.process_job(job, sandbox=self.sandbox, turn=TURN_SECONDS)
            job.refresh_from_db()
            documents = Document.objects.filter(job=job)
            self.assertFalse(documents.filter(status=DocumentStatus.FAILED).exists())
            extracted = documents.filter(status=DocumentStatus.EXTRACTED).count()
            turns.append((job.status, extracted))
        # More turns than MAX_ATTEMPTS: each reads a few files and hands the rest back,
        # queued, without counting as a failed attempt.
        self.assertGreater(len(turns), worker.MAX_ATTEMPTS + 1)
        queued = [(JobStatus.QUEUED, n) for n in (3, 6, 9, 12, 15, 18)]
        self.assertEqual(turns, [*queued, (JobStatus.DONE, 20)])
        self.assertEqual(job.attempts, 1)

    def test_a_worker_stopping_hands_the_rest_back_without_counting_an_attempt(self):
        job = queueing.queue_import(self.officer, self.commune, [self.slow_zip(15)]).job
        stop = threading.Event()
        receive = self.sandbox.receive

        def stop_after_two(*args, **kwargs):
            outcome = receive(*args, **kwargs)
            if len(self.sandbox.done) == 2:
                stop.set()  # as SIGTERM does
            return outcome

        self.sandbox.receive = stop_after_two
        for _run in range(worker.MAX_ATTEMPTS + 1):
            self.assertTrue(worker.claim(job))
            stop.clear()
            with self.captureOnCommitCallbacks(execute=True):
                worker.process_job(job, sandbox=self.sandbox, stop=stop, turn=TURN_SECONDS)
            job.refresh_from_db()
            self.assertEqual((job.status, job.claimed_by, job.attempts), (JobStatus.QUEUED, "", 0))
            self.sandbox.done.clear()
        # Each run finished the file in hand and left the rest queued.
        documents = Document.objects.filter(job=job)
        self.assertEqual(documents.filter(status=DocumentStatus.EXTRACTED).count(), 8)
        self.assertEqual(documents.filter(status=DocumentStatus.QUEUED).count(), 7)

    def test_the_unit_served_longest_ago_is_claimed_first(self):
        first = queueing.queue_import(self.officer, self.commune, [self.slow_zip(2)]).job
        second = queueing.queue_import(self.officer, self.commune, [self.fast_file()]).job
        other = queueing.queue_import(
            self.sibling_officer,
            self.sibling,
            [files.write_report(self.folder, "khac.txt", number=42)],
        ).job
        self.assertEqual(Job.claim_next("w1", worker.stale_after()).pk, first.pk)
        # The commune is being served: the sibling's job goes before its second one.
        self.assertEqual(Job.claim_next("w2", worker.stale_after()).pk, other.pk)
        self.assertEqual(Job.claim_next("w3", worker.stale_after()).pk, second.pk)
        self.assertIsNone(Job.claim_next("w4", worker.stale_after()))
