"""The import worker: claim a job, send its files through the extraction children,
store what they read in groups, hand the job back when its turn is over. Between jobs
it sends the notices' e-mail and runs their periodic steps (ttdn.notices.services).

    claim(job); process_job(job)    # one job, here
    run_worker()                    # `ttdn worker`: every queued job, in turns

What is stored, and how a failure is kept to one document, is ``ttdn.archive.storing``.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.archive import storage
from ttdn.archive.models import Document, DocumentStatus, Job, JobStatus
from ttdn.archive.sandbox import Outcome, Sandbox
from ttdn.archive.storing import Extraction, JobLost, store_group
from ttdn.lib.processes import sweep_scratch
from ttdn.notices.services import run_due_work

log = logging.getLogger(__name__)

# Heartbeats come this often, even while one long file is being read, so a stale one
# (TTDN_JOB_STALE_SECONDS) means the worker died.
HEARTBEAT_SECONDS = 5.0
# Workers that died this many times on one job are not sent back to it.
MAX_ATTEMPTS = 3


def stale_after() -> timedelta:
    """Heartbeat age after which a running job is taken for abandoned and re-claimed."""
    return timedelta(seconds=settings.JOB_STALE_SECONDS)


_pool: list[Sandbox] = []


def extraction_pool() -> list[Sandbox]:
    """This process's extraction children, started on first use and kept: one per core
    (at most four; ``TTDN_IMPORT_PROCESSES``), so that small files are read in parallel
    while this process stores what was read. Jobs run one at a time in a worker."""
    if not _pool:
        for _ in range(settings.IMPORT_PROCESSES):
            sandbox = Sandbox(
                memory_mb=settings.IMPORT_MEMORY_MB, timeout=settings.IMPORT_TIMEOUT_SECONDS
            )
            atexit.register(sandbox.close)
            _pool.append(sandbox)
    return _pool


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# Processing -------------------------------------------------------------------------


def claim(job: Job, worker: str | None = None) -> bool:
    """Take ``job`` for this process if no live worker holds it."""
    claimed = Job.claim_next(worker or worker_name(), stale_after(), kind=job.kind, pk=job.pk)
    if claimed is None:
        return False
    job.refresh_from_db()
    return True


def process_job(
    job: Job,
    sandbox: Sandbox | None = None,
    progress: Callable[[Document], None] | None = None,
    stop: threading.Event | None = None,
    arrivals: Iterator[list[Document]] | None = None,
    expected: int = 0,
    turn: float | None = None,
) -> Job:
    """Import every unfinished document of a claimed job. A re-run after a crash carries
    on where the dead worker stopped; ``progress`` is called after each document.

    ``arrivals`` (import_files): documents queued into the job while it runs, taken
    whenever the extraction children could take more; ``expected`` is then the number of
    files still to come, for the progress figure.

    ``turn`` (the worker): seconds this job may run while other units' jobs wait. Past
    them it sends no more files, stores those being read, and hands the rest back to the
    queue, behind the other units' jobs; it carries on at its next turn."""
    pool = [sandbox] if sandbox is not None else extraction_pool()
    total = max(len(job.document_ids), expected)
    waiting = deque(
        Document.objects.filter(
            pk__in=job.document_ids,
            status__in=[DocumentStatus.QUEUED, DocumentStatus.PROCESSING],
        )
        .select_related("unit")
        .order_by("pk")
    )
    try:
        if job.attempts > MAX_ATTEMPTS:
            _give_up(job, list(waiting))
        else:
            done = len(job.document_ids) - len(waiting)
            pipeline = Pipeline(job, pool, waiting, done, total, progress, stop, arrivals)
            pipeline.turn = turn
            with _no_flush_wait():
                pipeline.run()
            stopped = stop is not None and stop.is_set()
            if pipeline.waiting and (stopped or pipeline.yielded):
                _hand_back(job, list(pipeline.waiting))
                return job
        job.beat(status=JobStatus.DONE, progress=100, finished_at=timezone.now())
    except JobLost:
        log.warning("import job %s was taken over by another worker", job.pk)
    finally:
        for child in pool:
            if child.pending:  # left by an exception: replies the next job must not read
                child.close()
    return job


