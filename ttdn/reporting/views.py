from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ttdn import officedocs
from ttdn.accounts.permissions import can, get_unit_for
from ttdn.indicators.services import current_values
from ttdn.indicators.views import period_or_404
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting import services
from ttdn.reporting.documents import consolidated_report, render, submission_report
from ttdn.reporting.forms import RequestForm, ReturnForm
from ttdn.reporting.models import ReportRequest, Submission


def visible_requests(user):
    return ReportRequest.objects.for_user(user)


def _request_for(user, pk: int) -> ReportRequest:
    request = visible_requests(user).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def _submission_for(user, pk: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("request", "unit"), pk=pk)
    if not (
        can(user, submission.unit, "view") or can(user, submission.request.issuing_unit, "view")
    ):
        raise Http404
    return submission


@login_required
@require_GET
def request_list(request):
    requests = visible_requests(request.user).select_related("issuing_unit")[:200]
    consolidating = OrgUnit.objects.for_user(request.user, "consolidate").filter(child_count__gt=0)
    return render_page(
        request,
        "reporting/requests.html",
        {"requests": requests, "consolidating": consolidating[:20]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, code: str):
    unit = get_unit_for(request.user, code, "consolidate")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        units = list(OrgUnit.objects.filter(code__in=form.unit_codes()))
        unknown = set(form.unit_codes()) - {u.code for u in units}
        if unknown:
            form.add_error("units", _("Không có đơn vị mã: %(c)s") % {"c": ", ".join(unknown)})
        else:
            try:
                created = services.issue_request(
                    request.user,
                    unit,
                    data["form"],
                    data["period"],
                    data["number"],
                    data["issued_on"],
                    data["deadline"],
                    data["subject"],
                    units=units,
                    kinds=data["kinds"],
                    convention=data["convention"],
                )
            except services.ReportingError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Đã gửi yêu cầu báo cáo tới %(n)d đơn vị.")
                    % {"n": created.submissions.count()},
                )
                return redirect("reporting:board", pk=created.pk)
    return render_page(request, "reporting/request_form.html", {"unit": unit, "form": form})


@login_required
@require_GET
def request_board(request, pk: int):
    report_request = _request_for(request.user, pk)
    if not can(request.user, report_request.issuing_unit, "view"):
        mine = report_request.submissions.filter(
            unit__in=OrgUnit.objects.for_user(request.user)
        ).first()
        return redirect("reporting:submission", pk=mine.pk)
    return render_page(
        request,
        "reporting/board.html",
        {
            "req": report_request,
            "board": services.board(report_request),
            "may_consolidate": can(request.user, report_request.issuing_unit, "consolidate"),
        },
    )


@login_required
@require_POST
def request_remind(request, pk: int):
    report_request = _request_for(request.user, pk)
    count = services.remind_missing(request.user, report_request)
    messages.success(request, _("Đã nhắc %(n)d đơn vị chưa nộp.") % {"n": count})
    return redirect("reporting:board", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request, pk: int):
    submission = _submission_for(request.user, pk)
    sections = {s.code: s for s in submission.sections.all()}
    conflicts = {}
    if request.method == "POST":
        texts = {
            s["code"]: request.POST.get(f"s__{s['code']}", "")
            for s in submission.request.form.sections
        }
        versions = {code: int(request.POST.get(f"ver__{code}") or 0) for code in texts}
        try:
            outcome = services.save_sections(request.user, submission, texts, versions)
        except services.ReportingError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if not outcome.conflicts:
                messages.success(request, _("Đã lưu phần thuyết minh."))
                return redirect("reporting:submission", pk=pk)
            conflicts = outcome.conflicts
            messages.error(
                request,
                _(
                    "Có phần đã được người khác sửa trong lúc bạn soạn; "
                    "bản của bạn được giữ lại bên dưới, chưa ghi đè."
                ),
            )
            sections = {s.code: s for s in submission.sections.all()}
    rows = []
    for spec in submission.request.form.sections:
        stored = sections.get(spec["code"])
        mine = request.POST.get(f"s__{spec['code']}") if conflicts else None
        rows.append(
            {
                "spec": spec,
                "text": mine if mine is not None else (stored.text if stored else ""),
                "version": stored.version if stored else 0,
                "conflict": conflicts.get(spec["code"]),
            }
        )
    values = current_values(submission.unit, submission.request.the_period)
    return render_page(
        request,
        "reporting/submission.html",
        {
            "sub": submission,
            "rows": rows,
            "values_count": len(values),
            "problems": services.submission_problems(submission) if submission.is_editable else [],
            "may_enter": can(request.user, submission.unit, "enter") and submission.is_editable,
            "may_sign": can(request.user, submission.unit, "sign") and submission.is_editable,
            "may_consolidate": can(request.user, submission.request.issuing_unit, "consolidate"),
            "return_form": ReturnForm(),
            "events": submission.events.select_related("by"),
        },
    )


def _transition(request, pk: int, step) -> object:
    submission = _submission_for(request.user, pk)
    try:
        step(submission)
    except services.ReportingError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("reporting:submission", pk=pk)


@login_required
@require_POST
def submission_sign(request, pk: int):
    return _transition(
        request,
        pk,
        lambda s: services.sign_off(
            request.user, s, request.POST.get("name", ""), request.POST.get("position", "")
        ),
    )


@login_required
@require_POST
def submission_submit(request, pk: int):
    def step(submission):
        services.submit_report(request.user, submission)
        messages.success(request, _("Đã nộp báo cáo."))

    return _transition(request, pk, step)


@login_required
@require_POST
def submission_return(request, pk: int):
    form = ReturnForm(request.POST)
    comment = form.data.get("comment", "")
    return _transition(request, pk, lambda s: services.return_submission(request.user, s, comment))


@login_required
@require_POST
def submission_accept(request, pk: int):
    return _transition(request, pk, lambda s: services.accept_submission(request.user, s))


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _download(request, report, kind: str, stem: str, back: str):
    if kind not in CONTENT_TYPES:
        raise Http404
    try:
        content = render(report, kind)
    except officedocs.PdfUnavailable as error:
        messages.error(request, str(error))
        return redirect(back)
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    return response


@login_required
@require_GET
def consolidated(request, code: str, period: str):
    unit = get_unit_for(request.user, code, "consolidate")
    the_period = period_or_404(period)
    report, result = consolidated_report(unit, the_period)
    pdf_ok, pdf_reason = officedocs.pdf_available()
    return render_page(
        request,
        "reporting/consolidated.html",
        {
            "unit": unit,
            "period": the_period,
            "report": report,
            "result": result,
            "pdf_ok": pdf_ok,
            "pdf_reason": pdf_reason,
        },
    )


@login_required
@require_GET
def consolidated_document(request, code: str, period: str, kind: str):
    unit = get_unit_for(request.user, code, "consolidate")
    the_period = period_or_404(period)
    report, _result = consolidated_report(unit, the_period)
    back = reverse("reporting:consolidated", args=[code, period])
    return _download(request, report, kind, f"bao-cao-{unit.code}-{the_period.id}", back)


@login_required
@require_GET
def submission_document(request, pk: int, kind: str):
    submission = _submission_for(request.user, pk)
    back = reverse("reporting:submission", args=[pk])
    return _download(
        request,
        submission_report(submission),
        kind,
        f"bao-cao-{submission.unit.code}-{submission.request.period}",
        back,
    )
