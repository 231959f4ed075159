"""Signing an issued report: the page, the service's refusals, the command line, and the
signed PDF through the issued report's download."""

from __future__ import annotations

import io
import unittest
from datetime import UTC, datetime

from cryptography import x509
from django.core.management import call_command
from django.urls import reverse

from ttdn.signing import demokeys, pdfsign, services
from ttdn.signing.models import ReportSignature, SignatureKind
from ttdn.signing.tests import material
from ttdn.signing.tests.base import LEADER_NAME, SigningTestCase
from ttdn.testing import PASSWORD


@unittest.skipUnless(material.HAS_SOFFICE, material.NO_SOFFICE)
class SignPageTests(SigningTestCase):
    def sign(self, key, secret=material.PASSWORD, user=None):
        self.client.force_login(user or self.leader)
        return self.client.post(
            reverse("signing:sign", args=[self.issued.pk]),
            {"key": key.pk, "secret": secret},
            follow=True,
        )

    def test_the_leader_signs_then_the_body_and_the_signed_pdf_is_valid(self):
        page = self.sign(self.personal_key)
        self.assertContains(page, "Đã ký số")
        self.assertContains(page, "không có dấu thời gian")
        self.assertRegex(page.content.decode(), r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d \+07:00")
        self.sign(self.body_key)
        kinds = list(self.issued.signatures.values_list("kind", flat=True))
        self.assertEqual(kinds, [SignatureKind.PERSONAL, SignatureKind.BODY])
        first = self.issued.signatures.get(kind=SignatureKind.PERSONAL)
        self.assertIn(LEADER_NAME, first.subject)
        self.assertFalse(first.timestamped)
        self.assertEqual(first.signed_by, self.leader)
        download = self.client.get(
            reverse("reporting:issued_document", args=[self.issued.pk, "signed.pdf"])
        )
        self.assertEqual(download["Content-Type"], "application/pdf")
        signed = b"".join(download.streaming_content) if download.streaming else download.content
        result = services.check_pdf(signed)
        self.assertEqual(result.verdict, pdfsign.Verdict.VALID, result.summary())
        self.assertEqual(len(result.signatures), 2)

    def test_the_bodys_seal_shows_the_unit_its_email_and_the_recorded_time(self):
        from ttdn.signing.models import signing_time
        from ttdn.signing.tests.test_pdfsign import page_text, widget_rects

        services.sign_issued_report(self.leader, self.issued, self.personal_key, material.PASSWORD)
        body = services.sign_issued_report(
            self.leader, self.issued, self.body_key, material.PASSWORD
        )
        page, _rect = widget_rects(bytes(body.pdf))[services.FIELD_NAMES[SignatureKind.BODY]]
        drawn = page_text(bytes(body.pdf), page, flatten=True)
        self.assertIn(f"Cơ quan: {self.commune.name}", drawn)
        self.assertIn("Email: quynhon@example.vn", drawn)
        self.assertIn(f"Thời gian ký: {signing_time(body.signed_at)}", drawn)

    def test_a_missing_font_refuses_the_bodys_signature_with_the_reason(self):
        services.sign_issued_report(self.leader, self.issued, self.personal_key, material.PASSWORD)
        with self.settings(SIGNING_FONT="/khong/co/phong.ttf"):
            with self.assertRaisesRegex(services.SigningRefused, "TTDN_SIGNING_FONT"):
                services.sign_issued_report(
                    self.leader, self.issued, self.body_key, material.PASSWORD
                )
        self.assertEqual(self.issued.signatures.count(), 1)

    def test_the_password_is_neither_stored_nor_shown_back(self):
        page = self.sign(self.personal_key, secret="sai-mat-khau")
        self.assertContains(page, "Mật khẩu tệp khóa (PKCS#12) không đúng")
        self.assertNotContains(page, "sai-mat-khau")
        self.assertFalse(ReportSignature.objects.exists())

    def test_the_body_cannot_sign_before_the_person(self):
        with self.assertRaisesRegex(services.SigningRefused, "Người có thẩm quyền ký trước"):
            services.sign_issued_report(self.leader, self.issued, self.body_key, material.PASSWORD)

    def test_an_expired_certificate_is_refused_with_the_reason(self):
        self.personal_key.delete()
        expired = self.make_key(SignatureKind.PERSONAL, LEADER_NAME, self.leader, expired=True)
        with self.assertRaisesRegex(services.SigningRefused, "đã hết hạn"):
            services.sign_issued_report(self.leader, self.issued, expired, material.PASSWORD)

    def test_a_certificate_revoked_by_the_demo_cas_crl_is_refused(self):
        serial = self.personal_key.x509.serial_number
        self.authority.crl = demokeys.revocation_list(material.authority(), [serial])
        self.authority.save()
        with self.assertRaisesRegex(services.SigningRefused, "đã bị thu hồi"):
            services.sign_issued_report(
                self.leader, self.issued, self.personal_key, material.PASSWORD
            )
        self.assertFalse(ReportSignature.objects.exists())

    def test_a_certificate_of_another_person_is_refused(self):
        self.leader.first_name = "Nam"
        self.leader.last_name = "Lê Văn"
        self.leader.save()
        with self.assertRaisesRegex(services.SigningRefused, "không phải cho “Lê Văn Nam”"):
            services.sign_issued_report(
                self.leader, self.issued, self.personal_key, material.PASSWORD
            )

    def test_someone_elses_key_cannot_be_used(self):
        with self.assertRaisesRegex(services.SigningRefused, "không phải của bạn"):
            services.sign_issued_report(
                self.officer, self.issued, self.personal_key, material.PASSWORD
            )
        self.client.force_login(self.officer)
        answer = self.client.post(
            reverse("signing:sign", args=[self.issued.pk]),
            {"key": self.personal_key.pk, "secret": material.PASSWORD},
        )
        self.assertEqual(answer.status_code, 403)

    def test_the_report_page_links_an_issued_pdf_to_its_signing_page(self):
        from ttdn.reporting.models import Submission

        submission = Submission.objects.create(unit=self.commune, period="2024S1")
        self.issued.submission = submission
        self.issued.save()
        self.client.force_login(self.officer)
        page = self.client.get(reverse("reporting:submission", args=[submission.pk]))
        self.assertContains(page, reverse("signing:sign", args=[self.issued.pk]))

    def test_the_page_shows_the_step_and_outsiders_get_nothing(self):
        self.client.force_login(self.leader)
        page = self.client.get(reverse("signing:sign", args=[self.issued.pk]))
        self.assertContains(page, "Chữ ký số của người có thẩm quyền")
        self.assertContains(page, 'data-testid="sign-form"')
        self.client.force_login(self.outsider)
        self.assertEqual(
            self.client.get(reverse("signing:sign", args=[self.issued.pk])).status_code, 404
        )

    def test_the_command_line_signs_as_the_person_with_the_password_from_stdin(self):
        import sys
        import tempfile
        from unittest import mock

        out, err = io.StringIO(), io.StringIO()
        with tempfile.TemporaryDirectory() as folder:
            with mock.patch.object(sys, "stdin", io.StringIO(material.PASSWORD + "\n")):
                call_command(
                    "report",
                    unit=self.commune.code,
                    period="2024S1",
                    number=7,
                    issued_on=self.issued.issued_on,
                    sign=self.leader.username,
                    out=folder,
                    stdout=out,
                    stderr=err,
                )
            self.assertIn("Đã ký số", err.getvalue())
            self.assertIn("không có dấu thời gian", err.getvalue())
            signed = [line for line in out.getvalue().split() if line.endswith(".signed.pdf")]
            self.assertEqual(len(signed), 1)
            with open(signed[0], "rb") as file:
                result = services.check_pdf(file.read())
        self.assertEqual(result.verdict, pdfsign.Verdict.VALID, result.summary())
        self.assertEqual(self.issued.signatures.count(), 1)

    def test_the_command_line_refuses_a_wrong_password_with_the_reason(self):
        import sys
        import tempfile
        from unittest import mock

        from django.core.management.base import CommandError

        with tempfile.TemporaryDirectory() as folder:
            with mock.patch.object(sys, "stdin", io.StringIO("sai\n")):
                with self.assertRaisesRegex(CommandError, "Mật khẩu tệp khóa"):
                    call_command(
                        "report",
                        unit=self.commune.code,
                        period="2024S1",
                        number=7,
                        issued_on=self.issued.issued_on,
                        sign=self.leader.username,
                        out=folder,
                        stdout=io.StringIO(),
                        stderr=io.StringIO(),
                    )


class TrustTests(SigningTestCase):
    def test_the_demo_ca_is_trusted_only_where_configured(self):
        self.assertEqual(len(services.trust_roots()), 1)
        with self.settings(SIGNING_TRUST_DEMO_CA=False):
            self.assertEqual(services.trust_roots(), [])
            self.assertEqual(services.revocation_lists(), [])

    def test_trust_roots_and_crls_come_from_the_configured_files(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as folder:
            root, crl = Path(folder) / "root.pem", Path(folder) / "ca.crl"
            root.write_bytes(material.authority().pem)
            crl.write_bytes(demokeys.revocation_list(material.authority(), [12345]))
            with self.settings(
                SIGNING_TRUST_DEMO_CA=False,
                SIGNING_TRUST_ROOTS=[str(root)],
                SIGNING_CRLS=[str(crl)],
            ):
                self.assertEqual(len(services.trust_roots()), 1)
                (revoked,) = services.revocation_lists()
                self.assertIsInstance(revoked, x509.CertificateRevocationList)
                self.assertIsNotNone(revoked.get_revoked_certificate_by_serial_number(12345))

    def test_a_report_without_pdf_cannot_be_signed(self):
        self.issued.pdf = None
        self.issued.save()
        with self.assertRaisesRegex(services.SigningRefused, "chưa có bản PDF"):
            services.sign_issued_report(
                self.leader, self.issued, self.personal_key, material.PASSWORD
            )

    def test_the_time_of_signing_is_written_as_the_decree_asks(self):
        from ttdn.signing.models import signing_time

        moment = datetime(2024, 7, 3, 2, 15, 2, tzinfo=UTC)
        self.assertEqual(signing_time(moment), "03.07.2024 09:15:02 +07:00")

    def test_the_demo_certificate_names_say_they_are_not_real(self):
        subject = material.authority().certificate.subject.rfc4514_string()
        self.assertIn("KHÔNG DÙNG THẬT", subject)
        self.assertLess(datetime.now(UTC), material.authority().certificate.not_valid_after_utc)
        self.assertTrue(PASSWORD)
