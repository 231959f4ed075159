"""Who gets what, everywhere: every route of the URLconf and every operation of the API's
OpenAPI schema has a row in the role × route matrix below, and each cell is the status
that person gets. A route or operation missing from the matrix fails the test, so a new
page cannot go out without someone deciding who may reach it.

The people (ttdn.testing.TreeTestCase, plus a province administrator): Bình Định (BDI)
with the commune Quy Nhơn (BDI-QN) where the officer and the leader work; the viewer,
the consolidator and the administrator sit at the province; the outsider is an officer
of a commune of the sibling province Hà Nam. The rows the routes name belong to the
commune, or to the province: its request to the communes, its own report.

A cell holds one status per person, in the order of ``PEOPLE``. Rules the matrix shows
(docs/access.md): anonymous people are sent to log in (pages) or get 401 (API); a row
outside the person's units is 404, as if it did not exist; a row they may see but not
change is 403. Each request runs in a transaction rolled back after it, so no cell
depends on another.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.register_rows import QN, REGISTERS
from ttdn.accounts.models import ApiToken, Role
from ttdn.activities.models import Activity, ActivityFile
from ttdn.apiroot import api
from ttdn.archive import storage
from ttdn.archive.models import (
    Document,
    DocumentStatus,
    ImportedItem,
    ItemKind,
    Job,
    LegalDocument,
)
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.notices.models import Notice
from ttdn.reporting import services as reporting
from ttdn.reporting.models import IssuedReport, Status, Submission
from ttdn.testing import TreeTestCase, make_person

PEOPLE = ["anonymous", "viewer", "officer", "leader", "consolidator", "administrator", "outsider"]

# Routes left out of the matrix, with the reason.
NOT_IN_MATRIX = {
    "admin/": "Django's own admin: staff only, see test_the_admin_is_for_superusers_only",
}


@dataclass
class Page:
    """A route of the URLconf: how to build its arguments from the test, the statuses
    of a GET and (for a route that takes one) of an empty POST."""

    args: Any = field(default_factory=list)
    get: str = ""
    post: str | None = None


@dataclass
class Operation:
    """An operation of the API: path parameters and query from the test, a body, and
    the statuses."""

    expect: str = ""
    params: Any = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None


def _attr(name: str):
    return lambda test: getattr(test, name).pk


PK = {
    "activity": _attr("activity"),
    "activity_file": _attr("activity_file"),
    "request": _attr("request"),
    "submission": _attr("submission"),
    "submitted": _attr("submitted"),
    "own": _attr("own"),
    "issued": _attr("issued"),
    "document": _attr("document"),
    "job": _attr("job"),
    "legal": _attr("legal"),
    "notice": _attr("notice"),
    "officer": _attr("officer"),
    "officer_role": lambda test: test.officer.memberships.get().pk,
}


def args(*parts):
    return lambda test: [part(test) if callable(part) else part for part in parts]


S1 = "2024S1"

# What a GET of a route that only takes a POST gets.
POST_ONLY = "302 405 405 405 405 405 405"

# Columns: anonymous viewer officer leader consolidator administrator outsider.
# fmt: off
PAGES: dict[str, Page] = {
    "home":                             Page(get="302 200 200 200 200 200 200"),
    "favicon":                          Page(get="200 200 200 200 200 200 200"),
    "set_language":                     Page(get="302 302 302 302 302 302 302", post="302 302 302 302 302 302 302"),
    "api:openapi-json":                 Page(get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200"),
    "api:openapi-view":                 Page(get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200"),
    "api:api-root":                     Page(get="404 404 404 404 404 404 404", post="404 404 404 404 404 404 404"),
    "accounts:login":                   Page(get="200 302 302 302 302 302 302", post="200 302 302 302 302 302 302"),
    "accounts:logout":                  Page(get="405 405 405 405 405 405 405", post="302 302 302 302 302 302 302"),
    "accounts:password_change":         Page(get="302 200 200 200 200 200 200", post="302 200 200 200 200 200 200"),
    "accounts:password_change_done":    Page(get="302 200 200 200 200 200 200"),
    "accounts:password_reset":          Page(get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200"),
    "accounts:password_reset_done":     Page(get="200 200 200 200 200 200 200"),
    "accounts:password_reset_confirm":  Page(get="200 200 200 200 200 200 200", post="200 200 200 200 200 200 200", args=args("MQ", "set-password")),
    "accounts:password_reset_complete": Page(get="200 200 200 200 200 200 200"),
    "orgunits:list":                    Page(get="302 200 200 200 200 200 200"),
    # The administrator's pages for the people of its subtree; the person is the officer.
    "orgunits:people":                  Page(get="302 403 403 403 403 200 403"),
    "orgunits:person_create":           Page(get="302 403 403 403 403 200 403", post="302 403 403 403 403 200 403"),
    "orgunits:person":                  Page(get="302 403 403 403 403 200 403", args=args(PK["officer"])),
    "orgunits:person_grant":            Page(get=POST_ONLY, post="302 403 403 403 403 200 403", args=args(PK["officer"])),
    # The officer's only role: refused with a message, back to the person's page.
    "orgunits:person_revoke":           Page(get=POST_ONLY, post="302 403 403 403 403 302 403", args=args(PK["officer"], PK["officer_role"])),
    "orgunits:person_active":           Page(get=POST_ONLY, post="302 403 403 403 403 302 403", args=args(PK["officer"])),
    "orgunits:detail":                  Page(get="302 200 200 200 200 200 404", args=args(QN)),
    "orgunits:suggest":                 Page(get="302 200 200 200 200 200 200"),
    "indicators:entry":                 Page(get="302 403 200 200 403 200 404", post="302 403 200 200 403 200 404", args=args(QN, S1)),
    "indicators:draft":                 Page(get=POST_ONLY, post="302 403 200 200 403 200 404", args=args(QN, S1)),
    "indicators:draft_discard":         Page(get=POST_ONLY, post="302 403 302 302 403 302 404", args=args(QN, S1)),
    "indicators:totals":                Page(get="302 200 200 200 200 200 404", args=args(QN, S1)),
    "indicators:totals_xlsx":           Page(get="302 200 200 200 200 200 404", args=args(QN, S1)),
    "activities:evidence":              Page(get="302 200 200 200 200 200 404", args=args(PK["activity"])),
    "activities:cancel":               Page(get=POST_ONLY, post="302 403 302 302 403 302 404", args=args(PK["activity"])),
    "activities:file":                  Page(get="302 200 200 200 200 200 404", args=args(PK["activity_file"])),
    "reporting:requests":               Page(get="302 200 200 200 200 200 200"),
    "reporting:request_create":         Page(get="302 403 404 404 200 200 404", post="302 403 404 404 200 200 404", args=args("BDI")),
    "reporting:board":                  Page(get="302 200 302 302 200 200 404", args=args(PK["request"])),
    "reporting:remind":                 Page(get=POST_ONLY, post="302 403 403 403 302 302 404", args=args(PK["request"])),
    "reporting:request_edit":           Page(get="302 403 403 403 200 200 404", post="302 403 403 403 400 400 404", args=args(PK["request"])),
    "reporting:request_cancel":         Page(get=POST_ONLY, post="302 403 403 403 302 302 404", args=args(PK["request"])),
    "reporting:request_attachment":     Page(get="302 200 200 200 200 200 404", args=args(PK["request"])),
    "reporting:present":                Page(get=POST_ONLY, post="302 403 302 302 403 302 404", args=args(PK["submission"])),
    "reporting:send_back":              Page(get=POST_ONLY, post="302 403 403 302 403 302 404", args=args(PK["submission"])),
    "reporting:extend":                 Page(get=POST_ONLY, post="302 403 403 403 302 302 404", args=args(PK["submission"])),
    "reporting:submission":             Page(get="302 200 200 200 200 200 404", post="302 403 302 302 403 302 404", args=args(PK["submission"])),
    "reporting:submission_draft":       Page(get=POST_ONLY, post="302 403 200 200 403 200 404", args=args(PK["submission"])),
    "reporting:submission_draft_discard": Page(get=POST_ONLY, post="302 403 302 302 403 302 404", args=args(PK["submission"])),
    "reporting:sign":                   Page(get=POST_ONLY, post="302 403 403 302 403 302 404", args=args(PK["submission"])),
    "reporting:redraft":                Page(get=POST_ONLY, post="302 403 302 302 403 302 404", args=args(PK["submission"])),
    "reporting:basis":                  Page(get=POST_ONLY, post="302 403 404 404 302 302 404", args=args(PK["own"])),
    "reporting:issue":                  Page(get=POST_ONLY, post="302 403 403 302 403 302 404", args=args(PK["submission"])),
    "reporting:issued_document":        Page(get="302 200 200 200 200 200 404", args=args(PK["issued"], "docx")),
    "reporting:submit":                 Page(get=POST_ONLY, post="302 403 302 302 403 302 404", args=args(PK["submission"])),
    "reporting:return":                 Page(get=POST_ONLY, post="302 403 404 404 302 302 404", args=args(PK["submitted"])),
    "reporting:accept":                 Page(get=POST_ONLY, post="302 403 404 404 302 302 404", args=args(PK["submitted"])),
    "reporting:submission_document":    Page(get="302 200 200 200 200 200 404", args=args(PK["submission"], "docx")),
    "reporting:consolidated":           Page(get="302 403 404 404 200 200 404", args=args("BDI", S1)),
    "reporting:own_report":             Page(get=POST_ONLY, post="302 403 404 404 302 302 404", args=args("BDI", S1)),
    "reporting:consolidated_document":  Page(get="302 403 404 404 200 200 404", args=args("BDI", S1, "docx")),
    "archive:documents":                Page(get="302 200 200 200 200 200 404", args=args(QN)),
    "archive:upload":                   Page(get="302 403 200 200 200 200 404", post="302 403 200 200 200 200 404", args=args(QN)),
    "archive:job":                      Page(get="302 200 200 200 200 200 404", args=args(PK["job"])),
    "archive:document":                 Page(get="302 200 200 200 200 200 404", post="302 403 200 200 200 200 404", args=args(PK["document"])),
    "archive:original":                 Page(get="302 200 200 200 200 200 404", args=args(PK["document"])),
    "archive:legal":                    Page(get="302 200 200 200 200 200 404", args=args(PK["legal"])),
    "signing:sign":                     Page(get="302 200 200 200 200 200 404", post="302 403 403 403 403 403 404", args=args(PK["issued"])),
    "search":                           Page(get="302 200 200 200 200 200 200"),
    "exchange:metadata":                Page(get="302 200 200 200 200 200 200"),
    "exchange:unit":                    Page(get="302 200 200 200 200 200 404", post="302 403 200 200 403 200 404", args=args(QN)),
    "exchange:export":                  Page(get="302 200 200 200 200 200 404", args=args(QN)),
    "exchange:template_xlsx":           Page(get="302 200 200 200 200 200 404", args=args(QN, S1)),
    "exchange:template_csv":            Page(get="302 200 200 200 200 200 404", args=args(QN, S1)),
    "notices:list":                     Page(get="302 200 200 200 200 200 200"),
    # The officer's notice: no one else's to open.
    "notices:open":                     Page(get=POST_ONLY, post="302 404 302 404 404 404 404", args=args(PK["notice"])),
    "notices:read_all":                 Page(get=POST_ONLY, post="302 302 302 302 302 302 302"),
    "publishing:coverage-import":       Page(get="302 403 200 200 403 200 404", post="302 403 200 200 403 200 404", args=args(QN)),
}
# fmt: on


SUB = {"submission_id": PK["submission"]}
SUBMITTED = {"submission_id": PK["submitted"]}

# Operations by "METHOD /api/path"; anonymous callers get 401. Same columns.
# fmt: off
OPERATIONS: dict[str, Operation] = {
    "GET /api/units":                                       Operation("401 200 200 200 200 200 200"),
    "GET /api/units/{code}":                                Operation("401 200 200 200 200 200 404", {"code": lambda t: QN}),
    "GET /api/indicators":                                  Operation("401 200 200 200 200 200 200"),
    "GET /api/datavalues":                                  Operation("401 200 200 200 200 200 404", query={"orgUnit": QN, "period": S1}),
    "POST /api/datavalues":                                 Operation("401 403 200 200 403 200 404", body={"orgUnit": QN, "period": S1, "dataValues": []}),
    "GET /api/totals/{code}/{period}":                      Operation("401 200 200 200 200 200 404", {"code": lambda t: QN, "period": lambda t: S1}),
    "GET /api/charts/trend/{code}":                         Operation("401 200 200 200 200 200 404", {"code": lambda t: QN}),
    "GET /api/charts/ranking/{code}/{period}":              Operation("401 200 200 200 200 200 404", {"code": lambda t: QN, "period": lambda t: S1}),
    "GET /api/charts/completeness/{code}":                  Operation("401 200 200 200 200 200 404", {"code": lambda t: QN}),
    "GET /api/requests":                                    Operation("401 200 200 200 200 200 200"),
    "GET /api/requests/{request_id}":                       Operation("401 200 200 200 200 200 404", {"request_id": PK["request"]}),
    "GET /api/requests/{request_id}/board":                 Operation("401 200 403 403 200 200 404", {"request_id": PK["request"]}),
    "GET /api/submissions/{submission_id}":                 Operation("401 200 200 200 200 200 404", SUB),
    "PUT /api/submissions/{submission_id}/sections/{code}": Operation("401 403 200 200 403 200 404", {**SUB, "code": lambda t: "results"}, body={"text": "Kết quả", "version": 0}),
    "POST /api/submissions/{submission_id}/draft":          Operation("401 403 200 200 403 200 404", SUB, body={}),
    # 422: past the access check, refused as the report has no text yet.
    "POST /api/submissions/{submission_id}/present":        Operation("401 403 200 200 403 200 404", SUB),
    "POST /api/submissions/{submission_id}/send-back":      Operation("401 403 403 422 403 422 404", SUB, body={"comment": "Bổ sung số liệu"}),
    "POST /api/submissions/{submission_id}/submit":         Operation("401 403 422 422 403 422 404", SUB),
    "POST /api/submissions/{submission_id}/return":         Operation("401 403 404 404 200 200 404", SUBMITTED, body={"comment": "Bổ sung số liệu"}),
    "POST /api/submissions/{submission_id}/accept":         Operation("401 403 404 404 200 200 404", SUBMITTED),
    "GET /api/documents":                                   Operation("401 200 200 200 200 200 404", query={"unit": QN}),
    "GET /api/documents/{document_id}":                     Operation("401 200 200 200 200 200 404", {"document_id": PK["document"]}),
    "GET /api/search":                                      Operation("401 200 200 200 200 200 200", query={"q": "thong tin doi ngoai"}),
}
# fmt: on


def _register_rows() -> None:
    """The standard rows of every register: see the unit's subtree, enter its unit."""
    for slug, rows in REGISTERS.items():
        record = lambda test, slug=slug: test.register_records[slug].pk  # noqa: E731
        standard = {
            f"registers:{slug}-list": Page(get="302 200 200 200 200 200 404", args=args(QN)),
            f"registers:{slug}-csv": Page(get="302 200 200 200 200 200 404", args=args(QN)),
            f"registers:{slug}-xlsx": Page(get="302 200 200 200 200 200 404", args=args(QN)),
            f"registers:{slug}-create": Page(
                get="302 403 200 200 403 200 404", post="302 403 200 200 403 200 404", args=args(QN)
            ),
            f"registers:{slug}-detail": Page(get="302 200 200 200 200 200 404", args=args(record)),
            f"registers:{slug}-edit": Page(
                get="302 403 200 200 403 200 404",
                post="302 403 200 200 403 200 404",
                args=args(record),
            ),
            f"registers:{slug}-history": Page(get="302 200 200 200 200 200 404", args=args(record)),
        }
        extra = {
            name: page if isinstance(page, Page) else Page(get=page, args=args(QN))
            for name, page in rows.pages.items()
        }
        PAGES.update({**standard, **extra})
        params = {"record_id": record}
        operations = {
            f"GET /api/{slug}": Operation("401 200 200 200 200 200 404", query={"unit": QN}),
            f"POST /api/{slug}": Operation("401 403 201 201 403 201 404", body=rows.create),
            f"GET /api/{slug}/{{record_id}}": Operation("401 200 200 200 200 200 404", params),
            f"PATCH /api/{slug}/{{record_id}}": Operation(
                "401 403 200 200 403 200 404", params, body=rows.patch
            ),
            f"GET /api/{slug}/{{record_id}}/history": Operation(
                "401 200 200 200 200 200 404", params
            ),
        }
        OPERATIONS.update({**operations, **rows.operations})


