from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.inputs import BoundedModelForm
from ttdn.orgunits.models import SEGMENT
from ttdn.plans.models import Plan, PlanTarget


class PlanForm(BoundedModelForm):
    class Meta:
        model = Plan
        fields = ["number", "issued_on", "title", "year", "implements"]
        widgets = {"issued_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def for_unit(self, unit) -> None:
        """Only plans of the unit's ancestors can be implemented by its plans."""
        above = [unit.path[:end] for end in range(SEGMENT, len(unit.path), SEGMENT)]
        self.fields["implements"].queryset = Plan.objects.filter(  # type: ignore[attr-defined]
            issuing_unit__path__in=above
        ).select_related("issuing_unit")


TargetFormSet = forms.inlineformset_factory(
    Plan,
    PlanTarget,
    fields=["indicator", "option", "period", "value"],
    extra=3,
    can_delete=True,
    labels={"value": _("Chỉ tiêu")},  # type: ignore[dict-item]
)
