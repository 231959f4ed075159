"""The reporting cycle as plain functions: issue a request, write and submit a report,
return or accept it, watch completeness and timeliness, remind the missing."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.models import person_name
from ttdn.indicators.models import DataValue, Indicator
from ttdn.lib import timeagg
from ttdn.lib.periods import Period, parse_period_id
from ttdn.lib.vnformat import format_date
from ttdn.orgunits.access import can
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting import notifying
from ttdn.reporting.models import (
    Action,
    BoardState,
    DocumentProfile,
    IssuedReport,
    ReportForm,
    ReportRequest,
    RequestChange,
    RequestEvent,
    Scope,
    Status,
    Submission,
    SubmissionEvent,
    SubmissionSection,
)
from ttdn.reporting.rules import check_values


class ReportingError(ValidationError):
    """A step of the cycle that cannot be taken; the messages say why."""


# How `ttdn report --sign PERSON` signs an issued report: called with the report, the
# person's user name and a function that asks for the key's password or PIN given the
# key's name; returns the signed PDF and what was done, or raises ReportingError. The
# signing app fills it in (docs/signing.md); reporting knows nothing of keys.
SIGN_ISSUED: list[Callable[[IssuedReport, str, Callable[[str], str]], tuple[bytes, str]]] = []

# Checks the digital signatures of a PDF công văn attached to a request: given the file's
# bytes, returns the verdict ("valid", "invalid", "unsigned") and a summary. The signing
# app fills it in; a request is made whatever the check finds.
CHECK_SIGNATURES: list[Callable[[bytes], tuple[str, str]]] = []


# Requests ---------------------------------------------------------------------------


def recipients_by_code(issuing_unit: OrgUnit, codes: Iterable[str]) -> list[OrgUnit]:
    """The units of ``issuing_unit``'s subtree with these codes. A code naming no unit
    there is refused with one message whether it is unknown or a unit elsewhere, so the
    answer tells nothing of units outside the subtree."""
    wanted = list(dict.fromkeys(codes))
    units = list(OrgUnit.objects.subtree(issuing_unit).filter(code__in=wanted))
    found = {u.code for u in units}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise ReportingError(
            _("Không có đơn vị mã %(codes)s trong phạm vi của đơn vị ban hành.")
            % {"codes": ", ".join(missing)}
        )
    return units


def issue_request(
    user,
    issuing_unit: OrgUnit,
    form: ReportForm,
    period_id: str,
    number: str,
    issued_on: date,
    deadline: date,
    subject: str,
    units: Iterable[OrgUnit] = (),
    kinds: Iterable[str] = (),
    convention: str = "calendar",
    attachment: tuple[Path, str] | None = None,
) -> ReportRequest:
    """Issue a công văn to chosen units and/or every unit of given kinds in the issuer's
    subtree, with the công văn's file when there is one (checked by
    ``check_attachment``). Units that no longer exist in the period are refused by
    name."""
    if not can(user, issuing_unit, "consolidate"):
        raise PermissionDenied(_("Bạn không có quyền ban hành yêu cầu báo cáo của đơn vị này."))
    period = parse_period_id(period_id)
    chosen = list(units)
    outside = [u.name for u in chosen if not u.path.startswith(issuing_unit.path)]
    if outside:
        raise ReportingError(
            _("Không thuộc phạm vi của đơn vị ban hành: %(names)s.") % {"names": ", ".join(outside)}
        )
    closed = [u.name for u in chosen if not _exists_during(u, period.start, period.end)]
    if closed:
        raise ReportingError(
            _("Đơn vị không còn tồn tại trong kỳ %(period)s: %(names)s.")
            % {"period": period.label(), "names": ", ".join(closed)}
        )
    kinds = list(kinds)
    if kinds:
        chosen += list(
            OrgUnit.objects.subtree(issuing_unit, include_self=False)
            .filter(kind__in=kinds)
            .active_during(period.start, period.end)
        )
    recipients = {u.pk: u for u in chosen}
    if not recipients:
        raise ReportingError(_("Chưa chọn đơn vị nhận báo cáo."))
    if deadline < issued_on:
        raise ReportingError(_("Hạn nộp phải sau ngày ban hành."))
    stored, filename = keep_attachment(attachment)
    verdict, summary = check_attachment_signature(stored, filename)
    try:
        with transaction.atomic():
            request = ReportRequest.objects.create(
                attachment=stored,
                attachment_filename=filename,
                attachment_signature=verdict,
                attachment_signature_summary=summary,
                issuing_unit=issuing_unit,
                number=number.strip(),
                issued_on=issued_on,
                subject=subject,
                form=form,
                period=period.id,
                deadline=deadline,
                convention=convention,
                created_by=user,
            )
            request.recipients.set(recipients.values())
            Submission.objects.bulk_create(
                [Submission(request=request, unit=u, period=period.id) for u in recipients.values()]
            )
            notifying.request_issued(request)
    except BaseException:
        from ttdn.archive import storage

        storage.delete(stored)  # the công văn kept for a request that was not made
        raise
    return request


def require_request_owner(user, request: ReportRequest) -> None:
    if not can(user, request.issuing_unit, "consolidate"):
        raise PermissionDenied(_("Chỉ đơn vị ban hành mới sửa, hủy hoặc gia hạn yêu cầu này."))


def _lock_request(request: ReportRequest, version: int | None) -> ReportRequest:
    """The request locked for a change; refused when cancelled, or when it changed since
    the person read it (``version``)."""
    locked = ReportRequest.objects.select_for_update().get(pk=request.pk)
    if locked.is_cancelled:
        raise ReportingError(
            _("Yêu cầu báo cáo đã bị hủy ngày %(day)s: không sửa được.")
            % {"day": format_date(timezone.localdate(locked.cancelled_at))}
        )
    if version is not None and version != locked.version:
        last = locked.events.select_related("by").last()
        who = (last.by.get_full_name() or last.by.username) if last and last.by else ""
        raise ReportingError(
            _(
                "Yêu cầu vừa được %(who)s sửa trong lúc bạn đang sửa: nội dung bạn nhập được "
                "giữ lại bên dưới, hãy xem bản mới rồi lưu lại."
            )
            % {"who": who or _("người khác")}
        )
    return locked


def _as_text(value) -> str:
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def edit_request(
    user,
    request: ReportRequest,
    *,
    version: int | None,
    subject: str | None = None,
    deadline: date | None = None,
    form: ReportForm | None = None,
    add_units: Iterable[OrgUnit] = (),
    attachment: tuple[Path, str] | None = None,
) -> ReportRequest:
    """Change a request while it makes sense: its subject and deadline, more recipients,
    its công văn (checked by ``check_attachment``), and its form only while nobody has
    submitted. Each change is kept in its history."""
    require_request_owner(user, request)
    stored, filename = keep_attachment(attachment)
    try:
        return _edit_request(
            user, request, version, subject, deadline, form, add_units, stored, filename
        )
    except BaseException:
        from ttdn.archive import storage

        storage.delete(stored)
        raise


def _edit_request(
    user, request, version, subject, deadline, form, add_units, stored, filename
) -> ReportRequest:
    with transaction.atomic():
        locked = _lock_request(request, version)
        changes: dict[str, list[str]] = {}
        if subject is not None and subject.strip() and subject.strip() != locked.subject:
            changes["subject"] = [locked.subject, subject.strip()]
            locked.subject = subject.strip()
        if deadline is not None and deadline != locked.deadline:
            if deadline < locked.issued_on:
                raise ReportingError(_("Hạn nộp phải sau ngày ban hành."))
            changes["deadline"] = [_as_text(locked.deadline), _as_text(deadline)]
            locked.deadline = deadline
        if form is not None and form.pk != locked.form_id:
            if locked.submissions.exclude(submitted_at=None).exists():
                raise ReportingError(
                    _("Đã có đơn vị nộp báo cáo: không đổi được mẫu báo cáo của yêu cầu.")
                )
            changes["form"] = [locked.form.name, form.name]
            locked.form = form
        period = locked.the_period
        have = set(locked.recipients.values_list("pk", flat=True))
        new = [u for u in dict.fromkeys(add_units) if u.pk not in have]
        outside = [u.name for u in new if not u.path.startswith(locked.issuing_unit.path)]
        if outside:
            raise ReportingError(
                _("Không thuộc phạm vi của đơn vị ban hành: %(names)s.")
                % {"names": ", ".join(outside)}
            )
        closed = [u.name for u in new if not _exists_during(u, period.start, period.end)]
        if closed:
            raise ReportingError(
                _("Đơn vị không còn tồn tại trong kỳ %(period)s: %(names)s.")
                % {"period": period.label(), "names": ", ".join(closed)}
            )
        if new:
            locked.recipients.add(*new)
            Submission.objects.bulk_create(
                [Submission(request=locked, unit=u, period=locked.period) for u in new]
            )
            notifying.request_issued(locked, new)
            changes["recipients"] = ["", ", ".join(u.name for u in new)]
        if stored:
            changes["attachment"] = [locked.attachment_filename, filename]
            locked.attachment, locked.attachment_filename = stored, filename
            verdict, summary = check_attachment_signature(stored, filename)
            locked.attachment_signature = verdict
            locked.attachment_signature_summary = summary
        if not changes:
            return locked
        locked.version += 1
        locked.save()
        RequestEvent.objects.create(
            request=locked, action=RequestChange.EDIT, by=user, data={"changes": changes}
        )
    return locked


def cancel_request(user, request: ReportRequest, reason: str, version: int | None = None):
    """Cancel a request: kept, with its reports, marked cancelled with the reason; the
    units it was sent to no longer owe it."""
    require_request_owner(user, request)
    if not reason.strip():
        raise ReportingError(_("Cần ghi lý do hủy yêu cầu."))
    with transaction.atomic():
        locked = _lock_request(request, version)
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason.strip()
        locked.version += 1
        locked.save()
        RequestEvent.objects.create(
            request=locked, action=RequestChange.CANCEL, by=user, comment=reason.strip()
        )
    return locked


def extend_deadline(user, submission: Submission, deadline: date, reason: str) -> Submission:
    """Grant one unit a later deadline (gia hạn): its report is on time or late against
    its own deadline."""
    require_issuer(user, submission)
    if not reason.strip():
        raise ReportingError(_("Cần ghi lý do gia hạn."))
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("request")
            .get(pk=submission.pk)
        )
        request = submission.request
        assert request is not None  # require_issuer refuses a report that answers none
        if request.is_cancelled:
            raise ReportingError(_("Yêu cầu báo cáo này đã bị hủy."))
        if submission.status == Status.ACCEPTED:
            raise ReportingError(_("Báo cáo đã được chấp nhận: không cần gia hạn."))
        if deadline <= request.deadline:
            raise ReportingError(
                _("Hạn mới phải sau hạn chung của yêu cầu (%(day)s).")
                % {"day": format_date(request.deadline)}
            )
        before = submission.deadline
        submission.extended_deadline = deadline
        submission.save(update_fields=["extended_deadline"])
        _log(
            submission,
            Action.EXTEND,
            user,
            reason.strip(),
            before=_as_text(before),
            deadline=_as_text(deadline),
        )
    return submission


ATTACHMENT_FORMATS = {".pdf": "pdf", ".docx": "zip"}


def check_attachment(upload) -> tuple[Path, str]:
    """Spool an uploaded công văn and check it as the archive checks imports: size, the
    content matching its name (PDF or DOCX only), a DOCX's zip directory (zip bombs) and
    security markings. Returns the checked file in a scratch folder and its name; the
    caller keeps it (``attach_document``) or removes the folder."""
    from ttdn.archive import intake, storage
    from ttdn.archive.storing import classified_message
    from ttdn.extract.errors import ExtractError
    from ttdn.extract.readers import sniff
    from ttdn.extract.safety import check_zip

    name = Path(upload.name).name
    suffix = Path(name).suffix.lower()
    if suffix not in ATTACHMENT_FORMATS:
        raise ReportingError(
            _("Tệp công văn phải là PDF hoặc DOCX (tệp đã chọn: %(name)s).") % {"name": name}
        )
    folder = Path(tempfile.mkdtemp(dir=storage.spool_dir()))
    try:
        (candidate,) = intake.gather([upload], folder)
        if candidate.classified:
            raise ReportingError(classified_message(candidate.classified))
        if candidate.refusal or candidate.path is None:
            raise ReportingError(candidate.refusal or _("Không đọc được tệp."))
        with candidate.path.open("rb") as fh:
            head = fh.read(8)
        if sniff(head) != ATTACHMENT_FORMATS[suffix]:
            raise ReportingError(
                _("Nội dung tệp %(name)s không phải là %(kind)s như tên tệp cho biết.")
                % {"name": name, "kind": suffix[1:].upper()}
            )
        if suffix == ".docx":
            try:
                check_zip(candidate.path, required="word/document.xml")
            except ExtractError as error:
                raise ReportingError(
                    _("Tệp %(name)s không dùng được: %(why)s.") % {"name": name, "why": error}
                ) from error
    except BaseException:
        storage.clear_spool(folder)
        raise
    return candidate.path, candidate.filename


def keep_attachment(checked: tuple[Path, str] | None) -> tuple[str, str]:
    """Move a checked công văn into the archive's storage: (stored name, file name)."""
    from ttdn.archive import storage

    if checked is None:
        return "", ""
    path, filename = checked
    try:
        return storage.keep(path, filename), filename
    finally:
        storage.clear_spool(path.parent)


