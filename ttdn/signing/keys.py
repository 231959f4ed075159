"""Opening a signing key — a PKCS#12 file or a PKCS#11 token (USB token, HSM) — and the
checks made before anything is signed with it: the certificate is in force, not revoked
by its CA's CRL, and names the person (or body) who signs.

No database: Django only translates the messages. Nothing here keeps a password or PIN: they are used once and
dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from cryptography.x509.oid import NameOID
from django.utils.translation import gettext as _
from pyhanko.sign import signers

from ttdn.lib.textfold import words


class KeyProblem(Exception):
    """The key cannot be used: wrong password or PIN, locked token, a certificate out of
    force, revoked or naming someone else. The message says which, in Vietnamese."""


def certificate_names(certificate: x509.Certificate) -> list[str]:
    """The subject's common name and organisation, the names a signer is matched on."""
    names: list[str] = []
    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        names.extend(
            str(attribute.value) for attribute in certificate.subject.get_attributes_for_oid(oid)
        )
    return names


def check_certificate(
    certificate: x509.Certificate,
    expected_name: str,
    crls: Sequence[x509.CertificateRevocationList] = (),
    now: datetime | None = None,
) -> None:
    """Refuse, with the reason, a certificate not in force at ``now``, revoked by one of
    ``crls`` from its issuer, or whose subject does not name ``expected_name``."""
    now = now or datetime.now(UTC)
    if now < certificate.not_valid_before_utc:
        raise KeyProblem(
            _("Chứng thư số chưa có hiệu lực (từ %(day)s).")
            % {"day": f"{certificate.not_valid_before_utc:%d/%m/%Y}"}
        )
    if now > certificate.not_valid_after_utc:
        raise KeyProblem(
            _("Chứng thư số đã hết hạn ngày %(day)s.")
            % {"day": f"{certificate.not_valid_after_utc:%d/%m/%Y}"}
        )
    for crl in crls:
        if crl.issuer != certificate.issuer:
            continue
        revoked = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
        if revoked is not None:
            raise KeyProblem(
                _("Chứng thư số đã bị thu hồi ngày %(day)s (danh sách thu hồi của %(ca)s).")
                % {
                    "day": f"{revoked.revocation_date_utc:%d/%m/%Y}",
                    "ca": crl.issuer.rfc4514_string(),
                }
            )
    wanted = words(expected_name)
    names = certificate_names(certificate)
    if not any(words(name) == wanted for name in names):
        raise KeyProblem(
            _("Chứng thư số cấp cho “%(holder)s”, không phải cho “%(name)s”.")
            % {"holder": ", ".join(names) or "?", "name": expected_name}
        )


@dataclass
class OpenedKey:
    """A signer ready to sign, its certificate, and what to close afterwards."""

    signer: signers.Signer
    certificate: x509.Certificate
    session: object | None = None

    def close(self) -> None:
        if self.session is not None:
            self.session.close()  # type: ignore[attr-defined]
            self.session = None


def open_pkcs12(data: bytes, password: str) -> OpenedKey:
    """The key and certificate of a PKCS#12 file; a wrong password is a KeyProblem."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password.encode())
    except ValueError as error:
        raise KeyProblem(_("Mật khẩu tệp khóa (PKCS#12) không đúng, hoặc tệp hỏng.")) from error
    if key is None or certificate is None:
        raise KeyProblem(_("Tệp PKCS#12 không chứa khóa và chứng thư số."))
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        ),
        cert_registry=_registry(chain or []),
    )
    return OpenedKey(signer, certificate)


def _registry(chain: Sequence[x509.Certificate]):
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return SimpleCertificateStore.from_certs(
        [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in chain]
    )


def open_pkcs11(module: str, token_label: str, key_label: str, pin: str) -> OpenedKey:
    """A session on the token labelled ``token_label`` logged in with ``pin``, and the key
    labelled ``key_label`` (its certificate under the same label).

    A wrong PIN is a KeyProblem that says how many tries the token has left when it tells
    (USER_PIN_COUNT_LOW, USER_PIN_FINAL_TRY) and that it is locked (USER_PIN_LOCKED), so
    a token is never locked without the person knowing."""
    import pkcs11
    from pkcs11 import TokenFlag
    from pkcs11 import exceptions as p11
    from pyhanko.sign.pkcs11 import PKCS11Signer

    try:
        library = pkcs11.lib(module)
        token = library.get_token(token_label=token_label)
    except (p11.PKCS11Error, RuntimeError, OSError) as error:
        raise KeyProblem(
            _("Không mở được token “%(token)s” qua thư viện PKCS#11 %(module)s: %(error)s")
            % {"token": token_label, "module": module, "error": repr(error)}
        ) from error
    if token.flags & TokenFlag.USER_PIN_LOCKED:
        raise KeyProblem(_("Token đã bị khóa PIN: liên hệ tổ chức cấp chứng thư để mở khóa."))
    try:
        session = token.open(user_pin=pin)
    except p11.PinIncorrect as error:
        flags = library.get_token(token_label=token_label).flags
        if flags & TokenFlag.USER_PIN_LOCKED:
            raise KeyProblem(
                _("Mã PIN không đúng; token đã bị khóa. Liên hệ tổ chức cấp chứng thư.")
            ) from error
        if flags & TokenFlag.USER_PIN_FINAL_TRY:
            raise KeyProblem(
                _("Mã PIN không đúng. Chỉ còn 01 lần thử: nhập sai lần nữa token sẽ bị khóa.")
            ) from error
        if flags & TokenFlag.USER_PIN_COUNT_LOW:
            raise KeyProblem(
                _("Mã PIN không đúng. Token đã nhận nhiều lần nhập sai: còn ít lần thử.")
            ) from error
        raise KeyProblem(_("Mã PIN không đúng.")) from error
    except p11.PinLocked as error:
        raise KeyProblem(_("Token đã bị khóa PIN: liên hệ tổ chức cấp chứng thư.")) from error
    except p11.PKCS11Error as error:
        raise KeyProblem(
            _("Token từ chối đăng nhập: %(error)s") % {"error": repr(error)}
        ) from error
    try:
        # Hash here and ask the token for the bare operation (CKM_ECDSA, CKM_RSA_PKCS):
        # every token has those, not every one the hash-and-sign mechanisms.
        signer = PKCS11Signer(
            session, key_label=key_label, cert_label=key_label, use_raw_mechanism=True
        )
        der = signer.signing_cert.dump()
    except Exception as error:
        session.close()
        raise KeyProblem(
            _("Không tìm thấy khóa “%(key)s” trên token: %(error)s")
            % {"key": key_label, "error": repr(error)}
        ) from error
    return OpenedKey(signer, x509.load_der_x509_certificate(der), session)
