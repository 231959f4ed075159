"""Importing a unit's old reports: queue the files, extract them in a worker, review.

    batch = queue_import(user, unit, files)     # checks, keeps originals, makes a Job
    process_job(batch.job)                      # what `ttdn worker` does with each job

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import can
from ttdn.archive import intake, mapping, search, storage
from ttdn.archive.models import (
    Document,
    DocumentStatus,
    ImportedItem,
    ItemKind,
    Job,
    JobStatus,
)
from ttdn.archive.sandbox import Outcome, Sandbox
from ttdn.indicators.models import Indicator
from ttdn.lib.periods import Period, PeriodError, PeriodType, parse_period_label
from ttdn.orgunits.models import OrgUnit

log = logging.getLogger(__name__)

# A worker whose heartbeat is older than this is taken for dead and its job re-claimed.
# Heartbeats come every few seconds, even while one long file is being read.
HEARTBEAT_SECONDS = 5.0
MAX_ATTEMPTS = 3


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def stale_after() -> timedelta:
    return timedelta(seconds=_env_number("TTDN_JOB_STALE_SECONDS", 120))


_sandbox: Sandbox | None = None


def shared_sandbox() -> Sandbox:
    """This process's extraction child, started on first use and kept (one per worker
    process; jobs run one at a time)."""
    global _sandbox
    if _sandbox is None:
        _sandbox = Sandbox(
            memory_mb=int(_env_number("TTDN_IMPORT_MEMORY_MB", 1024)),
            timeout=_env_number("TTDN_IMPORT_TIMEOUT_SECONDS", 120),
        )
        atexit.register(_sandbox.close)
    return _sandbox


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
    if user is not None and not can(user, unit, "enter"):
        raise PermissionDenied(_("Bạn không có quyền nhập tài liệu cho đơn vị này."))
    folder = Path(tempfile.mkdtemp(dir=storage.spool_dir()))
    try:
        return _register(user, unit, intake.gather(files, folder))
    finally:
        storage.clear_spool(folder)


def _register(user, unit: OrgUnit, candidates: list[intake.Candidate]) -> Batch:
    saved: list[str] = []
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=Job.IMPORT, unit=unit, created_by=user)
            batch = Batch(job)
            for candidate in candidates:
                if candidate.classified:
                    batch.refusals.append(
                        {
                            "filename": candidate.filename,
                            "message": classified_message(candidate.classified),
                        }
                    )
                    continue
                batch.documents.append(_document_for(user, unit, job, candidate, saved))
            _close_queueing(batch)
    except BaseException:
        for name in saved:
            storage.delete(name)
        raise
    return batch


def _document_for(
    user, unit: OrgUnit, job: Job, candidate: intake.Candidate, saved: list[str]
) -> Document:
    common = {
        "unit": unit,
        "job": job,
        "filename": candidate.filename,
        "format": candidate.format,
        "size": candidate.size,
        "imported_by": user,
    }
    if candidate.refusal:
        return Document.objects.create(
            status=DocumentStatus.REFUSED, error=candidate.refusal, **common
        )
    first = Document.objects.select_related("unit").filter(sha256=candidate.sha256).first()
    if first is None:
        assert candidate.path is not None
        name = storage.save(candidate.path, candidate.filename)
        saved.append(name)
        try:
            with transaction.atomic():
                return Document.objects.create(sha256=candidate.sha256, stored_name=name, **common)
        except IntegrityError:  # the same file arrived at the same moment in another upload
            storage.delete(name)
            saved.remove(name)
            first = Document.objects.select_related("unit").get(sha256=candidate.sha256)
    return Document.objects.create(
        status=DocumentStatus.REFUSED,
        error=duplicate_message(user, first),
        duplicate_of=first,
        **common,
    )


def _close_queueing(batch: Batch) -> None:
    job = batch.job
    lines = [f"{d.filename}: {d.error}" for d in batch.documents if d.error]
    lines += [f"{r['filename']}: {r['message']}" for r in batch.refusals]
    job.payload = {"documents": [d.pk for d in batch.documents], "refusals": batch.refusals}
    job.log = "".join(line + "\n" for line in lines)
    if not batch.queued:
        job.status, job.progress, job.finished_at = JobStatus.DONE, 100, timezone.now()
    job.save()


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
    progress: Callable[[Document | None], None] | None = None,
    stop: threading.Event | None = None,
) -> Job:
    """Import every queued document of a claimed job, one transaction per document; a
    re-run after a crash carries on where the dead worker stopped. ``progress`` is
    called after each document (None for one already finished)."""
    sandbox = sandbox or shared_sandbox()
    ids = job.document_ids
    try:
        for done, pk in enumerate(ids, 1):
            if stop is not None and stop.is_set():
                # Hand the job back rather than leave it to go stale.
                job.beat(status=JobStatus.QUEUED, claimed_by="")
                return job
            percent = round(100 * done / len(ids))
            document = Document.objects.filter(pk=pk).select_related("unit").first()
            if document is None or document.is_finished:
                job.beat(progress=percent)
                document = None
            else:
                _process_or_fail(document, sandbox, job, percent)
            if progress is not None:
                progress(document)
        job.beat(status=JobStatus.DONE, progress=100, finished_at=timezone.now())
    except JobLost:
        log.warning("import job %s was taken over by another worker", job.pk)
    return job


def _process_or_fail(document: Document, sandbox: Sandbox, job: Job, percent: int) -> None:
    """A bug or a database error on one document marks that document failed (its own
    transaction rolled back: nothing half-written) and the job goes on."""
    try:
        process_document(document, sandbox, job, percent)
    except JobLost:
        raise
    except Exception as exc:
        log.exception("import of document %s failed", document.pk)
        message = _("Lỗi khi xử lý: %(e)s") % {"e": f"{type(exc).__name__}: {exc}"}
        Document.objects.filter(pk=document.pk).update(
            status=DocumentStatus.FAILED, error=message[:2000]
        )
        if not job.beat(log=job.log + f"{document.filename}: {message}\n", progress=percent):
            raise JobLost() from exc


def process_document(document: Document, sandbox: Sandbox, job: Job, percent: int) -> str:
    """Extract one document and store everything read from it in one transaction, with
    the job's progress; returns the log line."""
    if document.status == DocumentStatus.PROCESSING and job.attempts >= MAX_ATTEMPTS:
        outcome = Outcome(False, kind="Crashed", error="worker stopped on this file repeatedly")
    else:
        Document.objects.filter(pk=document.pk).update(status=DocumentStatus.PROCESSING)
        outcome = _extract(document, sandbox, job)
    marking = intake.security_marking(outcome.text) if outcome.ok else ""
    if marking:
        # The file goes before the row: a crash in between leaves a row without content,
        # never classified content without a row.
        storage.delete(document.stored_name)
    with transaction.atomic():
        if marking:
            line = _refuse_classified(document, job, marking)
        elif outcome.ok:
            line = store_extract(document, outcome.extract or {}, outcome.text)
        else:
            line = _refuse_unreadable(document, outcome)
        if not job.beat(log=job.log + line + "\n", progress=percent):
            raise JobLost()
    return line


