"""`ttdn demo`'s keys: a demo CA that says it is not real, a body key per unit and a
personal key per leader, under the documented password, usable at once."""

from __future__ import annotations

import time
import unittest
from datetime import date

from cryptography import x509
from django.test import override_settings

from ttdn.demo.signing import load_signing
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting.models import IssuedReport
from ttdn.signing import demokeys, pdfsign, services
from ttdn.signing.models import SignatureKind, SigningKey, TrustedAuthority
from ttdn.signing.tests import material
from ttdn.testing import TreeTestCase


@override_settings(
    SIGNING_TRUST_DEMO_CA=True, SIGNING_TRUST_ROOTS=[], SIGNING_CRLS=[], SIGNING_TSA_URL=""
)
class DemoKeyTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.leader.first_name, cls.leader.last_name = "Hùng", "Nguyễn Văn"
        cls.leader.save()
        started = time.perf_counter()
        cls.made = load_signing(dict(OrgUnit.objects.values_list("code", "pk")))
        cls.seconds = time.perf_counter() - started

    def test_every_unit_gets_a_body_key_and_the_leader_a_personal_one(self):
        self.assertEqual(self.made["bodies"], OrgUnit.objects.count())
        self.assertEqual(self.made["people"], 1)
        key = SigningKey.objects.get(kind=SignatureKind.PERSONAL)
        self.assertEqual(key.person, self.leader)
        self.assertIn("Nguyễn Văn Hùng", key.subject)
        self.assertLess(self.seconds, 5)

    def test_the_demo_ca_says_it_is_not_real_and_is_trusted_only_in_demo_settings(self):
        authority = TrustedAuthority.objects.get()
        certificate = x509.load_pem_x509_certificate(bytes(authority.certificate))
        self.assertIn("TTĐN DEMO CA — KHÔNG DÙNG THẬT", certificate.subject.rfc4514_string())
        self.assertEqual(len(services.trust_roots()), 1)
        with self.settings(SIGNING_TRUST_DEMO_CA=False):
            self.assertEqual(services.trust_roots(), [])

    def test_loading_again_replaces_the_demo_ca_and_keys(self):
        load_signing(dict(OrgUnit.objects.values_list("code", "pk")))
        self.assertEqual(TrustedAuthority.objects.count(), 1)
        self.assertEqual(SigningKey.objects.count(), OrgUnit.objects.count() + 1)

    @unittest.skipUnless(material.HAS_SOFFICE, material.NO_SOFFICE)
    def test_the_leader_signs_with_the_documented_password_on_the_first_day(self):
        issued = IssuedReport.objects.create(
            unit=self.commune,
            year=2024,
            number=3,
            symbol="BC-UBND",
            issued_on=date(2024, 7, 3),
            period="2024S1",
            summary="Báo cáo",
            docx=b"PK",
            pdf=material.report_pdf(),
            sha256="0" * 64,
        )
        for key in services.keys_for(self.leader, issued):
            services.sign_issued_report(self.leader, issued, key, demokeys.DEMO_PASSWORD)
        result = services.check_pdf(services.signed_pdf(issued) or b"")
        self.assertEqual(result.verdict, pdfsign.Verdict.VALID, result.summary())
        self.assertEqual(len(result.signatures), 2)
