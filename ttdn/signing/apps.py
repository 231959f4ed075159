from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "ttdn.signing"
    verbose_name = _("Chữ ký số")

    def ready(self) -> None:
        # Imported PDFs have their signatures checked when stored; the archive offers
        # the hook and knows nothing of signatures.
        from ttdn.archive import storing
        from ttdn.reporting import services as reporting
        from ttdn.signing.hooks import check_attachment_pdf, check_stored_documents, sign_as

        if check_stored_documents not in storing.AFTER_STORE:
            storing.AFTER_STORE.append(check_stored_documents)
        # `ttdn report --sign PERSON` signs through this app.
        if sign_as not in reporting.SIGN_ISSUED:
            reporting.SIGN_ISSUED.append(sign_as)
        # A PDF công văn attached to a request has its signatures checked too.
        if check_attachment_pdf not in reporting.CHECK_SIGNATURES:
            reporting.CHECK_SIGNATURES.append(check_attachment_pdf)
