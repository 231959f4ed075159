"""Imported documents (tài liệu), the jobs that import them, the registry of cited
documents (văn bản được dẫn chiếu), and the review rows."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.fields import PeriodField, PeriodOrNone
from ttdn.lib.textfold import fold
from ttdn.orgunits.models import UnitScopedQuerySet


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    PROCESSING = "processing", _("Đang trích xuất")
    EXTRACTED = "extracted", _("Chờ rà soát")
    REVIEWED = "reviewed", _("Đã rà soát")
    FAILED = "failed", _("Lỗi khi xử lý")
    REFUSED = "refused", _("Bị từ chối")


def _person_link() -> models.ForeignKey:
    """Who imported or reviewed a document: indexed only where set (Meta.indexes)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )


class Document(models.Model):
    """One uploaded file: the original (in archive storage), its extract and full text.

    A refused file keeps a row (name, reason) but no content; ``sha256`` is set only for
    files actually kept, so the same file can be tried again after a refusal.
    """

    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="archive_documents",
        db_index=False,  # the (unit, -created_at) index serves
    )
    stored_name = models.CharField(max_length=255, blank=True, editable=False)
    filename = models.CharField(_("tên tệp"), max_length=255)
    format = models.CharField(_("định dạng"), max_length=8, blank=True)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    sha256 = models.CharField(max_length=64, null=True, blank=True, editable=False)
    extract = models.JSONField(_("kết quả trích xuất"), null=True, blank=True)
    text = models.TextField(_("toàn văn"), blank=True)
    kind = models.CharField(_("loại văn bản"), max_length=8, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    period = PeriodField(_("kỳ"), blank=True)
    the_period = PeriodOrNone("period")
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DocumentStatus.choices,
        default=DocumentStatus.QUEUED,
    )
    error = models.TextField(_("lý do"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    job = models.ForeignKey(
        "archive.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    imported_by = _person_link()
    reviewed_by = _person_link()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        ordering = ["-created_at", "-id"]
        # Every index costs each of the import's inserts and updates. No index on the
        # status (documents are found by unit or job, then filtered), none of the LIKE
        # kind beside the hash's, and the rarely set links indexed only where set.
        constraints = [models.UniqueConstraint(fields=["sha256"], name="archive_document_sha256")]
        indexes = [
            models.Index(fields=["unit", "-created_at"]),
            *(
                models.Index(
                    fields=[name],
                    condition=Q(**{f"{name}__isnull": False}),
                    name=f"archive_doc_{name}",
                )
                for name in ("duplicate_of", "imported_by", "reviewed_by")
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.filename

    @property
    def is_reviewable(self) -> bool:
        return self.status == DocumentStatus.EXTRACTED

    @property
    def original_is_available(self) -> bool:
        """Whether the original may be downloaded: only once the extraction child has
        read it and found no security marking (a PDF or .doc is checked only there)."""
        return bool(self.stored_name) and self.status in (
            DocumentStatus.EXTRACTED,
            DocumentStatus.REVIEWED,
        )

    @property
    def is_finished(self) -> bool:
        return self.status not in (DocumentStatus.QUEUED, DocumentStatus.PROCESSING)

    @property
    def topics(self) -> list[str]:
        return list((self.extract or {}).get("topics") or [])


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Lỗi")


class Job(models.Model):
    """Background work without a broker: a worker claims a row with a conditional UPDATE
    and keeps ``heartbeat`` fresh; a row whose heartbeat went stale (its worker died) can
    be claimed again."""

    IMPORT = "import"

    kind = models.CharField(max_length=20, default=IMPORT)
    status = models.CharField(
        max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0)
    log = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_by = models.CharField(max_length=120, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("tác vụ")
        verbose_name_plural = _("tác vụ")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="archive_job_progress_max_100",
                violation_error_message=_("Tiến độ không quá 100%."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def document_ids(self) -> list[int]:
        return [int(pk) for pk in self.payload.get("documents", [])]

    @property
    def refusals(self) -> list[dict[str, str]]:
        """Files refused without a row (classified documents are never kept, not even
        as a name in the documents list)."""
        return list(self.payload.get("refusals", []))

    @staticmethod
    def _claimable(stale_after: timedelta) -> Q:
        stale = timezone.now() - stale_after
        return Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, heartbeat__lt=stale)

    @classmethod
    def claim_next(
        cls, worker: str, stale_after: timedelta, kind: str = IMPORT, pk: int | None = None
    ) -> Job | None:
        """The next claimable job (or job ``pk``), now owned by ``worker``; None when
        there is none.

        Units take turns: the next job is the oldest one of the unit served longest ago
        (a unit's last heartbeat on any of its jobs), so a unit that queued hundreds of
        files waits its turn behind a unit that queued one, and a job handed back at the
        end of its turn (``worker.process_job``) goes behind the other units' work.
        The UPDATE repeats the claimable condition, so of two workers racing for a row
        exactly one changes it."""
        candidates = cls.objects.filter(cls._claimable(stale_after), kind=kind)
        if pk is not None:
            candidates = candidates.filter(pk=pk)
        served = (
            cls.objects.filter(unit=OuterRef("unit"), kind=kind, heartbeat__isnull=False)
            .order_by("-heartbeat")
            .values("heartbeat")[:1]
        )
        first_ids = (
            candidates.annotate(last_turn=Subquery(served))
            .order_by(F("last_turn").asc(nulls_first=True), "created_at", "id")
            .values_list("pk", flat=True)[:10]
        )
        for job_id in first_ids:
            now = timezone.now()
            claimed = cls.objects.filter(cls._claimable(stale_after), pk=job_id).update(
                status=JobStatus.RUNNING,
                claimed_by=worker,
                heartbeat=now,
                started_at=Coalesce(F("started_at"), now),
                attempts=F("attempts") + 1,
            )
            if claimed == 1:
                return cls.objects.get(pk=job_id)
        return None

    def others_waiting(self, stale_after: timedelta) -> bool:
        """True when a job of another unit waits to be claimed (see ``claim_next``)."""
        waiting = Job.objects.filter(Job._claimable(stale_after), kind=self.kind)
        return waiting.exclude(unit_id=self.unit_id).exists()

    def beat(self, **fields: Any) -> bool:
        """Refresh the heartbeat (and any ``fields``) while this worker still owns the
        job; False when another worker took it over."""
        fields["heartbeat"] = timezone.now()
        updated = Job.objects.filter(pk=self.pk, claimed_by=self.claimed_by).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)
        return updated == 1


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def normalise_number(number: str) -> str:
    """The registry key of a số/ký hiệu: no spaces, one kind of dash, folded and upper
    case, so '57-KL/TW', '57 - KL/TW' and '318/TTĐN' vs '318/TTDN' meet."""
    text = _DASHES.sub("-", unicodedata.normalize("NFC", number))
    return fold(re.sub(r"\s+", "", text)).upper()


class LegalDocumentQuerySet(models.QuerySet["LegalDocument"]):
    def for_user(self, user, action: str = "view") -> LegalDocumentQuerySet:
        """Records cited by a document the person may ``action``: the registry is shared by
        every unit, and what a person may know of it is what their units' documents cite."""
        cited = ImportedItem.objects.filter(document__in=Document.objects.for_user(user, action))
        return self.filter(pk__in=cited.values("legal_document"))

    def allows(self, user, row: LegalDocument, action: str) -> bool:
        return self.for_user(user, action).filter(pk=row.pk).exists()


class LegalDocument(models.Model):
    """A cited document (văn bản): type, số/ký hiệu, date, issuer, title. One record per
    number, however many texts cite it."""

    type = models.CharField(_("loại văn bản"), max_length=80, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=80)
    number_key = models.CharField(max_length=80, unique=True, editable=False)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    citations = models.PositiveIntegerField(_("số lần được dẫn chiếu"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LegalDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản được dẫn chiếu")
        verbose_name_plural = _("văn bản được dẫn chiếu")
        ordering = ["-date", "number"]

    def __str__(self) -> str:
        return f"{self.type} {self.number}".strip()

    def save(self, *args, **kwargs) -> None:
        self.number_key = normalise_number(self.number)
        super().save(*args, **kwargs)

    @staticmethod
    def citation_fields(reference: dict[str, Any]) -> dict[str, Any]:
        """Type, date, issuer and title as one citation (an extract's reference) gives
        them, cut to the columns; a date that is not one is left out."""
        try:
            issued = date.fromisoformat(str(reference["date"])) if reference.get("date") else None
        except ValueError:
            issued = None
        return {
            "type": str(reference.get("type") or "")[:80],
            "date": issued,
            "issuer": str(reference.get("issuer") or "")[:255],
            "title": str(reference.get("title") or "")[:500],
        }

    def as_cited_in(self, items: Iterable[ImportedItem]) -> LegalDocument:
        """This record as ``items`` alone describe it, unsaved: the registry is completed
        from every unit's citations, a person sees what their own documents say."""
        seen = LegalDocument(pk=self.pk, number=self.number, number_key=self.number_key)
        for item in items:
            seen.merge(**LegalDocument.citation_fields(item.payload))
            if item.decision == Decision.ACCEPTED:
                seen.citations += 1
        return seen

    def merge(self, type: str = "", date=None, issuer: str = "", title: str = "") -> bool:
        """Fill what this record lacks from another citation; never overwrite what is
        already known (the first full citation wins). True when something changed."""
        changed = False
        for name, value in (("type", type), ("date", date), ("issuer", issuer), ("title", title)):
            if value and not getattr(self, name):
                setattr(self, name, value)
                changed = True
        return changed


class ItemKind(models.TextChoices):
    FACT = "fact", _("Số liệu")
    REFERENCE = "reference", _("Văn bản dẫn chiếu")
    PERIOD = "period", _("Kỳ báo cáo")


class Decision(models.TextChoices):
    PENDING = "pending", _("Chờ rà soát")
    ACCEPTED = "accepted", _("Chấp nhận")
    CORRECTED = "corrected", _("Đã sửa")
    DROPPED = "dropped", _("Bỏ qua")


class ConflictChoice(models.TextChoices):
    NONE = "", _("Không xung đột")
    KEEP = "keep", _("Giữ số liệu đã có")
    TAKE = "take", _("Lấy số liệu nhập từ tài liệu")


class ImportedItem(models.Model):
    """One thing read from a document, waiting for a person's decision. Nothing counts
    in totals until its item is accepted; then ``data_value`` (or ``legal_document``)
    is what it became."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    position = models.PositiveIntegerField(default=0)
    payload = models.JSONField(default=dict)
    suggested_indicator = models.ForeignKey(
        "indicators.Indicator", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggested_option = models.CharField(max_length=40, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    option = models.CharField(_("phân tổ"), max_length=40, blank=True)
    value = models.DecimalField(
        _("giá trị"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    decision = models.CharField(
        _("quyết định"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    conflict_choice = models.CharField(
        max_length=4, choices=ConflictChoice.choices, blank=True, default=ConflictChoice.NONE
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    data_value = models.ForeignKey(
        "indicators.DataValue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_items",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_items",
    )
    legal_document = models.ForeignKey(
        LegalDocument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_items",
    )

    class Meta:
        verbose_name = _("mục trích xuất")
        verbose_name_plural = _("mục trích xuất")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "position"], name="archive_item_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def text(self) -> str:
        return str(self.payload.get("text") or self.payload.get("label") or "")

    @property
    def indicator_code(self) -> str:
        return self.indicator.code if self.indicator is not None else ""

    @property
    def suggested_value(self) -> Decimal | None:
        raw = self.payload.get("value")
        return None if raw is None else Decimal(str(raw))

    @property
    def is_decided(self) -> bool:
        return self.decision != Decision.PENDING
