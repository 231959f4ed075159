"""The archive over the API: imported documents, limited to what the caller may see."""

from datetime import datetime
from typing import Any

from ninja import Query, Router
from ninja.pagination import paginate
from pydantic import Field

from ttdn.api.schemas import (
    CODE_PATTERN,
    ERRORS,
    ApiRequest,
    ApiSchema,
    Pages,
    row_id_path,
)
from ttdn.archive.models import Document, DocumentStatus
from ttdn.orgunits.access import get_for_user, get_unit_for

router = Router(tags=["archive"], by_alias=True)


class DocumentOut(ApiSchema):
    id: int
    unit: str = Field(description="Code of the unit the document belongs to.")
    filename: str
    format: str
    size: int = Field(description="Bytes.")
    status: DocumentStatus
    kind: str = Field(description="Document kind found by extraction (report, plan, …).")
    title: str = Field(description="Trích yếu.")
    number: str = Field(description="Số, ký hiệu.")
    period: str = Field(description="Period id found in the document, empty when none.")
    error: str = Field(description="Why the document was refused or failed.")
    created_at: datetime

    @staticmethod
    def resolve_unit(document: Document) -> str:
        return document.unit.code


class DocumentDetailOut(DocumentOut):
    extract: dict[str, Any] | None = Field(
        description="The extract (see docs/extraction.md), or null before extraction."
    )


class DocumentFilter(ApiSchema):
    unit: str | None = Field(
        None,
        pattern=CODE_PATTERN,
        max_length=40,
        description="Only documents of this unit (not of the units under it).",
    )
    status: DocumentStatus | None = None


@router.get(
    "/documents",
    response={200: list[DocumentOut], **ERRORS},
    summary="Imported documents you may see, newest first",
)
@paginate(Pages)
def list_documents(request: ApiRequest, filters: Query[DocumentFilter]):
    documents = Document.objects.for_user(request.auth).select_related("unit")
    if filters.unit is not None:
        documents = documents.filter(unit=get_unit_for(request.auth, filters.unit))
    if filters.status is not None:
        documents = documents.filter(status=filters.status)
    return documents.defer("text", "extract")


@router.get(
    "/documents/{document_id}",
    response={200: DocumentDetailOut, **ERRORS},
    summary="One imported document with its extract",
)
def get_document(request: ApiRequest, document_id: int = row_id_path()) -> Document:
    documents = Document.objects.select_related("unit").defer("text")
    return get_for_user(documents, request.auth, pk=document_id)
