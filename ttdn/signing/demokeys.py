"""Demo keys, so a newcomer can sign on the first day: a demo CA whose name says it is not
real, a certificate per body and per leader, PKCS#12 files under one documented password,
the CA's CRL, and plain images of a signature and a seal.

Plain library, no Django. EC P-256 keys: generating dozens takes milliseconds. Nothing
made here is trusted unless the demo CA is trusted explicitly (SIGNING_TRUST_DEMO_CA).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    pkcs12,
)
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_CA_NAME = "TTĐN DEMO CA — KHÔNG DÙNG THẬT"
DEMO_PASSWORD = "ttdn-demo"  # documented in docs/signing.md; demo keys only


@dataclass(frozen=True)
class Authority:
    """A CA: its key and self-signed certificate."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(Encoding.PEM)


def make_authority(name: str = DEMO_CA_NAME, now: datetime | None = None) -> Authority:
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TTĐN DEMO"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key, certificate)


def issue_certificate(
    authority: Authority,
    common_name: str,
    organisation: str = "",
    email: str = "",
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A signing certificate (non-repudiation) for a person or a body."""
    now = datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]))
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
    )
    return key, builder.sign(authority.key, hashes.SHA256())


def pkcs12_bytes(
    key: ec.EllipticCurvePrivateKey,
    certificate: x509.Certificate,
    authority: Authority,
    password: str = DEMO_PASSWORD,
) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        name=certificate.subject.rfc4514_string().encode(),
        key=key,
        cert=certificate,
        cas=[authority.certificate],
        encryption_algorithm=BestAvailableEncryption(password.encode()),
    )


def revocation_list(authority: Authority, revoked_serials: list[int] = ()) -> bytes:  # type: ignore[assignment]
    """The CA's CRL (PEM) listing ``revoked_serials``."""
    now = datetime.now(UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(authority.certificate.subject)
        .last_update(now - timedelta(minutes=1))
        .next_update(now + timedelta(days=30))
    )
    for serial in revoked_serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(now - timedelta(minutes=1))
            .build()
        )
    return builder.sign(authority.key, hashes.SHA256()).public_bytes(Encoding.PEM)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def signature_image(name: str) -> bytes:
    """A blue hand-signature-like stroke over the signer's initials, transparent
    background (Decree 30: the signature image is blue, PNG, transparent)."""
    from PIL import Image, ImageDraw

    width, height = 520, 200
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    blue = (20, 40, 160, 255)
    seed = sum(ord(ch) for ch in name)
    points = [
        (40 + i * 11, 110 + 45 * math.sin(i / 3 + seed) * math.exp(-i / 60)) for i in range(42)
    ]
    draw.line(points, fill=blue, width=7, joint="curve")
    draw.line([(60, 160), (470, 140)], fill=blue, width=4)
    return _png(image)


def seal_image(name: str) -> bytes:
    """A red round seal with two rings and a star, transparent background (Decree 30:
    the seal image is red, at the seal's real size, PNG, transparent)."""
    from PIL import Image, ImageDraw

    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (200, 20, 30, 235)
    draw.ellipse((6, 6, size - 6, size - 6), outline=red, width=12)
    draw.ellipse((70, 70, size - 70, size - 70), outline=red, width=6)
    centre, outer, inner = size / 2, 95, 38
    star = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        star.append((centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    draw.polygon(star, fill=red)
    return _png(image)
