"""The direction registers' forms: dates typed dd/mm/yyyy, money in đồng as officials
write it, units chosen among the record's unit and the units below it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.direction.models import (
    Budget,
    CommitteeMember,
    MeetingFollowUp,
    Officer,
    OversightVisit,
    Recommendation,
    RecommendationProgress,
    SteeringCommittee,
    SteeringMeeting,
)
from ttdn.inputs import BoundedModelForm, MoneyField
from ttdn.orgunits.models import OrgUnit, UnitKind

DAY = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


def subtree(unit: OrgUnit):
    return OrgUnit.objects.filter(path__startswith=unit.path).order_by("path")


class UnitRowsFormSet(forms.BaseInlineFormSet):
    """Inline rows whose ``responsible_unit`` is chosen among the record's unit and the
    units below it (``for_unit``, called by the register pages)."""

    unit: OrgUnit | None = None

    def for_unit(self, unit: OrgUnit) -> None:
        self.unit = unit

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if self.unit is not None and "responsible_unit" in form.fields:
            form.fields["responsible_unit"].queryset = subtree(self.unit)


class CommitteeForm(BoundedModelForm):
    class Meta:
        model = SteeringCommittee
        fields = ["name", "decision_number", "decision_date", "standing_agency", "committee_unit"]
        widgets = {"decision_date": DAY}

    def for_unit(self, unit: OrgUnit) -> None:
        self.fields["standing_agency"].queryset = subtree(unit)  # type: ignore[attr-defined]
        self.fields["committee_unit"].queryset = subtree(unit).filter(  # type: ignore[attr-defined]
            kind=UnitKind.STEERING_COMMITTEE
        )


MemberFormSet = forms.inlineformset_factory(
    SteeringCommittee,
    CommitteeMember,
    fields=["full_name", "position", "agency", "role"],
    extra=3,
    can_delete=True,
    form=BoundedModelForm,
)


class MeetingForm(BoundedModelForm):
    class Meta:
        model = SteeringMeeting
        fields = ["committee", "held_on", "kind", "chair", "title", "conclusions"]
        widgets = {"held_on": DAY}

    def for_unit(self, unit: OrgUnit) -> None:
        self.fields["committee"].queryset = SteeringCommittee.objects.filter(  # type: ignore[attr-defined]
            unit=unit
        )


FollowUpFormSet = forms.inlineformset_factory(
    SteeringMeeting,
    MeetingFollowUp,
    formset=UnitRowsFormSet,
    fields=["action", "responsible_unit", "deadline", "status"],
    widgets={"deadline": DAY},
    extra=2,
    can_delete=True,
    form=BoundedModelForm,
)


class OfficerForm(BoundedModelForm):
    class Meta:
        model = Officer
        fields = ["full_name", "position", "staff_role", "trained", "trained_on", "since", "until"]
        widgets = {"trained_on": DAY, "since": DAY, "until": DAY}


class VisitForm(BoundedModelForm):
    class Meta:
        model = OversightVisit
        fields = ["kind", "visiting_body", "visited", "started_on", "ended_on", "findings"]
        widgets = {"started_on": DAY, "ended_on": DAY}


RecommendationFormSet = forms.inlineformset_factory(
    OversightVisit,
    Recommendation,
    formset=UnitRowsFormSet,
    fields=["number", "text", "responsible_unit", "deadline"],
    widgets={"deadline": DAY, "text": forms.Textarea(attrs={"rows": 2})},
    extra=3,
    can_delete=True,
    form=BoundedModelForm,
)


class ProgressForm(BoundedModelForm):
    class Meta:
        model = RecommendationProgress
        fields = ["recommendation", "period", "status", "note"]

    def for_unit(self, unit: OrgUnit) -> None:
        """Only the recommendations given to this unit."""
        self.fields["recommendation"].queryset = Recommendation.objects.filter(  # type: ignore[attr-defined]
            responsible_unit=unit
        ).select_related("visit")


class BudgetForm(BoundedModelForm):
    allocated = MoneyField(label=_("Kinh phí được bố trí (đồng)"))
    spent = MoneyField(label=_("Kinh phí đã sử dụng (đồng)"), required=False)

    class Meta:
        model = Budget
        fields = ["year", "source", "allocated", "spent", "note"]