def check_attachment_signature(stored: str, filename: str) -> tuple[str, str]:
    """The signature check of a stored PDF công văn: (verdict,
    summary), or ("", "") for a DOCX, no file, or no check installed (CHECK_SIGNATURES)."""
    from ttdn.archive import storage

    if not stored or not filename.lower().endswith(".pdf") or not CHECK_SIGNATURES:
        return "", ""
    return CHECK_SIGNATURES[0](storage.path(stored).read_bytes())


def _exists_during(unit: OrgUnit, start: date, end: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or unit.valid_to >= start
    )


# Submissions --------------------------------------------------------------------------


def may_write(user, submission: Submission) -> bool:
    """Who writes a report: the unit's officers and leaders, and for a unit above others
    its consolidating officers too."""
    unit = submission.unit
    return can(user, unit, "enter") or (unit.child_count > 0 and can(user, unit, "consolidate"))


def require(user, submission: Submission, action: str) -> None:
    """403 unless the person may ``action`` ("enter" meaning write the report) on it."""
    allowed = (
        may_write(user, submission) if action == "enter" else can(user, submission.unit, action)
    )
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _log(submission: Submission, action: str, user, comment: str = "", **data) -> None:
    SubmissionEvent.objects.create(
        submission=submission, action=action, by=user, comment=comment, data=data
    )


