"""What the search index holds of the archive: each extracted or reviewed document, its
title and full text. The archive indexes documents itself — in bulk as the worker stores
them, one by one as they are reviewed — rather than on every save."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.archive.models import Document, DocumentStatus
from ttdn.search import services
from ttdn.search.registry import Entry, SearchIndex, register

DOCUMENT = "document"
SEARCHABLE = (DocumentStatus.EXTRACTED, DocumentStatus.REVIEWED)


@register
class DocumentIndex(SearchIndex):
    kind = DOCUMENT
    label = _("Tài liệu")
    model = Document
    order = 10
    follow_saves = False

    def entry(self, document: Document) -> Entry | None:
        return document_entry(document) if document.status in SEARCHABLE else None

    def queryset(self):
        return Document.objects.filter(status__in=SEARCHABLE)

    def link(self, object_id: int) -> str:
        return reverse("archive:document", args=[object_id])


def document_entry(document: Document, body_folded: str = "") -> Entry:
    """``body_folded``: when the extraction child has already made it."""
    period = document.the_period
    return Entry(
        unit_id=document.unit_id,
        title=document.title or document.filename,
        body=document.text,
        body_folded=body_folded,
        period=document.period,
        starts_on=period.start if period else None,
        ends_on=period.end if period else None,
        topics=document.topics or (),
    )


def document_row(document: Document, body_folded: str = "") -> dict[str, Any]:
    """The entry of a document just extracted as a ``rows.insert`` dict, for inserting
    many at once; ``body_folded`` as for ``document_entry``."""
    return services.entry_row(DOCUMENT, document.pk, document_entry(document, body_folded))


def index_document(document: Document) -> None:
    services.index(DOCUMENT, document)


def forget_document(document_id: int) -> None:
    services.remove(DOCUMENT, document_id)
