"""Opening keys and the checks before signing: wrong password or PIN, a token's tries
left, a certificate expired, revoked or naming someone else; a key on a PKCS#11 token
(SoftHSM2) signs like a PKCS#12 file."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from cryptography import x509
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from ttdn.signing import demokeys, keys, pdfsign
from ttdn.signing.tests import material


def certificate_of(p12_data: bytes) -> x509.Certificate:
    return x509.load_der_x509_certificate(material.der(p12_data))


class CertificateCheckTests(unittest.TestCase):
    def test_a_certificate_in_force_naming_the_signer_passes(self):
        data, _serial = material.p12(material.SIGNER)
        keys.check_certificate(certificate_of(data), "  nguyễn thị MINH hà ")

    def test_an_expired_certificate_is_refused_with_its_end_date(self):
        data, _serial = material.p12(material.SIGNER, expired=True)
        with self.assertRaisesRegex(keys.KeyProblem, r"đã hết hạn ngày \d\d/\d\d/\d{4}"):
            keys.check_certificate(certificate_of(data), material.SIGNER)

    def test_a_certificate_on_its_cas_revocation_list_is_refused(self):
        data, serial = material.p12("Trần Văn Thu Hồi")
        crl = x509.load_pem_x509_crl(demokeys.revocation_list(material.authority(), [serial]))
        with self.assertRaisesRegex(keys.KeyProblem, "đã bị thu hồi"):
            keys.check_certificate(certificate_of(data), "Trần Văn Thu Hồi", [crl])

    def test_a_crl_of_another_ca_does_not_revoke(self):
        data, serial = material.p12("Trần Văn Thu Hồi")
        other = demokeys.make_authority("Another CA")
        crl = x509.load_pem_x509_crl(demokeys.revocation_list(other, [serial]))
        keys.check_certificate(certificate_of(data), "Trần Văn Thu Hồi", [crl])

    def test_a_certificate_naming_someone_else_is_refused(self):
        data, _serial = material.p12(material.SIGNER)
        with self.assertRaisesRegex(keys.KeyProblem, "không phải cho “Lê Văn Nam”"):
            keys.check_certificate(certificate_of(data), "Lê Văn Nam")

    def test_a_wrong_pkcs12_password_is_refused(self):
        data, _serial = material.p12(material.SIGNER)
        with self.assertRaisesRegex(keys.KeyProblem, "Mật khẩu tệp khóa"):
            keys.open_pkcs12(data, "sai-mat-khau")


class FakeToken:
    def __init__(self, flags_after: int):
        self.flags = 0
        self.flags_after = flags_after

    def open(self, user_pin: str):
        from pkcs11 import exceptions

        self.flags = self.flags_after
        raise exceptions.PinIncorrect()


class FakeLibrary:
    def __init__(self, token: FakeToken):
        self.token = token

    def get_token(self, token_label: str):
        return self.token


class TokenPinTests(unittest.TestCase):
    """What the token says after a wrong PIN is passed on, so nobody locks it unaware."""

    def wrong_pin(self, flags_after: int) -> str:
        token = FakeToken(flags_after)
        with mock.patch("pkcs11.lib", return_value=FakeLibrary(token)):
            with self.assertRaises(keys.KeyProblem) as raised:
                keys.open_pkcs11("/fake/module.so", "token", "key", "0000")
        return str(raised.exception)

    def test_a_wrong_pin_says_so(self):
        self.assertEqual(self.wrong_pin(0), "Mã PIN không đúng.")

    def test_the_final_try_is_announced(self):
        from pkcs11 import TokenFlag

        self.assertIn("Chỉ còn 01 lần thử", self.wrong_pin(TokenFlag.USER_PIN_FINAL_TRY))

    def test_a_low_count_is_announced(self):
        from pkcs11 import TokenFlag

        self.assertIn("còn ít lần thử", self.wrong_pin(TokenFlag.USER_PIN_COUNT_LOW))

    def test_a_token_locked_by_the_wrong_pin_is_announced(self):
        from pkcs11 import TokenFlag

        self.assertIn("token đã bị khóa", self.wrong_pin(TokenFlag.USER_PIN_LOCKED))

    def test_a_locked_token_is_not_tried_at_all(self):
        from pkcs11 import TokenFlag

        token = FakeToken(0)
        token.flags = TokenFlag.USER_PIN_LOCKED
        with mock.patch("pkcs11.lib", return_value=FakeLibrary(token)):
            with self.assertRaisesRegex(keys.KeyProblem, "đã bị khóa PIN"):
                keys.open_pkcs11("/fake/module.so", "token", "key", "0000")


SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
NO_SOFTHSM = "softhsm2 is not installed (softhsm2-util, libsofthsm2.so): apt-get install softhsm2"
HAS_SOFTHSM = shutil.which("softhsm2-util") is not None and Path(SOFTHSM_MODULE).exists()
TOKEN, PIN, KEY = "ttdn-test", "123456", "nguoi-ky"


@unittest.skipUnless(HAS_SOFTHSM, NO_SOFTHSM)
class SoftHsmTests(unittest.TestCase):
    """A token of its own in a scratch folder: its key and certificate put there as an
    officer's USB token would hold them."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.folder = Path(tempfile.mkdtemp(prefix="ttdn_softhsm_"))
        (cls.folder / "tokens").mkdir()
        conf = cls.folder / "softhsm2.conf"
        conf.write_text(
            f"directories.tokendir = {cls.folder / 'tokens'}\nobjectstore.backend = file\n"
        )
        # The module reads its configuration from the environment when first loaded.
        cls.previous = os.environ.get("SOFTHSM2_CONF")
        os.environ["SOFTHSM2_CONF"] = str(conf)
        run = lambda *args: subprocess.run(  # noqa: E731
            ["softhsm2-util", *args], check=True, capture_output=True, env=os.environ
        )
        run("--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "87654321")
        key, certificate = demokeys.issue_certificate(material.authority(), material.SIGNER)
        pem = cls.folder / "key.pem"
        pem.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        run("--import", str(pem), "--token", TOKEN, "--label", KEY, "--id", "01", "--pin", PIN)
        pem.unlink()
        import pkcs11
        from pkcs11 import Attribute, CertificateType, ObjectClass

        with (
            pkcs11.lib(SOFTHSM_MODULE)
            .get_token(token_label=TOKEN)
            .open(user_pin=PIN, rw=True) as session
        ):
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: KEY,
                    Attribute.ID: b"\x01",
                    Attribute.VALUE: certificate.public_bytes(Encoding.DER),
                    Attribute.SUBJECT: certificate.subject.public_bytes(),
                }
            )

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.folder, ignore_errors=True)
        if cls.previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = cls.previous

    @unittest.skipUnless(material.HAS_SOFFICE, material.NO_SOFFICE)
    def test_a_key_on_the_token_signs_a_valid_signature(self):
        opened = keys.open_pkcs11(SOFTHSM_MODULE, TOKEN, KEY, PIN)
        try:
            keys.check_certificate(opened.certificate, material.SIGNER)
            pdf = material.report_pdf()
            block = pdfsign.find_signer_block(pdf)
            signed = pdfsign.sign_pdf(
                pdf,
                opened.signer,
                pdfsign.SignRequest(
                    "NguoiKy",
                    block.page,
                    block.signature_box(),
                    demokeys.signature_image("x"),
                    "Ký",
                ),
            )
        finally:
            opened.close()
        result = pdfsign.check_pdf(signed, [material.root()])
        self.assertEqual(result.verdict, pdfsign.Verdict.VALID, result.summary())
        self.assertIn(material.SIGNER, result.signatures[0].signer)

    def test_a_wrong_pin_is_refused_and_the_token_still_opens_with_the_right_one(self):
        with self.assertRaisesRegex(keys.KeyProblem, "Mã PIN không đúng"):
            keys.open_pkcs11(SOFTHSM_MODULE, TOKEN, KEY, "000000")
        keys.open_pkcs11(SOFTHSM_MODULE, TOKEN, KEY, PIN).close()

    def test_an_unknown_token_label_is_said(self):
        with self.assertRaisesRegex(keys.KeyProblem, "Không mở được token “khong-co”"):
            keys.open_pkcs11(SOFTHSM_MODULE, "khong-co", KEY, PIN)
