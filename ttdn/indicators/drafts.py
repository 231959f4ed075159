"""Drafts of the entry form (bản nháp): what a person typed and has not saved yet.

The page posts the whole form here a moment after each keystroke (htmx); the draft is
one row per person, unit and period holding the fields as typed. Opening the form again
puts the draft back with a notice. Saving the form, or discarding the draft, removes it.

A draft is not a save: the values stay the person's until they press "Lưu số liệu",
which goes through ``save_values`` and its optimistic locking as any save does. So a
draft never writes over a figure, and a figure someone else saved after the draft was
started wins when the draft is restored: the cell shows the saved value and the
draft's text beside it, as a conflict to settle by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ttdn.indicators.forms import estimate_name, field_name, version_name
from ttdn.indicators.models import EntryDraft, Indicator
from ttdn.indicators.services import Key, StoredValue, write_refusal
from ttdn.lib.periods import Period
from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number
from ttdn.orgunits.access import Action, can
from ttdn.orgunits.models import OrgUnit


class DraftRefused(Exception):
    """The period cannot be written (a submitted report, a closed unit): nothing typed
    for it is kept, since it could not be saved."""


def save_draft(user, unit: OrgUnit, period: Period, data: dict[str, str]) -> EntryDraft:
    """Keep ``data`` (field name → text as typed) as the person's draft."""
    if not can(user, unit, Action.ENTER):
        raise PermissionDenied(_("Bạn không có quyền nhập số liệu cho đơn vị này."))
    refusal = write_refusal(unit, period)
    if refusal:
        raise DraftRefused(refusal)
    draft, _created = EntryDraft.objects.update_or_create(
        user=user, unit=unit, period=period.id, defaults={"data": data}
    )
    return draft


def discard_draft(user, unit: OrgUnit, period: Period) -> int:
    deleted, _kinds = EntryDraft.objects.filter(user=user, unit=unit, period=period.id).delete()
    return deleted


@dataclass
class RestoredDraft:
    """A draft laid over the stored values: ``data`` binds the entry form; ``changed``
    counts the cells that differ from what is stored; ``conflicts`` maps the field of a
    cell someone else saved since the draft began to the text the draft held there."""

    saved_at: datetime
    data: dict[str, str]
    changed: int = 0
    conflicts: dict[str, str] = field(default_factory=dict)


def _same(text: str, stored: Decimal | None, language: str) -> bool:
    if not text.strip():
        return stored is None
    try:
        return stored is not None and parse_number(text, language) == stored
    except NumberFormatError:
        return False


def _version(text: str) -> int:
    return int(text) if text.isdigit() and len(text) < 11 else -1


def restore_draft(
    user,
    unit: OrgUnit,
    period: Period,
    indicators: list[Indicator],
    current: dict[Key, StoredValue],
    language: str,
) -> RestoredDraft | None:
    """The person's draft for the form, or None when there is none, the period cannot
    be written, or the draft holds nothing the stored values do not (then it is
    removed)."""
    draft = EntryDraft.objects.filter(user=user, unit=unit, period=period.id).first()
    if draft is None or write_refusal(unit, period):
        return None
    typed = {k: str(v) for k, v in draft.data.items()}
    restored = RestoredDraft(saved_at=draft.updated_at, data={})
    for indicator in indicators:
        for option in indicator.options():
            key = (indicator.code, option)
            name, version, estimate = field_name(*key), version_name(*key), estimate_name(*key)
            stored = current.get(key)
            entered = stored if stored is not None and not stored.derived else None
            saved_text = format_number(entered.value if entered else None, language=language)
            saved_estimate = bool(entered and entered.estimated)
            stored_version = stored.version if stored is not None else 0
            text = typed.get(name)
            marked = bool(typed.get(estimate))
            unchanged = text is None or (
                _same(text, entered.value if entered else None, language)
                and marked == saved_estimate
            )
            if not unchanged and _version(typed.get(version, "")) != stored_version:
                # Someone saved this cell after the draft began: their value stands.
                restored.conflicts[name] = text or ""
                unchanged = True
            if unchanged:
                restored.data[name] = saved_text
                if saved_estimate:
                    restored.data[estimate] = "1"
            else:
                restored.changed += 1
                restored.data[name] = text or ""
                if marked:
                    restored.data[estimate] = "1"
            restored.data[version] = str(stored_version)
    if not restored.changed and not restored.conflicts:
        draft.delete()
        return None
    return restored
