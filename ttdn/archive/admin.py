from django.contrib import admin

from ttdn.archive.models import Document, ImportedItem, Job, LegalDocument


class ImportedItemInline(admin.TabularInline):
    model = ImportedItem
    extra = 0
    fields = readonly_fields = (
        "kind",
        "position",
        "indicator",
        "option",
        "value",
        "decision",
        "data_value",
    )
    can_delete = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["filename", "unit", "status", "kind", "period", "created_at"]
    list_filter = ["status", "kind", "format"]
    search_fields = ["filename", "title", "number", "unit__name", "unit__code"]
    raw_id_fields = ["unit", "duplicate_of", "job", "imported_by", "reviewed_by"]
    readonly_fields = ["stored_name", "sha256", "size", "extract", "created_at", "updated_at"]
    exclude = ["text"]
    inlines = [ImportedItemInline]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "progress", "unit", "claimed_by", "heartbeat"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["unit", "created_by"]
    readonly_fields = ["claimed_by", "heartbeat", "attempts", "started_at", "finished_at"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "type", "date", "issuer", "citations"]
    search_fields = ["number", "number_key", "title", "issuer"]
    list_filter = ["type"]
