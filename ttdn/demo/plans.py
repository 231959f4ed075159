"""The demo's plan tasks: the province's 2024 plan gives its departments, the Tuy Phước
district and Quy Nhơn ward their tasks; the district's and the ward's implementing plans
give their own; each unit reports the first half year's progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ttdn.orgunits.models import OrgUnit
from ttdn.plans.models import Plan, PlanTask, TaskProgress, TaskStatus


@dataclass(frozen=True)
class TaskSpec:
    plan: str  # number of the plan
    assignee: str
    title: str
    deadline: date
    status: str = ""  # reported for 2024S1; "" for none
    note: str = ""


TASKS = [
    TaskSpec(
        "20/KH-UBND",
        "BDI-SVHTTDL",
        "Tổ chức tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024, giới thiệu sản phẩm du "
        "lịch biển Quy Nhơn",
        date(2024, 4, 30),
        TaskStatus.DONE,
        "Đã tham gia hội chợ từ ngày 18 đến ngày 21/4/2024; phát hành 3.000 ấn phẩm quảng bá.",
    ),
    TaskSpec(
        "20/KH-UBND",
        "BDI-SNGV",
        "Xây dựng và phát hành ấn phẩm giới thiệu tiềm năng hợp tác của tỉnh bằng tiếng "
        "Anh, tiếng Hàn",
        date(2024, 9, 30),
        TaskStatus.IN_PROGRESS,
        "Đã hoàn thành bản thảo tiếng Anh; đang biên dịch bản tiếng Hàn.",
    ),
    TaskSpec(
        "20/KH-UBND",
        "BDI-BPTTH",
        "Duy trì chuyên mục “Bình Định hội nhập và phát triển” trên sóng phát thanh, truyền "
        "hình tỉnh",
        date(2024, 12, 31),
        TaskStatus.IN_PROGRESS,
        "Phát sóng định kỳ 02 số/tháng.",
    ),
    TaskSpec(
        "20/KH-UBND",
        "BDI-HTP",
        "Ban hành kế hoạch thông tin đối ngoại năm 2024 trên địa bàn huyện",
        date(2024, 3, 31),
        TaskStatus.DONE,
        "Đã ban hành Kế hoạch số 59/KH-UBND ngày 12/3/2024.",
    ),
    TaskSpec(
        "20/KH-UBND",
        "BDI-QN",
        "Cập nhật thông tin quảng bá du lịch, đầu tư bằng tiếng Anh trên trang thông tin "
        "điện tử phường",
        date(2024, 6, 15),
        TaskStatus.IN_PROGRESS,
        "Đã đăng tải 12 tin, bài bằng tiếng Anh; còn thiếu chuyên mục đầu tư.",
    ),
    TaskSpec(
        "59/KH-UBND",
        "BDI-HTP",
        "Tuyên truyền về biển, đảo và thông tin đối ngoại trên hệ thống truyền thanh cơ sở",
        date(2024, 12, 31),
        TaskStatus.IN_PROGRESS,
        "Phát 48 tin, bài trên Đài Truyền thanh - Truyền hình huyện.",
    ),
    TaskSpec(
        "12/KH-UBND",
        "BDI-QN",
        "Tổ chức Ngày hội Văn hóa - Du lịch phường, quảng bá hình ảnh đến du khách",
        date(2024, 4, 30),
        TaskStatus.DONE,
        "Tổ chức ngày 20/4/2024, thu hút khoảng 12.000 lượt khách.",
    ),
]


def add_tasks(plans: dict[str, Plan], units: dict[str, OrgUnit]) -> int:
    """The tasks of the demo's plans and their 2024S1 progress; returns the tasks made."""
    made = 0
    for spec in TASKS:
        plan, assignee = plans.get(spec.plan), units.get(spec.assignee)
        if plan is None or assignee is None:
            continue
        task = PlanTask.objects.create(
            plan=plan, title=spec.title, assignee=assignee, deadline=spec.deadline
        )
        made += 1
        if spec.status:
            TaskProgress.objects.create(
                task=task, unit=assignee, period="2024S1", status=spec.status, note=spec.note
            )
    return made
