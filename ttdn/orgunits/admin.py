from django.contrib import admin

from ttdn.orgunits.models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["path", "depth", "child_count"]
