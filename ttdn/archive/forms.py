"""Upload, review and search forms. Numbers are read in the person's format (Vietnamese:
1.582.300 and 54,7)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ttdn.archive import records
from ttdn.archive.models import (
    ConflictChoice,
    Decision,
    Document,
    DocumentStatus,
    ImportedItem,
    ItemKind,
)
from ttdn.archive.queueing import IMPORT_ACTIONS
from ttdn.archive.review import (
    ItemChoice,
    ReviewRejected,
    existing_values,
    planning_facts,
    suggested_unit,
)
from ttdn.fields import PeriodChoiceField
from ttdn.indicators.forms import MAX_VERSION, NUMBER_LENGTH
from ttdn.indicators.models import Indicator
from ttdn.inputs import BoundedForm
from ttdn.lib import vocab
from ttdn.lib.periods import Period, PeriodError, parse_period
from ttdn.lib.vnformat import NumberFormatError, format_number, parse_number
from ttdn.orgunits.forms import UnitPickerField
from ttdn.orgunits.models import OrgUnit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UploadForm(BoundedForm):
    # The form's metaclass moves declared fields off the class, so this does not hide
    # Form.files at run time; the stubs cannot tell.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Tệp báo cáo"),
        help_text=_("Một hoặc nhiều tệp .docx, .doc, .pdf, .html, .txt, hoặc một tệp .zip."),
    )


def _period_or_none(value: str) -> Period | None:
    try:
        return parse_period(value) if value else None
    except PeriodError:
        return None


# Review -------------------------------------------------------------------------------

DECISIONS = [("accept", _("Ghi nhận")), ("drop", _("Bỏ qua"))]
CONFLICTS = [
    (ConflictChoice.KEEP, _("Giữ số đã có")),
    (ConflictChoice.TAKE, _("Lấy số từ tài liệu")),
]


@dataclass
class ReviewRow:
    item: ImportedItem
    decision: forms.BoundField
    indicator: forms.BoundField | None = None
    option: forms.BoundField | None = None
    value: forms.BoundField | None = None
    conflict: forms.BoundField | None = None
    version: int = 0  # of the value the unit holds, as shown to the person
    existing: Decimal | None = None
    error: str = ""
    planning: str = ""  # the planning heading the fact was read under


def _option_choices() -> list[tuple[str | Promise, Any]]:
    language = get_language() or "vi"
    choices: list[tuple[str | Promise, Any]] = [("", _("Tổng"))]
    for name, label in (
        ("languages", _("Ngôn ngữ")),
        ("channels", _("Kênh")),
        ("platforms", _("Nền tảng")),
    ):
        choices.append((label, vocab.choices(name, language)))
    return choices


# The fields of one item's row: decision, indicator, option, value, conflict, version seen.
ITEM_FIELDS = "diovcs"


class ReviewForm(BoundedForm):
    """One row per item, plus the document's unit and period to confirm. By default the
    unit is the one the document's issuing body names (``unit_note`` says why) and the
    period the document's own; facts under a planning heading are left unticked."""

    period = PeriodChoiceField(label=_("Kỳ báo cáo"))
    unit = UnitPickerField(label=_("Đơn vị"))

    def __init__(self, user, document: Document, items: list[ImportedItem], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        self.items = items
        self.language = get_language() or "vi"
        self.item_errors: dict[int, str] = {}
        cast(UnitPickerField, self.fields["unit"]).limit_to(user, IMPORT_ACTIONS)
        self.unit_note = ""
        self.default_unit = document.unit
        if document.status == DocumentStatus.EXTRACTED:
            suggestion = suggested_unit(user, document)
            self.default_unit, self.unit_note = suggestion.unit, suggestion.note
        self.fields["unit"].initial = self.default_unit
        self.fields["period"].initial = document.period
        self.planning = planning_facts(document, items)
        self.indicators = {i.code: i for i in Indicator.objects.filter(active=True)}
        indicator_choices = [("", _("— chưa chọn —"))] + [
            (i.code, i.display_name(self.language)) for i in self.indicators.values()
        ]
        options = _option_choices()
        # A report often repeats a figure (summary, then detail): by default only the
        # first fact suggested for a cell is taken, so the defaults never collide.
        taken: set[tuple[int | None, str]] = set()
        for item in items:
            suggested = item.kind == ItemKind.REFERENCE or (
                item.pk not in self.planning
                and item.suggested_indicator_id is not None
                and (
                    (item.suggested_indicator_id, item.suggested_option) not in taken
                    or records.becomes_record(item)  # two publications are two records
                )
            )
            if item.kind == ItemKind.FACT and suggested:
                taken.add((item.suggested_indicator_id, item.suggested_option))
            self._add_item_fields(item, indicator_choices, options, suggested)

    def _add_item_fields(
        self, item: ImportedItem, indicator_choices, options, suggested: bool
    ) -> None:
        pk = item.pk
        if item.kind == ItemKind.PERIOD:
            return
        accept = item.decision in (Decision.ACCEPTED, Decision.CORRECTED) or (
            item.decision == Decision.PENDING and suggested
        )
        self.fields[f"d{pk}"] = forms.ChoiceField(
            choices=DECISIONS, initial="accept" if accept else "drop", widget=forms.RadioSelect
        )
        if item.kind != ItemKind.FACT:
            return
        self.fields[f"i{pk}"] = forms.ChoiceField(
            choices=indicator_choices, required=False, initial=item.indicator_code
        )
        self.fields[f"o{pk}"] = forms.ChoiceField(
            choices=options, required=False, initial=item.option
        )
        self.fields[f"v{pk}"] = forms.CharField(
            required=False,
            max_length=NUMBER_LENGTH,
            initial=format_number(item.value, language=self.language),
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )
        self.fields[f"c{pk}"] = forms.ChoiceField(
            choices=CONFLICTS, required=False, widget=forms.RadioSelect
        )
        self.fields[f"s{pk}"] = forms.IntegerField(
            required=False, min_value=0, max_value=MAX_VERSION, widget=forms.HiddenInput
        )

    def clean_period(self) -> str:
        return self.cleaned_data["period"].id

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for item in self.items:
            name = f"v{item.pk}"
            if name not in self.fields or name not in cleaned:  # absent, or refused as text
                continue
            raw = cleaned[name]
            try:
                cleaned[name] = parse_number(raw, self.language) if raw else None
            except NumberFormatError as error:
                self.item_errors[item.pk] = str(error)
        for item in self.items:  # a field of the row refused as such (a NUL, a bad version)
            refused = [e for p in ITEM_FIELDS for e in self.errors.get(f"{p}{item.pk}", [])]
            if refused and item.pk not in self.item_errors:
                self.item_errors[item.pk] = str(refused[0])
        if self.item_errors:
            raise forms.ValidationError(_("Có mục chưa hợp lệ: xem các dòng được đánh dấu."))
        return cleaned

    # After validation ---------------------------------------------------------------
    @property
    def the_unit(self) -> OrgUnit:
        return self.cleaned_data["unit"]

    @property
    def the_period(self) -> Period:
        return parse_period(self.cleaned_data["period"])

    def choices(self) -> dict[int, ItemChoice]:
        out: dict[int, ItemChoice] = {}
        for item in self.items:
            if item.kind == ItemKind.PERIOD:
                continue
            get = self.cleaned_data.get
            accept = get(f"d{item.pk}") == "accept"
            if item.kind == ItemKind.REFERENCE:
                out[item.pk] = ItemChoice(accept=accept)
                continue
            out[item.pk] = ItemChoice(
                accept=accept,
                indicator=get(f"i{item.pk}") or "",
                option=get(f"o{item.pk}") or "",
                value=get(f"v{item.pk}"),
                conflict=get(f"c{item.pk}") or "",
                seen_version=get(f"s{item.pk}"),
            )
        return out

    def add_rejection(self, rejected: ReviewRejected) -> None:
        self.item_errors.update(rejected.errors)
        for message in rejected.general:
            self.add_error(None, message)
        if rejected.errors and not rejected.general:
            self.add_error(None, _("Chưa ghi nhận: xem các dòng được đánh dấu."))

    # For the template ----------------------------------------------------------------
    def _context(self) -> tuple[OrgUnit, Period | None]:
        chosen = getattr(self, "cleaned_data", {}).get("unit")
        unit = chosen if isinstance(chosen, OrgUnit) else self.default_unit
        period = _period_or_none(str(self.data.get("period") or "")) if self.is_bound else None
        return unit, period or self.document.the_period

    def rows(self, kind: str) -> list[ReviewRow]:
        unit, period = self._context()
        existing = existing_values(unit, period) if kind == ItemKind.FACT else {}
        rows = []
        for item in self.items:
            if item.kind != kind:
                continue
            row = ReviewRow(item=item, decision=self[f"d{item.pk}"])
            row.error = self.item_errors.get(item.pk, "")
            row.planning = self.planning.get(item.pk, "")
            if kind == ItemKind.FACT:
                row.indicator, row.option = self[f"i{item.pk}"], self[f"o{item.pk}"]
                row.value, row.conflict = self[f"v{item.pk}"], self[f"c{item.pk}"]
                code = (
                    self.data.get(f"i{item.pk}") if self.is_bound else None
                ) or item.indicator_code
                option = (self.data.get(f"o{item.pk}") if self.is_bound else None) or item.option
                current = existing.get((code, option))
                row.version = current[1] if current else 0
                if current is not None and current[0] != item.value:
                    row.existing = current[0]
            rows.append(row)
        return rows


# Search -------------------------------------------------------------------------------
