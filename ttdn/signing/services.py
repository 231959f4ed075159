"""Signing an issued report, and checking the signatures of PDFs that come in.

Signing is a step after issuing, by the person whose key it is: first the competent
person's signature, then the body's (Decree 30/2020, Appendix I, part II). Each adds an
incremental PAdES signature to the PDF kept with the issued report; the record keeps who,
the certificate, the time and whether a timestamp server vouched for it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.orgunits.access import Action, can
from ttdn.reporting.models import IssuedReport
from ttdn.reporting.services import ReportingError
from ttdn.signing import demokeys, keys, pdfsign
from ttdn.signing.models import (
    DocumentSignatureCheck,
    KeyStore,
    ReportSignature,
    SignatureKind,
    SigningKey,
    TrustedAuthority,
    signing_time,
)

log = logging.getLogger(__name__)

FIELD_NAMES = {SignatureKind.PERSONAL: "ChuKyNguoiCoThamQuyen", SignatureKind.BODY: "ChuKyCoQuan"}


class SigningRefused(ReportingError):
    """The signature was not made; the message says why, in the person's words."""

    def __str__(self) -> str:
        return " ".join(self.messages)


# Trust ----------------------------------------------------------------------------


def _pem_blocks(paths: Iterable[str]) -> list[bytes]:
    return [Path(path).read_bytes() for path in paths]


def trusted_authorities() -> list[TrustedAuthority]:
    """The demo CA(s) kept in the database, when this configuration trusts them."""
    if not settings.SIGNING_TRUST_DEMO_CA:
        return []
    return list(TrustedAuthority.objects.filter(demo=True))


def trust_roots() -> list[asn1_x509.Certificate]:
    """The CA certificates a signature must chain to: SIGNING_TRUST_ROOTS, and the demo
    CA where SIGNING_TRUST_DEMO_CA is on."""
    roots = pdfsign.load_certificates(settings.SIGNING_TRUST_ROOTS)
    for authority in trusted_authorities():
        for der in _unarmor(bytes(authority.certificate)):
            roots.append(asn1_x509.Certificate.load(der))
    return roots


def _unarmor(data: bytes) -> list[bytes]:
    from asn1crypto import pem

    if pem.detect(data):
        return [der for _, _, der in pem.unarmor(data, True)]
    return [data]


def revocation_ders() -> list[bytes]:
    """The CRLs known here (DER): SIGNING_CRLS, and the demo CA's where trusted."""
    found = []
    for data in _pem_blocks(settings.SIGNING_CRLS):
        found.extend(_unarmor(data))
    for authority in trusted_authorities():
        if authority.crl:
            found.extend(_unarmor(bytes(authority.crl)))
    return found


def revocation_lists() -> list[x509.CertificateRevocationList]:
    return [x509.load_der_x509_crl(der) for der in revocation_ders()]


# Keys -----------------------------------------------------------------------------


def keys_for(user, issued: IssuedReport) -> list[SigningKey]:
    """The keys ``user`` may sign ``issued`` with: their own personal key in its unit, and
    the unit's body key when it names them — or, naming no one, when they may sign for
    the unit (its leaders)."""
    usable = SigningKey.objects.filter(unit=issued.unit, active=True).select_related(
        "unit", "person"
    )
    own = Q(person=user)
    if can(user, issued.unit, Action.SIGN):
        own |= Q(kind=SignatureKind.BODY, person__isnull=True)
    order: list[str] = [SignatureKind.PERSONAL, SignatureKind.BODY]  # the order of signing
    return sorted(usable.filter(own), key=lambda key: (order.index(key.kind), key.pk))


def next_kind(issued: IssuedReport) -> SignatureKind | None:
    """What signs next: the person, then the body; None once both have."""
    made = set(issued.signatures.values_list("kind", flat=True))
    if SignatureKind.PERSONAL not in made:
        return SignatureKind.PERSONAL
    if SignatureKind.BODY not in made:
        return SignatureKind.BODY
    return None


def signed_pdf(issued: IssuedReport) -> bytes | None:
    """The PDF with every signature made so far; None when nobody has signed."""
    last = issued.signatures.order_by("-signed_at", "-pk").only("pdf").first()
    return bytes(last.pdf) if last else None


