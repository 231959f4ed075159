from django.contrib import admin

from ttdn.activities.models import Activity, ActivityFile, ActivityLink, ActivityQuantity


class QuantityInline(admin.TabularInline):
    model = ActivityQuantity
    raw_id_fields = ["indicator"]
    extra = 0


class FileInline(admin.TabularInline):
    model = ActivityFile
    extra = 0


class LinkInline(admin.TabularInline):
    model = ActivityLink
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "type", "start_date", "end_date", "counted"]
    list_filter = ["type", "counted"]
    search_fields = ["title", "description", "unit__name"]
    raw_id_fields = ["unit"]
    inlines = [QuantityInline, FileInline, LinkInline]
