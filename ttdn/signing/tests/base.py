"""The tree of ttdn.testing with an issued report of Phường Quy Nhơn holding a real PDF,
the leader's personal key and the commune's body key (PKCS#12 from the test CA)."""

from __future__ import annotations

from datetime import date

from django.test import override_settings

from ttdn.reporting.models import IssuedReport
from ttdn.signing.models import KeyStore, SignatureKind, SigningKey
from ttdn.signing.tests import material
from ttdn.testing import TreeTestCase

LEADER_NAME = "Nguyễn Văn Hùng"


@override_settings(
    SIGNING_TRUST_DEMO_CA=True, SIGNING_TRUST_ROOTS=[], SIGNING_CRLS=[], SIGNING_TSA_URL=""
)
class SigningTestCase(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.leader.first_name, cls.leader.last_name = "Hùng", "Nguyễn Văn"
        cls.leader.save()
        cls.authority = material.trust_test_ca()
        cls.issued = IssuedReport.objects.create(
            unit=cls.commune,
            year=2024,
            number=7,
            symbol="BC-UBND",
            issued_on=date(2024, 6, 25),
            period="2024S1",
            summary="Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            docx=b"PK docx",
            pdf=material.report_pdf() if material.HAS_SOFFICE else None,
            sha256="0" * 64,
        )
        cls.personal_key = cls.make_key(SignatureKind.PERSONAL, LEADER_NAME, person=cls.leader)
        cls.body_key = cls.make_key(SignatureKind.BODY, cls.commune.name)

    @classmethod
    def make_key(cls, kind, name: str, person=None, expired: bool = False) -> SigningKey:
        data, _serial = material.p12(name, organisation=cls.commune.name, expired=expired)
        return SigningKey.objects.create(
            kind=kind,
            unit=cls.commune,
            person=person,
            store=KeyStore.PKCS12,
            pkcs12=data,
            certificate=material.der(data),
            email="quynhon@example.vn",
        )
