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

from ttdn import names, officedocs
from ttdn.indicators.services import current_values
from ttdn.indicators.views import period_or_404
from ttdn.lib.vnformat import format_date
from ttdn.orgunits.access import Action, can, get_for_user, get_unit_for
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting import section_drafts, services
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
    CancelRequestForm,
    ExtendForm,
    IssueForm,
    RedraftForm,
    RequestEditForm,
    RequestForm,
    ReturnForm,
    SectionsForm,
    SignForm,
    SubmitForm,
)
from ttdn.reporting.models import Action as Step
from ttdn.reporting.models import IssuedReport, ReportRequest, Scope, Stage, Submission


def visible_requests(user):
    return ReportRequest.objects.listed_for(user)


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
    form = RequestForm(request.POST or None, request.FILES or None, user=request.user, issuer=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        checked = _checked_attachment(form)
        try:
            units = services.recipients_by_code(unit, form.unit_codes())
        except services.ReportingError as error:
            form.add_error("units", error)
        if form.errors:
            _drop_checked(checked)
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
                    attachment=checked,
                )
            except services.ReportingError as error:
                _drop_checked(checked)
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


def _checked_attachment(form):
    """The form's công văn checked and spooled, or None; a file failing the checks is an
    error on its field, and the rest of what was typed is shown back."""
    upload = form.cleaned_data.get("attachment")
    if not upload:
        return None
    try:
        return services.check_attachment(upload)
    except services.ReportingError as error:
        form.add_error("attachment", error)
        return None


def _drop_checked(checked) -> None:
    if checked is not None:
        from ttdn.archive import storage

        storage.clear_spool(checked[0].parent)


def _owned_request(user, pk: int) -> ReportRequest:
    report_request = _request_for(user, pk)
    services.require_request_owner(user, report_request)
    return report_request


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request, pk: int):
    """Change a request: subject, deadline, more recipients, its công văn, and its form
    while nobody has submitted; cancel it; see what changed."""
    report_request = _owned_request(request.user, pk)
    initial = {
        "version": report_request.version,
        "subject": report_request.subject,
        "deadline": report_request.deadline,
        "form": report_request.form_id,
    }
    form = RequestEditForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if report_request.is_cancelled:
            messages.error(request, _("Yêu cầu báo cáo đã bị hủy: không sửa được."))
            return redirect("reporting:board", pk=pk)
        if form.is_valid():
            data = form.cleaned_data
            checked = _checked_attachment(form)
            try:
                units = services.recipients_by_code(report_request.issuing_unit, form.unit_codes())
            except services.ReportingError as error:
                form.add_error("units", error)
            if form.errors:
                _drop_checked(checked)
            else:
                try:
                    services.edit_request(
                        request.user,
                        report_request,
                        version=data["version"],
                        subject=data["subject"],
                        deadline=data["deadline"],
                        form=data["form"],
                        add_units=units,
                        attachment=checked,
                    )
                except services.ReportingError as error:
                    _drop_checked(checked)
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    messages.success(request, _("Đã lưu thay đổi của yêu cầu báo cáo."))
                    return redirect("reporting:board", pk=pk)
        status = 400
    return render_page(
        request,
        "reporting/request_edit.html",
        {
            "req": report_request,
            "form": form,
            "cancel_form": CancelRequestForm(initial={"version": report_request.version}),
            "events": [
                (event, _changes(event)) for event in report_request.events.select_related("by")
            ],
        },
        status=status,
    )


def _changes(event) -> list[tuple[str, str, str]]:
    """(what, before, after) of a change to a request, in the page's words."""
    labels = {
        "subject": _("Trích yếu"),
        "deadline": _("Hạn nộp"),
        "form": _("Mẫu báo cáo"),
        "recipients": _("Gửi thêm tới"),
        "attachment": _("Tệp công văn"),
    }
    return [
        (labels.get(name, name), before, after)
        for name, (before, after) in event.data.get("changes", {}).items()
    ]


@login_required
@require_POST
def request_cancel(request, pk: int):
    report_request = _owned_request(request.user, pk)
    form = CancelRequestForm(request.POST)
    if not form.is_valid():
        _form_errors_as_messages(request, form)
        return redirect("reporting:request_edit", pk=pk)
    try:
        services.cancel_request(
            request.user,
            report_request,
            form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )
    except services.ReportingError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("reporting:request_edit", pk=pk)
    messages.success(
        request, _("Đã hủy yêu cầu báo cáo %(number)s.") % {"number": report_request.number}
    )
    return redirect("reporting:board", pk=pk)