def _open(key: SigningKey, secret: str) -> keys.OpenedKey:
    if key.store == KeyStore.PKCS12:
        if not key.pkcs12:
            raise keys.KeyProblem(_("Cấu hình ký số thiếu tệp PKCS#12."))
        return keys.open_pkcs12(bytes(key.pkcs12), secret)
    return keys.open_pkcs11(key.pkcs11_module, key.token_label, key.key_label, secret)


def _fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def sign_issued_report(
    user, issued: IssuedReport, key: SigningKey, secret: str, now: datetime | None = None
) -> ReportSignature:
    """Add ``key``'s signature to ``issued``'s PDF, as ``user`` (whose key it must be).

    Refused, with the reason: a report without PDF; a key not theirs; the body signing
    before the person; a wrong password or PIN (with the token's tries left); a
    certificate expired, revoked, or naming someone else; a signer block not found."""
    if key not in keys_for(user, issued):
        raise SigningRefused(_("Khóa ký số này không phải của bạn cho đơn vị này."))
    if issued.pdf is None:
        raise SigningRefused(
            _("Báo cáo chưa có bản PDF (máy chủ thiếu LibreOffice khi ban hành): chưa ký được.")
        )
    wanted = next_kind(issued)
    if wanted is None:
        raise SigningRefused(_("Báo cáo đã có đủ chữ ký số của người ký và của cơ quan."))
    if key.kind != wanted:
        raise SigningRefused(
            _("Người có thẩm quyền ký trước; chữ ký số của cơ quan (con dấu) ký sau.")
            if wanted == SignatureKind.PERSONAL
            else _("Người có thẩm quyền đã ký; bước tiếp theo là chữ ký số của cơ quan.")
        )
    now = now or timezone.now()
    try:
        opened = _open(key, secret)
    except keys.KeyProblem as problem:
        raise SigningRefused(str(problem)) from problem
    try:
        if _fingerprint(opened.certificate) != _fingerprint(key.x509):
            raise SigningRefused(
                _("Chứng thư số trong khóa khác chứng thư đã đăng ký trong cấu hình ký số.")
            )
        try:
            keys.check_certificate(opened.certificate, key.signer_name, revocation_lists(), now)
        except keys.KeyProblem as problem:
            raise SigningRefused(str(problem)) from problem
        original = bytes(issued.pdf)
        try:
            block = pdfsign.find_signer_block(original)
        except pdfsign.SignerBlockNotFound as error:
            raise SigningRefused(str(error)) from error
        personal = wanted == SignatureKind.PERSONAL
        name = key.signer_name
        image = bytes(key.image) if key.image else None
        if image is None:
            image = demokeys.signature_image(name) if personal else demokeys.seal_image(name)
        request = pdfsign.SignRequest(
            field_name=FIELD_NAMES[wanted],
            page=block.page,
            box=block.signature_box() if personal else block.seal_box(),
            image_png=image,
            reason=(
                f"Ký ban hành Báo cáo số {issued.reference}"
                if personal
                else f"Chữ ký số của {issued.unit.name}"
            ),
            location=issued.unit.name,
            contact=key.email,
            seal_text=None
            if personal
            else pdfsign.SealText(
                body=name, email=key.email, time=signing_time(now), font=settings.SIGNING_FONT
            ),
        )
        try:
            signed = pdfsign.sign_pdf(
                signed_pdf(issued) or original,
                opened.signer,
                request,
                settings.SIGNING_TSA_URL,
                signed_at=now,
            )
        except pdfsign.FontMissing as error:
            raise SigningRefused(str(error)) from error
        except Exception as error:
            log.exception("signing issued report %s failed", issued.pk)
            raise SigningRefused(
                _("Không ký được: %(error)s") % {"error": f"{type(error).__name__}: {error}"}
            ) from error
    finally:
        opened.close()
    certificate = opened.certificate
    try:
        with transaction.atomic():
            return ReportSignature.objects.create(
                issued=issued,
                kind=wanted,
                key=key,
                signed_by=user,
                subject=certificate.subject.rfc4514_string()[:500],
                serial=format(certificate.serial_number, "X"),
                issuer=certificate.issuer.rfc4514_string()[:500],
                signed_at=now,
                timestamped=bool(settings.SIGNING_TSA_URL),
                pdf=signed,
            )
    except IntegrityError as error:  # someone signed the same step meanwhile
        raise SigningRefused(_("Báo cáo vừa được ký bước này; tải lại trang.")) from error