def _hand_back(job: Job, documents: list[Document]) -> None:
    """Put the rest of a job back in the queue (the worker is stopping, or the job's
    turn is over) rather than leave it to go stale. Handing back is no failed attempt:
    only workers that died count towards MAX_ATTEMPTS."""
    Document.objects.filter(pk__in=[d.pk for d in documents]).update(status=DocumentStatus.QUEUED)
    job.beat(status=JobStatus.QUEUED, claimed_by="", attempts=max(0, job.attempts - 1))


def _give_up(job: Job, documents: list[Document]) -> None:
    """Workers died on this job again and again: whatever kills them is in what is left."""
    message = _("Lỗi khi xử lý: bộ xử lý nền dừng nhiều lần khi đọc tệp này.")
    Document.objects.filter(pk__in=[d.pk for d in documents]).update(
        status=DocumentStatus.FAILED, error=message
    )
    job.beat(log=job.log + "".join(f"{d.filename}: {message}\n" for d in documents))


# Files handed to the extraction children ahead of the one being stored, so that they
# extract on the other cores while the database work runs here. More than two groups'
# worth, or the children stand idle while a group is written (measured: 1,000 one-page
# notes stored in 1.1 s with 64 a group and 160 ahead, 1.25 s with 16 and 32).
PIPELINE_DEPTH = 160
# Documents stored per transaction. Each document's rows are always written together (a
# crash redoes the whole group); grouping saves most of the per-commit cost on small files,
# and GROUP_SECONDS closes a group early when the files are long.
GROUP_DOCUMENTS = 64
GROUP_SECONDS = 1.0
# While a job's turn runs, files are sent ahead only up to about this many seconds of
# reading (as measured on the job's files so far, one per child at least): twenty slow
# Word files sent at once would hold the worker long after the turn is over.
AHEAD_SECONDS = 2.0


def turn_seconds() -> float:
    """How long a job runs while other units' jobs wait (``TTDN_JOB_TURN_SECONDS``)."""
    return settings.JOB_TURN_SECONDS


# The pipeline's clock (tests replace it to make files slow without waiting).
clock = time.monotonic


class Pipeline:
    """Files go to the least busy extraction child; outcomes are taken in the order the
    files were sent, and stored in groups."""

    def __init__(self, job, pool, waiting, done, total, progress, stop, arrivals=None) -> None:
        self.job, self.pool, self.waiting = job, pool, waiting
        self.done, self.total = done, max(1, total)
        self.progress, self.stop, self.arrivals = progress, stop, arrivals
        self.in_flight: deque[tuple[Document, Sandbox]] = deque()
        self.group: list[Extraction] = []
        # Documents a stopped run had started: only these can have rows to clear.
        self.resumed = {d.pk for d in waiting if d.status == DocumentStatus.PROCESSING}
        self.turn: float | None = None  # see process_job
        self.yielded = False
        self.began = self.look_at = clock()
        self.received = 0

    def depth(self) -> int:
        """Files to keep sent ahead to the children (see AHEAD_SECONDS)."""
        if self.turn is None:
            return PIPELINE_DEPTH
        least = len(self.pool)
        if not self.received:
            return least
        per_file = max(1e-6, (clock() - self.began) / self.received)
        return max(least, min(PIPELINE_DEPTH, int(AHEAD_SECONDS / per_file)))

    def turn_over(self) -> bool:
        """True once the job has had its turn and another unit's job is waiting."""
        if self.yielded or self.turn is None:
            return self.yielded
        now = clock()
        if now < self.look_at + self.turn:
            return False
        self.yielded = self.job.others_waiting(stale_after())
        # Alone in the queue: look again a heartbeat later.
        self.look_at = now - self.turn + HEARTBEAT_SECONDS
        return self.yielded

    def heartbeat(self) -> None:
        if not self.job.beat():
            raise JobLost()

    def arrive(self) -> bool:
        """Take the next documents queued into the job; False when none will come."""
        if self.arrivals is None:
            return False
        before = len(self.job.document_ids)
        documents = next(self.arrivals, None)
        if documents is None:
            self.arrivals = None
            return False
        self.waiting.extend(documents)
        # Files refused at queueing are finished already.
        self.done += len(self.job.document_ids) - before - len(documents)
        self.total = max(self.total, len(self.job.document_ids))
        return True

    def fill(self) -> None:
        depth = self.depth()
        while len(self.in_flight) < depth and (self.waiting or self.arrive()):
            if (self.stop is not None and self.stop.is_set()) or self.turn_over():
                return
            if not self.waiting:
                continue
            document = self.waiting.popleft()
            child = min(self.pool, key=lambda c: c.pending)
            if not storage.exists(document.stored_name):
                missing = Outcome(False, kind="InternalError", error="original file missing")
                self.group.append(Extraction(document, missing))
            elif child.submit(
                str(storage.path(document.stored_name)),
                document.filename,
                document.sha256 or "0" * 64,
            ):
                self.in_flight.append((document, child))
            else:
                crashed = Outcome(False, kind="Crashed", error="extraction process did not start")
                self.group.append(Extraction(document, crashed))

    def receive(self) -> tuple[Document, Outcome]:
        document, child = self.in_flight.popleft()
        outcome = child.receive(self.heartbeat, HEARTBEAT_SECONDS)
        self.received += 1
        held = [entry for entry in self.in_flight if entry[1] is child]
        if child.pending != len(held):
            # The child was replaced: the files it held must be sent again.
            self.in_flight = deque(entry for entry in self.in_flight if entry[1] is not child)
            self.waiting.extendleft(reversed([d for d, _ in held]))
        return document, outcome

    def run(self) -> None:
        if self.waiting:
            ids = [d.pk for d in self.waiting]
            Document.objects.filter(pk__in=ids).update(status=DocumentStatus.PROCESSING)
        started = time.monotonic()
        self.fill()
        while self.in_flight or self.group:
            if self.in_flight:
                document, outcome = self.receive()
                self.fill()
                self.group.append(Extraction(document, outcome))
            full = len(self.group) >= GROUP_DOCUMENTS
            if self.group and (
                full or not self.in_flight or time.monotonic() - started > GROUP_SECONDS
            ):
                self.done += len(self.group)
                store_group(
                    self.job,
                    self.group,
                    min(100, round(100 * self.done / self.total)),
                    self.resumed,
                )
                if self.progress is not None:
                    for read in self.group:
                        self.progress(read.document)
                self.group, started = [], time.monotonic()