@login_required
@require_GET
def request_attachment(request, pk: int):
    """The công văn as filed, to the issuer's people and the units it was sent to."""
    from ttdn.archive import storage

    report_request = _request_for(request.user, pk)
    if not report_request.attachment:
        raise Http404
    return storage.download(report_request.attachment, report_request.attachment_filename)


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
    try:
        count = services.remind_missing(request.user, report_request)
    except services.ReportingError as error:
        messages.error(request, " ".join(error.messages))
    else:
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


def _shown_title(spec: dict, draft):
    """A section's heading on the page: the document's own in Vietnamese, the form's
    English title (or the Vietnamese one, marked) in English mode."""
    if names.is_english():
        return names.marked_name(spec, "title")
    return section_title(spec, draft)


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
                "title": _shown_title(spec, draft),
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


# Steps after which a return is dealt with: the report went up again.
_MOVED_ON = {Step.PRESENT, Step.SIGN_OFF, Step.SUBMIT, Step.RESUBMIT}


def _return_note(events):
    """The last return (by the issuer, or the leader's send-back) while it still stands:
    who, when and what to change, for the top of the page."""
    note = None
    for event in events:
        if event.action in (Step.RETURN, Step.SEND_BACK):
            note = event
        elif event.action in _MOVED_ON:
            note = None
    return note


def _review_rows(draft) -> list[dict]:
    """The report's figures for the leader: this period beside the same period a year
    earlier."""
    return [
        {
            "name": figure.label,
            "noun": figure.noun,
            "total": figure.total,
            "previous": figure.previous,
        }
        for figure in draft.figures.values()
        if figure.total is not None
    ]


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
    events = list(submission.events.select_related("by"))
    report_request = submission.request
    open_request = report_request is not None and not report_request.is_cancelled
    without_leader = services.signs_without_leader(submission.unit)
    stage = submission.stage
    may_sign = bool(
        can(request.user, submission.unit, Action.SIGN) and submission.is_editable and open_request
    )
    may_consolidate = report_request is not None and can(
        request.user, report_request.issuing_unit, Action.CONSOLIDATE
    )
    rows = _editor_rows(
        submission, draft, posted, conflicts, kept, errors, form and form.read_versions()
    )
    restored = None
    if form is None and not conflicts and not kept and may_write:
        restored = _restore_sections(request.user, submission, rows)
    return render_page(
        request,
        "reporting/submission.html",
        {
            "sub": submission,
            "draft": draft,
            "rows": rows,
            "restored": restored,
            "restored_at": restored and timezone.localtime(restored.saved_at).strftime("%H:%M"),
            "stage": stage,
            "return_note": _return_note(events),
            "without_leader": without_leader,
            "may_present": may_write
            and open_request
            and not without_leader
            and stage in (Stage.DRAFT, Stage.RETURNED),
            "may_submit": may_write
            and open_request
            and submission.is_editable
            and (submission.signed_off_at is not None or without_leader),
            "review": _review_rows(draft) if may_sign else None,
            "submit_form": SubmitForm(
                initial={
                    "signer_name": submission.signer_name,
                    "signer_position": submission.signer_position,
                }
            ),
            "extend_form": ExtendForm(),
            "may_extend": may_consolidate and open_request and submission.status != "accepted",
            "values_count": len(values),
            "problems": services.submission_problems(submission)
            if submission.is_editable and submission.request_id
            else [],
            "may_enter": may_write and submission.is_editable,
            "may_sign": may_sign,
            "may_issue": submission.is_editable
            and services.may_issue(request.user, submission)
            and not (submission.request_id is None and issued),
            "may_consolidate": may_consolidate,
            "may_choose_basis": submission.unit.child_count
            and submission.is_editable
            and can(request.user, submission.unit, Action.CONSOLIDATE),
            "own_requests": own_requests,
            "basis": basis,
            "scopes": Scope.choices,
            "return_form": ReturnForm(),
            "events": events,
            "issued": issued,
            "pdf_ok": pdf_ok,
            "pdf_reason": pdf_reason,
            "today": timezone.localdate(),
        },
        status=status,
    )


def _restore_sections(user, submission: Submission, rows: list[dict]):
    """Lay the person's section draft over the rows: a draft text in its section, the
    draft of a section someone else saved since beside it."""
    restored = section_drafts.restore_section_draft(
        user, submission, {row["spec"]["code"]: row["text"] for row in rows}
    )
    if restored is not None:
        for row in rows:
            code = row["spec"]["code"]
            row["text"] = restored.texts.get(code, row["text"])
            row["draft_conflict"] = restored.conflicts.get(code)
    return restored


