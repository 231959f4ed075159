"""Every page that takes a POST, fed generated values by every kind of person: text with
NUL characters, very long text, unicode, numbers in the wrong format ("1.234,5", "1e400",
"NaN"), empty and missing fields, ids that name nothing. No answer may be a server
error, and a request carrying a value no field may hold (a NUL, text past every limit)
must change nothing in the database.

The routes come from walking the URLconf: a route that answers a POST with anything but
405 must be listed in ``POST_ROUTES`` below, so a new form cannot escape the fuzzing.
The JSON API is fuzzed from its OpenAPI schema (tests/api/test_schema.py). Runs
derandomized with a fixed number of examples, so a failure reproduces."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.register_rows import QN, REGISTERS
from ttdn.accounts.models import Membership, Role
from ttdn.activities.models import Activity
from ttdn.archive.models import Document, DocumentStatus, ImportedItem, ItemKind
from ttdn.indicators.forms import DraftForm, ValuesForm
from ttdn.indicators.models import DataValue, EntryDraft, Indicator, RegisterFigure
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.notices.models import Notice
from ttdn.orgunits.forms import PersonForm, RoleForm
from ttdn.registers.base import get as get_register
from ttdn.registers.models import RecordChange
from ttdn.reporting import services as reporting
from ttdn.reporting.forms import RedraftForm, SectionsForm
from ttdn.reporting.models import (
    IssuedReport,
    ReportRequest,
    RequestEvent,
    SectionDraft,
    Status,
    Submission,
    SubmissionEvent,
    SubmissionSection,
)
from ttdn.signing.models import KeyStore, SignatureKind, SigningKey
from ttdn.signing.tests import material as signing_material
from ttdn.testing import TreeTestCase, make_person

# Per route: this many examples from the people it is for, a couple from everyone else.
LONGEST = 100_001  # past every limit, the narrative sections' 100,000 included

# Routes not fuzzed here, with the reason.
NOT_FUZZED = {
    "admin": "Django's own admin, for superusers only",
    "api": "the JSON API, fuzzed from its OpenAPI schema in tests/api/test_schema.py",
}

ROLES = [
    None,  # anonymous
    "officer",
    "leader",
    "sibling_officer",
    "province_officer",
    "consolidator",
    "viewer",
    "outsider",
    "administrator",  # the province's: manages its people
]

# Values no field may hold, and values that are merely wrong.
NUL_TEXT = st.text(max_size=8).map(lambda s: f"{s}\x00{s}")
LONG_TEXT = st.sampled_from(["x" * LONGEST, "Thông tin đối ngoại " * 5001])
WRONG = st.sampled_from(
    [
        "",
        " ",
        "1.234,5",
        "1,234.5",
        "1e400",
        "-1e400",
        "NaN",
        "Infinity",
        "-1",
        "0",
        "99999999999999999999",
        "2024-13-45",
        "31/02/2024",
        "2024S9",
        "BDI-QN",
        "on",
        "\u202egpj.exe",
        "x" * 600,
    ]
)
VALUE = st.one_of(
    WRONG, st.text(max_size=40), NUL_TEXT, LONG_TEXT, st.integers().map(str), st.just("1")
)


def refused_everywhere(value: str) -> bool:
    return "\x00" in value or len(value) >= LONGEST


@dataclass
class Route:
    """A POST route: its URL name, how to build its arguments from the test, the fields
    its form reads (name: stored — False for a field whose bad value is dropped rather
    than refused, such as a checkbox or the address to go back to), and who it is for."""

    name: str
    writer: str | None
    args: Callable = lambda test: []
    fields: Callable = lambda test: {}
    # Examples for the writer and for each other role.
    examples: tuple[int, int] = (12, 2)


def _form_fields(form: forms.BaseForm) -> dict[str, bool]:
    return {name: not isinstance(f, forms.BooleanField) for name, f in form.fields.items()}


POST_ROUTES = [
    Route("accounts:login", None, fields=lambda t: {"username": True, "password": True}),
    Route("accounts:logout", "officer"),
    Route(
        "accounts:password_change",
        "officer",
        fields=lambda t: {"old_password": False, "new_password1": False, "new_password2": False},
    ),
    Route("accounts:password_reset", None, fields=lambda t: {"email": False}),
    Route(
        "accounts:password_reset_confirm",
        None,
        args=lambda t: ["MQ", "set-password"],
        fields=lambda t: {"new_password1": False, "new_password2": False},
    ),
    Route("set_language", None, fields=lambda t: {"language": False, "next": False}),
    Route(
        "indicators:entry",
        "officer",
        args=lambda t: ["BDI-QN", "2024S1"],
        fields=lambda t: _form_fields(ValuesForm(t.indicators, {})),
    ),
    Route(
        "indicators:draft",
        "officer",
        args=lambda t: ["BDI-QN", "2024S1"],
        fields=lambda t: _form_fields(DraftForm(t.indicators)),
    ),
    Route("indicators:draft_discard", "officer", args=lambda t: ["BDI-QN", "2024S1"]),
    Route("archive:upload", "officer", args=lambda t: ["BDI-QN"], fields=lambda t: {"files": True}),
    Route(
        "publishing:coverage-import",
        "officer",
        args=lambda t: ["BDI-QN"],
        fields=lambda t: {"file": True, "rows": True},
    ),
    Route(
        "exchange:unit",
        "officer",
        args=lambda t: ["BDI-QN"],
        fields=lambda t: {"file": True, "checked": True},
    ),
    Route(
        "archive:document",
        "officer",
        args=lambda t: [t.document.pk],
        fields=lambda t: {
            "period": True,
            "unit": True,
            **{f"{p}{t.fact.pk}": True for p in "diovcs"},
            f"d{t.reference.pk}": True,
        },
    ),
    Route(
        "reporting:request_create",
        "consolidator",
        args=lambda t: ["BDI"],
        fields=lambda t: dict.fromkeys(
            [
                "number",
                "issued_on",
                "subject",
                "form",
                "period",
                "deadline",
                "kinds",
                "units",
                "convention",
            ],
            True,
        ),
    ),
    Route(
        "activities:cancel",
        "officer",
        args=lambda t: [t.register_records["activities"].pk],
        fields=lambda t: {"reason": True},
    ),
    Route("reporting:remind", "consolidator", args=lambda t: [t.request.pk]),
    Route(
        "reporting:request_edit",
        "consolidator",
        args=lambda t: [t.request.pk],
        fields=lambda t: dict.fromkeys(["version", "subject", "deadline", "form", "units"], True),
    ),
    Route(
        "reporting:request_cancel",
        "consolidator",
        args=lambda t: [t.request.pk],
        fields=lambda t: {"version": True, "reason": True},
    ),
    Route("reporting:present", "officer", args=lambda t: [t.submission.pk]),
    Route(
        "reporting:send_back",
        "leader",
        args=lambda t: [t.submission.pk],
        fields=lambda t: {"comment": True},
    ),
    Route(
        "reporting:extend",
        "consolidator",
        args=lambda t: [t.submission.pk],
        fields=lambda t: {"deadline": True, "reason": True},
    ),
    Route(
        "reporting:submission",
        "officer",
        args=lambda t: [t.submission.pk],
        fields=lambda t: _form_fields(SectionsForm(t.submission)),
    ),
    Route(
        "reporting:submission_draft",
        "officer",
        args=lambda t: [t.submission.pk],
        fields=lambda t: _form_fields(SectionsForm(t.submission)),
    ),
    Route("reporting:submission_draft_discard", "officer", args=lambda t: [t.submission.pk]),
    Route(
        "reporting:redraft",
        "officer",
        args=lambda t: [t.submission.pk],
        fields=lambda t: _form_fields(RedraftForm(t.submission)),
    ),
    Route(
        "reporting:sign",
        "leader",
        args=lambda t: [t.submission.pk],
        fields=lambda t: {"name": True, "position": True},
    ),
    Route(
        "reporting:basis",
        "consolidator",
        args=lambda t: [t.own.pk],
        fields=lambda t: {"consolidates": True, "scope": True},
    ),
    Route(
        "reporting:issue",
        "consolidator",
        args=lambda t: [t.own.pk],
        fields=lambda t: {"number": True, "issued_on": True},
    ),
    Route(
        "reporting:submit",
        "officer",
        args=lambda t: [t.submission.pk],
        fields=lambda t: {"signer_name": True, "signer_position": True},
    ),
    Route(
        "reporting:return",
        "consolidator",
        args=lambda t: [t.submitted.pk],
        fields=lambda t: {"comment": True},
    ),
    Route("reporting:accept", "consolidator", args=lambda t: [t.submitted.pk]),
    Route("reporting:own_report", "consolidator", args=lambda t: ["BDI", "2024S1"]),
    Route(
        "signing:sign",
        "leader",
        args=lambda t: [t.issued.pk],
        fields=lambda t: {"key": True, "secret": True},
    ),
    Route(
        "orgunits:person_create",
        "administrator",
        fields=lambda t: _form_fields(PersonForm()),
    ),
    Route(
        "orgunits:person_grant",
        "administrator",
        args=lambda t: [t.spare.pk],
        fields=lambda t: _form_fields(RoleForm()),
    ),
    Route(
        "orgunits:person_revoke",
        "administrator",
        args=lambda t: [t.spare.pk, t.spare.memberships.get().pk],
    ),
    Route(
        "orgunits:person_active",
        "administrator",
        args=lambda t: [t.spare.pk],
        fields=lambda t: {"active": False},
    ),
    Route("notices:open", "officer", args=lambda t: [t.notice.pk]),
    Route("notices:read_all", "officer"),
]


def _register_routes() -> list[Route]:
    """Every register's create and edit forms (tests/register_rows.py)."""
    routes = []
    for slug in REGISTERS:
        register = get_register(slug)
        fields = lambda t, register=register: _form_fields(register.form_class())  # noqa: E731
        record = lambda t, slug=slug: [t.register_records[slug].pk]  # noqa: E731
        # One view serves every register: what differs is the form, fuzzed by its writer;
        # the others are turned away before any form is read.
        few = (8, 1)
        routes.append(Route(f"registers:{slug}-create", "officer", lambda t: [QN], fields, few))
        routes.append(Route(f"registers:{slug}-edit", "officer", record, fields, few))
    return routes


