"""`ttdn signingkey`: a key set up from a PKCS#12 file or a token, refused when its
certificate does not name the signer."""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError

from ttdn.signing.models import KeyStore, SignatureKind, SigningKey
from ttdn.signing.tests import material
from ttdn.signing.tests.base import LEADER_NAME, SigningTestCase


class SigningKeyCommandTests(SigningTestCase):
    def setUp(self) -> None:
        super().setUp()
        SigningKey.objects.all().delete()
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_keys_"))

    def run_command(self, *args, stdin: str = material.PASSWORD + "\n") -> str:
        out = io.StringIO()
        with mock.patch.object(sys, "stdin", io.StringIO(stdin)):
            call_command("signingkey", *args, stdout=out)
        return out.getvalue()

    def p12_file(self, name: str) -> Path:
        path = self.folder / "key.p12"
        path.write_bytes(material.p12(name, organisation=self.commune.name)[0])
        return path

    def test_a_persons_pkcs12_key_is_kept_with_its_certificate(self):
        self.run_command(
            "--unit", self.commune.code, "--person", self.leader.username,
            "--p12", str(self.p12_file(LEADER_NAME)),
        )  # fmt: skip
        key = SigningKey.objects.get()
        self.assertEqual(
            (key.kind, key.store, key.person), (SignatureKind.PERSONAL, "pkcs12", self.leader)
        )
        self.assertIn(LEADER_NAME, key.subject)

    def test_a_certificate_naming_someone_else_is_refused(self):
        with self.assertRaisesRegex(CommandError, "không phải cho “Nguyễn Văn Hùng”"):
            self.run_command(
                "--unit", self.commune.code, "--person", self.leader.username,
                "--p12", str(self.p12_file(material.SIGNER)),
            )  # fmt: skip
        self.assertFalse(SigningKey.objects.exists())

    def test_a_wrong_password_is_refused(self):
        with self.assertRaisesRegex(CommandError, "Mật khẩu tệp khóa"):
            self.run_command(
                "--unit", self.commune.code, "--body", "--p12", str(self.p12_file(self.commune.name)),
                stdin="sai\n",
            )  # fmt: skip

    def test_a_token_key_names_module_token_and_key(self):
        certificate = self.folder / "cert.der"
        certificate.write_bytes(material.der(material.p12(self.commune.name, self.commune.name)[0]))
        self.run_command(
            "--unit", self.commune.code, "--body", "--pkcs11-module", "/usr/lib/softhsm/libsofthsm2.so",
            "--token-label", "ubnd", "--key-label", "con-dau", "--certificate", str(certificate),
        )  # fmt: skip
        key = SigningKey.objects.get()
        self.assertEqual(
            (key.store, key.token_label, key.key_label), (KeyStore.PKCS11, "ubnd", "con-dau")
        )

    def test_a_token_key_without_certificate_is_refused(self):
        with self.assertRaisesRegex(CommandError, "--certificate"):
            self.run_command(
                "--unit", self.commune.code, "--body", "--pkcs11-module", "/x.so",
                "--token-label", "t", "--key-label", "k",
            )  # fmt: skip
