"""A configured timestamp server (RFC 3161) is used for every signature; one that does
not answer refuses the signature with its error, never signing silently without."""

from __future__ import annotations

import io
import threading
import unittest
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from ttdn.signing import services
from ttdn.signing.tests import material
from ttdn.signing.tests.base import SigningTestCase


def timestamp_authority() -> DummyTimeStamper:
    """A TSA certificate from the test CA (timeStamping, critical) and pyHanko's
    in-process time stamper answering with it."""
    authority = material.authority()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's is RSA-only
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TTĐN DEMO TSA")]))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(authority.key, hashes.SHA256())
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        ),
    )


class TsaServer:
    """An RFC 3161 server over HTTP on a free local port, counting its answers."""

    def __init__(self) -> None:
        stamper = timestamp_authority()
        served = self.served = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.read_body()
                answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                served.append(len(answer))
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def read_body(self) -> bytes:
                if "Content-Length" in self.headers:
                    return self.rfile.read(int(self.headers["Content-Length"]))
                body = b""  # chunked, as aiohttp sends it
                while size := int(self.rfile.readline().strip(), 16):
                    body += self.rfile.read(size)
                    self.rfile.readline()
                self.rfile.readline()
                return body

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/tsa"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@unittest.skipUnless(material.HAS_SOFFICE, material.NO_SOFFICE)
class TimestampTests(SigningTestCase):
    def test_a_configured_server_timestamps_the_signature_and_the_record_says_so(self):
        tsa = TsaServer()
        self.addCleanup(tsa.stop)
        with self.settings(SIGNING_TSA_URL=tsa.url):
            signature = services.sign_issued_report(
                self.leader, self.issued, self.personal_key, material.PASSWORD
            )
        self.assertTrue(signature.timestamped)
        self.assertTrue(tsa.served)  # pyHanko asks once to size the token, once for it
        result = services.check_pdf(bytes(signature.pdf))
        self.assertEqual(result.verdict, "valid", result.summary())
        # The token is inside the signature, from our TSA.
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        (embedded,) = PdfFileReader(io.BytesIO(bytes(signature.pdf))).embedded_signatures
        status = validate_pdf_signature(
            embedded, ValidationContext(trust_roots=[material.root()], allow_fetching=False)
        )
        self.assertIsNotNone(status.timestamp_validity)
        self.assertIn(
            "TTĐN DEMO TSA", status.timestamp_validity.signing_cert.subject.human_friendly
        )

    def test_a_server_that_does_not_answer_refuses_the_signature(self):
        tsa = TsaServer()
        url = tsa.url
        tsa.stop()  # nothing listens there any more
        with self.settings(SIGNING_TSA_URL=url):
            with self.assertRaisesRegex(services.SigningRefused, "Không ký được"):
                services.sign_issued_report(
                    self.leader, self.issued, self.personal_key, material.PASSWORD
                )
        self.assertFalse(self.issued.signatures.exists())