@login_required
@require_POST
def submission_draft(request, pk: int):
    """Keep the sections as typed as the person's draft (htmx, as they type); answers
    the line that says so."""
    submission = _submission_for(request.user, pk)
    services.require(request.user, submission, Action.ENTER)
    form = SectionsForm(submission, request.POST)
    if not form.is_valid():
        return _draft_state(request, _("Bản nháp chưa lưu được: có phần dài quá mức."), 400)
    try:
        saved = section_drafts.save_section_draft(
            request.user, submission, form.texts(), form.versions()
        )
    except services.ReportingError as error:
        return _draft_state(request, " ".join(error.messages), 409)
    when = timezone.localtime(saved.updated_at).strftime("%H:%M")
    return _draft_state(request, _("Bản nháp đã giữ lúc %(time)s") % {"time": when}, 200)


def _draft_state(request, text: str, status: int) -> HttpResponse:
    return render_page(
        request, "indicators/draft_state.html", {"text": text, "ok": status == 200}, status=status
    )


@login_required
@require_POST
def submission_draft_discard(request, pk: int):
    submission = _submission_for(request.user, pk)
    services.require(request.user, submission, Action.ENTER)
    if section_drafts.discard_section_draft(request.user, submission):
        messages.success(request, _("Đã bỏ bản nháp."))
    return redirect("reporting:submission", pk=pk)


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
                section_drafts.discard_section_draft(request.user, submission)
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
            section_drafts.discard_section_draft(request.user, submission)
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
def submission_present(request, pk: int):
    def step(submission):
        services.present_report(request.user, submission)
        messages.success(request, _("Đã trình lãnh đạo."))

    return _transition(request, pk, step, allowed=lambda s: services.may_write(request.user, s))


@login_required
@require_POST
def submission_send_back(request, pk: int):
    form = ReturnForm(request.POST)

    def step(submission):
        services.send_back(request.user, submission, form.cleaned_data["comment"])
        messages.success(request, _("Đã trả lại báo cáo cho cán bộ soạn để sửa."))

    return _transition(
        request, pk, step, allowed=lambda s: can(request.user, s.unit, Action.SIGN), form=form
    )


@login_required
@require_POST
def submission_sign(request, pk: int):
    form = SignForm(request.POST)

    def step(submission):
        services.sign_off(
            request.user, submission, form.cleaned_data["name"], form.cleaned_data["position"]
        )
        messages.success(request, _("Đã duyệt báo cáo."))

    return _transition(
        request, pk, step, allowed=lambda s: can(request.user, s.unit, Action.SIGN), form=form
    )


@login_required
@require_POST
def submission_submit(request, pk: int):
    form = SubmitForm(request.POST)

    def step(submission):
        services.submit_report(
            request.user,
            submission,
            signer_name=form.cleaned_data["signer_name"],
            signer_position=form.cleaned_data["signer_position"],
        )
        messages.success(request, _("Đã nộp báo cáo."))

    return _transition(request, pk, step, form=form)


@login_required
@require_POST
def submission_return(request, pk: int):
    form = ReturnForm(request.POST)

    def step(submission):
        services.return_submission(request.user, submission, form.cleaned_data["comment"])
        messages.success(
            request,
            _("Đã trả lại báo cáo của %(unit)s.") % {"unit": submission.unit.name},
        )

    return _transition(
        request, pk, step, allowed=lambda s: services.may_decide(request.user, s), form=form
    )


@login_required
@require_POST
def submission_accept(request, pk: int):
    def step(submission):
        services.accept_submission(request.user, submission)
        messages.success(request, _("Đã chấp nhận báo cáo."))

    return _transition(request, pk, step, allowed=lambda s: services.may_decide(request.user, s))


@login_required
@require_POST
def submission_extend(request, pk: int):
    form = ExtendForm(request.POST)

    def step(submission):
        services.extend_deadline(
            request.user, submission, form.cleaned_data["deadline"], form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("Đã gia hạn nộp báo cáo cho %(unit)s đến %(day)s.")
            % {"unit": submission.unit.name, "day": format_date(form.cleaned_data["deadline"])},
        )

    return _transition(
        request, pk, step, allowed=lambda s: services.may_decide(request.user, s), form=form
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
