from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ttdn import officedocs
from ttdn.indicators.services import current_values
from ttdn.indicators.views import period_or_404
from ttdn.lib.vnformat import format_date
from ttdn.orgunits.access import Action, can, get_for_user, get_unit_for
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting import services
from ttdn.reporting.documents import (
    build_report,
    consolidated_report,
    render,
    report_submission,
    section_title,
)
from ttdn.reporting.drafting import Basis, draft_for
from ttdn.reporting.forms import (
    BasisForm,
    IssueForm,
    RedraftForm,
    RequestForm,
    ReturnForm,
    SectionsForm,
    SignForm,
)
from ttdn.reporting.models import IssuedReport, ReportRequest, Scope, Submission


def visible_requests(user):
    return ReportRequest.objects.for_user(user)


def _request_for(user, pk: int) -> ReportRequest:
    return get_for_user(ReportRequest.objects.all(), user, pk=pk)


def _submission_for(user, pk: int) -> Submission:
    submissions = Submission.objects.select_related(
        "request__issuing_unit", "request__form", "unit"
    )
    return get_for_user(submissions, user, pk=pk)


@login_required
@require_GET
def request_list(request):
    requests = visible_requests(request.user).select_related("issuing_unit")[:200]
    consolidating = OrgUnit.objects.for_user(request.user, Action.CONSOLIDATE).filter(
        child_count__gt=0
    )
    return render_page(
        request,
        "reporting/requests.html",
        {"requests": requests, "consolidating": consolidating[:20]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, code: str):
    unit = get_unit_for(request.user, code, Action.CONSOLIDATE)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            units = services.recipients_by_code(unit, form.unit_codes())
        except services.ReportingError as error:
            form.add_error("units", error)
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
    if not can(request.user, report_request.issuing_unit, Action.VIEW):
        mine = report_request.submissions.filter(
            unit__in=OrgUnit.objects.for_user(request.user)
        ).first()
        if mine is None:  # _request_for let the person see the request through a unit
            raise Http404
        return redirect("reporting:submission", pk=mine.pk)
    return render_page(
        request,
        "reporting/board.html",
        {
            "req": report_request,
            "board": services.board(report_request),
            "may_consolidate": can(request.user, report_request.issuing_unit, Action.CONSOLIDATE),
        },
    )


@login_required
@require_POST
def request_remind(request, pk: int):
    report_request = _request_for(request.user, pk)
    count = services.remind_missing(request.user, report_request)
    messages.success(request, _("Đã nhắc %(n)d đơn vị chưa nộp.") % {"n": count})
    return redirect("reporting:board", pk=pk)


def _sources_by_line(section, draft_lines) -> dict[str, list]:
    """Each drafted line's sources, by its text: from the saved draft, else the live one."""
    stored = section.draft if section is not None and section.draft else []
    lines = stored or [line.as_dict() for line in draft_lines]
    return {line["text"].strip(): line.get("sources", []) for line in lines}


def _line_rows(text: str, sources: dict[str, list]) -> list[dict]:
    rows = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            rows.append(
                {
                    "text": line,
                    "sources": sources.get(line),
                    "edited": line not in sources,
                    "heading": line[:1].isdigit() and ". " in line[:4],
                }
            )
    return rows


def _editor_rows(
    submission: Submission, draft, posted=None, conflicts=None, kept=None, errors=None, read=None
):
    """``read``: the version each refused section was read at, so sending it again
    still cannot overwrite what someone else saved since."""
    read = read or {}
    sections = {s.code: s for s in submission.sections.all()} if submission.pk else {}
    rows = []
    for spec in submission.section_specs:
        code = spec["code"]
        stored = sections.get(code)
        lines = draft.sections.get(code, [])
        drafted = "\n".join(line.text for line in lines)
        text = stored.text if stored and stored.text.strip() else ""
        unsaved = not text and bool(drafted)
        if posted is not None and (code in (conflicts or {}) or code in (errors or {})):
            text = posted.get(code, text)
        sources = _sources_by_line(stored if text else None, lines)
        shown = text or drafted
        rows.append(
            {
                "spec": spec,
                "title": section_title(spec, draft),
                "text": shown,
                "version": read[code]
                if code in (errors or {}) and code in read
                else (stored.version if stored else 0),
                "unsaved_draft": unsaved,
                "edited": bool(stored and stored.edited),
                "lines": _line_rows(shown, sources),
                "conflict": (conflicts or {}).get(code),
                "errors": (errors or {}).get(code, []),
                "kept": (kept or {}).get(code),
                "diff": _diff(shown, (kept or {}).get(code)) if kept and code in kept else None,
            }
        )
    return rows


def _diff(old: str, new: str | None) -> list[tuple[str, str]]:
    """Line by line: ("same" | "gone" | "new", text)."""
    import difflib

    if new is None:
        return []
    out = []
    a, b = old.splitlines(), new.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [("same", line) for line in a[i1:i2]]
        else:
            out += [("gone", line) for line in a[i1:i2]]
            out += [("new", line) for line in b[j1:j2]]
    return out


def _editor(
    request,
    submission: Submission,
    conflicts=None,
    kept=None,
    status=200,
    form: SectionsForm | None = None,
):
    """The report's page; with ``form``, what the person typed is shown back where it
    conflicted with someone else's save or was refused."""
    draft = draft_for(Basis.of(submission))
    posted = form.typed() if form is not None else None
    errors = form.section_errors() if form is not None else None
    values = current_values(submission.unit, submission.the_period)
    may_write = services.may_write(request.user, submission)
    own_requests = (
        ReportRequest.objects.filter(
            issuing_unit=submission.unit, period=submission.period
        ).order_by("-issued_on", "-id")
        if submission.unit.child_count
        else ReportRequest.objects.none()
    )
    basis = Basis.of(submission)
    pdf_ok, pdf_reason = officedocs.pdf_available()
    issued = list(submission.issued.defer("docx", "pdf", "xlsx").order_by("-issued_at"))
    return render_page(
        request,
        "reporting/submission.html",
        {
            "sub": submission,
            "draft": draft,
            "rows": _editor_rows(
                submission, draft, posted, conflicts, kept, errors, form and form.read_versions()
            ),
            "values_count": len(values),
            "problems": services.submission_problems(submission)
            if submission.is_editable and submission.request_id
            else [],
            "may_enter": may_write and submission.is_editable,
            "may_sign": can(request.user, submission.unit, Action.SIGN)
            and submission.is_editable
            and submission.request_id,
            "may_issue": submission.is_editable
            and services.may_issue(request.user, submission)
            and not (submission.request_id is None and issued),
            "may_consolidate": submission.request is not None
            and can(request.user, submission.request.issuing_unit, Action.CONSOLIDATE),
            "may_choose_basis": submission.unit.child_count
            and submission.is_editable
            and can(request.user, submission.unit, Action.CONSOLIDATE),
            "own_requests": own_requests,
            "basis": basis,
            "scopes": Scope.choices,
            "return_form": ReturnForm(),
            "events": submission.events.select_related("by"),
            "issued": issued,
            "pdf_ok": pdf_ok,
            "pdf_reason": pdf_reason,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request, pk: int):
    submission = _submission_for(request.user, pk)
    if request.method == "POST":
        services.require(request.user, submission, Action.ENTER)
        form = SectionsForm(submission, request.POST)
        if not form.is_valid():
            messages.error(request, _("Chưa lưu: xem các phần được đánh dấu bên dưới."))
            return _editor(request, submission, form=form, status=400)
        try:
            outcome = services.save_sections(
                request.user, submission, form.texts(), form.versions()
            )
        except services.ReportingError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if not outcome.conflicts:
                messages.success(request, _("Đã lưu phần thuyết minh."))
                return redirect("reporting:submission", pk=pk)
            messages.error(
                request,
                _(
                    "Có phần đã được người khác sửa trong lúc bạn soạn; "
                    "bản của bạn được giữ lại bên dưới, chưa ghi đè."
                ),
            )
            return _editor(request, submission, conflicts=outcome.conflicts, status=409, form=form)
    return _editor(request, submission)


@login_required
@require_POST
def submission_redraft(request, pk: int):
    """Draft one section (or all) again from the records; an edited section is shown
    beside its new draft instead of being overwritten, unless the person confirms."""
    submission = _submission_for(request.user, pk)
    services.require(request.user, submission, Action.ENTER)
    # The buttons name the section in the address (?section=…&replace=1), the form's
    # fields carry the texts; the address wins, as the button pressed says what to do.
    data = request.POST.copy()
    for name in ("section", "replace"):
        if name in request.GET:
            data.setlist(name, request.GET.getlist(name))
    form = RedraftForm(submission, data)
    if not form.is_valid():
        if "section" in form.errors:
            raise Http404
        messages.error(request, _("Chưa soạn lại: xem các phần được đánh dấu bên dưới."))
        return _editor(request, submission, form=form, status=400)
    code = form.cleaned_data["section"] or None
    typed = form.texts()
    try:
        if typed:  # what was typed is kept as the person's text before anything is redrafted
            saved = services.save_sections(request.user, submission, typed, form.versions())
            if saved.conflicts:
                messages.error(
                    request,
                    _("Có phần đã được người khác sửa trong lúc bạn soạn; chưa soạn lại."),
                )
                return _editor(
                    request, submission, conflicts=saved.conflicts, status=409, form=form
                )
        outcome = services.draft_sections(
            request.user, submission, [code] if code else None, replace=form.cleaned_data["replace"]
        )
    except services.ReportingError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reporting:submission", pk=pk)
    if outcome.kept:
        messages.warning(
            request,
            _(
                "Phần đã được sửa tay không bị ghi đè. So sánh với bản soạn mới bên dưới "
                "và chọn “Thay bằng bản soạn mới” nếu muốn dùng bản này."
            ),
        )
        return _editor(request, submission, kept=outcome.kept)
    if outcome.drafted:
        messages.success(request, _("Đã soạn lại từ dữ liệu đã ghi."))
    else:
        messages.info(request, _("Không có gì thay đổi so với bản đang có."))
    return redirect("reporting:submission", pk=pk)


@login_required
@require_POST
def submission_basis(request, pk: int):
    submission = _submission_for(request.user, pk)
    if not can(request.user, submission.unit, Action.CONSOLIDATE):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    form = BasisForm(submission.unit, request.POST)
    if not form.is_valid():
        if "consolidates" in form.errors:  # not one of the unit's own requests
            raise Http404
        _form_errors_as_messages(request, form)
        return redirect("reporting:submission", pk=pk)
    try:
        services.choose_basis(
            request.user, submission, form.cleaned_data["consolidates"], form.cleaned_data["scope"]
        )
    except services.ReportingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã chọn nguồn tổng hợp; bản soạn dưới đây đã cập nhật."))
    return redirect("reporting:submission", pk=pk)


@login_required
@require_POST
def submission_issue(request, pk: int):
    submission = _submission_for(request.user, pk)
    if not services.may_issue(request.user, submission):
        raise PermissionDenied(
            _("Chỉ lãnh đạo đơn vị (hoặc cán bộ khi lãnh đạo đã duyệt) mới ban hành báo cáo.")
        )
    form = IssueForm(request.POST)
    if not form.is_valid():
        _form_errors_as_messages(request, form)
        return redirect("reporting:submission", pk=pk)
    try:
        issued = services.issue_report(
            request.user,
            submission,
            number=form.cleaned_data["number"],
            issued_on=form.cleaned_data["issued_on"],
        )
    except services.ReportingError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã ban hành Báo cáo số %(ref)s ngày %(day)s.")
            % {"ref": issued.reference, "day": format_date(issued.issued_on)},
        )
    return redirect("reporting:submission", pk=pk)


@login_required
@require_POST
def own_report(request, code: str, period: str):
    unit = get_unit_for(request.user, code, Action.VIEW)
    the_period = period_or_404(period)
    submission = services.own_report(request.user, unit, the_period.id)
    return redirect("reporting:submission", pk=submission.pk)


def _form_errors_as_messages(request, form) -> None:
    """For the small forms of the report page, which answer with a redirect to it."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _transition(request, pk: int, step, allowed=None, form=None) -> object:
    """One step of the report's cycle: 404 for a report one may not see, 403 for one the
    person may not take this step on (checked before the form is read), then the form."""
    submission = _submission_for(request.user, pk)
    if allowed is not None and not allowed(submission):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if form is not None and not form.is_valid():
        _form_errors_as_messages(request, form)
        return redirect("reporting:submission", pk=pk)
    try:
        step(submission)
    except services.ReportingError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("reporting:submission", pk=pk)


@login_required
@require_POST
def submission_sign(request, pk: int):
    form = SignForm(request.POST)
    return _transition(
        request,
        pk,
        lambda s: services.sign_off(
            request.user, s, form.cleaned_data["name"], form.cleaned_data["position"]
        ),
        allowed=lambda s: can(request.user, s.unit, Action.SIGN),
        form=form,
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
    return _transition(
        request,
        pk,
        lambda s: services.return_submission(request.user, s, form.cleaned_data["comment"]),
        allowed=lambda s: services.may_decide(request.user, s),
        form=form,
    )


@login_required
@require_POST
def submission_accept(request, pk: int):
    return _transition(
        request,
        pk,
        lambda s: services.accept_submission(request.user, s),
        allowed=lambda s: services.may_decide(request.user, s),
    )


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
    """The unit's report for the period as it would be issued now, with the way to edit
    and issue it."""
    unit = get_unit_for(request.user, code, Action.CONSOLIDATE)
    the_period = period_or_404(period)
    report, draft = consolidated_report(unit, the_period)
    submission = report_submission(unit, the_period)
    pdf_ok, pdf_reason = officedocs.pdf_available()
    return render_page(
        request,
        "reporting/consolidated.html",
        {
            "unit": unit,
            "period": the_period,
            "report": report,
            "draft": draft,
            "submission": submission if submission.pk else None,
            "pdf_ok": pdf_ok,
            "pdf_reason": pdf_reason,
        },
    )


@login_required
@require_GET
def consolidated_document(request, code: str, period: str, kind: str):
    unit = get_unit_for(request.user, code, Action.CONSOLIDATE)
    the_period = period_or_404(period)
    report, _draft = consolidated_report(unit, the_period)
    back = reverse("reporting:consolidated", args=[code, period])
    return _download(request, report, kind, f"bao-cao-{unit.code}-{the_period.id}", back)


@login_required
@require_GET
def submission_document(request, pk: int, kind: str):
    submission = _submission_for(request.user, pk)
    back = reverse("reporting:submission", args=[pk])
    report, _draft = build_report(submission)
    return _download(
        request, report, kind, f"bao-cao-{submission.unit.code}-{submission.period}", back
    )


@login_required
@require_GET
def issued_document(request, pk: int, kind: str):
    """A report exactly as it was issued (the files kept in the register), or its PDF
    with the digital signatures made on it since (``signed.pdf``, docs/signing.md)."""
    if kind not in CONTENT_TYPES and kind != "signed.pdf":
        raise Http404
    issued = get_for_user(IssuedReport.objects.select_related("unit"), request.user, pk=pk)
    if kind == "signed.pdf":
        last = issued.signatures.order_by("-signed_at", "-pk").only("pdf").first()
        content = last.pdf if last else None
    else:
        content = getattr(issued, kind)
    if not content:
        raise Http404
    content_type = CONTENT_TYPES["pdf" if kind == "signed.pdf" else kind]
    response = HttpResponse(bytes(content), content_type=content_type)
    stem = f"bao-cao-{issued.unit.code}-{issued.year}-{issued.number:02d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{kind}"'
    return response
