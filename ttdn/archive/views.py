from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.archive import intake, proposals, queueing, review, storage
from ttdn.archive.forms import ReviewForm, UploadForm
from ttdn.archive.models import Document, ItemKind, Job, LegalDocument
from ttdn.orgunits.access import Action, get_for_user, get_unit_for

SIGNATURE_FILTERS = {
    "valid": gettext_noop("Có chữ ký số hợp lệ"),
    "invalid": gettext_noop("Chữ ký số không hợp lệ"),
    "unsigned": gettext_noop("Không ký số"),
}


def _job_for(user, pk: int) -> Job:
    return get_for_user(Job.objects.all(), user, pk=pk)


def _document_for(user, pk: int) -> Document:
    documents = Document.objects.select_related("unit", "duplicate_of", "signature_check")
    return get_for_user(documents, user, pk=pk)


def _job_context(job: Job) -> dict:
    documents = Document.objects.filter(pk__in=job.document_ids).order_by("pk")
    return {"job": job, "documents": documents, "refusals": job.refusals}


@login_required
@require_GET
def document_list(request, code: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    documents = (
        Document.objects.for_user(request.user)
        .filter(unit__path__startswith=unit.path)
        .select_related("unit", "signature_check")
        .defer("text", "extract")
    )
    # The check of each PDF's digital signatures is the signing app's (docs/signing.md).
    signature = request.GET.get("signature", "")
    if signature in SIGNATURE_FILTERS:
        documents = documents.filter(signature_check__verdict=signature)
    else:
        signature = ""
    context = {
        "unit": unit,
        "documents": documents[:500],
        "may_enter": queueing.may_import(request.user, unit),
        "signature": signature,
        "signature_filters": [(value, _(label)) for value, label in SIGNATURE_FILTERS.items()],
    }
    return render(request, "archive/documents.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, code: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    if not queueing.may_import(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền nhập tài liệu cho đơn vị này."))
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        batch = queueing.queue_import(request.user, unit, form.cleaned_data["files"])
        if request.htmx:
            return render(request, "archive/_job.html", _job_context(batch.job))
        return redirect("archive:job", pk=batch.job.pk)
    if form.is_bound and request.htmx:
        return render(request, "archive/_form_errors.html", {"form": form})
    limit_mb = intake.max_file_bytes() // intake.MB
    return render(request, "archive/upload.html", {"unit": unit, "form": form, "limit": limit_mb})


@login_required
@require_GET
def job_detail(request, pk: int):
    job = _job_for(request.user, pk)
    template = "archive/_job.html" if request.htmx else "archive/job.html"
    return render(request, template, _job_context(job))


@login_required
@require_http_methods(["GET", "POST"])
def document_detail(request, pk: int):
    document = _document_for(request.user, pk)
    may_review = queueing.may_import(request.user, document.unit)
    if request.method == "POST" and not may_review:
        raise PermissionDenied(_("Bạn không có quyền rà soát tài liệu của đơn vị này."))
    items = review.review_items(document)
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(request.user, document, items, data)
    if form.is_bound and form.is_valid():
        try:
            outcome = review.review_document(
                request.user,
                document,
                unit=form.the_unit,
                period=form.the_period,
                choices=form.choices(),
            )
        except review.ReviewRejected as rejected:
            form.add_rejection(rejected)
        else:
            messages.success(request, review.summary(outcome))
            return redirect("archive:document", pk=document.pk)
    context = {
        "document": document,
        "form": form,
        "may_review": may_review and document.is_reviewable,
        "facts": form.rows(ItemKind.FACT),
        "references": form.rows(ItemKind.REFERENCE),
        "text": review.highlight_facts(document.text, items),
        "plan_proposal": proposals.plan_proposal(document) if may_review else "",
    }
    return render(request, "archive/document.html", context)


@login_required
@require_GET
def original(request, pk: int):
    document = _document_for(request.user, pk)
    if document.stored_name and not document.original_is_available:
        raise Http404(_("Tệp gốc chỉ tải về được sau khi đã đọc và kiểm tra xong."))
    if not storage.exists(document.stored_name):
        raise Http404(_("Tệp gốc không còn được lưu."))
    return storage.download(document.stored_name, document.filename)


@login_required
@require_GET
def legal_document(request, pk: int):
    """A record of the registry of cited documents as the person's documents cite it;
    404, as for a number never registered, to whom none of them cites it."""
    legal = get_for_user(LegalDocument.objects.all(), request.user, pk=pk)
    documents = Document.objects.for_user(request.user)
    citations = legal.imported_items.filter(document__in=documents).order_by("pk")
    citing = documents.filter(pk__in=citations.values("document")).select_related("unit")
    context = {"legal": legal.as_cited_in(citations), "citing": citing}
    return render(request, "archive/legal.html", context)