def _extract(document: Document, sandbox: Sandbox, job: Job) -> Outcome:
    if not storage.exists(document.stored_name):
        return Outcome(False, kind="InternalError", error="original file missing from storage")

    def heartbeat() -> None:
        if not job.beat():
            raise JobLost()

    return sandbox.extract(
        str(storage.path(document.stored_name)),
        document.filename,
        document.sha256 or "0" * 64,
        on_wait=heartbeat,
        wait_interval=HEARTBEAT_SECONDS,
    )


_REFUSALS = {
    "NoTextLayer": "Tệp PDF không có lớp chữ (bản quét): hệ thống không nhận dạng chữ (OCR).",
    "CorruptFile": "Tệp bị hỏng hoặc không đúng định dạng.",
    "UnsupportedFormat": "Định dạng không được hỗ trợ.",
    "UnsafeFile": "Tệp có cấu trúc bất thường (có thể là tệp độc hại): không xử lý.",
    "ConversionError": "Không chuyển đổi được tệp Word cũ (.doc).",
    "ExtractError": "Không đọc được tệp.",
    "Timeout": "Đọc tệp quá lâu: dừng để bảo vệ hệ thống.",
    "Crashed": "Đọc tệp vượt giới hạn bộ nhớ hoặc bị lỗi: dừng để bảo vệ hệ thống.",
}