@contextmanager
def _no_flush_wait():
    """On PostgreSQL, let the import's commits return before their WAL reaches the disk.
    A crash may then lose the last groups committed, never part of one: their documents
    are still waiting in the job and the next run imports them again."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        if connection.is_usable():  # a broken connection takes the setting with it
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


# The worker loop ----------------------------------------------------------------------


def sweep_leftovers() -> None:
    """Remove what killed conversions and extraction children left behind: LibreOffice
    profiles and converted copies (and any LibreOffice still running in them) of
    processes that are gone, and spool folders of uploads abandoned mid-way."""
    scratch, spool = sweep_scratch(), storage.sweep_spool()
    if scratch or spool:
        log.info("removed %d scratch and %d spool folders left behind", scratch, spool)


def run_worker(
    *,
    once: bool = False,
    poll_seconds: float = 2.0,
    stop: threading.Event | None = None,
    on_job: Callable[[Job], None] | None = None,
    sandbox: Sandbox | None = None,
) -> int:
    """Claim and process import jobs until ``stop`` is set (``once``: until none is
    left), each for a turn of ``TTDN_JOB_TURN_SECONDS`` while other units' jobs wait
    (``on_job`` is called after each turn). Returns how many jobs this worker finished."""
    stop = stop or threading.Event()
    name = worker_name()
    processed = 0
    sweep_leftovers()
    while not stop.is_set():
        try:
            job = Job.claim_next(name, stale_after())
        except OperationalError as exc:
            # The database busy past its timeout or restarting: ask again after a pause
            # rather than stop the worker (nothing was claimed; a reconnect follows).
            log.warning("could not look for import jobs (%s); trying again", exc)
            if not connection.in_atomic_block:  # a caller's transaction stays theirs
                connection.close_if_unusable_or_obsolete()
            stop.wait(poll_seconds)
            continue
        if job is None:
            # Between jobs: the notices' periodic steps and the e-mail that is due.
            run_due_work()
            if once:
                break
            stop.wait(poll_seconds)
            continue
        process_job(job, sandbox=sandbox, stop=stop, turn=turn_seconds())
        run_due_work()
        sweep_leftovers()
        processed += job.is_finished
        if on_job is not None:
            on_job(job)
    return processed
