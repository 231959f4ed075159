"""Review (rà soát) of an imported document: a person accepts, corrects or drops each
item read from it.

    items = review_items(document)      # made the first time the document is opened
    review_document(user, document, unit=…, period=…, choices={item id: ItemChoice})

Accepted facts are written with ``save_values`` (permissions, history, rollup) as values
of the document's unit and period, source "import", marked as imported from the
document; accepted references join the registry of cited documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ttdn.archive import mapping, records, search
from ttdn.archive.models import (
    ConflictChoice,
    Decision,
    Document,
    DocumentStatus,
    ImportedItem,
    ItemKind,
    LegalDocument,
    normalise_number,
)
from ttdn.archive.queueing import IMPORT_ACTIONS, importable_units, may_import
from ttdn.archive.storing import period_of
from ttdn.indicators.models import DataValue, DataValueSource, Indicator
from ttdn.indicators.services import ValuesRejected, current_values, save_values
from ttdn.lib import bulkrows as rows
from ttdn.lib.periods import Period
from ttdn.lib.textfold import words
from ttdn.orgunits import names
from ttdn.orgunits.models import OrgUnit

# Defaults of the review ---------------------------------------------------------------


@dataclass
class SuggestedUnit:
    unit: OrgUnit
    note: str  # why this unit, shown beside the choice


def document_day(document: Document) -> date:
    """The day the document speaks of the tree: its date, else its period's last day,
    else the day it was imported."""
    extract = document.extract or {}
    try:
        return date.fromisoformat(str(extract.get("issued_on") or ""))
    except ValueError:
        pass
    period = document.the_period
    return period.end if period is not None else document.created_at.date()


def suggested_unit(user, document: Document) -> SuggestedUnit:
    """The unit whose values a document's facts become, by default: the unit its issuing
    body names, as the tree stood on the document's day, among those the person may
    import for; else the unit it was uploaded for, saying so."""
    issuer = str((document.extract or {}).get("issuer") or "").strip()
    if issuer:
        unit = names.match_issuer(
            issuer, importable_units(user), document_day(document), near=document.unit
        )
        if unit is not None:
            return SuggestedUnit(
                unit,
                _("Theo cơ quan ban hành ghi trên tài liệu: “%(issuer)s”.") % {"issuer": issuer},
            )
        note = _(
            "Không tìm thấy đơn vị ứng với cơ quan ban hành “%(issuer)s” trong các đơn vị "
            "bạn được nhập: tạm để đơn vị đã tải tài liệu lên."
        ) % {"issuer": issuer}
    else:
        note = _("Tài liệu không ghi cơ quan ban hành: tạm để đơn vị đã tải tài liệu lên.")
    return SuggestedUnit(document.unit, note)


# Headings of the parts of a report that say what is planned, not what was done:
# "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024", "Nhiệm vụ trọng tâm", "Kế hoạch năm 2025".
_PLANNING_STARTS = (("phuong", "huong"), ("nhiem", "vu"), ("ke", "hoach"))
_NUMBERING = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–:]\s*", re.I)


def is_planning_heading(section: dict[str, Any]) -> bool:
    if section.get("role") == "next_tasks":
        return True
    heading = _NUMBERING.sub("", str(section.get("heading") or "").strip())
    first = tuple(words(heading)[:2])
    return first in _PLANNING_STARTS


def planning_facts(document: Document, items: list[ImportedItem]) -> dict[int, str]:
    """The facts read under a planning heading (and its subheadings), by item id, with
    that heading: targets such as "tổ chức 02 lớp tập huấn" in "Phương hướng, nhiệm vụ
    năm 2024" are not this period's results. Headings and facts are found in the
    document's text in reading order; a fact the text does not hold as such (rebuilt
    from a table) is taken as a result."""
    text = document.text or ""
    sections = (document.extract or {}).get("sections") or []
    spans: list[tuple[int, str]] = []  # (start, planning heading or "")
    cursor = 0
    open_levels: list[tuple[int, str]] = []  # (level, planning heading) of enclosing ones
    for section in sections:
        heading = str(section.get("heading") or "").strip()
        start = text.find(heading, cursor) if heading else -1
        if start == -1:
            continue
        cursor = start + len(heading)
        level = int(section.get("level") or 1)
        open_levels = [(lv, pl) for lv, pl in open_levels if lv < level]
        inherited = next((h for lv, h in reversed(open_levels) if h), "")
        planning = heading if is_planning_heading(section) else inherited
        open_levels.append((level, planning))
        spans.append((start, planning))
    out: dict[int, str] = {}
    cursor = 0
    for item in sorted(
        (i for i in items if i.kind == ItemKind.FACT and i.text), key=lambda i: i.position
    ):
        start = text.find(item.text, cursor)
        if start == -1:
            continue
        cursor = start
        heading = next((h for s, h in reversed(spans) if s <= start), "")
        if heading:
            out[item.pk] = heading
    return out


# Review rows ------------------------------------------------------------------------


def review_items(document: Document) -> list[ImportedItem]:
    """The review rows of ``document``: its period, every fact with a suggested
    indicator, every reference linked to the registry when its number is known.

    They are made the first time someone opens the document for review, not when it is
    imported: the suggestions then use the catalogue and the registry of cited documents
    as they stand at review, and ten years of imported reports do not fill the database
    with rows for documents nobody has opened yet. Two people opening it at once make
    them once (the unique position refuses the second set)."""

    def read() -> list[ImportedItem]:
        related = ("indicator", "suggested_indicator", "legal_document")
        return list(document.items.select_related(*related))

    items = read()
    if items or not document.is_reviewable or not document.extract:
        return items
    extract = document.extract
    indicators = {i.code: i for i in Indicator.objects.filter(active=True)}
    keys = {normalise_number(str(r.get("number") or "")) for r in extract.get("references") or []}
    legal = {x.number_key: x for x in LegalDocument.objects.filter(number_key__in=keys - {""})}
    made = build_items(document, extract, indicators, legal, period_of(extract.get("period")))
    try:
        with transaction.atomic():
            rows.insert(ImportedItem, made)
    except IntegrityError:  # made meanwhile by another request
        pass
    return read()


def decimal_or_none(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.0001"))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if abs(number) < Decimal("1e16") else None


def build_items(
    document: Document,
    extract: dict[str, Any],
    indicators: dict[str, Indicator],
    legal: dict[str, Any],
    period: Period | None,
) -> list[dict[str, Any]]:
    """Review rows (as ``rows.insert`` dicts) for the period, every fact with a suggested
    indicator, and every reference, linked to the registry when its number is known."""
    items: list[dict[str, Any]] = [
        {
            "document_id": document.pk,
            "kind": ItemKind.PERIOD,
            "position": 0,
            "payload": {**(extract.get("period") or {}), "id": period.id if period else ""},
        }
    ]
    known = set(indicators)
    for position, fact in enumerate(extract.get("facts") or []):
        suggestion = mapping.suggest(fact, known)
        indicator = indicators.get(suggestion.indicator) if suggestion else None
        option = suggestion.option if suggestion else ""
        if indicator is None or option not in indicator.options():
            option = ""
        indicator_id = indicator.pk if indicator else None
        items.append(
            {
                "document_id": document.pk,
                "kind": ItemKind.FACT,
                "position": position,
                "payload": fact,
                "suggested_indicator_id": indicator_id,
                "suggested_option": option,
                "indicator_id": indicator_id,
                "option": option,
                "value": decimal_or_none(fact.get("value")),
            }
        )
    for position, reference in enumerate(extract.get("references") or []):
        registered = legal.get(normalise_number(str(reference.get("number") or "")))
        items.append(
            {
                "document_id": document.pk,
                "kind": ItemKind.REFERENCE,
                "position": position,
                "payload": reference,
                "legal_document_id": registered.pk if registered else None,
            }
        )
    return items


# Deciding -----------------------------------------------------------------------------


@dataclass
class ItemChoice:
    """A person's decision on one item. For facts: the indicator code, option and value
    to record (blank: as suggested), and, when the unit already holds another value for
    that cell, whether to keep it or take the imported one."""

    accept: bool
    indicator: str | None = None
    option: str | None = None
    value: Decimal | None = None
    conflict: str = ""  # ConflictChoice: "keep" | "take"
    seen_version: int | None = None  # version of the existing value the person saw


class ReviewRejected(Exception):
    """Decisions that cannot be applied; ``errors`` maps item ids to messages."""

    def __init__(self, errors: dict[int, str], general: list[str] | None = None):
        self.errors = errors
        self.general = general or []
        super().__init__("; ".join([*self.general, *errors.values()]))


@dataclass
class ReviewOutcome:
    accepted: int = 0
    corrected: int = 0
    dropped: int = 0
    kept_existing: int = 0
    values_written: int = 0


def existing_values(
    unit: OrgUnit, period: Period | None
) -> dict[tuple[str, str], tuple[Decimal, int]]:
    """What ``unit`` already holds for ``period``: (value, version) per (code, option)."""
    return current_values(unit, period) if period is not None else {}


def review_document(
    user,
    document: Document,
    *,
    unit: OrgUnit,
    period: Period,
    choices: dict[int, ItemChoice],
) -> ReviewOutcome:
    """Apply a person's decisions on every item of ``document`` in one transaction.

    Accepted facts become values of ``unit`` for ``period`` through ``save_values``
    (source import, history, rollup), marked as imported from this document; accepted
    references are registered as legal documents; items without a choice are dropped.
    """
    if not (may_import(user, document.unit) and may_import(user, unit)):
        raise PermissionDenied(_("Bạn không có quyền rà soát tài liệu của đơn vị này."))
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.EXTRACTED:
            raise ReviewRejected({}, [_("Tài liệu này không ở trạng thái chờ rà soát.")])
        items = review_items(locked)
        outcome = ReviewOutcome()
        try:  # a publication's print runs become a publication record (records.py)
            handled = records.take_publications(user, items, unit, period, choices, outcome)
        except (ValidationError, ValuesRejected) as error:
            raise ReviewRejected({}, [" ".join(error.messages)]) from error
        except PermissionDenied as error:  # a consolidator does not keep the unit's registers
            raise ReviewRejected(
                {},
                [
                    _(
                        "Số bản ấn phẩm được ghi vào sổ Ấn phẩm của đơn vị, việc của cán bộ "
                        "đơn vị: bỏ qua các mục đó ở đây, hoặc để đơn vị tự rà soát."
                    )
                ],
            ) from error
        values, owners = _decide_facts(user, items, unit, period, choices, outcome, handled)
        _write_values(user, locked, unit, period, values, owners, outcome)
        _decide_references(items, choices, outcome)
        now = timezone.now()
        for item in items:
            if item.kind == ItemKind.PERIOD:
                same = item.payload.get("id") == period.id and locked.unit_id == unit.pk
                item.decision = Decision.ACCEPTED if same else Decision.CORRECTED
                item.payload = {**item.payload, "confirmed": period.id, "unit": unit.code}
            item.decided_by, item.decided_at = user, now
        ImportedItem.objects.bulk_update(
            items,
            [
                "indicator",
                "option",
                "value",
                "decision",
                "conflict_choice",
                "decided_by",
                "decided_at",
                "data_value",
                "legal_document",
                "payload",
            ],
        )
        locked.unit, locked.period = unit, period.id
        locked.status, locked.reviewed_by, locked.reviewed_at = DocumentStatus.REVIEWED, user, now
        locked.save()
        search.index_document(locked)
    document.refresh_from_db()
    return outcome


Key = tuple[str, str]


def _decide_facts(
    user,
    items: list[ImportedItem],
    unit: OrgUnit,
    period: Period,
    choices: dict[int, ItemChoice],
    outcome: ReviewOutcome,
    handled: set[int] | None = None,
) -> tuple[dict[Key, Decimal | None], dict[Key, list[ImportedItem]]]:
    indicators = {i.code: i for i in Indicator.objects.filter(active=True)}
    existing = existing_values(unit, period)
    errors: dict[int, str] = {}
    values: dict[Key, Decimal | None] = {}
    owners: dict[Key, list[ImportedItem]] = {}
    for item in (i for i in items if i.kind == ItemKind.FACT and i.pk not in (handled or ())):
        choice = choices.get(item.pk)
        if choice is None or not choice.accept:
            item.decision = Decision.DROPPED
            outcome.dropped += 1
            continue
        code = choice.indicator if choice.indicator is not None else item.indicator_code
        indicator = indicators.get(code or "")
        if indicator is None:
            errors[item.pk] = _("Chọn chỉ tiêu để ghi số liệu này, hoặc bỏ qua.")
            continue
        option = choice.option if choice.option is not None else item.option
        value = choice.value if choice.value is not None else item.value
        problem = _check_fact(indicator, option, value)
        if problem:
            errors[item.pk] = problem
            continue
        key = (indicator.code, option)
        if key in values and values[key] != value:
            errors[item.pk] = _("Hai mục cùng ghi vào một ô với giá trị khác nhau: giữ một mục.")
            continue
        current = existing.get(key)
        if (
            choice.seen_version is not None
            and (current[1] if current else 0) != choice.seen_version
        ):
            errors[item.pk] = _("Số liệu đã có vừa được người khác sửa: xem lại rồi quyết định.")
            continue
        item.indicator, item.option, item.value = indicator, option, value
        if current is not None and current[0] != value:
            if choice.conflict == ConflictChoice.KEEP:
                item.decision, item.conflict_choice = Decision.DROPPED, ConflictChoice.KEEP
                item.data_value = DataValue.objects.get(
                    unit=unit, period=period.id, indicator=indicator, option=option
                )
                outcome.kept_existing += 1
                continue
            if choice.conflict != ConflictChoice.TAKE:
                errors[item.pk] = _(
                    "Đơn vị đã có số liệu khác cho ô này: chọn giữ số liệu đã có hoặc lấy "
                    "số liệu từ tài liệu."
                )
                continue
            item.conflict_choice = ConflictChoice.TAKE
        corrected = (
            indicator.pk != item.suggested_indicator_id
            or option != item.suggested_option
            or value != decimal_or_none(item.payload.get("value"))
        )
        item.decision = Decision.CORRECTED if corrected else Decision.ACCEPTED
        if corrected:
            outcome.corrected += 1
        else:
            outcome.accepted += 1
        values[key] = value
        owners.setdefault(key, []).append(item)
    if errors:
        raise ReviewRejected(errors)
    return values, owners


def _check_fact(indicator: Indicator, option: str, value: Decimal | None) -> str:
    if option not in indicator.options():
        return _("Phân tổ không thuộc chỉ tiêu đã chọn.")
    if value is None:
        return _("Nhập giá trị.")
    try:
        indicator.check_value(value)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def _write_values(
    user,
    document: Document,
    unit: OrgUnit,
    period: Period,
    values: dict[Key, Decimal | None],
    owners: dict[Key, list[ImportedItem]],
    outcome: ReviewOutcome,
) -> None:
    if not values:
        return
    try:
        result = save_values(
            user,
            unit,
            period,
            dict(values),
            source=DataValueSource.IMPORT,
            actions=IMPORT_ACTIONS,
        )
    except ValuesRejected as rejected:
        raise ReviewRejected(
            {item.pk: message for key, message in rejected.errors.items() for item in owners[key]}
        ) from rejected
    outcome.values_written = result.changed
    rows = {
        (row.indicator.code, row.option): row
        for row in DataValue.objects.filter(
            unit=unit, period=period.id, indicator__code__in={code for code, _ in values}
        ).select_related("indicator")
    }
    note = _("Nhập từ tài liệu số %(pk)s: %(name)s") % {
        "pk": document.pk,
        "name": document.filename,
    }
    imported = [
        row.pk
        for key, row in rows.items()
        if key in values and row.source == DataValueSource.IMPORT
    ]
    DataValue.objects.filter(pk__in=imported).update(comment=note[:500])
    for key, items in owners.items():
        for item in items:
            item.data_value = rows.get(key)


def _decide_references(
    items: list[ImportedItem], choices: dict[int, ItemChoice], outcome: ReviewOutcome
) -> None:
    for item in (i for i in items if i.kind == ItemKind.REFERENCE):
        choice = choices.get(item.pk)
        if choice is None or not choice.accept:
            item.decision, item.legal_document = Decision.DROPPED, None
            outcome.dropped += 1
            continue
        item.legal_document = register_legal_document(item.payload)
        item.decision = Decision.ACCEPTED
        outcome.accepted += 1


def register_legal_document(reference: dict[str, Any]):
    """The registry record for a cited document: created the first time its number is
    seen, completed (never overwritten) by later citations."""
    number = str(reference.get("number") or "").strip()[:80]
    key = normalise_number(number)
    fields = LegalDocument.citation_fields(reference)
    legal = LegalDocument.objects.select_for_update().filter(number_key=key).first()
    if legal is None:
        try:
            with transaction.atomic():
                return LegalDocument.objects.create(number=number, citations=1, **fields)
        except IntegrityError:
            legal = LegalDocument.objects.select_for_update().get(number_key=key)
    legal.merge(**fields)
    legal.citations += 1
    legal.save()
    return legal


def highlight_facts(text: str, items: list[ImportedItem]) -> SafeString:
    """The document's text, escaped, with each fact's span in a <mark> that names its
    item, so the text and the review rows point at each other. Spans are looked for in
    reading order; a span the text does not hold (rebuilt from a table) is skipped."""
    spans: list[tuple[int, int, int]] = []
    cursor = 0
    for item in sorted(
        (i for i in items if i.kind == ItemKind.FACT and i.text), key=lambda i: i.position
    ):
        start = text.find(item.text, cursor)
        if start == -1:
            start = text.find(item.text)
        if start == -1 or any(s < start + len(item.text) and start < e for s, e, _ in spans):
            continue
        spans.append((start, start + len(item.text), item.pk))
        cursor = start + len(item.text)
    parts: list[str] = []
    position = 0
    for start, end, pk in sorted(spans):
        parts.append(escape(text[position:start]))
        parts.append(
            f'<mark class="fact" id="fact-{pk}" data-item="{pk}">{escape(text[start:end])}</mark>'
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 — every piece of the text is escaped


def summary(outcome: ReviewOutcome) -> str:
    return _(
        "Đã rà soát: %(accepted)d mục ghi nhận, %(corrected)d mục sửa, %(dropped)d mục bỏ qua, "
        "%(kept)d ô giữ số liệu đã có."
    ) % {
        "accepted": outcome.accepted,
        "corrected": outcome.corrected,
        "dropped": outcome.dropped,
        "kept": outcome.kept_existing,
    }
