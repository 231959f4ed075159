from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn import names
from ttdn.indicators.models import Disaggregation, Indicator
from ttdn.inputs import BoundedModelForm
from ttdn.orgunits.models import SEGMENT, OrgUnit
from ttdn.plans.models import Plan, PlanTarget, PlanTask, TaskProgress, task_errors

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


def ancestor_paths(unit: OrgUnit) -> list[str]:
    """The paths of ``unit`` and of every unit above it."""
    return [unit.path[:end] for end in range(SEGMENT, len(unit.path) + 1, SEGMENT)]


class PlanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number} ngày {obj.issued_on:%d/%m/%Y} — {obj.issuing_unit.name}: {obj.title[:80]}"


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class TaskChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title[:90]} ({obj.plan.cite()}, thời hạn {obj.deadline:%d/%m/%Y})"


class PlanForm(BoundedModelForm):
    class Meta:
        model = Plan
        fields = [
            "kind",
            "number",
            "issued_on",
            "title",
            "start_year",
            "end_year",
            "vision_year",
            "implements",
        ]
        widgets = {"issued_on": DATE}
        field_classes = {"implements": PlanChoice}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_year"].required = False

    def for_unit(self, unit: OrgUnit) -> None:
        """Only plans of the unit and the units above it can be implemented."""
        field = self.fields["implements"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Plan.objects.filter(issuing_unit__path__in=ancestor_paths(unit))
            .exclude(pk=self.instance.pk)
            .select_related("issuing_unit")
            .order_by("-start_year", "-issued_on")
        )


def option_choices() -> list:
    """The total, then each vocabulary an indicator is broken down by, by label."""
    groups: list = [("", _("Tổng số"))]
    for name, label in Disaggregation.choices:
        if name:
            groups.append((label, names.vocabulary_choices(str(name))))
    return groups


class TargetForm(BoundedModelForm):
    option = forms.ChoiceField(label=_("Phân tổ"), required=False, choices=option_choices)

    class Meta:
        model = PlanTarget
        fields = ["indicator", "option", "period", "value"]
        labels = {"value": _("Chỉ tiêu")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Indicator.objects.filter(active=True)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        indicator, option = data.get("indicator"), data.get("option") or ""
        if indicator is not None and option not in indicator.options():
            self.add_error(
                "option",
                _("Chỉ tiêu “%(name)s” không có phân tổ này.") % {"name": indicator.name},
            )
        return data


TargetFormSet = forms.inlineformset_factory(
    Plan, PlanTarget, form=TargetForm, extra=3, can_delete=True
)


class TaskForm(BoundedModelForm):
    class Meta:
        model = PlanTask
        fields = ["title", "assignee", "deadline", "indicator"]
        widgets = {"deadline": DATE, "title": forms.TextInput(attrs={"size": 40})}
        field_classes = {"assignee": UnitChoice}


class BaseTaskFormSet(forms.BaseInlineFormSet):
    """Tasks checked against the plan as the plan's form leaves it: the assignee in the
    issuing unit's subtree, the deadline inside the plan's years."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = (
            getattr(self.instance, "issuing_unit", None) if self.instance.issuing_unit_id else None
        )
        self.for_unit(unit)

    def for_unit(self, unit: OrgUnit | None) -> None:
        for form in self.forms + [self.empty_form]:
            field = form.fields["assignee"]
            assert isinstance(field, forms.ModelChoiceField)
            if unit is not None:
                field.queryset = OrgUnit.objects.filter(path__startswith=unit.path)

    def clean(self):
        super().clean()
        plan = self.instance
        for form in self.forms:
            if not form.has_changed() or form in self.deleted_forms or not form.is_valid():
                continue
            for field, message in task_errors(plan, form.instance).items():
                form.add_error(field, message)


TaskFormSet = forms.inlineformset_factory(
    Plan, PlanTask, form=TaskForm, formset=BaseTaskFormSet, extra=3, can_delete=True
)


class ProgressForm(BoundedModelForm):
    class Meta:
        model = TaskProgress
        fields = ["task", "period", "status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"task": TaskChoice}

    def for_unit(self, unit: OrgUnit) -> None:
        """Only the tasks given to the unit."""
        field = self.fields["task"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PlanTask.objects.filter(assignee=unit).select_related("plan")
