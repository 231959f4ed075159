from django.contrib import admin

from ttdn.publishing.models import (
    Coverage,
    FollowerSnapshot,
    Outlet,
    Programme,
    Publication,
    PublicationEdition,
    SocialAccount,
    Website,
    WebsiteVersion,
)


class EditionInline(admin.TabularInline):
    model = PublicationEdition
    extra = 1


class VersionInline(admin.TabularInline):
    model = WebsiteVersion
    extra = 1


class SnapshotInline(admin.TabularInline):
    model = FollowerSnapshot
    extra = 1


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "unit", "published_on", "copies"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "reprint_of"]
    inlines = [EditionInline]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "country", "unit"]
    search_fields = ["name"]
    raw_id_fields = ["unit"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "unit", "since", "until"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "outlet"]


@admin.register(Website)
class WebsiteAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "unit"]
    raw_id_fields = ["unit"]
    inlines = [VersionInline]


@admin.register(SocialAccount)
class SocialAccountAdmin(admin.ModelAdmin):
    list_display = ["name", "platform", "unit", "opened_on"]
    raw_id_fields = ["unit"]
    inlines = [SnapshotInline]


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_on", "channel", "language", "unit"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "outlet"]