POST_ROUTES += _register_routes()

# Everything a page could write, as one fingerprint of its rows.
WRITTEN = [
    DataValue,
    Activity,
    Submission,
    SubmissionSection,
    SubmissionEvent,
    ReportRequest,
    RequestEvent,
    IssuedReport,
    Document,
    ImportedItem,
    RecordChange,  # every save of any register record writes one
    RegisterFigure,
    EntryDraft,
    SectionDraft,
    Membership,
]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for model in WRITTEN:
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = entry.namespace or namespace
            yield from _patterns(entry, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


class PageFuzzTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.superuser = get_user_model().objects.create_superuser("quantri", password="x")
        cls.administrator = make_person("quantri.bdi", cls.province, Role.ADMIN)
        # Whom the administrator's forms change, so the people fuzzed as stay as they are.
        cls.spare = make_person("canbo2.quynhon", cls.commune, Role.OFFICER)
        cls.register_records = {slug: rows.record(cls) for slug, rows in REGISTERS.items()}
        cls.indicators = list(Indicator.objects.filter(active=True))
        s1 = parse_period_id("2024S1")
        save_values(cls.officer, cls.commune, s1, {("news_articles", ""): Decimal(12)})
        cls.request = cls.issue_half_year_request(
            [cls.commune, cls.sibling], deadline=date(2099, 6, 28)
        )
        cls.submission = cls.request.submissions.get(unit=cls.commune)
        cls.notice = Notice.objects.filter(user=cls.officer).first()
        cls.submitted = cls.request.submissions.get(unit=cls.sibling)
        Submission.objects.filter(pk=cls.submitted.pk).update(
            status=Status.SUBMITTED, submitted_at=timezone.now()
        )
        cls.own = reporting.own_report(cls.consolidator, cls.province, "2024S1")
        cls.issued = IssuedReport.objects.create(
            unit=cls.commune,
            year=2024,
            number=7,
            symbol="BC-UBND",
            issued_on=date(2024, 6, 25),
            period="2024S1",
            summary="Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            docx=b"PK docx",
            sha256="0" * 64,
        )
        p12, _serial = signing_material.p12("lanhdao.quynhon")
        SigningKey.objects.create(
            kind=SignatureKind.PERSONAL,
            unit=cls.commune,
            person=cls.leader,
            store=KeyStore.PKCS12,
            pkcs12=p12,
            certificate=signing_material.der(p12),
        )
        cls.document = Document.objects.create(
            unit=cls.commune,
            filename="bao-cao.txt",
            title="Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            text="Đăng tải 12 tin, bài về thông tin đối ngoại.",
            period="2024S1",
            status=DocumentStatus.EXTRACTED,
        )
        cls.fact = ImportedItem.objects.create(
            document=cls.document,
            kind=ItemKind.FACT,
            suggested_indicator=Indicator.objects.get(code="news_articles"),
            value=Decimal(12),
            payload={"value": 12, "unit": "tin, bài", "text": "Đăng tải 12 tin, bài"},
        )
        cls.reference = ImportedItem.objects.create(
            document=cls.document,
            kind=ItemKind.REFERENCE,
            payload={"type": "Kế hoạch", "number": "31/KH-UBND", "issuer": "UBND tỉnh"},
        )

    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def log_in(self, role: str | None) -> None:
        self.client.logout()
        if role is not None:
            self.client.force_login(getattr(self, role))

    def url(self, route: Route) -> str:
        return reverse(route.name, args=route.args(self))

    def test_every_route_that_takes_a_post_is_fuzzed(self):
        listed = {route.name for route in POST_ROUTES}
        taking_post = set()
        for pattern, name, _entry in _patterns(get_resolver()):
            if pattern.split("/", 1)[0] in NOT_FUZZED:
                continue
            with self.subTest(route=pattern):
                self.assertIsNotNone(name, f"{pattern} has no name to fuzz it by")
                route = next((r for r in POST_ROUTES if r.name == name), None)
                args = route.args(self) if route else self.dummy_args(pattern)
                self.client.force_login(self.superuser)  # logging out is one of the routes
                response = self.client.post(reverse(name, args=args), {})
                self.assertLess(response.status_code, 500)
                if response.status_code != 405:
                    taking_post.add(name)
        self.assertEqual(taking_post, listed)
        print(f"{len(listed)} routes take a POST; not fuzzed here: {NOT_FUZZED}")

    def dummy_args(self, pattern: str) -> list:
        names = [part.split(">")[0].split(":")[-1] for part in pattern.split("<")[1:]]
        values = {"code": "BDI-QN", "period": "2024S1", "pk": 1, "kind": "docx"}
        return [values[name] for name in names]

    def test_no_post_gets_a_server_error_and_refused_values_change_nothing(self):
        started = time.monotonic()
        counts = {}
        for route in POST_ROUTES:
            with self.subTest(route=route.name):
                counts[route.name] = self.fuzz(route)
        elapsed = time.monotonic() - started
        print(f"{sum(counts.values())} posts to {len(counts)} routes in {elapsed:.1f} s")

    def fuzz(self, route: Route) -> int:
        sent = 0
        for role in ROLES:
            examples = route.examples[0] if role == route.writer else route.examples[1]
            sent += self.fuzz_as(route, role, examples)
        return sent

    def fuzz_as(self, route: Route, role: str | None, examples: int) -> int:
        url = self.url(route)
        fields = route.fields(self)
        junk = st.dictionaries(st.sampled_from(["id", "pk", "x", "s__nope"]), VALUE, max_size=2)
        payloads = st.fixed_dictionaries({}, optional={name: VALUE for name in fields})
        sent = []

        @given(data=payloads, extra=junk)
        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(data, extra) -> None:
            self.log_in(role)
            before = fingerprint()
            response = self.client.post(url, {**extra, **data})
            sent.append(1)
            self.assertLess(response.status_code, 500, f"{route.name} as {role}: {_short(data)}")
            refused = any(
                stored and refused_everywhere(data[name])
                for name, stored in fields.items()
                if name in data
            )
            if refused:
                self.assertEqual(
                    fingerprint(), before, f"{route.name} as {role} saved {_short(data)}"
                )

        check()
        return len(sent)


def _short(data: dict) -> dict:
    return {k: (v if len(v) < 60 else f"{v[:20]}…({len(v)})") for k, v in data.items()}