@dataclass
class SaveOutcome:
    saved: list[str] = field(default_factory=list)
    conflicts: dict[str, str] = field(default_factory=dict)  # code → text now stored


def save_sections(
    user, submission: Submission, texts: dict[str, str], versions: dict[str, int]
) -> SaveOutcome:
    """Save narrative sections. A section someone else saved since ``versions`` is not
    overwritten: it comes back in ``conflicts`` and the refused text is kept in the
    submission's history, so both versions survive."""
    require(user, submission, "enter")
    outcome = SaveOutcome()
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise ReportingError(_("Báo cáo đã nộp: chỉ sửa được khi bị trả lại."))
        current = {s.code: s for s in locked.sections.select_for_update()}
        allowed = {s["code"] for s in locked.section_specs}
        for code, text in texts.items():
            if code not in allowed:
                continue
            section = current.get(code)
            version = section.version if section else 0
            if versions.get(code, version) != version:
                if (section.text if section else "") != text:
                    outcome.conflicts[code] = section.text if section else ""
                    _log(
                        locked,
                        Action.CONFLICT,
                        user,
                        section=code,
                        refused_text=text,
                        stored_version=version,
                    )
                continue
            if section is None:
                SubmissionSection.objects.create(
                    submission=locked, code=code, text=text, version=1, updated_by=user
                )
            elif section.text != text:
                section.text, section.version, section.updated_by = text, version + 1, user
                section.save()
            else:
                continue
            outcome.saved.append(code)
        if outcome.saved:
            _log(locked, Action.SAVE, user, sections=outcome.saved)
            if locked.signed_off_at is not None:
                void_approval(
                    locked, user, _("Nội dung báo cáo đã được sửa sau khi lãnh đạo duyệt.")
                )
    return outcome


