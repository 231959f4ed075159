from django.contrib import admin

from ttdn.accounts.models import ApiToken, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `ttdn apitoken create`; the admin can only revoke them."""

    list_display = ["name", "user", "created_at", "last_used_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    # The expiry may be brought forward (or pushed back) here; nothing else changes.
    readonly_fields = ["user", "name", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
