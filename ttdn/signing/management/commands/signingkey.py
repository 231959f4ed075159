"""ttdn signingkey --unit CODE (--person USER | --body [--person CLERK]) (--p12 FILE |
--pkcs11-module LIB --token-label T --key-label K --certificate CERT) [--image PNG]
[--email E]: set up a person's or a body's signing key (docs/signing.md).

A PKCS#12 file is kept in the database; its password is asked for once (terminal, or the
first line of standard input) to read the certificate, and not kept. A key on a token
stays there: the row names the module, the token and the key, with the certificate given
as a PEM or DER file. The certificate must be in force and name the person (or the unit).
"""

from __future__ import annotations

import sys
from getpass import getpass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ttdn.orgunits.models import OrgUnit
from ttdn.signing import keys
from ttdn.signing.models import KeyStore, SignatureKind, SigningKey


class Command(BaseCommand):
    help = "Set up a person's or a body's signing key: a PKCS#12 file or a PKCS#11 token."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code")
        parser.add_argument("--person", help="the key's owner (user name); with --body: the clerk")
        parser.add_argument("--body", action="store_true", help="the unit's (body's) key")
        parser.add_argument("--p12", type=Path, help="PKCS#12 file (.p12, .pfx)")
        parser.add_argument("--pkcs11-module", help="path of the token's PKCS#11 library")
        parser.add_argument("--token-label", help="the token's label")
        parser.add_argument("--key-label", help="the key's (and its certificate's) label")
        parser.add_argument("--certificate", type=Path, help="with a token: the certificate")
        parser.add_argument("--image", type=Path, help="signature or seal image (PNG)")
        parser.add_argument("--email", default="", help="e-mail shown with the body's signature")

    def handle(self, *args, **options):
        unit = OrgUnit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã {options['unit']}.")
        person = None
        if options["person"]:
            person = get_user_model().objects.filter(username=options["person"]).first()
            if person is None:
                raise CommandError(f"Không có người dùng “{options['person']}”.")
        if not options["body"] and person is None:
            raise CommandError("Khóa cá nhân cần --person; khóa của cơ quan: --body.")
        key = SigningKey(
            kind=SignatureKind.BODY if options["body"] else SignatureKind.PERSONAL,
            unit=unit,
            person=person,
            email=options["email"],
        )
        if options["p12"]:
            key.store = KeyStore.PKCS12
            key.pkcs12 = options["p12"].read_bytes()
            try:
                opened = keys.open_pkcs12(bytes(key.pkcs12), self._secret())
            except keys.KeyProblem as problem:
                raise CommandError(str(problem)) from problem
            certificate = opened.certificate
        elif options["pkcs11_module"]:
            missing = [n for n in ("token_label", "key_label", "certificate") if not options[n]]
            if missing:
                raise CommandError("Khóa trên token cần --token-label, --key-label, --certificate.")
            key.store = KeyStore.PKCS11
            key.pkcs11_module = options["pkcs11_module"]
            key.token_label, key.key_label = options["token_label"], options["key_label"]
            certificate = self._certificate(options["certificate"])
        else:
            raise CommandError("Cần --p12 hoặc --pkcs11-module.")
        try:
            keys.check_certificate(certificate, key.signer_name)
        except keys.KeyProblem as problem:
            raise CommandError(str(problem)) from problem
        key.certificate = certificate.public_bytes(Encoding.DER)
        if options["image"]:
            key.image = options["image"].read_bytes()
        key.full_clean()
        key.save()
        self.stdout.write(f"{key.pk}: {key}")

    def _secret(self) -> str:
        if sys.stdin.isatty():
            return getpass("Mật khẩu tệp PKCS#12: ")
        return sys.stdin.readline().rstrip("\n")

    def _certificate(self, path: Path) -> x509.Certificate:
        data = path.read_bytes()
        try:
            if b"-----BEGIN" in data:
                return x509.load_pem_x509_certificate(data)
            return x509.load_der_x509_certificate(data)
        except ValueError as error:
            raise CommandError(f"Không đọc được chứng thư số {path}: {error}") from error
