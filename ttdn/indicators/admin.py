from django.contrib import admin

from ttdn.indicators.models import DataValue, DataValueChange, Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "measure_unit",
        "value_type",
        "time_aggregation",
        "disaggregation",
        "active",
    ]
    list_filter = ["group", "value_type", "disaggregation", "active"]
    search_fields = ["code", "name", "name_en"]


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    """Read-only: values change through the entry form, the API or reviewed imports, so
    their history and the subtree sums stay exact."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["indicator", "unit", "period", "option", "value", "source", "updated_at"]
    list_filter = ["source", "period"]
    search_fields = ["unit__code", "indicator__code"]
    raw_id_fields = ["unit", "indicator", "created_by", "updated_by"]


@admin.register(DataValueChange)
class DataValueChangeAdmin(admin.ModelAdmin):
    list_display = [
        "indicator",
        "unit",
        "period",
        "option",
        "old_value",
        "new_value",
        "changed_by",
        "changed_at",
    ]
    raw_id_fields = ["unit", "indicator", "changed_by"]
