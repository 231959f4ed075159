"""Queueing a unit's old reports for import: check each file, keep the original,
register a document for it and queue one job for the lot.

    batch = queue_import(user, unit, files)     # checks, keeps originals, makes a Job
    batch = import_files(user, unit, files)     # and imports them here (`ttdn import`)

The job is then the worker's (``ttdn.archive.worker``). Nothing read from a document
counts anywhere until a person accepts it in review (``ttdn.archive.review``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ttdn.archive import intake, storage
from ttdn.archive.models import Document, DocumentStatus, Job, JobStatus
from ttdn.archive.storing import classified_message
from ttdn.archive.worker import process_job, worker_name
from ttdn.lib import bulkrows as rows
from ttdn.orgunits.access import Action, can
from ttdn.orgunits.forms import scoped_units
from ttdn.orgunits.models import OrgUnit


@dataclass
class Batch:
    job: Job
    documents: list[Document] = field(default_factory=list)
    refusals: list[dict[str, str]] = field(default_factory=list)

    @property
    def queued(self) -> list[Document]:
        return [d for d in self.documents if d.status == DocumentStatus.QUEUED]


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


# Who may import a document for a unit and review it: its officers and leaders, and
# whoever consolidates a subtree that holds it (a province takes in its districts' old
# reports).
IMPORT_ACTIONS = (Action.ENTER, Action.CONSOLIDATE)


def may_import(user, unit: OrgUnit) -> bool:
    return any(can(user, unit, action) for action in IMPORT_ACTIONS)


def importable_units(user) -> QuerySet[OrgUnit]:
    """The units the person may import documents for."""
    return scoped_units(user, IMPORT_ACTIONS)


def _check_may_import(user, unit: OrgUnit) -> None:
    if user is not None and not may_import(user, unit):
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