def signs_without_leader(unit: OrgUnit) -> bool:
    """Whether the unit has no leader account: its officer submits and types the
    signer's name and position (set on the unit's DocumentProfile)."""
    return DocumentProfile.objects.filter(unit=unit, signs_without_leader_account=True).exists()


def _refuse_unless_editable(submission: Submission) -> None:
    if not submission.is_editable:
        raise ReportingError(
            _("Báo cáo đang ở trạng thái “%(stage)s”: không thực hiện được thao tác này.")
            % {"stage": submission.stage.label}
        )


def present_report(user, submission: Submission, now: datetime | None = None) -> Submission:
    """The officer presents the report to the unit's leader (trình lãnh đạo), who then
    approves it or sends it back. Edits meanwhile are allowed: the leader approves what
    stands when they approve."""
    require(user, submission, "enter")
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("request", "unit")
            .get(pk=submission.pk)
        )
        _refuse_unless_editable(submission)
        if submission.request is not None and submission.request.is_cancelled:
            raise ReportingError(_("Yêu cầu báo cáo này đã bị hủy."))
        if signs_without_leader(submission.unit):
            raise ReportingError(
                _(
                    "Đơn vị không có tài khoản lãnh đạo trên hệ thống: cán bộ nộp báo cáo và "
                    "ghi rõ người ký."
                )
            )
        if submission.signed_off_at is not None:
            raise ReportingError(_("Lãnh đạo đã duyệt báo cáo này: có thể nộp ngay."))
        if submission.presented_at is not None:
            raise ReportingError(
                _("Báo cáo đã được trình lãnh đạo ngày %(day)s, đang chờ duyệt.")
                % {"day": format_date(timezone.localdate(submission.presented_at))}
            )
        submission.presented_at = now or timezone.now()
        submission.save(update_fields=["presented_at"])
        _log(submission, Action.PRESENT, user)
    return submission


def send_back(user, submission: Submission, comment: str) -> Submission:
    """The leader hands the report back to the officer with what to change; it has to
    be presented again."""
    require(user, submission, "sign")
    if not comment.strip():
        raise ReportingError(_("Cần ghi nội dung cần sửa khi trả lại."))
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        _refuse_unless_editable(submission)
        if submission.presented_at is None and submission.signed_off_at is None:
            raise ReportingError(_("Báo cáo chưa được trình lãnh đạo: không có gì để trả lại."))
        submission.presented_at = None
        submission.signed_off_at = None
        submission.signed_off_by = None
        submission.save(update_fields=["presented_at", "signed_off_at", "signed_off_by"])
        _log(submission, Action.SEND_BACK, user, comment.strip())
    return submission