def _refuse_unreadable(document: Document, outcome: Outcome) -> str:
    reason = _REFUSALS.get(outcome.kind)
    if reason is None:  # our own bug: keep the file so the import can be run again
        document.status = DocumentStatus.FAILED
        document.error = _("Lỗi khi xử lý: %(e)s") % {"e": outcome.error}
    else:
        document.status = DocumentStatus.REFUSED
        document.error = f"{_(reason)} ({outcome.error})"
        name = document.stored_name
        document.stored_name, document.sha256 = "", None
        transaction.on_commit(lambda: storage.delete(name))
    document.save(update_fields=["status", "error", "stored_name", "sha256", "updated_at"])
    search.remove("document", document.pk)
    return f"{document.filename}: {document.error}"


def _refuse_classified(document: Document, job: Job, marking: str) -> str:
    message = classified_message(marking)
    refusal = {"filename": document.filename, "message": message}
    payload = dict(job.payload)
    payload["refusals"] = [*payload.get("refusals", []), refusal]
    payload["documents"] = [pk for pk in payload.get("documents", []) if pk != document.pk]
    search.remove("document", document.pk)
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


def build_items(document: Document, extract: dict[str, Any]) -> list[ImportedItem]:
    """Review rows for the period, every fact (with a suggested indicator) and every
    reference (linked to the registry record when the number is already known)."""
    from ttdn.archive.models import LegalDocument, normalise_number

    indicators = {i.code: i for i in Indicator.objects.filter(active=True)}
    period = period_of(extract.get("period"))
    items = [
        ImportedItem(
            document=document,
            kind=ItemKind.PERIOD,
            position=0,
            payload={**(extract.get("period") or {}), "id": period.id if period else ""},
        )
    ]
    for position, fact in enumerate(extract.get("facts") or []):
        suggestion = mapping.suggest(fact, set(indicators))
        indicator = indicators.get(suggestion.indicator) if suggestion else None
        option = suggestion.option if suggestion else ""
        if indicator is not None and option not in indicator.options():
            option = ""
        items.append(
            ImportedItem(
                document=document,
                kind=ItemKind.FACT,
                position=position,
                payload=fact,
                suggested_indicator=indicator,
                suggested_option=option,
                indicator=indicator,
                option=option,
                value=decimal_or_none(fact.get("value")),
            )
        )
    references = extract.get("references") or []
    keys = {normalise_number(r.get("number") or "") for r in references}
    known = {legal.number_key: legal for legal in LegalDocument.objects.filter(number_key__in=keys)}
    for position, reference in enumerate(references):
        items.append(
            ImportedItem(
                document=document,
                kind=ItemKind.REFERENCE,
                position=position,
                payload=reference,
                legal_document=known.get(normalise_number(reference.get("number") or "")),
            )
        )
    return items


def store_extract(document: Document, extract: dict[str, Any], text: str) -> str:
    """Keep the extract, the full text, the review rows and the search entry. Runs in
    the caller's transaction; safe to repeat (a re-run replaces what a dead worker
    may have left)."""
    period = period_of(extract.get("period"))
    document.extract = extract
    document.text = text
    document.kind = str(extract.get("kind") or "")[:8]
    document.title = str(extract.get("title") or "")[:500]
    document.number = str(extract.get("number") or "")[:80]
    document.format = str((extract.get("source") or {}).get("format") or document.format)[:8]
    document.period = period.id if period else ""
    document.status = DocumentStatus.EXTRACTED
    document.error = ""
    document.save()
    document.items.all().delete()
    items = ImportedItem.objects.bulk_create(build_items(document, extract))
    search.index_document(document)
    facts = sum(1 for i in items if i.kind == ItemKind.FACT)
    references = sum(1 for i in items if i.kind == ItemKind.REFERENCE)
    return _("%(name)s: đã trích xuất %(facts)d số liệu, %(refs)d văn bản dẫn chiếu.") % {
        "name": document.filename,
        "facts": facts,
        "refs": references,
    }


# The worker ---------------------------------------------------------------------------


def run_worker(
    *,
    once: bool = False,
    poll_seconds: float = 2.0,
    stop: threading.Event | None = None,
    on_job: Callable[[Job], None] | None = None,
) -> int:
    """Claim and process import jobs until ``stop`` is set (``once``: until none is
    left). Returns how many jobs this worker processed."""
    stop = stop or threading.Event()
    name = worker_name()
    processed = 0
    while not stop.is_set():
        job = Job.claim_next(name, stale_after())
        if job is None:
            if once:
                break
            stop.wait(poll_seconds)
            continue
        process_job(job, stop=stop)
        processed += 1
        if on_job is not None:
            on_job(job)
    return processed
