"""The API against its own OpenAPI schema: generated requests, valid and invalid, must get
no server error, only declared status codes, and bodies that match the declared schemas.
Requests carrying a NUL character (which PostgreSQL cannot store) must be refused: 400
in the path or query, 422 in the body."""

import time
from datetime import date
from decimal import Decimal

import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from ttdn.accounts.models import ApiToken
from ttdn.archive.models import Document, DocumentStatus
from ttdn.archive.search import index_document
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.registers.base import registers
from ttdn.reporting.models import ReportForm
from ttdn.reporting.services import issue_request
from ttdn.testing import TreeTestCase
from ttdn.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 20
NUL_EXAMPLES_PER_OPERATION = 5


def operation_count(schema) -> int:
    return sum(1 for _ in schema.get_all_operations())


class SchemaConformanceTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        admin = get_user_model().objects.create_superuser("quantri", password="x")
        _token, key = ApiToken.issue(admin, "schema tests")
        cls.headers = {"Authorization": f"Bearer {key}"}
        s1 = parse_period_id("2024S1")
        save_values(cls.officer, cls.commune, s1, {("news_articles", ""): Decimal(12)})
        form = ReportForm.objects.create(
            code="ttdn-6t", name="TTĐN 6 tháng", period_type="six_month"
        )
        issue_request(
            cls.consolidator,
            cls.province,
            form,
            "2024S1",
            "1440/STTTT-TTBCXB",
            date(2024, 6, 20),
            date(2024, 7, 5),
            "Kết quả công tác TTĐN 6 tháng đầu năm 2024",
            kinds=["commune"],
        )
        document = Document.objects.create(
            unit=cls.commune,
            filename="bao-cao.docx",
            title="Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            text="Phường phối hợp tổ chức hội nghị quảng bá với tỉnh Đồng Nai.",
            period="2024S1",
            status=DocumentStatus.EXTRACTED,
            extract={"kind": "report"},
        )
        index_document(document)

    def setUp(self):
        # The raw WSGI app closes the connection after each request, which would end the
        # test's transaction; Django's own test client switches this off the same way.
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def test_every_operation_conforms_to_the_schema(self):
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        started = time.monotonic()
        operations = [result.ok() for result in schema.get_all_operations()]
        # Every register's five operations (ttdn.registers.api) beside the others.
        with_api = [r for r in registers() if getattr(r, "api", None) is not None]
        self.assertEqual(len(operations), 28 + 5 * len(with_api))
        for operation in operations:
            with self.subTest(operation=operation.label):
                self.exercise(schema, operation)
        print(f"{operation_count(schema)} operations in {time.monotonic() - started:.1f} s")

    def test_a_nul_anywhere_in_a_request_is_refused_without_a_server_error(self):
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        started = time.monotonic()
        for operation in [result.ok() for result in schema.get_all_operations()]:
            with self.subTest(operation=operation.label):
                self.exercise_with_nul(operation)
        print(f"{operation_count(schema)} operations in {time.monotonic() - started:.1f} s")

    def exercise_with_nul(self, operation) -> None:
        @given(case=operation.as_strategy(GenerationMode.POSITIVE))
        @settings(
            max_examples=NUL_EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            with_nul(case)
            response = case.call(headers=self.headers)
            case.validate_response(response, checks=[not_a_server_error])
            self.assertIn(response.status_code, (400, 422), response.text)

        check()

    def exercise(self, schema, operation) -> None:
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
            *schema.get_strategies_from_examples(operation),
        )

        @given(case=cases)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            case.call_and_validate(headers=self.headers, checks=CHECKS)

        check()


def _nul_in_strings(value):
    """Every string of a JSON value with a NUL in its middle."""
    if isinstance(value, str):
        return value[: len(value) // 2] + "\x00" + value[len(value) // 2 :]
    if isinstance(value, dict):
        return {key: _nul_in_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nul_in_strings(item) for item in value]
    return value


def _has_string(value) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(_has_string(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_string(item) for item in value)
    return False


def with_nul(case) -> None:
    """Put a NUL into the body's strings if it has any, else into the query's, else the
    path's, else into an extra query parameter."""
    body = case.body if isinstance(case.body, dict | list | str) else None
    if body is not None and _has_string(body):
        case.body = _nul_in_strings(body)
    elif _has_string(case.query):
        case.query = _nul_in_strings(case.query)
    elif _has_string(case.path_parameters):
        case.path_parameters = _nul_in_strings(case.path_parameters)
    else:
        case.query = {**case.query, "note": "a\x00b"}
