"""Demo signing keys: the demo CA (“TTĐN DEMO CA — KHÔNG DÙNG THẬT”) with its CRL, a
body key for every demo unit and a personal key for every demo leader (and unit
administrator), as PKCS#12 under the password in docs/signing.md. The CA is trusted only
where TTDN_SIGNING_TRUST_DEMO_CA is on — by default only in development mode."""

from __future__ import annotations

from cryptography.hazmat.primitives.serialization import Encoding
from django.db import transaction

from ttdn.accounts.models import Membership, Role
from ttdn.orgunits.models import OrgUnit
from ttdn.signing import demokeys
from ttdn.signing.models import KeyStore, SignatureKind, SigningKey, TrustedAuthority


def load_signing(ids: dict[str, int]) -> dict[str, int]:
    """Make the demo CA and the keys of the units ``ids`` names (code → pk); returns how
    many of each were made."""
    authority = demokeys.make_authority()
    units = OrgUnit.objects.filter(pk__in=ids.values()).order_by("path")
    signers = Membership.objects.filter(
        unit__in=units, role__in=[Role.LEADER, Role.ADMIN]
    ).select_related("user", "unit")
    with transaction.atomic():
        TrustedAuthority.objects.filter(demo=True).delete()
        TrustedAuthority.objects.create(
            name=demokeys.DEMO_CA_NAME,
            certificate=authority.pem,
            crl=demokeys.revocation_list(authority),
            demo=True,
        )
        SigningKey.objects.filter(unit__in=units).delete()
        keys = []
        for unit in units:
            email = f"{unit.code.lower()}@demo.ttdn.vn"
            key, certificate = demokeys.issue_certificate(
                authority, unit.name, organisation=unit.name, email=email
            )
            keys.append(
                SigningKey(
                    kind=SignatureKind.BODY,
                    unit=unit,
                    store=KeyStore.PKCS12,
                    pkcs12=demokeys.pkcs12_bytes(key, certificate, authority),
                    certificate=certificate.public_bytes(Encoding.DER),
                    image=demokeys.seal_image(unit.name),
                    email=email,
                )
            )
        people = 0
        for membership in signers:
            user = membership.user
            name = f"{user.last_name} {user.first_name}".strip() or user.get_username()
            key, certificate = demokeys.issue_certificate(
                authority, name, organisation=membership.unit.name
            )
            keys.append(
                SigningKey(
                    kind=SignatureKind.PERSONAL,
                    unit=membership.unit,
                    person=user,
                    store=KeyStore.PKCS12,
                    pkcs12=demokeys.pkcs12_bytes(key, certificate, authority),
                    certificate=certificate.public_bytes(Encoding.DER),
                    image=demokeys.signature_image(name),
                    email=user.email,
                )
            )
            people += 1
        SigningKey.objects.bulk_create(keys)
    return {"bodies": len(keys) - people, "people": people}
