from django.contrib import admin

from ttdn.signing.models import (
    DocumentSignatureCheck,
    ReportSignature,
    SigningKey,
    TrustedAuthority,
)


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "unit", "person", "store", "active"]
    list_filter = ["kind", "store", "active"]
    exclude = ["pkcs12"]  # the key file itself is never shown
    raw_id_fields = ["unit", "person"]


@admin.register(ReportSignature)
class ReportSignatureAdmin(admin.ModelAdmin):
    list_display = ["issued", "kind", "subject", "signed_at", "timestamped"]
    exclude = ["pdf"]
    readonly_fields = ["issued", "kind", "key", "signed_by", "subject", "serial", "issuer"]


@admin.register(DocumentSignatureCheck)
class DocumentSignatureCheckAdmin(admin.ModelAdmin):
    list_display = ["document", "verdict", "checked_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["document"]


admin.site.register(TrustedAuthority)
