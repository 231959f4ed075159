from django.contrib import admin

from ttdn.activities.models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "type", "start_date", "end_date"]
    list_filter = ["type"]
    search_fields = ["title", "description", "unit__name"]
    raw_id_fields = ["unit", "created_by"]
