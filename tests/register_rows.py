"""One entry per register (ttdn.registers) for the tests that walk every route: the
access matrix (tests/test_access_matrix.py) and the page fuzzer (tests/test_page_fuzz.py).
Each gives a record of the commune, a body the API accepts to create one and a change."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

QN = "BDI-QN"


@dataclass
class RegisterRows:
    """A register's pages and operations take the standard rows below unless ``pages``
    or ``operations`` say otherwise. ``record``: a record of the commune, made in the
    test's setUp; ``create``: a body the API accepts for the commune; ``patch``: a change."""

    record: Any
    create: Any
    patch: dict
    # Rows of the access matrix that differ from the standard ones (Page, Operation).
    pages: dict[str, Any] = field(default_factory=dict)
    operations: dict[str, Any] = field(default_factory=dict)


def _plan(test):
    from ttdn.plans.models import Plan

    return Plan.objects.create(
        issuing_unit=test.commune,
        number="12/KH-UBND",
        issued_on=date(2024, 3, 5),
        title="Kế hoạch thông tin đối ngoại năm 2024",
        year=2024,
    )


# One entry per register (ttdn.registers): slug → its record and bodies.
REGISTERS: dict[str, RegisterRows] = {
    "plans": RegisterRows(
        record=_plan,
        create={
            "unit": QN,
            "number": "13/KH-UBND",
            "issuedOn": "2024-04-01",
            "title": "Kế hoạch",
            "startYear": 2024,
        },
        patch={"title": "Kế hoạch thông tin đối ngoại năm 2024 (sửa đổi)"},
    ),
}
