from django.contrib import admin

from ttdn.notices.models import Mail, Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    readonly_fields = ["notice"]