def sign_off(user, submission: Submission, name: str = "", position: str = "") -> None:
    """The leader approves the report as it stands: its values and text are recorded, and
    any change to them afterwards voids the approval."""
    require(user, submission, "sign")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        _refuse_unless_editable(submission)
        submission.signed_off_by = user
        submission.signed_off_at = timezone.now()
        submission.signer_name = name or person_name(user)
        submission.signer_position = position
        submission.approved = approval_record(submission)
        submission.save()
        _log(submission, Action.SIGN_OFF, user)


def approval_record(submission: Submission) -> dict:
    """The values (of the period and the periods inside it) and the sections' text as
    they are now."""
    period = submission.the_period
    inside = [p.id for p in timeagg.periods_of_year(period.year) if period.contains(p)]
    values = DataValue.objects.filter(unit=submission.unit, period__in=inside).values_list(
        "period", "indicator__code", "option", "value", "estimated"
    )
    return {
        "values": {
            f"{p}/{code}/{option}": [str(value.normalize()), estimated]
            for p, code, option, value, estimated in values
        },
        "sections": {s.code: s.text for s in submission.sections.all()},
    }


def void_approval(submission: Submission, user, why: str) -> None:
    """A change after the leader's approval: the approval no longer holds, and the
    unit's leaders are told."""
    submission.signed_off_at = None
    submission.signed_off_by = None
    submission.save(update_fields=["signed_off_at", "signed_off_by"])
    _log(submission, Action.VOID, user, why)  # the unit's leaders are told (notifying)


def locked_by_submission(unit: OrgUnit, period) -> str | None:
    """Why a unit's values for ``period`` cannot change: a report covering the period has
    been submitted and not returned."""
    for submission in Submission.objects.filter(
        unit=unit, status__in=[Status.SUBMITTED, Status.ACCEPTED]
    ).select_related("request"):
        if submission.the_period.contains(period):
            what = submission.request.number if submission.request else submission.period
            return _(
                "báo cáo %(what)s đã nộp ngày %(day)s: số liệu %(period)s chỉ sửa được khi "
                "báo cáo bị trả lại."
            ) % {
                "what": what,
                "day": format_date(timezone.localdate(submission.submitted_at)),
                "period": submission.the_period.label(),
            }
    return None


def values_changed(user, unit: OrgUnit, period) -> None:
    """After a write of values: approvals of reports covering the period no longer hold."""
    for submission in Submission.objects.filter(
        unit=unit, status__in=[Status.DRAFT, Status.RETURNED], signed_off_at__isnull=False
    ).select_related("request"):
        if submission.the_period.contains(period):
            void_approval(
                submission,
                user,
                _("Số liệu %(period)s đã thay đổi sau khi lãnh đạo duyệt.")
                % {"period": period.label()},
            )


def submission_problems(submission: Submission) -> list[str]:
    form = submission.form
    indicators = (list(form.indicators.all()) if form else []) or list(
        Indicator.objects.filter(active=True)
    )
    problems = check_values(submission.unit, submission.period, indicators)
    if submission.signed_off_at is None and not signs_without_leader(submission.unit):
        problems.append(_("Báo cáo chưa được lãnh đạo duyệt."))
    return problems


def submit_report(
    user,
    submission: Submission,
    now: datetime | None = None,
    signer_name: str = "",
    signer_position: str = "",
) -> Submission:
    """Submit (or resubmit after a return). Late submissions are accepted and marked late
    unless the form locks after the deadline; failing rules block, all listed. The
    report's figures are kept as submitted, and its unit's values for the period can no
    longer change until it is returned. A unit without a leader account submits with the
    signer's name and position typed, and its history records who submitted and the
    signer."""
    from ttdn.reporting.drafting import Basis, draft_for

    require(user, submission, "enter")
    now = now or timezone.now()
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("request__form", "unit")
            .get(pk=submission.pk)
        )
        if not submission.is_editable:
            raise ReportingError(_("Báo cáo này đã được nộp."))
        request = submission.request
        if request is None:
            raise ReportingError(_("Báo cáo này không trả lời yêu cầu nào: hãy ban hành nó."))
        if request.is_cancelled:
            raise ReportingError(_("Yêu cầu báo cáo này đã bị hủy."))
        deadline = submission.deadline or request.deadline
        if request.form.locks_after_deadline and timezone.localdate(now) > deadline:
            raise ReportingError(
                _(
                    "Đã quá hạn nộp (%(deadline)s): mẫu báo cáo này không nhận báo cáo muộn. "
                    "Liên hệ đơn vị ban hành để được mở lại."
                )
                % {"deadline": format_date(deadline)}
            )
        typed_signer: dict[str, str] = {}
        if submission.signed_off_at is None and signs_without_leader(submission.unit):
            name, position = signer_name.strip(), signer_position.strip()
            if not (name and position):
                raise ReportingError(
                    _(
                        "Đơn vị không có tài khoản lãnh đạo: ghi rõ họ tên và chức vụ người ký "
                        "báo cáo."
                    )
                )
            submission.signer_name, submission.signer_position = name, position
            typed_signer = {"signer_name": name, "signer_position": position}
        problems = submission_problems(submission)
        if problems:
            raise ReportingError(problems)
        draft = draft_for(Basis.of(submission))
        freeze_sections(submission, user, draft)
        submission.figures = draft.figures_record()
        action = Action.RESUBMIT if submission.status == Status.RETURNED else Action.SUBMIT
        submission.status = Status.SUBMITTED
        submission.submitted_at = now
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.save()
        _log(submission, action, user, **typed_signer)
    return submission


