from django.contrib import admin

from ttdn.reporting.models import (
    DocumentProfile,
    ReportForm,
    ReportRequest,
    Submission,
    SubmissionEvent,
    SubmissionSection,
)


@admin.register(ReportForm)
class ReportFormAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "period_type", "locks_after_deadline"]
    filter_horizontal = ["indicators"]


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["number", "subject", "issuing_unit", "period", "deadline"]
    search_fields = ["number", "subject"]
    raw_id_fields = ["issuing_unit", "created_by"]
    filter_horizontal = ["recipients"]


class SectionInline(admin.TabularInline):
    model = SubmissionSection
    extra = 0


class EventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    readonly_fields = ["action", "by", "at", "comment", "data"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["unit", "request", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["unit", "request", "signed_off_by"]
    inlines = [SectionInline, EventInline]


@admin.register(DocumentProfile)
class DocumentProfileAdmin(admin.ModelAdmin):
    list_display = ["unit", "style", "issuing_body", "abbreviation", "place"]
    raw_id_fields = ["unit"]
