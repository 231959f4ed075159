from django.contrib import admin

from ttdn.plans.models import Plan, PlanTarget, PlanTask, TaskProgress


class TargetInline(admin.TabularInline):
    model = PlanTarget
    extra = 1


class TaskInline(admin.TabularInline):
    model = PlanTask
    extra = 1
    raw_id_fields = ["assignee"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "kind",
        "title",
        "issuing_unit",
        "start_year",
        "end_year",
        "issued_on",
    ]
    list_filter = ["kind"]
    search_fields = ["number", "title"]
    raw_id_fields = ["issuing_unit", "implements"]
    inlines = [TargetInline, TaskInline]


@admin.register(TaskProgress)
class TaskProgressAdmin(admin.ModelAdmin):
    list_display = ["task", "unit", "period", "status"]
    list_filter = ["status"]
    raw_id_fields = ["task", "unit"]
