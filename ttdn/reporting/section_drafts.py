"""Drafts of a report's narrative sections (bản nháp), kept as the person types.

As the entry form's drafts (ttdn.indicators.drafts): the page posts its sections a
moment after each keystroke; a draft is the person's own and changes no section until
they press "Lưu nội dung", which goes through ``save_sections`` and its optimistic
locking. Restored on the next visit; a section someone else saved after the draft
began keeps the saved text, and the draft's is shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from ttdn.reporting.models import SectionDraft, Submission
from ttdn.reporting.services import ReportingError, require


def save_section_draft(
    user, submission: Submission, texts: dict[str, str], versions: dict[str, int]
) -> SectionDraft:
    require(user, submission, "enter")
    if not submission.is_editable:
        raise ReportingError(_("Báo cáo đã nộp: chỉ sửa được khi bị trả lại."))
    allowed = {spec["code"] for spec in submission.section_specs}
    kept = {code: [versions.get(code, 0), text] for code, text in texts.items() if code in allowed}
    draft, _created = SectionDraft.objects.update_or_create(
        user=user, submission=submission, defaults={"texts": kept}
    )
    return draft


def discard_section_draft(user, submission: Submission) -> int:
    deleted, _kinds = SectionDraft.objects.filter(user=user, submission=submission).delete()
    return deleted


@dataclass
class RestoredSections:
    """``texts``: the sections to show as the draft has them; ``conflicts``: the draft's
    text of the sections someone else saved since the draft began."""

    saved_at: datetime
    texts: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, str] = field(default_factory=dict)


def restore_section_draft(
    user, submission: Submission, shown: dict[str, str]
) -> RestoredSections | None:
    """The person's draft over the sections as the page would show them (``shown``:
    the saved text, or the text drafted from the records where none is saved); None
    when there is none, the report cannot be edited, or the draft adds nothing (then it
    is removed)."""
    draft = SectionDraft.objects.filter(user=user, submission=submission).first()
    if draft is None or not submission.is_editable:
        return None
    versions = dict(submission.sections.values_list("code", "version"))
    restored = RestoredSections(saved_at=draft.updated_at)
    for code, kept in draft.texts.items():
        if code not in shown or not isinstance(kept, list) or len(kept) != 2:
            continue
        version, text = kept
        if str(text).replace("\r\n", "\n") == shown[code].replace("\r\n", "\n"):
            continue
        if version != versions.get(code, 0):
            restored.conflicts[code] = str(text)
        else:
            restored.texts[code] = str(text)
    if not restored.texts and not restored.conflicts:
        draft.delete()
        return None
    return restored