# Drafts ----------------------------------------------------------------------------------


@dataclass
class DraftOutcome:
    drafted: list[str] = field(default_factory=list)  # sections now holding the new draft
    kept: dict[str, str] = field(default_factory=dict)  # edited sections: code → new draft


def draft_sections(
    user, submission: Submission, codes: Iterable[str] | None = None, replace: bool = False
) -> DraftOutcome:
    """Write the draft of each section from the unit's records. A section a person has
    edited since its last draft is not overwritten unless ``replace``: its new draft comes
    back in ``kept`` so the two can be compared."""
    from ttdn.reporting.drafting import Basis, draft_for

    require(user, submission, "enter")
    draft = draft_for(Basis.of(submission))
    outcome = DraftOutcome()
    wanted = set(codes) if codes is not None else None
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise ReportingError(_("Báo cáo đã nộp: chỉ sửa được khi bị trả lại."))
        current = {s.code: s for s in locked.sections.select_for_update()}
        for spec in locked.section_specs:
            code = spec["code"]
            if wanted is not None and code not in wanted:
                continue
            lines = draft.sections.get(code, [])
            text = "\n".join(line.text for line in lines)
            section = current.get(code)
            if section is not None and section.edited and not replace:
                if section.text.strip() != text.strip():
                    outcome.kept[code] = text
                continue
            stored = [line.as_dict() for line in lines]
            if section is None:
                if not text:
                    continue
                SubmissionSection.objects.create(
                    submission=locked, code=code, text=text, draft=stored, version=1,
                    updated_by=user,
                )  # fmt: skip
            elif section.text != text or section.draft != stored:
                section.text, section.draft = text, stored
                section.version += 1
                section.updated_by = user
                section.save()
            else:
                continue
            outcome.drafted.append(code)
        if outcome.drafted:
            _log(locked, Action.DRAFT, user, sections=outcome.drafted)
            if locked.signed_off_at is not None:
                void_approval(
                    locked, user, _("Nội dung báo cáo đã được soạn lại sau khi lãnh đạo duyệt.")
                )
    return outcome


def freeze_sections(submission: Submission, user, draft=None) -> None:
    """Store the draft of every section nobody wrote, so what is submitted or issued is
    what the document showed (and the level above can merge it)."""
    from ttdn.reporting.drafting import Basis, draft_for

    saved = {s.code: s for s in submission.sections.all()}
    missing = [
        spec["code"]
        for spec in submission.section_specs
        if not (saved.get(spec["code"]) and saved[spec["code"]].text.strip())
    ]
    if not missing:
        return
    draft = draft or draft_for(Basis.of(submission))
    for code in missing:
        lines = draft.sections.get(code, [])
        if not lines:
            continue
        SubmissionSection.objects.update_or_create(
            submission=submission,
            code=code,
            defaults={
                "text": "\n".join(line.text for line in lines),
                "draft": [line.as_dict() for line in lines],
                "version": (saved[code].version + 1) if code in saved else 1,
                "updated_by": user,
            },
        )


def choose_basis(user, submission: Submission, consolidates, scope: str) -> Submission:
    """Which of the unit's own requests the report consolidates, and what it counts."""
    if not can(user, submission.unit, "consolidate"):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if consolidates is not None and consolidates.issuing_unit_id != submission.unit_id:
        raise ReportingError(_("Chỉ chọn được yêu cầu báo cáo do chính đơn vị ban hành."))
    if scope and scope not in Scope.values:
        raise ReportingError(_("Phạm vi số liệu không hợp lệ."))
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise ReportingError(_("Báo cáo đã nộp: chỉ sửa được khi bị trả lại."))
        locked.consolidates, locked.scope = consolidates, scope
        locked.save(update_fields=["consolidates", "scope"])
    return locked