def sign_as(issued: IssuedReport, username: str, ask_secret) -> tuple[bytes, str]:
    """`ttdn report --sign PERSON`: the next step's signature with that person's key,
    its password or PIN asked for by ``ask_secret(key name)``; the signed PDF and what was
    done. (reporting.services.SIGN_ISSUED)"""
    person = get_user_model().objects.filter(username=username, is_active=True).first()
    if person is None:
        raise SigningRefused(_("Không có người dùng “%(name)s”.") % {"name": username})
    step = next_kind(issued)
    if step is None:
        raise SigningRefused(_("Báo cáo đã có đủ chữ ký số."))
    usable = [key for key in keys_for(person, issued) if key.kind == step]
    if not usable:
        raise SigningRefused(
            _("%(name)s không có khóa ký số cho bước “%(step)s” của %(unit)s.")
            % {"name": username, "step": step.label, "unit": issued.unit.name}
        )
    key = usable[0]
    signature = sign_issued_report(person, issued, key, ask_secret(key.subject))
    done = _("Đã ký số: %(kind)s.") % {"kind": signature.get_kind_display()}
    if not signature.timestamped:
        done += " " + _("Chữ ký không có dấu thời gian (chưa cấu hình máy chủ dấu thời gian).")
    return bytes(signature.pdf), done


# Checking what comes in ------------------------------------------------------------


def check_pdf(data: bytes) -> pdfsign.PdfCheck:
    """The signatures of a PDF against the trust roots and CRLs configured here."""
    crls = [asn1_crl.CertificateList.load(der) for der in revocation_ders()]
    return pdfsign.check_pdf(data, trust_roots(), crls)


def record_check(document, data: bytes) -> DocumentSignatureCheck:
    """Check ``data`` (the stored original of ``document``) and keep the result."""
    result = check_pdf(data)
    rows = [
        {
            "field": s.field_name,
            "signer": s.signer,
            "serial": s.serial,
            "signed_at": signing_time(s.signed_at) if s.signed_at else None,
            "intact": s.intact,
            "trusted": s.trusted,
            "modified_after": s.modified_after,
            "problems": s.problems,
        }
        for s in result.signatures
    ]
    check, _made = DocumentSignatureCheck.objects.update_or_create(
        document=document,
        defaults={"verdict": result.verdict.value, "summary": result.summary(), "signatures": rows},
    )
    return check


def check_attachment_pdf(data: bytes) -> tuple[str, str]:
    """The signatures of a công văn attached to a request: (verdict, summary). A file
    that cannot be checked is recorded as invalid with the reason; the request is made
    all the same."""
    if b"/ByteRange" not in data:
        return pdfsign.Verdict.UNSIGNED.value, ""
    try:
        result = check_pdf(data)
    except Exception as error:  # a broken file is the sender's; the request goes on
        log.warning("signature check of a công văn: %s", error)
        return pdfsign.Verdict.INVALID.value, _("Không kiểm tra được chữ ký số: %(e)s") % {
            "e": error
        }
    return result.verdict.value, result.summary()


def check_stored_documents(documents) -> None:
    """The archive's hook after documents are stored: check each PDF's signatures. A
    file that cannot be checked is recorded as invalid, never stops the import."""
    from ttdn.archive import storage

    for document in documents:
        if (document.format or "").lower() != "pdf" or not document.stored_name:
            continue
        try:
            data = storage.path(document.stored_name).read_bytes()
        except OSError as error:
            log.warning("signature check of document %s: %s", document.pk, error)
            continue
        if b"/ByteRange" not in data:
            # No signature dictionary at all: said without handing the file to another
            # parser in this process (the extraction children have read it already).
            DocumentSignatureCheck.objects.update_or_create(
                document=document,
                defaults={
                    "verdict": "unsigned",
                    "summary": _("Tệp không có chữ ký số."),
                    "signatures": [],
                },
            )
            continue
        try:
            record_check(document, data)
        except Exception as error:  # our bug or a hostile file: said, import goes on
            log.exception("signature check of document %s failed", document.pk)
            DocumentSignatureCheck.objects.update_or_create(
                document=document,
                defaults={
                    "verdict": "invalid",
                    "summary": _("Không kiểm tra được chữ ký số: %(error)s")
                    % {"error": f"{type(error).__name__}: {error}"},
                    "signatures": [],
                },
            )
