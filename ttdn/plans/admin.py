from django.contrib import admin

from ttdn.plans.models import Plan, PlanTarget


class TargetInline(admin.TabularInline):
    model = PlanTarget
    extra = 1


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "issuing_unit", "year", "issued_on"]
    search_fields = ["number", "title"]
    raw_id_fields = ["issuing_unit", "implements"]
    inlines = [TargetInline]