def own_report(user, unit: OrgUnit, period_id: str) -> Submission:
    """The report a unit writes for a period with no request from above (a province's
    consolidated report, say): found, or made on first use."""
    if not (can(user, unit, "consolidate") or can(user, unit, "enter")):
        raise PermissionDenied(_("Bạn không có quyền soạn báo cáo của đơn vị này."))
    period = parse_period_id(period_id)
    answering = Submission.objects.filter(unit=unit, period=period.id, request__isnull=False)
    found = answering.order_by("-request__issued_on", "-request_id").first()
    if found is not None:
        return found
    submission, _created = Submission.objects.get_or_create(
        unit=unit, period=period.id, request=None
    )
    return submission


# Issuing ---------------------------------------------------------------------------------


def may_issue(user, submission: Submission) -> bool:
    unit = submission.unit
    if user is None:  # the command line, run by the administrator
        return True
    if can(user, unit, "sign"):
        return True
    if unit.child_count and can(user, unit, "consolidate"):
        return True
    return can(user, unit, "enter") and submission.signed_off_at is not None


def issue_report(
    user,
    submission: Submission,
    number: int | None = None,
    issued_on: date | None = None,
    now: datetime | None = None,
) -> IssuedReport:
    """Enter the report in the unit's outgoing register (next number of the year unless
    one is given, never the same number twice, also when two people issue at once), keep
    its DOCX, XLSX and — when LibreOffice is there — PDF exactly as issued, and, when it
    answers a request, submit it."""
    from ttdn import officedocs
    from ttdn.reporting.documents import build_report, render_files
    from ttdn.reporting.drafting import Basis, draft_for

    if not may_issue(user, submission):
        raise PermissionDenied(
            _("Chỉ lãnh đạo đơn vị (hoặc cán bộ khi lãnh đạo đã duyệt) mới ban hành báo cáo.")
        )
    unit, period = submission.unit, submission.the_period
    if not _exists_during(unit, period.start, period.end):
        raise ReportingError(
            _("%(unit)s không tồn tại trong %(period)s (hiệu lực %(start)s – %(end)s).")
            % {
                "unit": unit.name,
                "period": period.label(),
                "start": format_date(unit.valid_from) or "…",
                "end": format_date(unit.valid_to) or "nay",
            }
        )
    now = now or timezone.now()
    issued_on = issued_on or timezone.localdate(now)
    if number is not None and number < 1:
        raise ReportingError(_("Số văn bản phải là số nguyên dương."))
    with transaction.atomic():
        OrgUnit.objects.select_for_update().get(pk=unit.pk)  # one issuer per unit at a time
        if submission.pk is None:  # a report of its own, made by whoever gets here first
            submission, _made = Submission.objects.get_or_create(
                unit=unit,
                period=period.id,
                request=None,
                defaults={"scope": submission.scope, "consolidates": submission.consolidates},
            )
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        taken = IssuedReport.objects.filter(unit=unit, year=issued_on.year)
        if number is None:
            number = (taken.aggregate(top=Max("number"))["top"] or 0) + 1
        else:
            holder = taken.filter(number=number).first()
            if holder is not None:
                raise ReportingError(
                    _("Số %(ref)s đã dùng cho báo cáo “%(summary)s” ngày %(day)s.")
                    % {
                        "ref": holder.reference,
                        "summary": holder.summary,
                        "day": format_date(holder.issued_on),
                    }
                )
        draft = draft_for(Basis.of(submission))
        if submission.is_editable:
            freeze_sections(submission, user, draft)
        report, _draft = build_report(submission, draft, number=number, issued_on=issued_on)
        files = render_files(report, ("docx", "xlsx"))
        pdf: bytes | None
        try:
            pdf = officedocs.docx_to_pdf(files["docx"], server=settings.PDF_SERVER)
        except officedocs.PdfUnavailable:
            pdf = None
        from ttdn.reporting.letterhead import letterhead

        head = letterhead(unit)
        issued = IssuedReport.objects.create(
            unit=unit,
            year=issued_on.year,
            number=number,
            symbol=head.symbol,
            issued_on=issued_on,
            period=period.id,
            summary=report.summary,
            style=head.style,
            submission=submission,
            docx=files["docx"],
            xlsx=files["xlsx"],
            pdf=pdf,
            sha256=hashlib.sha256(files["docx"]).hexdigest(),
            issued_by=user,
        )
        _log(submission, Action.ISSUE, user, number=issued.reference)
        if submission.request_id is not None and submission.is_editable:
            if user is None or can(user, unit, "sign"):
                submission.signed_off_by = user
                submission.signed_off_at = submission.signed_off_at or now
                submission.signer_name = submission.signer_name or (
                    report.signature.name if report.signature and report.signature.name else ""
                )
            action = Action.RESUBMIT if submission.status == Status.RETURNED else Action.SUBMIT
            submission.status = Status.SUBMITTED
            submission.submitted_at = now
            submission.first_submitted_at = submission.first_submitted_at or now
            submission.figures = draft.figures_record()
            submission.save()
            _log(submission, action, user, number=issued.reference)
    return issued


