"""What the signing tests share, made once per test run: a demo CA with keys, and the
PDF of a realistic issued report (LibreOffice makes it, ~1.5 s, once)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from functools import cache

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding

from ttdn.officedocs import docx_to_pdf, write_docx
from ttdn.officedocs.tests.reports import state_report
from ttdn.signing import demokeys

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
PASSWORD = demokeys.DEMO_PASSWORD
SIGNER = "Nguyễn Thị Minh Hà"  # the name in the report's signer block
BODY = "Sở Văn hóa, Thể thao và Du lịch"


@cache
def report_pdf() -> bytes:
    return docx_to_pdf(write_docx(state_report()))


@cache
def authority() -> demokeys.Authority:
    return demokeys.make_authority()


def root() -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(authority().certificate.public_bytes(Encoding.DER))


@cache
def p12(name: str, organisation: str = "", expired: bool = False) -> tuple[bytes, int]:
    """A PKCS#12 file for ``name`` from the test CA, and its certificate's serial."""
    past = datetime.now(UTC) - timedelta(days=400)
    key, certificate = demokeys.issue_certificate(
        authority(),
        name,
        organisation=organisation,
        not_before=past if expired else None,
        not_after=past + timedelta(days=30) if expired else None,
    )
    return demokeys.pkcs12_bytes(key, certificate, authority()), certificate.serial_number


def der(p12_data: bytes) -> bytes:
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, certificate, _chain = pkcs12.load_key_and_certificates(p12_data, PASSWORD.encode())
    assert certificate is not None
    return certificate.public_bytes(Encoding.DER)


def trust_test_ca():
    """The test CA and its revocation list, trusted as the demo CA is (the tests run with
    SIGNING_TRUST_DEMO_CA on)."""
    from ttdn.signing.models import TrustedAuthority

    return TrustedAuthority.objects.create(
        name=demokeys.DEMO_CA_NAME,
        certificate=authority().pem,
        crl=demokeys.revocation_list(authority()),
    )