_register_rows()


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = entry.namespace or namespace
            yield from _patterns(entry, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name


def _schema_operations() -> dict[str, dict]:
    """ "METHOD /api/path" → the operation, from the schema the API publishes."""
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}": operation
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def _statuses(cell: str) -> list[int]:
    statuses = [int(status) for status in cell.split()]
    if len(statuses) != len(PEOPLE):
        raise AssertionError(f"{cell!r}: one status per person, {len(PEOPLE)} in all")
    return statuses


class AccessMatrixTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.administrator = make_person("quantri.bdi", cls.province, Role.ADMIN)
        cls.tokens = {}
        for person in PEOPLE[1:]:
            _token, key = ApiToken.issue(getattr(cls, person), "access matrix")
            cls.tokens[person] = key
        save_values(
            cls.officer,
            cls.commune,
            parse_period_id("2024S1"),
            {("news_articles", ""): Decimal(12)},
        )
        cls.request = cls.issue_half_year_request(
            [cls.commune, cls.sibling], deadline=date(2099, 6, 28)
        )
        cls.submission = cls.request.submissions.get(unit=cls.commune)
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
            submission=cls.submission,
            docx=b"PK docx",
            sha256="0" * 64,
        )
        cls.job = Job.objects.create(unit=cls.commune, created_by=cls.officer)
        cls.legal = LegalDocument.objects.create(type="Kế hoạch", number="31/KH-UBND")

    def setUp(self) -> None:
        super().setUp()
        folder = self.use_scratch_folders()
        self.activity = Activity(
            unit=self.commune, type="event", title="Họp báo", start_date="2024-03-05"
        )
        self.activity.evidence_file.save("bien-ban.html", ContentFile(b"<p>x</p>"))
        self.activity_file = ActivityFile(activity=self.activity, caption="Ảnh hội nghị")
        self.activity_file.file.save("anh.jpg", ContentFile(b"\xff\xd8\xff"))
        source = folder / "bao-cao.txt"
        source.write_text("Báo cáo", encoding="utf-8")
        self.document = Document.objects.create(
            unit=self.commune,
            filename=source.name,
            stored_name=storage.save(source, source.name),
            title="Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            text="Đăng tải 12 tin, bài về thông tin đối ngoại.",
            period="2024S1",
            status=DocumentStatus.EXTRACTED,
            job=self.job,
        )
        ImportedItem.objects.create(
            document=self.document,
            kind=ItemKind.REFERENCE,
            payload={"type": "Kế hoạch", "number": "31/KH-UBND"},
            legal_document=self.legal,
        )
        self.register_records = {slug: rows.record(self) for slug, rows in REGISTERS.items()}
        letter = folder / "cong-van.pdf"
        letter.write_bytes(b"%PDF-1.4 cong van")
        self.request.attachment = storage.save(letter, letter.name)
        self.request.attachment_filename = letter.name
        self.request.save()
        self.notice = Notice.objects.filter(user=self.officer).first()
        self.client = Client(raise_request_exception=False)

    # Asking ------------------------------------------------------------------------

    def page_status(self, person: str, url: str, method: str) -> int:
        self.client.logout()
        if person != "anonymous":
            self.client.force_login(getattr(self, person))
        with transaction.atomic():
            response = getattr(self.client, method)(url, {} if method == "post" else None)
            transaction.set_rollback(True)
        return response.status_code

    def api_status(self, person: str, key: str, operation: Operation) -> int:
        method, path = key.split(" ", 1)
        url = path.format(**{name: value(self) for name, value in operation.params.items()})
        headers = (
            {} if person == "anonymous" else {"Authorization": f"Bearer {self.tokens[person]}"}
        )
        self.client.logout()
        with transaction.atomic():
            if method == "GET":
                response = self.client.get(url, operation.query, headers=headers)
            else:
                body = operation.body(self) if callable(operation.body) else operation.body
                response = self.client.generic(
                    method,
                    url,
                    data="" if body is None else json.dumps(body),
                    content_type="application/json",
                    headers=headers,
                )
            transaction.set_rollback(True)
        return response.status_code

    # The matrix ------------------------------------------------------------------------

    def test_every_route_and_operation_is_in_the_matrix(self):
        operations = _schema_operations()
        operation_paths = {key.split(" ", 1)[1] for key in operations}
        routes = set()
        for pattern, name in _patterns(get_resolver()):
            if pattern.startswith(tuple(NOT_IN_MATRIX)):
                continue
            self.assertIsNotNone(name, f"{pattern} has no name to put in the matrix")
            if "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern) not in operation_paths:
                routes.add(name)
        self.assertEqual(routes, set(PAGES), "routes of the URLconf vs rows of PAGES")
        self.assertEqual(set(operations), set(OPERATIONS), "the schema's operations vs rows")

    def test_the_admin_is_for_superusers_only(self):
        url = reverse("admin:index")
        for person in PEOPLE:
            with self.subTest(person=person):
                status = self.page_status(person, url, "get")
                self.assertEqual(status, 302)
        superuser = get_user_model().objects.create_superuser("quantri", password="x")
        self.client.force_login(superuser)
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_every_person_gets_what_the_matrix_says(self):
        started = time.monotonic()
        wrong = []
        for name, page in PAGES.items():
            url = reverse(name, args=page.args(self) if callable(page.args) else page.args)
            cells = [("get", page.get), ("post", page.post)]
            for method, cell in cells:
                if cell is None:
                    continue
                seen = [self.page_status(person, url, method) for person in PEOPLE]
                if not cell or seen != _statuses(cell):
                    wrong.append(
                        f"{name} {method.upper()}: {' '.join(map(str, seen))}  (want {cell})"
                    )
            if page.post is None:
                # A page that takes no POST says so to anyone who may reach it.
                status = self.page_status("administrator", url, "post")
                if status != 405:
                    wrong.append(f"{name} POST by administrator: {status}  (want 405)")
        for key, operation in OPERATIONS.items():
            seen = [self.api_status(person, key, operation) for person in PEOPLE]
            if not operation.expect or seen != _statuses(operation.expect):
                wrong.append(f"{key}: {' '.join(map(str, seen))}  (want {operation.expect})")
        elapsed = time.monotonic() - started
        print(f"{len(PAGES)} routes and {len(OPERATIONS)} operations in {elapsed:.1f} s")
        self.assertEqual(wrong, [], "\n".join(wrong))
