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
    # Rows of the access matrix that differ from the standard ones or add to them (Page,
    # Operation); a page given as a string takes the unit's code and that is its GET row.
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


def _progress(test):
    from ttdn.plans.models import Plan, TaskProgress

    plan = Plan.objects.create(
        issuing_unit=test.province,
        number="20/KH-UBND",
        issued_on=date(2024, 2, 23),
        title="Kế hoạch công tác thông tin đối ngoại tỉnh năm 2024",
        year=2024,
    )
    task = plan.tasks.create(
        title="Xây dựng phóng sự quảng bá du lịch",
        assignee=test.commune,
        deadline=date(2024, 9, 30),
    )
    return TaskProgress.objects.create(
        task=task, unit=test.commune, period="2024S1", status="in_progress"
    )


def _progress_body(test) -> dict:
    task_id = test.register_records["task-progress"].task_id
    return {"unit": QN, "taskId": task_id, "period": "2024S2", "status": "done"}


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
        pages={"plans:assigned": "302 200 200 200 200 200 404"},
    ),
    "task-progress": RegisterRows(
        record=_progress,
        create=_progress_body,
        patch={"note": "Đã phát sóng 02 số"},
    ),
}
