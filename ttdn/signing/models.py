"""Digital signatures (chữ ký số): whose key signs for whom, the signatures made on
issued reports, and the trust anchors a signed PDF is checked against."""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.orgunits.models import UnitScopedQuerySet


def signing_time(moment: datetime) -> str:
    """Decree 30's time of signing, in Viet Nam's time zone as ISO 8601 writes its offset:
    "03.07.2024 09:15:02 +07:00"."""
    local = timezone.localtime(moment)
    offset = local.strftime("%z")
    return f"{local:%d.%m.%Y %H:%M:%S} {offset[:3]}:{offset[3:]}"


class SignatureKind(models.TextChoices):
    """Decree 30/2020: the competent person signs first, then the body (văn thư, with the
    body's key) — its seal over the person's signature."""

    PERSONAL = "personal", _("Chữ ký số của người có thẩm quyền")
    BODY = "body", _("Chữ ký số của cơ quan, tổ chức")


class KeyStore(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp PKCS#12 (.p12, .pfx)")
    PKCS11 = "pkcs11", _("Token PKCS#11 (USB token, HSM)")


class SigningKey(models.Model):
    """A person's — or a body's — signing configuration: which key signs, where it is.

    A personal key belongs to one person and signs for them in a unit; a body key signs
    for the unit (cơ quan, tổ chức) and is used by the person named, or by the unit's
    leaders when none is. The key is a PKCS#12 file kept here (its password is typed at
    each signature, never stored) or a key on a PKCS#11 token (module, token label, key
    label; the PIN typed at each signature)."""

    kind = models.CharField(_("loại chữ ký"), max_length=8, choices=SignatureKind.choices)
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="signing_keys",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng khóa"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signing_keys",
    )
    store = models.CharField(_("nơi giữ khóa"), max_length=8, choices=KeyStore.choices)
    pkcs12 = models.BinaryField(_("tệp PKCS#12"), null=True, blank=True, editable=True)
    pkcs11_module = models.CharField(_("thư viện PKCS#11"), max_length=255, blank=True)
    token_label = models.CharField(_("nhãn token"), max_length=64, blank=True)
    key_label = models.CharField(_("nhãn khóa"), max_length=64, blank=True)
    certificate = models.BinaryField(_("chứng thư số (DER)"), editable=True)
    image = models.BinaryField(
        _("hình ảnh chữ ký / con dấu (PNG)"), null=True, blank=True, editable=True
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cấu hình ký số")
        verbose_name_plural = _("cấu hình ký số")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="personal") | models.Q(person__isnull=False),
                name="signing_personal_key_has_person",
                violation_error_message=_("Khóa cá nhân phải gắn với một người."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.subject}"

    def clean(self) -> None:
        if self.store == KeyStore.PKCS12 and not self.pkcs12:
            raise ValidationError(_("Khóa PKCS#12 cần tệp .p12."))
        if self.store == KeyStore.PKCS11 and not (
            self.pkcs11_module and self.token_label and self.key_label
        ):
            raise ValidationError(_("Khóa trên token cần thư viện PKCS#11, nhãn token, nhãn khóa."))

    @property
    def x509(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(bytes(self.certificate))

    @property
    def subject(self) -> str:
        return self.x509.subject.rfc4514_string()

    @property
    def serial(self) -> str:
        return format(self.x509.serial_number, "X")

    @property
    def signer_name(self) -> str:
        """Whom the certificate must name: the person, or the body."""
        if self.kind == SignatureKind.PERSONAL and self.person is not None:
            # Vietnamese order: family and middle names, then the given name.
            name = f"{self.person.last_name} {self.person.first_name}".strip()
            return name or self.person.get_username()
        return self.unit.name


class ReportSignatureQuerySet(UnitScopedQuerySet):
    unit_fields = ("issued__unit", "issued__submission__request__issuing_unit")


class ReportSignature(models.Model):
    """One signature on an issued report, with the PDF as it stood after it (the last
    signature's PDF is the signed report)."""

    issued = models.ForeignKey(
        "reporting.IssuedReport", on_delete=models.CASCADE, related_name="signatures"
    )
    kind = models.CharField(_("loại chữ ký"), max_length=8, choices=SignatureKind.choices)
    key = models.ForeignKey(
        SigningKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("chủ thể chứng thư"), max_length=500)
    serial = models.CharField(_("số hiệu chứng thư"), max_length=64)
    issuer = models.CharField(_("tổ chức cấp"), max_length=500)
    signed_at = models.DateTimeField(_("thời gian ký"))
    timestamped = models.BooleanField(_("có dấu thời gian"), default=False)
    pdf = models.BinaryField()

    objects = ReportSignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("chữ ký số trên báo cáo")
        verbose_name_plural = _("chữ ký số trên báo cáo")
        ordering = ["issued", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issued", "kind"],
                name="signing_one_signature_of_a_kind",
                violation_error_message=_("Báo cáo đã có chữ ký số loại này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def time_text(self) -> str:
        return signing_time(self.signed_at)


class TrustedAuthority(models.Model):
    """A CA certificate kept in the database, with its CRL: the demo CA that ``ttdn demo``
    makes. It is trusted only where SIGNING_TRUST_DEMO_CA is on (development, demo);
    production trust roots are PEM files named by SIGNING_TRUST_ROOTS."""

    name = models.CharField(_("tên"), max_length=255)
    certificate = models.BinaryField(_("chứng thư (PEM)"))
    crl = models.BinaryField(_("danh sách thu hồi (PEM)"), null=True, blank=True)
    demo = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("tổ chức chứng thực (demo)")
        verbose_name_plural = _("tổ chức chứng thực (demo)")

    def __str__(self) -> str:
        return self.name


class Verdict(models.TextChoices):
    """What the signatures of a document that came in add up to."""

    VALID = "valid", _("Có chữ ký số hợp lệ")
    INVALID = "invalid", _("Chữ ký số không hợp lệ")
    UNSIGNED = "unsigned", _("Không ký số")


class DocumentSignatureCheckQuerySet(UnitScopedQuerySet):
    unit_fields = ("document__unit",)


class DocumentSignatureCheck(models.Model):
    """The check of an imported PDF's signatures, made when it is stored: the verdict
    (searchable), a summary, and each signature as the validator saw it. A broken or
    unknown signature is recorded as such; the file is kept all the same."""

    document = models.OneToOneField(
        "archive.Document", on_delete=models.CASCADE, related_name="signature_check"
    )
    verdict = models.CharField(_("chữ ký số"), max_length=8, choices=Verdict.choices)
    summary = models.TextField(_("kết quả kiểm tra"), blank=True)
    signatures = models.JSONField(default=list)
    checked_at = models.DateTimeField(_("thời điểm kiểm tra"), auto_now=True)

    objects = DocumentSignatureCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiểm tra chữ ký số")
        verbose_name_plural = _("kiểm tra chữ ký số")
        indexes = [models.Index(fields=["verdict"])]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.get_verdict_display()}"