def may_decide(user, submission: Submission) -> bool:
    """Who returns or accepts a report: the consolidators of the unit that asked for it.
    A unit's own report answers no request, so nobody does."""
    return submission.request is not None and can(
        user, submission.request.issuing_unit, "consolidate"
    )


def require_issuer(user, submission: Submission) -> None:
    if not may_decide(user, submission):
        raise PermissionDenied(_("Chỉ đơn vị ban hành mới trả lại hoặc chấp nhận báo cáo."))


def return_submission(user, submission: Submission, comment: str) -> Submission:
    require_issuer(user, submission)
    if not comment.strip():
        raise ReportingError(_("Cần ghi lý do trả lại."))
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Status.SUBMITTED:
            raise ReportingError(
                _("Chỉ trả lại được báo cáo đã nộp; báo cáo này đang ở trạng thái “%(stage)s”.")
                % {"stage": submission.stage.label}
            )
        submission.status = Status.RETURNED
        submission.signed_off_at = None
        submission.presented_at = None
        submission.save()
        _log(submission, Action.RETURN, user, comment)  # the unit is told (notifying)
    return submission


def accept_submission(user, submission: Submission) -> Submission:
    require_issuer(user, submission)
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Status.SUBMITTED:
            raise ReportingError(
                _("Chỉ chấp nhận được báo cáo đã nộp; báo cáo này đang ở trạng thái “%(stage)s”.")
                % {"stage": submission.stage.label}
            )
        submission.status = Status.ACCEPTED
        submission.save()
        _log(submission, Action.ACCEPT, user)
    return submission


# Completeness and timeliness -------------------------------------------------------------


@dataclass
class BoardRow:
    unit: OrgUnit
    submission: Submission | None
    state: BoardState


@dataclass
class Board:
    request: ReportRequest
    rows: list[BoardRow]

    def count(self, state: BoardState) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def on_time(self) -> int:
        return self.count(BoardState.ON_TIME)

    @property
    def submitted(self) -> int:
        return self.count(BoardState.ON_TIME) + self.count(BoardState.LATE)

    @property
    def completeness(self) -> float:
        return 100.0 * self.submitted / self.expected if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return 100.0 * self.count(BoardState.ON_TIME) / self.expected if self.expected else 0.0


def expected_units(request: ReportRequest) -> list[OrgUnit]:
    """Recipients as the tree stood in the period: a unit closed before the period is not
    expected; units merged into another recipient are expected once, as the successor."""
    period = request.the_period
    recipients = list(request.recipients.all())
    ids = {u.pk for u in recipients}
    expected = []
    for unit in recipients:
        if not _exists_during(unit, period.start, period.end):
            continue
        if unit.successor_id in ids and unit.valid_to and unit.valid_to < period.end:
            continue
        expected.append(unit)
    return sorted(expected, key=lambda u: u.path)


def board(request: ReportRequest) -> Board:
    units = expected_units(request)
    submissions = {s.unit_id: s for s in request.submissions.all()}
    rows = []
    for unit in units:
        sub = submissions.get(unit.pk)
        if sub is None or sub.submitted_at is None:
            state = BoardState.MISSING
        elif sub.status == Status.RETURNED:
            state = BoardState.RETURNED
        else:
            state = BoardState.LATE if sub.is_late() else BoardState.ON_TIME
        rows.append(BoardRow(unit, sub, state))
    return Board(request, rows)


def unsubmitted_units(unit: OrgUnit, period: Period) -> tuple[str, set[int]]:
    """The number of the unit's own request for the period and the units it expects that
    have not submitted (or were returned); ("", set()) when it issued none."""
    from ttdn.reporting.drafting.records import default_consolidated_request

    request = default_consolidated_request(unit, period)
    if request is None:
        return "", set()
    rows = board(request).rows
    return request.number, {r.unit.pk for r in rows if r.state.awaited}


def remind_missing(user, request: ReportRequest) -> int:
    """Remind every expected unit that has not submitted: a notice (and e-mail) to its
    officers and leaders; returns how many units."""
    if not can(user, request.issuing_unit, "consolidate"):
        raise PermissionDenied(_("Bạn không có quyền nhắc báo cáo."))
    if request.is_cancelled:
        raise ReportingError(_("Yêu cầu báo cáo này đã bị hủy: không nhắc nộp."))
    missing = [r for r in board(request).rows if r.state.awaited]
    with transaction.atomic():
        notifying.reminded(request, missing, user)
        for row in missing:
            if row.submission:
                _log(row.submission, Action.REMIND, user)
    return len(missing)
