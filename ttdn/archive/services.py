"""Importing a unit's old reports: queue the files, extract them in a worker, review.

    batch = queue_import(user, unit, files)     # checks, keeps originals, makes a Job
    process_job(batch.job)                      # what `ttdn worker` does with each job
    batch = import_files(user, unit, files)     # both at once, here (`ttdn import`)

Nothing read from a document counts anywhere until a person accepts it in review
(``ttdn.archive.review``).
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import can
from ttdn.archive import intake, mapping, rows, search, storage
from ttdn.archive.models import (
    Document,
    DocumentStatus,
    ImportedItem,
    ItemKind,
    Job,
    JobStatus,
    LegalDocument,
    normalise_number,
)
from ttdn.archive.sandbox import MEMORY_MB, TIMEOUT_SECONDS, Outcome, Sandbox
from ttdn.indicators.models import Indicator
from ttdn.lib.periods import Period, PeriodError, PeriodType, parse_period_label
from ttdn.lib.processes import sweep_scratch
from ttdn.lib.vnformat import format_number
from ttdn.orgunits.models import OrgUnit
from ttdn.search.models import SearchEntry

log = logging.getLogger(__name__)

# Heartbeats come this often, even while one long file is being read, so a stale one
# (TTDN_JOB_STALE_SECONDS) means the worker died.
HEARTBEAT_SECONDS = 5.0
# Workers that died this many times on one job are not sent back to it.
MAX_ATTEMPTS = 3


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def stale_after() -> timedelta:
    """Heartbeat age after which a running job is taken for abandoned and re-claimed."""
    return timedelta(seconds=_env_number("TTDN_JOB_STALE_SECONDS", 120))


_pool: list[Sandbox] = []


def extraction_pool() -> list[Sandbox]:
    """This process's extraction children, started on first use and kept: one per core
    (at most four; ``TTDN_IMPORT_PROCESSES``), so that small files are read in parallel
    while this process stores what was read. Jobs run one at a time in a worker."""
    if not _pool:
        default = min(4, os.cpu_count() or 1)
        for _ in range(max(1, int(_env_number("TTDN_IMPORT_PROCESSES", default)))):
            sandbox = Sandbox(
                memory_mb=int(_env_number("TTDN_IMPORT_MEMORY_MB", MEMORY_MB)),
                timeout=_env_number("TTDN_IMPORT_TIMEOUT_SECONDS", TIMEOUT_SECONDS),
            )
            atexit.register(sandbox.close)
            _pool.append(sandbox)
    return _pool


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# Queueing ---------------------------------------------------------------------------


@dataclass
class Batch:
    job: Job
    documents: list[Document] = field(default_factory=list)
    refusals: list[dict[str, str]] = field(default_factory=list)

    @property
    def queued(self) -> list[Document]:
        return [d for d in self.documents if d.status == DocumentStatus.QUEUED]


def classified_message(marking: str) -> str:
    return _(
        "Tài liệu mang dấu độ mật “%(mark)s”: hệ thống không nhận tài liệu mật. Tệp không "
        "được lưu; hãy xử lý theo quy định bảo vệ bí mật nhà nước."
    ) % {"mark": marking}


def duplicate_message(user, first: Document) -> str:
    if user is not None and not can(user, first.unit, "view"):
        return _("Tệp này đã có trong kho tài liệu (do đơn vị khác nhập).")
    return _("Tệp này đã được nhập ngày %(day)s: “%(name)s” (tài liệu số %(pk)s, %(unit)s).") % {
        "day": date_format(timezone.localtime(first.created_at), "d/m/Y"),
        "name": first.filename,
        "pk": first.pk,
        "unit": first.unit.name,
    }


def queue_import(user, unit: OrgUnit, files: Iterable[Any]) -> Batch:
    """Check and keep ``files`` (uploads, paths or (name, file) pairs; ZIPs expanded) as
    documents of ``unit`` and queue one import job for them. Refused files come back
    with a reason each; classified ones leave no trace but that reason.

    ``user`` None is the command line (the person at the server's console)."""
    _check_may_import(user, unit)
    folder = Path(tempfile.mkdtemp(dir=storage.spool_dir()))
    try:
        candidates = intake.gather(files, folder)
        with transaction.atomic():
            job = Job.objects.create(kind=Job.IMPORT, unit=unit, created_by=user)
            queue = _Queue(user, unit, job)
            if not queue.add(candidates):
                job.status, job.progress, job.finished_at = JobStatus.DONE, 100, timezone.now()
                job.save(update_fields=["status", "progress", "finished_at"])
        return queue.batch
    finally:
        storage.clear_spool(folder)


# Files queued at a time by import_files: enough to keep the extraction children busy from
# the first moment, few enough that the queueing of the next ones fits between groups.
STREAM_FILES = 50


def import_files(
    user,
    unit: OrgUnit,
    files: Iterable[Any],
    progress: Callable[[Document], None] | None = None,
) -> Batch:
    """Queue ``files`` and import them in this process (``ttdn import`` without
    --no-wait): the job is this process's from the start, and the files are queued
    ``STREAM_FILES`` at a time while the first ones are already being extracted, so the
    extraction children do not wait for the whole batch to be copied into the archive.

    Each step is its own transaction: if this process dies, the files queued so far are
    imported by ``ttdn worker`` (the job goes stale and is taken over) and the others were
    never kept, so importing the same files again refuses the first as already imported
    and queues the rest."""
    _check_may_import(user, unit)
    files = list(files)
    now = timezone.now()
    job = Job.objects.create(
        kind=Job.IMPORT,
        unit=unit,
        created_by=user,
        status=JobStatus.RUNNING,
        claimed_by=worker_name(),
        heartbeat=now,
        started_at=now,
        attempts=1,
    )
    queue = _Queue(user, unit, job, status=DocumentStatus.PROCESSING)
    steps = (files[first : first + STREAM_FILES] for first in range(0, len(files), STREAM_FILES))
    arrivals = (_queue_step(queue, step) for step in steps)
    process_job(job, progress=progress, arrivals=arrivals, expected=len(files))
    return queue.batch


def _queue_step(queue: _Queue, files: list[Any]) -> list[Document]:
    folder = Path(tempfile.mkdtemp(dir=storage.spool_dir()))
    try:
        candidates = intake.gather(files, folder)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # The import's other commits skip the WAL flush (_no_flush_wait); this one
                # must not: a lost commit would leave kept files without their rows.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO on")
            return queue.add(candidates)
    finally:
        storage.clear_spool(folder)


def _check_may_import(user, unit: OrgUnit) -> None:
    if user is not None and not can(user, unit, "enter"):
        raise PermissionDenied(_("Bạn không có quyền nhập tài liệu cho đơn vị này."))


class _Queue:
    """Files queued into one job, in one step or several (each within the caller's
    transaction). A file already in the archive, or twice in the batch, is refused with a
    link to the first copy. ``status``: what accepted files start as (PROCESSING when
    this process imports them itself, as a worker would mark them on starting)."""

    def __init__(self, user, unit: OrgUnit, job: Job, status=DocumentStatus.QUEUED) -> None:
        self.user, self.unit, self.status = user, unit, status
        self.batch = Batch(job)
        self.fresh: dict[str, Document] = {}  # files new in this batch, by hash

    def add(self, candidates: list[intake.Candidate]) -> list[Document]:
        """Keep and register ``candidates``; returns the documents queued for extraction."""
        batch, user = self.batch, self.user
        job = batch.job
        marks = (len(batch.documents), len(batch.refusals), set(self.fresh), job.log, job.payload)
        saved: list[str] = []
        step: list[Document] = []
        try:
            known = {
                d.sha256: d
                for d in Document.objects.select_related("unit").filter(
                    sha256__in={c.sha256 for c in candidates if c.accepted} - set(self.fresh)
                )
            }
            later: list[tuple[Document, str]] = []  # repeats of a file new in this batch
            for candidate in candidates:
                if candidate.classified:
                    message = classified_message(candidate.classified)
                    batch.refusals.append({"filename": candidate.filename, "message": message})
                    continue
                row = Document(
                    unit=self.unit,
                    job=batch.job,
                    filename=candidate.filename,
                    format=candidate.format,
                    size=candidate.size,
                    imported_by=user,
                    status=self.status,
                )
                step.append(row)
                if candidate.refusal:
                    row.status, row.error = DocumentStatus.REFUSED, candidate.refusal
                elif candidate.sha256 in known:
                    _mark_duplicate(user, row, known[candidate.sha256])
                elif candidate.sha256 in self.fresh:
                    later.append((row, candidate.sha256))
                else:
                    assert candidate.path is not None
                    row.sha256 = candidate.sha256
                    row.stored_name = storage.keep(candidate.path, candidate.filename)
                    saved.append(row.stored_name)
                    self.fresh[candidate.sha256] = row
            repeats = {id(row) for row, _ in later}
            _insert([d for d in step if id(d) not in repeats], user, saved)
            for row, sha in later:
                _mark_duplicate(user, row, self.fresh[sha])
                row.save()
            batch.documents.extend(step)
            refusals = batch.refusals[marks[1] :]
            lines = [f"{d.filename}: {d.error}" for d in step if d.error]
            lines += [f"{r['filename']}: {r['message']}" for r in refusals]
            # Added to what the job holds: the import may have changed it meanwhile
            # (a document found classified after reading leaves the list).
            payload = dict(job.payload)
            payload["documents"] = [*payload.get("documents", []), *(d.pk for d in step)]
            payload["refusals"] = [*payload.get("refusals", []), *refusals]
            job.payload = payload
            job.log += "".join(line + "\n" for line in lines)
            job.save(update_fields=["payload", "log"])
        except BaseException:
            for name in saved:
                storage.delete(name)
            del batch.documents[marks[0] :], batch.refusals[marks[1] :]
            self.fresh = {k: v for k, v in self.fresh.items() if k in marks[2]}
            job.log, job.payload = marks[3], marks[4]
            raise
        return [d for d in step if d.status == self.status]


def _mark_duplicate(user, row: Document, first: Document) -> None:
    row.status, row.duplicate_of = DocumentStatus.REFUSED, first
    row.error = duplicate_message(user, first)


def _insert(documents: list[Document], user, saved: list[str]) -> None:
    """All rows in one statement; one by one only when the same file arrived at the same
    moment in another upload (the unique hash refuses the second)."""
    try:
        with transaction.atomic():
            rows.insert_returning(Document, documents)
        return
    except IntegrityError:
        pass
    for row in documents:
        try:
            with transaction.atomic():
                row.save(force_insert=True)
        except IntegrityError:
            first = Document.objects.select_related("unit").get(sha256=row.sha256)
            storage.delete(row.stored_name)
            saved.remove(row.stored_name)
            row.pk, row.sha256, row.stored_name = None, None, ""
            _mark_duplicate(user, row, first)
            row.save(force_insert=True)


# Processing -------------------------------------------------------------------------


class JobLost(Exception):
    """Another worker took the job over (this one was thought dead)."""


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
            pipeline = _Pipeline(job, pool, waiting, done, total, progress, stop, arrivals)
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
    return max(0.0, _env_number("TTDN_JOB_TURN_SECONDS", 10))


# The pipeline's clock (tests replace it to make files slow without waiting).
clock = time.monotonic


class _Pipeline:
    """Files go to the least busy extraction child; outcomes are taken in the order the
    files were sent, and stored in groups."""

    def __init__(self, job, pool, waiting, done, total, progress, stop, arrivals=None) -> None:
        self.job, self.pool, self.waiting = job, pool, waiting
        self.done, self.total = done, max(1, total)
        self.progress, self.stop, self.arrivals = progress, stop, arrivals
        self.in_flight: deque[tuple[Document, Sandbox]] = deque()
        self.group: list[tuple[Document, Outcome]] = []
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
                self.group.append((document, missing))
            elif child.submit(
                str(storage.path(document.stored_name)),
                document.filename,
                document.sha256 or "0" * 64,
            ):
                self.in_flight.append((document, child))
            else:
                crashed = Outcome(False, kind="Crashed", error="extraction process did not start")
                self.group.append((document, crashed))

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
                self.group.append((document, outcome))
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
                    for document, _outcome in self.group:
                        self.progress(document)
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


def store_group(
    job: Job,
    group: list[tuple[Document, Outcome]],
    percent: int,
    resumed: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Store what was read from each document of ``group`` in one transaction, with the
    job's progress. If that fails, each document is tried alone, so one bad document
    is marked failed (nothing of it half-written) and the others are kept."""
    ids = [d.pk for d, _ in group]
    markings = {d.pk: o.marking if o.ok else "" for d, o in group}
    for document, _outcome in group:
        if markings[document.pk]:
            # The file goes before the row: a crash in between leaves a row without
            # content, never classified content without a row.
            storage.delete(document.stored_name)
    try:
        with transaction.atomic():
            lines = _write_group(job, group, markings, resumed)
            if not job.beat(log=job.log + "".join(f"{line}\n" for line in lines), progress=percent):
                raise JobLost()
        return
    except JobLost:
        raise
    except Exception as exc:
        # The rolled-back writes were also made to these objects in memory: start again
        # from what the database holds.
        job.refresh_from_db(fields=["log", "payload", "progress"])
        if len(group) > 1:
            fresh = Document.objects.select_related("unit").in_bulk(ids)
            for pk, (_document, outcome) in zip(ids, group, strict=True):
                if pk in fresh:
                    store_group(job, [(fresh[pk], outcome)], percent, resumed)
            return
        document = group[0][0]
        log.exception("import of document %s failed", document.pk)
        message = _("Lỗi khi xử lý: %(e)s") % {"e": f"{type(exc).__name__}: {exc}"}
        Document.objects.filter(pk=ids[0]).update(
            status=DocumentStatus.FAILED, error=message[:2000]
        )
        if not job.beat(log=job.log + f"{document.filename}: {message}\n", progress=percent):
            raise JobLost() from exc


def _write_group(
    job: Job,
    group: list[tuple[Document, Outcome]],
    markings: dict[int, str],
    resumed: set[int] | frozenset[int],
) -> list[str]:
    kept = [(d, o) for d, o in group if o.ok and not markings[d.pk]]
    # A redo after a crash starts clean. A dead worker's transaction never committed, so
    # this finds nothing as a rule; it is a guard, paid only for documents it may concern.
    redo = [d.pk for d, _ in kept if d.pk in resumed]
    if redo:
        SearchEntry.objects.filter(kind=search.DOCUMENT, object_id__in=redo).delete()
    entries: list[dict[str, Any]] = []
    lines = []
    for document, outcome in group:
        if markings[document.pk]:
            lines.append(_refuse_classified(document, job, markings[document.pk]))
        elif outcome.ok:
            lines.append(_keep_extract(document, outcome, entries))
        else:
            lines.append(_refuse_unreadable(document, outcome))
    rows.update(Document, [d for d, _ in kept], _EXTRACTED_FIELDS)
    rows.insert(SearchEntry, entries)
    return lines


_EXTRACTED_FIELDS = [
    "extract",
    "text",
    "kind",
    "title",
    "number",
    "format",
    "period",
    "status",
    "error",
]


_REFUSALS = {
    "NoTextLayer": gettext_noop(
        "Tệp PDF không có lớp chữ (bản quét): hệ thống không nhận dạng chữ (OCR)."
    ),
    "CorruptFile": gettext_noop("Tệp bị hỏng hoặc không đúng định dạng."),
    "UnsupportedFormat": gettext_noop("Định dạng không được hỗ trợ."),
    "UnsafeFile": gettext_noop("Tệp có cấu trúc bất thường (có thể là tệp độc hại): không xử lý."),
    "ConversionError": gettext_noop("Không chuyển đổi được tệp Word cũ (.doc)."),
    "ExtractError": gettext_noop("Không đọc được tệp."),
    "Crashed": gettext_noop("Đọc tệp vượt giới hạn bộ nhớ hoặc bị lỗi: dừng để bảo vệ hệ thống."),
}
# A limit hit is said with the limit; the engine's own wording would repeat it.
_LIMIT_REFUSALS = {
    "MemoryLimitExceeded": gettext_noop(
        "Đọc tệp vượt giới hạn bộ nhớ (%(limit)s MB): dừng để bảo vệ hệ thống."
    ),
    "TimeLimitExceeded": gettext_noop(
        "Đọc tệp quá thời gian xử lý (%(limit)s giây): dừng để bảo vệ hệ thống."
    ),
}


def _refusal(outcome: Outcome) -> str | None:
    if outcome.kind in _LIMIT_REFUSALS and outcome.limit is not None:
        detail = outcome.error.partition("): ")[2]  # what the engine saw, if it said
        limit = format_number(outcome.limit, language=get_language() or "vi")
        message = _(_LIMIT_REFUSALS[outcome.kind]) % {"limit": limit}
        return f"{message} ({detail})" if detail else message
    reason = _REFUSALS.get(outcome.kind)
    return None if reason is None else f"{_(reason)} ({outcome.error})"


def _refuse_unreadable(document: Document, outcome: Outcome) -> str:
    refusal = _refusal(outcome)
    if refusal is None:  # our own bug: keep the file so the import can be run again
        document.status = DocumentStatus.FAILED
        document.error = _("Lỗi khi xử lý: %(e)s") % {"e": outcome.error}
    else:
        document.status = DocumentStatus.REFUSED
        document.error = refusal
        name = document.stored_name
        document.stored_name, document.sha256 = "", None
        transaction.on_commit(lambda: storage.delete(name))
    document.save(update_fields=["status", "error", "stored_name", "sha256", "updated_at"])
    search.forget_document(document.pk)
    return f"{document.filename}: {document.error}"


def _refuse_classified(document: Document, job: Job, marking: str) -> str:
    message = classified_message(marking)
    refusal = {"filename": document.filename, "message": message}
    payload = dict(job.payload)
    payload["refusals"] = [*payload.get("refusals", []), refusal]
    payload["documents"] = [pk for pk in payload.get("documents", []) if pk != document.pk]
    search.forget_document(document.pk)
    document.delete()
    job.payload = payload
    job.beat(payload=payload)
    return f"{refusal['filename']}: {message}"


# Storing an extract -----------------------------------------------------------------


def period_of(period: dict[str, str] | None) -> Period | None:
    """The period an extract's period object names: by its label, else by its dates."""
    if not period:
        return None
    try:
        return parse_period_label(period.get("label", ""))
    except PeriodError:
        pass
    try:
        start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    except (KeyError, TypeError, ValueError):
        return None
    for kind, indexes in (
        (PeriodType.YEAR, [1]),
        (PeriodType.NINE_MONTH, [1]),
        (PeriodType.SIX_MONTH, [1, 2]),
        (PeriodType.QUARTER, [1, 2, 3, 4]),
        (PeriodType.MONTH, range(1, 13)),
    ):
        for index in indexes:
            try:
                candidate = Period(kind, start.year, index)
            except PeriodError:
                continue
            if candidate.start == start and candidate.end == end:
                return candidate
    return None


def decimal_or_none(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.0001"))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if abs(number) < Decimal("1e16") else None


def build_items(
    document: Document,
    extract: dict[str, Any],
    indicators: dict[str, Indicator],
    legal: dict[str, Any],
    period: Period | None,
) -> list[dict[str, Any]]:
    """Review rows (as ``rows.insert`` dicts) for the period, every fact with a suggested
    indicator, and every reference, linked to the registry when its number is known."""
    items: list[dict[str, Any]] = [
        {
            "document_id": document.pk,
            "kind": ItemKind.PERIOD,
            "position": 0,
            "payload": {**(extract.get("period") or {}), "id": period.id if period else ""},
        }
    ]
    known = set(indicators)
    for position, fact in enumerate(extract.get("facts") or []):
        suggestion = mapping.suggest(fact, known)
        indicator = indicators.get(suggestion.indicator) if suggestion else None
        option = suggestion.option if suggestion else ""
        if indicator is None or option not in indicator.options():
            option = ""
        indicator_id = indicator.pk if indicator else None
        items.append(
            {
                "document_id": document.pk,
                "kind": ItemKind.FACT,
                "position": position,
                "payload": fact,
                "suggested_indicator_id": indicator_id,
                "suggested_option": option,
                "indicator_id": indicator_id,
                "option": option,
                "value": decimal_or_none(fact.get("value")),
            }
        )
    for position, reference in enumerate(extract.get("references") or []):
        registered = legal.get(normalise_number(str(reference.get("number") or "")))
        items.append(
            {
                "document_id": document.pk,
                "kind": ItemKind.REFERENCE,
                "position": position,
                "payload": reference,
                "legal_document_id": registered.pk if registered else None,
            }
        )
    return items


def _keep_extract(document: Document, outcome: Outcome, entries: list[dict[str, Any]]) -> str:
    """Set the extract and the full text on ``document``; add its search entry to the
    group's inserts (the group writes them all at once). The review rows are made when
    the document is first opened for review (``review_items``)."""
    extract = outcome.extract or {}
    period = period_of(extract.get("period"))
    document.extract = extract
    document.text = outcome.text
    document.kind = str(extract.get("kind") or "")[:8]
    document.title = str(extract.get("title") or "")[:500]
    document.number = str(extract.get("number") or "")[:80]
    document.format = str((extract.get("source") or {}).get("format") or document.format)[:8]
    document.period = period.id if period else ""
    document.status = DocumentStatus.EXTRACTED
    document.error = ""
    entries.append(search.document_row(document, outcome.body_folded))
    return _("%(name)s: đã trích xuất %(facts)d số liệu, %(refs)d văn bản dẫn chiếu.") % {
        "name": document.filename,
        "facts": len(extract.get("facts") or []),
        "refs": len(extract.get("references") or []),
    }


def review_items(document: Document) -> list[ImportedItem]:
    """The review rows of ``document``: its period, every fact with a suggested
    indicator, every reference linked to the registry when its number is known.

    They are made the first time someone opens the document for review, not when it is
    imported: the suggestions then use the catalogue and the registry of cited documents
    as they stand at review, and ten years of imported reports do not fill the database
    with rows for documents nobody has opened yet. Two people opening it at once make
    them once (the unique position refuses the second set)."""

    def read() -> list[ImportedItem]:
        related = ("indicator", "suggested_indicator", "legal_document")
        return list(document.items.select_related(*related))

    items = read()
    if items or not document.is_reviewable or not document.extract:
        return items
    extract = document.extract
    indicators = {i.code: i for i in Indicator.objects.filter(active=True)}
    keys = {normalise_number(str(r.get("number") or "")) for r in extract.get("references") or []}
    legal = {x.number_key: x for x in LegalDocument.objects.filter(number_key__in=keys - {""})}
    made = build_items(document, extract, indicators, legal, period_of(extract.get("period")))
    try:
        with transaction.atomic():
            rows.insert(ImportedItem, made)
    except IntegrityError:  # made meanwhile by another request
        pass
    return read()


# The worker ---------------------------------------------------------------------------


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
        job = Job.claim_next(name, stale_after())
        if job is None:
            if once:
                break
            stop.wait(poll_seconds)
            continue
        process_job(job, sandbox=sandbox, stop=stop, turn=turn_seconds())
        sweep_leftovers()
        processed += job.is_finished
        if on_job is not None:
            on_job(job)
    return processed
