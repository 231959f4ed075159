"""Storing what the extraction children read: each group of documents in one
transaction — the extract, the full text and the search entry of each readable
document; a refusal, with its reason, for an unreadable or classified one.

The review rows are not made here but when a document is first opened for review
(``ttdn.archive.review.review_items``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from ttdn.archive import search, storage
from ttdn.archive.models import Document, DocumentStatus, Job
from ttdn.archive.sandbox import Outcome
from ttdn.lib import bulkrows as rows
from ttdn.lib.periods import Period, PeriodError, PeriodType, parse_period_label
from ttdn.lib.vnformat import format_number
from ttdn.search.models import SearchEntry

log = logging.getLogger(__name__)

# Called with the documents each group kept, inside its transaction: the signing app
# checks the digital signatures of PDFs. The archive knows nothing of signatures.
AFTER_STORE: list[Callable[[list[Document]], None]] = []


class JobLost(Exception):
    """Another worker took the job over (this one was thought dead)."""


@dataclass(frozen=True)
class Extraction:
    """What the extraction children made of one document."""

    document: Document
    outcome: Outcome

    @property
    def marking(self) -> str:
        """The security marking found on the document ("" when none, or unread)."""
        return self.outcome.marking if self.outcome.ok else ""


def classified_message(marking: str) -> str:
    return _(
        "Tài liệu mang dấu độ mật “%(mark)s”: hệ thống không nhận tài liệu mật. Tệp không "
        "được lưu; hãy xử lý theo quy định bảo vệ bí mật nhà nước."
    ) % {"mark": marking}


def store_group(
    job: Job,
    group: list[Extraction],
    percent: int,
    resumed: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Store what was read from each document of ``group`` in one transaction, with the
    job's progress. If that fails, each document is stored alone, so one bad document
    is marked failed (nothing of it half-written) and the others are kept."""
    for read in group:
        if read.marking:
            # The file goes before the row: a crash in between leaves a row without
            # content, never classified content without a row.
            storage.delete(read.document.stored_name)
    failure = _store(job, group, percent, resumed)
    if failure is None:
        return
    if len(group) == 1:
        _mark_failed(job, group[0].document, failure, percent)
        return
    fresh = Document.objects.select_related("unit").in_bulk([r.document.pk for r in group])
    for read in group:
        document = fresh.get(read.document.pk)
        if document is None:
            continue
        failure = _store(job, [Extraction(document, read.outcome)], percent, resumed)
        if failure is not None:
            _mark_failed(job, document, failure, percent)


def _store(
    job: Job, group: list[Extraction], percent: int, resumed: set[int] | frozenset[int]
) -> Exception | None:
    """Write ``group`` in one transaction; the error that rolled it back, if one did."""
    try:
        with transaction.atomic():
            lines = _write_group(job, group, resumed)
            if not job.beat(log=job.log + "".join(f"{line}\n" for line in lines), progress=percent):
                raise JobLost()
    except JobLost:
        raise
    except Exception as exc:
        # The rolled-back writes were also made to these objects in memory: start again
        # from what the database holds.
        job.refresh_from_db(fields=["log", "payload", "progress"])
        return exc
    return None


def _mark_failed(job: Job, document: Document, exc: Exception, percent: int) -> None:
    log.exception("import of document %s failed", document.pk, exc_info=exc)
    message = _("Lỗi khi xử lý: %(e)s") % {"e": f"{type(exc).__name__}: {exc}"}
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.FAILED, error=message[:2000]
    )
    if not job.beat(log=job.log + f"{document.filename}: {message}\n", progress=percent):
        raise JobLost() from exc


def _write_group(
    job: Job, group: list[Extraction], resumed: set[int] | frozenset[int]
) -> list[str]:
    kept = [read.document for read in group if read.outcome.ok and not read.marking]
    # A redo after a crash starts clean. A dead worker's transaction never committed, so
    # this finds nothing as a rule; it is a guard, paid only for documents it may concern.
    redo = [d.pk for d in kept if d.pk in resumed]
    if redo:
        SearchEntry.objects.filter(kind=search.DOCUMENT, object_id__in=redo).delete()
    entries: list[dict[str, Any]] = []
    lines = []
    for read in group:
        if read.marking:
            lines.append(_refuse_classified(read.document, job, read.marking))
        elif read.outcome.ok:
            lines.append(_keep_extract(read.document, read.outcome, entries))
        else:
            lines.append(_refuse_unreadable(read.document, read.outcome))
    rows.update(Document, kept, _EXTRACTED_FIELDS)
    rows.insert(SearchEntry, entries)
    for hook in AFTER_STORE:
        hook(kept)
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
